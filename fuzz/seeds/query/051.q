expect ties of Hub via alliance, hostility ever count 6
