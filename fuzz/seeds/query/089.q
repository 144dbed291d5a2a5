expect who allied with Hub before 2012 includes "Old Ally"
