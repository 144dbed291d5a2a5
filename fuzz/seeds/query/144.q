expect who fought JNIM as of 2030 is not empty
