who is fighting ISGS now
