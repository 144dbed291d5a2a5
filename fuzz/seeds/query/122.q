expect who allied with JNIM as of 2022-06 includes "Daoussak communities"
