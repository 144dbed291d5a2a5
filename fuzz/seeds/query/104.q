expect who allied with Hub in 2010 certainly excludes "Old Ally"
