who fought JNIM after 2022-11
