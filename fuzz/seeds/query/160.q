how are ISGS and AQIM connected
