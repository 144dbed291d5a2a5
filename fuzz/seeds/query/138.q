expect who fought ISGS after 2022-11 includes JNIM, "Daoussak militias"
