expect path from Grandchild to Patron ever includes Child, Hub
