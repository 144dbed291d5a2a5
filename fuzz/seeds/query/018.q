expect neighbors of Grandchild depth 2 ever includes Hub
