expect who allied with Hub with confidence likely excludes "Maybe Ally"
