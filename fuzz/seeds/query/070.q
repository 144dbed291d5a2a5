expect who allied with Hub after 2022-10 includes "Ended Nov"
