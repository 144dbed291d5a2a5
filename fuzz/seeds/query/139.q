expect who fought ISGS as of 2022-06 includes France
