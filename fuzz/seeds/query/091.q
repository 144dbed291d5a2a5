expect who allied with Hub before 2014 count 1
