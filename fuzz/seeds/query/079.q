expect who allied with Hub as of 2022-11-15 certainly excludes "Ended Nov"
