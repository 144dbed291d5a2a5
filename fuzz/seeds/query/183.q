what links MLF and Ansar al Din
