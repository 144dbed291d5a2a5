expect who allied with Hub before 2014-01-02 includes "Ended Nov", "Old Ally"
