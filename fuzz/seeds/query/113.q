expect who allied with Hub until 2022-06 excludes "Mid Year"
