who leads JNIM
