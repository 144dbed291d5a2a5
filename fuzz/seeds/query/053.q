expect ties of MINUSMA via undermines includes "Malian junta"
