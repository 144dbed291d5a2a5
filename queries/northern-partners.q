# JNIM's partners in northern Mali (Africa File, February 2023).
# Rerun after any change to the graph: the expectations are the report's judgements.

# JNIM moved in as the Daoussak communities' security partner from mid-2022.
who allied with JNIM after 2022
expect who allied with JNIM after 2022 includes "Daoussak militias", "Daoussak communities"
# The militia partnership rests on likely coordinated offensives, not a confirmed pact.
expect who allied with JNIM after 2022 with confidence confirmed excludes "Daoussak militias"

# Daoussak leaders in Ménaka pledged allegiance to JNIM and ag Ghali after January 2023 meetings.
who pledged allegiance to JNIM
expect who pledged allegiance to JNIM since 2023-01 includes "Daoussak leaders in Ménaka"
expect who pledged allegiance to "Iyad ag Ghali" includes "Daoussak leaders in Ménaka"

# France was the Daoussak militias' partner until its drawdown left them without
# one, before JNIM stepped in during mid-2022; not until the November 2022 mission end.
expect who allied with France until 2022-11 includes "Daoussak militias"
expect who allied with France after 2022-06 is empty
expect who allied with "Daoussak militias" as of 2022-09 excludes France

# Wagner partners with the Malian junta.
expect who allied with "Wagner Group" includes "Malian junta"

# What changed around the French withdrawal.
changes between 2022 and 2023
