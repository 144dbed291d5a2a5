what ties link JNIM and the CMA
