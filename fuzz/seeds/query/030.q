expect show Hub is not empty
