expect timeline Hub during 2023 excludes "Mid Year"
