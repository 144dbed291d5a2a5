expect changes between 2022-11 and 2022-11 includes "Ended Nov"
