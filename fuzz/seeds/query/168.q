parents of MLF
