show Menaka
