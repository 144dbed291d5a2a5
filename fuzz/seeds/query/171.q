show Daoussak leaders in Ménaka
