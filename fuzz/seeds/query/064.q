expect who allied with "Wagner Group" before 2021 is empty
