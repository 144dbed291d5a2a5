expect who allied with Hub before 2013 includes "Old Ally"
