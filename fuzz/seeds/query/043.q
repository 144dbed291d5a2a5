expect subgroups of JNIM with confidence confirmed includes "Ansar al Din", MLF, "al Mourabitoun"
