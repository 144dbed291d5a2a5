expect who allied with Hub after 2022-11-30 excludes "Ended Nov"
