who fought ISGS in mid 2022
