# The Africa File's judgements (February 2023), checked claim by claim against the graph.
# Rerun after any change to the graph: every line is what the report says.

# JNIM is a merger of four groups; three are confirmed by name, the fourth
# ("former AQIM elements") only likely.
expect subgroups of JNIM count 4
expect subgroups of JNIM with confidence confirmed includes "Ansar al Din", MLF, "al Mourabitoun"
expect subgroups of JNIM with confidence confirmed excludes "AQIM Sahara emirate"

# JNIM's enemies at the report's date; France's mission had ended.
expect who fought JNIM includes ISGS, "Wagner Group", "Malian junta", "Malian army"
expect who fought JNIM excludes France
expect who is hostile to ISGS excludes France
expect who fought ISGS as of 2022-06 includes France
# Nothing fought JNIM before it existed (March 2017).
expect who fought JNIM in 2010 is empty
expect who fought JNIM ever includes France

# The MLF is the likely force behind the southern offensive against the government.
expect who fought MLF includes "Malian junta"
expect who fought MLF with confidence confirmed excludes "Malian army"

# JNIM stepped in as the Daoussak communities' partner in mid-2022, not before.
expect who allied with JNIM as of 2022-01 is empty
expect who allied with JNIM as of 2022-06 includes "Daoussak communities"
expect who allied with JNIM as of 2022-06 certainly excludes "Daoussak communities"
expect who allied with JNIM as of 2022-09 certainly includes "Daoussak communities"
expect changes between 2022-06 and 2022-12 includes "Daoussak communities"

# Personal pledges to JNIM came only after the January 2023 meetings.
expect who pledged allegiance to JNIM before 2023 is empty
expect who pledged allegiance to JNIM includes "Daoussak leaders in Ménaka"
expect who pledged allegiance to AQIM includes JNIM
expect who pledged allegiance to "Islamic State" includes ISGS

# Jihadists and separatists were allies in 2012, split by the 2013 intervention.
expect who allied with "Pro-separatist rebels" in 2012 includes "Ansar al Din"
expect who allied with "Pro-separatist rebels" excludes "Ansar al Din"
expect ties of "Pro-separatist rebels" via condemns includes "Malian junta", "Wagner Group"
# The CMA formed after 2012: no tie of it reaches back to the rebellion.
expect ties of CMA in 2012 is empty
expect ties of CMA in 2015 excludes "Wagner Group"

# Wagner came in 2021; its violence in the north is not confirmed.
expect who allied with "Wagner Group" before 2021 is empty
expect who allied with "Wagner Group" includes "Malian junta"
expect ties of "Wagner Group" via targets with confidence confirmed is empty

# In 2016 the MLF called itself Ansar al Din's Fulani branch.
expect parents of MLF as of 2016 includes "Ansar al Din"

# Ag Ghali's outreach in early 2023.
expect ties of "Iyad ag Ghali" via courts includes "Tuareg leaders in Kidal", "Northern Malian communities"
expect ties of MINUSMA via undermines includes "Malian junta"

# The dated events the report names appear in the record.
expect changes between 2022-12 and 2022-12 includes "Pro-separatist rebels", ISGS
expect changes between 2023-01 and 2023-01 includes "Pro-separatist rebels"
expect changes between 2023-02-08 and 2023-02-08 includes "Pro-separatist rebels"
expect timeline ISGS during 2022-12 is not empty
# A tie only known to hold by the report's date ("[..2023-02]") may have begun
# in any earlier window, but never certainly.
expect changes between 2022 and 2023 includes MINUSMA
expect changes between 2022 and 2023 certainly excludes MINUSMA

# Past the report's date the graph knows nothing certain.
expect who fought JNIM as of 2030 certainly is empty
expect who fought JNIM as of 2030 is not empty
