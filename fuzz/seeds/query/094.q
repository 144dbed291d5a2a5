expect who allied with Hub before 2022-07 excludes "Mid Year"
