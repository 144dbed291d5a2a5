expect changes between 2022-06 and 2022-12 includes "One Day", "Mid Year", "Ended Nov"
