expect who allied with Hub during 2013 is empty
