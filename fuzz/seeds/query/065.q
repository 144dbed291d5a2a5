expect who allied with "Wagner Group" includes "Malian junta"
