is ISGS allied with JNIM
