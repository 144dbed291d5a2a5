expect who pledged allegiance to JNIM since 2023-01 includes "Daoussak leaders in Ménaka"
