who pledged allegiance to AQIM
