who is JNIM led by
