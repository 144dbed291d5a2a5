expect who fought "Old Ally" as of 2016-06 certainly is empty
