expect who fought JNIM excludes France
