expect who allied with "Pro-separatist rebels" in 2012 includes "Ansar al Din"
