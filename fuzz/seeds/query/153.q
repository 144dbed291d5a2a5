expect who pledged allegiance to "Iyad ag Ghali" includes "Daoussak leaders in Ménaka"
