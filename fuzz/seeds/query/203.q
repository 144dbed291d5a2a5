who fought JNIM in March 2017
