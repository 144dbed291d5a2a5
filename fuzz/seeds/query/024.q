expect parents of MLF as of 2016 includes "Ansar al Din"
