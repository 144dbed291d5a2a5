the MLF's parents
