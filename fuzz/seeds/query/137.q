expect who fought ISGS after 2022-11 excludes France
