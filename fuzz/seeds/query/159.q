expect who pledged allegiance to Patron includes Hub
