expect who allied with JNIM after 2022 with confidence confirmed excludes "Daoussak militias"
