who allied with JNIM?
