expect who allied with Hub as of 2022-10 certainly includes "Ended Nov"
