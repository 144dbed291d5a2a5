expect who allied with Hub since 2022-12 excludes "Ended Nov"
