expect who allied with "Pro-separatist rebels" excludes "Ansar al Din"
