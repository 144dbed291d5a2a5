who fought JNIM in Feb 2023
