expect who pledged allegiance to JNIM includes "Daoussak leaders in Ménaka"
