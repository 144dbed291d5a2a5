expect who fought "Old Ally" ever includes Gone, "Late Born"
