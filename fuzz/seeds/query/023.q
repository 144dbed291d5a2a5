expect parents of Grandchild is empty
