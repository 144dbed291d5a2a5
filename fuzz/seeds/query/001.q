changes between 2022 and 2023
