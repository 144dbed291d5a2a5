expect stats as of 2022-12 count 7
