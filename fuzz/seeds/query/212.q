who partnered with France before the withdrawal
