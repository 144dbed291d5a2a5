# Every time operator at its boundaries, on tests/data/boundaries.ron.
# Mid Year: alliance 2022-07..ongoing; Ended Nov: 2014..2022-11; Old Ally: ?..2012;
# One Day: hostility on 2023-02-08 only, and alliance 2022..2023-01; Maybe Ally: possible, 2020..
# Late Born exists from 2019, Gone until 2016-06; both fight Old Ally, undated.
# The graph's date (its "now") is 2023-02.

# after T: active on some day after T ends
expect who allied with Hub after 2022 includes "Mid Year", "Maybe Ally", "One Day"
expect who allied with Hub after 2022 excludes "Ended Nov", "Old Ally"
expect who allied with Hub after 2022-10 includes "Ended Nov"
expect who allied with Hub after 2022-11 excludes "Ended Nov"
expect who allied with Hub after 2022-11-29 includes "Ended Nov"
expect who allied with Hub after 2022-11-30 excludes "Ended Nov"
expect who allied with Hub after 2023-01 excludes "One Day"
# before T: active on some day before T starts
expect who allied with Hub before 2014 count 1
expect who allied with Hub before 2014 includes "Old Ally"
expect who allied with Hub before 2014-01-02 includes "Ended Nov", "Old Ally"
expect who allied with Hub before 2013 includes "Old Ally"
expect who allied with Hub before 2012 includes "Old Ally"
expect who allied with Hub before 2022-07 excludes "Mid Year"
expect who allied with Hub before 2022-07-02 includes "Mid Year"
# since T and until T
expect who allied with Hub since 2022-12 excludes "Ended Nov"
expect who allied with Hub since 2022-11 includes "Ended Nov", "Mid Year"
expect who allied with Hub until 2013 count 1
expect who allied with Hub until 2014 includes "Ended Nov", "Old Ally"
expect who allied with Hub until 2022-06 excludes "Mid Year"
expect who allied with Hub until 2022-07-01 includes "Mid Year"
# during T / in T
expect who allied with Hub during 2013 is empty
expect who allied with Hub in 2012 includes "Old Ally"
expect who allied with Hub during 2022-11 includes "Ended Nov", "Mid Year"
# between A and B
expect who allied with Hub between 2012 and 2013 count 1
expect who allied with Hub between 2013 and 2014 includes "Ended Nov"
# as of T: the last day of T
expect who allied with Hub as of 2022-11 includes "Ended Nov"
expect who allied with Hub as of 2022-12 excludes "Ended Nov"
expect who allied with Hub as of 2023-01 includes "One Day"
expect who allied with Hub as of 2023-02 excludes "One Day"
expect who fought Hub as of 2023-02 is empty
expect who fought Hub as of 2023-02-08 includes "One Day"
expect who fought Hub during 2023-02 includes "One Day"
expect who fought Hub after 2023-02-07 includes "One Day"
expect who fought Hub after 2023-02-08 is empty
expect who fought Hub before 2023-02-08 is empty
expect who fought Hub before 2023-02-09 includes "One Day"
# confidence: likely means likely or better
expect who allied with Hub with confidence likely excludes "Maybe Ally"
expect who allied with Hub with confidence likely includes "Mid Year"
expect who allied with Hub with confidence confirmed excludes "Mid Year"
expect who allied with Hub includes "Maybe Ally"
# directed relations
expect who pledged allegiance to Patron includes Hub
expect who pledged allegiance to Hub is empty
expect subgroups of Hub ever includes Child, Grandchild
expect subgroups of Hub after 2021 excludes Grandchild
expect parents of Grandchild ever includes Child, Hub, Patron
expect ties of Hub via splinter includes Offshoot
expect ties of Hub via alliance, hostility ever count 6
expect path from Grandchild to Patron ever count 1
expect path from Grandchild to Patron ever includes Child, Hub
expect path from Grandchild to Patron ever via alliance is empty
expect neighbors of Grandchild depth 2 ever includes Hub
expect changes between 2022-11 and 2022-11 includes "Ended Nov"
expect timeline "Mid-Year Partner" count 1
expect actors of kind militia count 1
# changes, timeline, stats and neighbors take the same windows
expect changes between 2022-12 and 2022-12 excludes "Ended Nov"
expect changes between 2023-02-08 and 2023-02-08 includes "One Day"
expect changes between 2023-02-09 and 2025 is empty
expect timeline Hub during 2023 includes "One Day"
expect timeline Hub during 2023 excludes "Mid Year"
expect timeline Hub until 2014 includes "Ended Nov", "Old Ally"
expect stats as of 2022-11 count 8
expect stats as of 2022-12 count 7
expect stats before 1900 count 2
expect neighbors of Hub as of 2022-11 includes "Ended Nov"
expect neighbors of Hub as of 2022-12 excludes "Ended Nov"
expect neighbors of Grandchild depth 2 after 2021 excludes Hub

# the present: a question with no time is asked as of the graph's date
expect subgroups of Hub excludes Grandchild
expect subgroups of Hub now excludes Grandchild
expect parents of Grandchild is empty
expect who allied with Hub includes "Mid Year"
expect who allied with Hub excludes "Ended Nov", "Old Ally", "One Day"
expect ties of Hub via alliance, hostility count 2
expect stats count 6
# 13 ties, but Late Born and Gone never lived at the same time
expect stats ever count 12
# records keep all time
expect timeline Hub includes "Old Ally", "Ended Nov"
expect show Hub is not empty
# three outcomes. A year is sometime in that year: One Day's alliance began in 2022
expect who allied with Hub as of 2022-06 includes "One Day"
expect who allied with Hub as of 2022-06 certainly excludes "One Day"
expect who allied with Hub as of 2022-12 certainly includes "One Day"
expect who allied with Hub as of 2022-12 with certainty includes "One Day"
# a month end: Ended Nov ended sometime in November 2022
expect who allied with Hub as of 2022-10 certainly includes "Ended Nov"
expect who allied with Hub as of 2022-11-15 includes "Ended Nov"
expect who allied with Hub as of 2022-11-15 certainly excludes "Ended Nov"
# an unknown start is never certain in a window, only across all time
expect who allied with Hub in 2010 includes "Old Ally"
expect who allied with Hub in 2010 certainly excludes "Old Ally"
expect who allied with Hub ever certainly includes "Old Ally"
# changes agree with during about a year-only start
expect changes between 2022-06 and 2022-12 includes "One Day", "Mid Year", "Ended Nov"
expect changes between 2022-06 and 2022-12 certainly excludes "One Day"
expect who allied with Hub during 2022-06 includes "One Day"
expect who allied with Hub during 2022-06 certainly excludes "One Day"
# past the graph's date an ongoing tie is only possible
expect who allied with Hub as of 2030 includes "Mid Year"
expect who allied with Hub as of 2030 certainly is empty
expect who allied with Hub as of 2023-02 certainly includes "Mid Year"
# lifespans bound ties: none before an actor exists or after it has ended
expect who fought "Old Ally" in 2010 includes Gone
expect who fought "Old Ally" in 2010 excludes "Late Born"
expect who fought "Old Ally" as of 2020 includes "Late Born"
expect who fought "Old Ally" as of 2020 excludes Gone
expect who fought "Old Ally" ever includes Gone, "Late Born"
expect who allied with "Late Born" ever is empty
expect who fought "Old Ally" as of 2016-06 certainly is empty
