who allied with JNIM now
