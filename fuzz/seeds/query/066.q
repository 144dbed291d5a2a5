expect who allied with France after 2022-06 is empty
