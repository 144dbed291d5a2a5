expect who allied with Hub after 2022 excludes "Ended Nov", "Old Ally"
