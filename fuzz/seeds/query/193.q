who are the rivals of JNIM
