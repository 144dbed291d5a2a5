expect changes between 2023-02-09 and 2025 is empty
