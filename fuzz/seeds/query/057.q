expect timeline Hub includes "Old Ally", "Ended Nov"
