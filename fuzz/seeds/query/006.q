expect changes between 2022 and 2023 includes MINUSMA
