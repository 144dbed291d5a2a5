show Daoussak leaders in Menaka
