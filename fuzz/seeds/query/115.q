expect who allied with Hub with confidence confirmed excludes "Mid Year"
