expect neighbors of Hub as of 2022-11 includes "Ended Nov"
