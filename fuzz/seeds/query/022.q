expect parents of Grandchild ever includes Child, Hub, Patron
