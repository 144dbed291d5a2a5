ties between JNIM and ISGS
