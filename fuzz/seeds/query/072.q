expect who allied with Hub after 2022-11-29 includes "Ended Nov"
