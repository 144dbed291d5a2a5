expect subgroups of Hub ever includes Child, Grandchild
