expect who fought JNIM as of 2030 certainly is empty
