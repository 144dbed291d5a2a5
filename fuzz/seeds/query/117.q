expect who allied with Hub with confidence likely includes "Mid Year"
