who is JNIM's leader
