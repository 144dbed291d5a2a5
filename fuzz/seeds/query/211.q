who partnered with France before November 2022
