expect who fought JNIM ever includes France
