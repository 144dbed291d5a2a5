path between JNIM and CMA
