expect who allied with Hub before 2014 includes "Old Ally"
