expect who allied with Hub excludes "Ended Nov", "Old Ally", "One Day"
