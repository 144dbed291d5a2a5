who courts the pro-separatist rebels
