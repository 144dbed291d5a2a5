expect subgroups of JNIM count 4
