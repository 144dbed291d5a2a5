expect who allied with JNIM as of 2022-01 is empty
