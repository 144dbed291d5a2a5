how is Wagner connected to the MLF
