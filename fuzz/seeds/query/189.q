who allied with JNIM after 2022
