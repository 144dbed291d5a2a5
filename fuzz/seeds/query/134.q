expect who fought Hub before 2023-02-08 is empty
