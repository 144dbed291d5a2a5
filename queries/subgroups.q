# JNIM's structure and its place in al Qaeda (Africa File, February 2023).

subgroups of JNIM
expect subgroups of JNIM includes "Ansar al Din", MLF
# Ansar al Din is the subgroup active in the north; the MLF is based in central Mali.
parents of MLF
expect parents of MLF includes JNIM, AQIM
expect parents of "Ansar al Din" includes JNIM

# JNIM remains an affiliate of AQIM, itself al Qaeda's North African branch.
who pledged allegiance to AQIM
expect who pledged allegiance to AQIM includes JNIM
expect path from MLF to "al Qaeda" is not empty

# Iyad ag Ghali founded Ansar al Din and leads JNIM.
ties of "Iyad ag Ghali"
expect ties of "Iyad ag Ghali" includes "Ansar al Din", JNIM
