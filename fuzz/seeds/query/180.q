was France allied with the Daoussak militias in 2021
