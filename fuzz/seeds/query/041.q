expect subgroups of JNIM includes "Ansar al Din", MLF
