expect changes between 2022 and 2023 certainly excludes MINUSMA
