expect who is hostile to ISGS excludes France
