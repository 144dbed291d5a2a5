ties of "Iyad ag Ghali"
