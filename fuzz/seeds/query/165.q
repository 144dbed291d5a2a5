is the MLF a subgroup of JNIM
