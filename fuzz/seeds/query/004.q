expect actors of kind militia count 1
