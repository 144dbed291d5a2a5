expect who allied with Hub as of 2023-01 includes "One Day"
