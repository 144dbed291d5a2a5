expect timeline Hub during 2023 includes "One Day"
