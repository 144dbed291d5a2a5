expect who allied with Hub between 2012 and 2013 count 1
