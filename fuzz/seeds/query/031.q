expect stats as of 2022-11 count 8
