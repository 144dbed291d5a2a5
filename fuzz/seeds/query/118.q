expect who allied with JNIM after 2022 includes "Daoussak militias", "Daoussak communities"
