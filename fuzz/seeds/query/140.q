expect who fought ISGS as of 2022-11 includes France
