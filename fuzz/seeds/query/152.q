expect who pledged allegiance to "Islamic State" includes ISGS
