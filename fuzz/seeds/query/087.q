expect who allied with Hub as of 2030 certainly is empty
