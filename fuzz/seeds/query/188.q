which groups fought JNIM in 2022
