expect who allied with Hub between 2013 and 2014 includes "Ended Nov"
