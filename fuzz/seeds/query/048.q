expect ties of CMA in 2012 is empty
