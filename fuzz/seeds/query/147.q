expect who fought JNIM in 2010 is empty
