is JNIM part of AQIM
