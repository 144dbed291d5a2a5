expect timeline "Mid-Year Partner" count 1
