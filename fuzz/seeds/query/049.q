expect ties of CMA in 2015 excludes "Wagner Group"
