expect who allied with Hub after 2022 includes "Mid Year", "Maybe Ally", "One Day"
