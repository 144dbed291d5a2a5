expect who pledged allegiance to Hub is empty
