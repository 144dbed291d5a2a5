expect who allied with Hub before 2022-07-02 includes "Mid Year"
