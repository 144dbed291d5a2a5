did France fight JNIM in 2020
