what are JNIM's subgroups
