expect who allied with Hub during 2022-06 includes "One Day"
