expect ties of "Iyad ag Ghali" includes "Ansar al Din", JNIM
