expect changes between 2023-02-08 and 2023-02-08 includes "Pro-separatist rebels"
