expect neighbors of Grandchild depth 2 after 2021 excludes Hub
