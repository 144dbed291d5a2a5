expect who allied with Hub during 2022-11 includes "Ended Nov", "Mid Year"
