expect stats before 1900 count 2
