expect changes between 2022-12 and 2022-12 includes "Pro-separatist rebels", ISGS
