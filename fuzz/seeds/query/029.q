expect path from MLF to "al Qaeda" is not empty
