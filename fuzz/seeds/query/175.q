stats after 2022-11
