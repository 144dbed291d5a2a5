who targets Daoussak communities
