who are JNIM's allies
