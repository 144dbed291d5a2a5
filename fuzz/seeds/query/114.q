expect who allied with Hub until 2022-07-01 includes "Mid Year"
