expect who allied with Hub as of 2022-12 excludes "Ended Nov"
