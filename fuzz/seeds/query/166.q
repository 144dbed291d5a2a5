is the Malian junta allied with Wagner
