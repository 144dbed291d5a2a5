# Yes-or-no answers on the Karsovia graph: never surer than the weaker of a
# tie's dates and its sources' confidence.
# Sure then, confirmed: yes.
is NLA fighting KAF
# Sure then, but its only source rates it possible: possibly, and why.
is NLA fighting Presidential Guard
is NLA loyal to Dorvan
# Sure then, rated likely: likely.
did Dorvan fight Karsovia in 2023
is NLA Eastern Command fighting Sword of Faith North
# Dates leave it open and the source rates it likely: both said.
is Dorvan supporting NLA
# Across all time an undated tie surely existed, but only possibly.
is NLA allied with Highland clans ever
# `certainly` keeps time-certain ties; their rating still hedges.
is NLA fighting Presidential Guard certainly
# Lists and paths count what rests on unconfirmed ties.
who fought Presidential Guard
how is Presidential Guard connected to NLA
when did NLA fight Presidential Guard
expect is NLA fighting Presidential Guard count 1
# One subject takes the third person, whatever its name or the relation.
does Amar Tesh lead NLA
did Dorvan support NLA
does Iron Legion target Highland clans
does Oren Kal lead Karsovia
