expect changes between 2022-06 and 2022-12 certainly excludes "One Day"
