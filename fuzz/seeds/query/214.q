who pledged allegiance to JNIM
