expect changes between 2023-01 and 2023-01 includes "Pro-separatist rebels"
