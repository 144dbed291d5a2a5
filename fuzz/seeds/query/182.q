what did the Daoussak leaders in Ménaka pledge allegiance to
