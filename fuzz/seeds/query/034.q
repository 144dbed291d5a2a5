expect stats count 6
