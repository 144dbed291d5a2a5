expect path from Grandchild to Patron ever via alliance is empty
