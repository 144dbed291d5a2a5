expect subgroups of Hub after 2021 excludes Grandchild
