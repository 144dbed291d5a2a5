# Analysts' questions about the bundled Sahel graph, typed as analysts type
# them. `tests/cli/scripts.rs` runs this file: its answers are the golden
# file tests/golden/cli/run-phrasings.txt, and at most the few marked
# "(not understood)" below may fail.

# One relation, asked by its verb
who allied with JNIM after 2022
who leads JNIM
who founded Ansar al Din
who condemned Wagner
who courts the pro-separatist rebels
who governs Mali
who supports Mali
who targets Daoussak communities
who did Wagner target
who rivals JNIM
who is a disciple of Iyad ag Ghali
who is JNIM led by
whom does Iyad ag Ghali lead
who did JNIM pledge allegiance to
what did the Daoussak leaders in Ménaka pledge allegiance to
which groups fought JNIM in 2022
who is fighting ISGS now
who are the subgroups of JNIM
what are JNIM's subgroups
who are JNIM's allies
who is JNIM's leader
the MLF's parents
who are the rivals of JNIM

# Two actors
what ties link JNIM and the CMA
ties between JNIM and ISGS
what links MLF and Ansar al Din
is Wagner fighting JNIM
is ISGS allied with JNIM
is the MLF a subgroup of JNIM
is JNIM part of AQIM
does JNIM pledge allegiance to AQIM
did France fight JNIM in 2020
was France allied with the Daoussak militias in 2021
is the Malian junta allied with Wagner
when did Ansar al Din join JNIM
when did France stop fighting JNIM
when did Wagner ally with the Malian junta
how is Wagner connected to the MLF
how are ISGS and AQIM connected
path between JNIM and CMA

# Names as typed, and time words
show Daoussak leaders in Ménaka
show Daoussak leaders in Menaka
show Tuareg leaders in Kidal
show the MLF
who allied with JNIM?
who allied with JNIM now
who fought JNIM in March 2017
who fought JNIM in Feb 2023
who fought ISGS in mid 2022
who pledged allegiance to JNIM in early 2023
who partnered with France before November 2022

# (not understood) events are not time anchors yet
who partnered with France before the withdrawal
# (not understood) Ménaka is a place, not an actor of the graph
show Menaka
