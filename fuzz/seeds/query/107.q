expect who allied with Hub includes "Maybe Ally"
