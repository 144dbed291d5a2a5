when did France stop fighting JNIM
