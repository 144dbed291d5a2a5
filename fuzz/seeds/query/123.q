expect who allied with JNIM as of 2022-09 certainly includes "Daoussak communities"
