who founded Ansar al Din
