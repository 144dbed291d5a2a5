expect parents of "Ansar al Din" includes JNIM
