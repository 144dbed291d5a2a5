does JNIM pledge allegiance to AQIM
