expect who allied with Hub in 2010 includes "Old Ally"
