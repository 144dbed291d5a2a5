expect who pledged allegiance to JNIM before 2023 is empty
