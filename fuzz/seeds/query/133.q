expect who fought Hub as of 2023-02-08 includes "One Day"
