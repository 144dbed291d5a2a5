# Who fights whom after the French withdrawal in November 2022 (Africa File, February 2023).

who fought JNIM after 2022-11
expect who fought JNIM after 2022-11 includes ISGS, "Wagner Group", "Malian junta"
expect who fought JNIM after 2022-11 excludes France

who fought ISGS after 2022-11
expect who fought ISGS after 2022-11 includes JNIM, "Daoussak militias"
expect who fought ISGS after 2022-11 excludes France
# France fought both until its mission ended.
expect who fought ISGS as of 2022-11 includes France

stats after 2022-11
neighbors of JNIM as of 2023-02
