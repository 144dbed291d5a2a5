when did Wagner ally with the Malian junta
