expect who fought MLF with confidence confirmed excludes "Malian army"
