expect who allied with "Late Born" ever is empty
