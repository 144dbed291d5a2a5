expect who allied with France until 2022-11 includes "Daoussak militias"
