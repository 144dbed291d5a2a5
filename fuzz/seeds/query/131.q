expect who fought Hub after 2023-02-08 is empty
