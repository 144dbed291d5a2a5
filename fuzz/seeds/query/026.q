expect path from Grandchild to Patron ever count 1
