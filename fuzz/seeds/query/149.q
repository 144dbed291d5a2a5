expect who fought MLF includes "Malian junta"
