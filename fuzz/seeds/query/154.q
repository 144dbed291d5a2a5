expect who pledged allegiance to AQIM includes JNIM
