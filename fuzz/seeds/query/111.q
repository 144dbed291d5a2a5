expect who allied with Hub until 2013 count 1
