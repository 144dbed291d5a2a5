expect who allied with Hub as of 2022-11 includes "Ended Nov"
