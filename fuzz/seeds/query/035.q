expect stats ever count 12
