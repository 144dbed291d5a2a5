expect who allied with Hub since 2022-11 includes "Ended Nov", "Mid Year"
