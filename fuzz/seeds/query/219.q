whom does Iyad ag Ghali lead
