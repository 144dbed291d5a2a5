expect who allied with Hub as of 2023-02 excludes "One Day"
