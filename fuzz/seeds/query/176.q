subgroups of JNIM
