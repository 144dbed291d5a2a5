expect who fought "Old Ally" as of 2020 includes "Late Born"
