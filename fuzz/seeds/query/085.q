expect who allied with Hub as of 2023-02 certainly includes "Mid Year"
