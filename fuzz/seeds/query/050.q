expect ties of Hub via alliance, hostility count 2
