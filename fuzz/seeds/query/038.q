expect subgroups of Hub excludes Grandchild
