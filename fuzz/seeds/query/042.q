expect subgroups of JNIM with confidence confirmed excludes "AQIM Sahara emirate"
