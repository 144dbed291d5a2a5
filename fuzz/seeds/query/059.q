expect timeline ISGS during 2022-12 is not empty
