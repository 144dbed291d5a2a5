who are the subgroups of JNIM
