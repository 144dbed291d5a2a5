expect who allied with Hub ever certainly includes "Old Ally"
