expect who fought Hub after 2023-02-07 includes "One Day"
