expect who fought "Old Ally" in 2010 excludes "Late Born"
