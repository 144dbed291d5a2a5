show the MLF
