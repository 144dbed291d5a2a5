who pledged allegiance to JNIM in early 2023
