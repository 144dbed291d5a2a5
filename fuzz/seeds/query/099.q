expect who allied with Hub during 2022-06 certainly excludes "One Day"
