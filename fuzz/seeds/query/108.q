expect who allied with Hub includes "Mid Year"
