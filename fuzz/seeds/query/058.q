expect timeline Hub until 2014 includes "Ended Nov", "Old Ally"
