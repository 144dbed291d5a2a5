expect who allied with Hub after 2023-01 excludes "One Day"
