expect who fought JNIM after 2022-11 includes ISGS, "Wagner Group", "Malian junta"
