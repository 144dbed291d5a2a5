expect who allied with Hub as of 2022-06 includes "One Day"
