expect who fought JNIM includes ISGS, "Wagner Group", "Malian junta", "Malian army"
