expect subgroups of Hub now excludes Grandchild
