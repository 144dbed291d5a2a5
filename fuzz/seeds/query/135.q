expect who fought Hub before 2023-02-09 includes "One Day"
