expect who allied with Hub after 2022-11 excludes "Ended Nov"
