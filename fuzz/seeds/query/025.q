expect parents of MLF includes JNIM, AQIM
