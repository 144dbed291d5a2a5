expect who allied with Hub in 2012 includes "Old Ally"
