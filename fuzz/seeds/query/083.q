expect who allied with Hub as of 2022-12 with certainty includes "One Day"
