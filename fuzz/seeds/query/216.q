who rivals JNIM
