expect who allied with Hub as of 2022-12 certainly includes "One Day"
