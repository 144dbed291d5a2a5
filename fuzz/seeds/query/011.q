expect changes between 2022-12 and 2022-12 excludes "Ended Nov"
