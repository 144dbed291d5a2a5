expect who fought "Old Ally" in 2010 includes Gone
