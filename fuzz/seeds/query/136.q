expect who fought Hub during 2023-02 includes "One Day"
