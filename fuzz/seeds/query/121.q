expect who allied with JNIM as of 2022-06 certainly excludes "Daoussak communities"
