who supports Mali
