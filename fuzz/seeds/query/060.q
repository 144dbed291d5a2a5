expect who allied with "Daoussak militias" as of 2022-09 excludes France
