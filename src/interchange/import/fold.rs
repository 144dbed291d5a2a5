//! Fold mode: event rows (ACLED and the like) between one pair in one
//! relation become a single tie running from the first event to the last,
//! counting its events and adding up their fatalities.

use rustc_hash::FxHashMap;

use super::index::key_ends;
use super::merge::TieRow;
use crate::model::{ActorId, RelationId, Relations};

/// The runs folded so far, in the order their pairs first appear.
#[derive(Default)]
pub(crate) struct FoldRuns {
    runs: Vec<FoldRun>,
    by_pair: FxHashMap<(ActorId, ActorId, RelationId), usize>,
}

/// The events of one pair in one relation, as one tie to be.
struct FoldRun {
    /// The first event's row, its dates widened to cover every event.
    row: TieRow,
    count: u32,
    /// The first event's line, which stands for the tie.
    line: u64,
}

/// Where a row went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Folded {
    /// It is the first event of its pair: a new run.
    NewRun,
    /// It joined the run of its pair.
    IntoRun,
}

impl FoldRuns {
    /// Folds an event row into the run of its pair (either way round for
    /// a symmetric relation), or starts one.
    pub(crate) fn add(&mut self, mut row: TieRow, line: u64, relations: &Relations) -> Folded {
        let (from, to) = key_ends(relations, row.relation, row.from, row.to);
        let first = row.start;
        let last = row.end.or(row.start);
        // The tie spans every event: each event's note keeps its own date.
        if let (Some(date), Some(note)) = (first, row.facts.details.note.as_mut()) {
            *note = format!("{date}: {note}");
        }
        match self.by_pair.get(&(from, to, row.relation)) {
            Some(&index) => {
                let run = &mut self.runs[index];
                run.count += 1;
                let span = &mut run.row;
                if let Some(first) = first {
                    if span.start.is_none_or(|f| first.first_day() < f.first_day()) {
                        span.start = Some(first);
                    }
                }
                if let Some(last) = last {
                    if span.end.is_none_or(|l| last.last_day() > l.last_day()) {
                        span.end = Some(last);
                    }
                }
                // Each row is an event of its own: their fatalities add up.
                let fatalities = match (span.facts.details.fatalities, row.facts.details.fatalities)
                {
                    (Some(a), Some(b)) => Some(a.saturating_add(b)),
                    (a, b) => a.or(b),
                };
                span.facts.absorb(row.facts);
                span.facts.details.fatalities = fatalities;
                Folded::IntoRun
            }
            None => {
                self.by_pair
                    .insert((from, to, row.relation), self.runs.len());
                row.start = first;
                row.end = last;
                self.runs.push(FoldRun {
                    row,
                    count: 1,
                    line,
                });
                Folded::NewRun
            }
        }
    }

    /// Each run as the tie row it becomes, with its event count and the
    /// line of its first event.
    pub(crate) fn into_rows(self) -> impl Iterator<Item = (TieRow, u64)> {
        self.runs.into_iter().map(|run| {
            let mut row = run.row;
            row.facts.details.events = Some(run.count);
            (row, run.line)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interchange::import::merge::TieFacts;
    use crate::model::{Actor, ActorKind, Confidence, Graph, TieDetails};

    fn event(ends: (ActorId, ActorId), relation: RelationId, date: &str) -> TieRow {
        TieRow {
            from: ends.0,
            to: ends.1,
            relation,
            start: Some(date.parse().unwrap()),
            end: None,
            facts: TieFacts {
                confidence: Confidence::Possible,
                details: TieDetails {
                    note: Some(format!("on {date}")),
                    fatalities: Some(2),
                    ..TieDetails::default()
                },
            },
            associate: false,
        }
    }

    /// Folds events between actors `a`, `b` and `c` (by index), from line 2
    /// on: where each went, and the rows of the runs.
    fn fold(
        events: &[(usize, usize, RelationId, &str)],
    ) -> ([ActorId; 3], Vec<Folded>, Vec<(TieRow, u64)>) {
        let mut graph = Graph::new("t");
        let actors = ["a", "b", "c"].map(|id| {
            graph
                .add_actor(Actor::new(id, id, ActorKind::Group))
                .unwrap()
        });
        let mut runs = FoldRuns::default();
        let mut outcomes = Vec::new();
        for (line, (from, to, relation, date)) in (2..).zip(events) {
            let mut row = event((actors[*from], actors[*to]), *relation, date);
            if *date == "2012-05-10" {
                row.facts.confidence = Confidence::Likely;
            }
            outcomes.push(runs.add(row, line, graph.relations()));
        }
        (actors, outcomes, runs.into_rows().collect())
    }

    #[test]
    fn a_run_spans_its_first_to_its_last_event_and_counts_them() {
        let hostility = RelationId::HOSTILITY;
        let ([a, b, _], outcomes, rows) = fold(&[
            (0, 1, hostility, "2012-03"),
            (1, 0, hostility, "2012-01-15"),
            (0, 2, hostility, "2013"),
            (0, 1, hostility, "2012-05-10"),
        ]);
        use Folded::{IntoRun, NewRun};
        assert_eq!(outcomes, [NewRun, IntoRun, NewRun, IntoRun]);
        assert_eq!(rows.len(), 2);
        let (ab, line) = &rows[0];
        assert_eq!(*line, 2, "the first event's line");
        assert_eq!((ab.from, ab.to), (a, b));
        assert_eq!(ab.start, Some("2012-01-15".parse().unwrap()));
        assert_eq!(ab.end, Some("2012-05-10".parse().unwrap()));
        assert_eq!(ab.facts.details.events, Some(3));
        assert_eq!(
            ab.facts.details.fatalities,
            Some(6),
            "2 in each of 3 events"
        );
        assert_eq!(ab.facts.confidence, Confidence::Likely);
        assert_eq!(
            ab.facts.details.note.as_deref(),
            Some("2012-03: on 2012-03\n2012-01-15: on 2012-01-15\n2012-05-10: on 2012-05-10")
        );
        let (ac, line) = &rows[1];
        assert_eq!((*line, ac.facts.details.events), (4, Some(1)));
        let year = Some("2013".parse().unwrap());
        assert_eq!((ac.start, ac.end), (year, year));
    }

    #[test]
    fn a_directed_relation_folds_each_way_apart() {
        let subgroup = RelationId::SUBGROUP_OF;
        let (_, outcomes, rows) = fold(&[
            (0, 1, subgroup, "2012"),
            (1, 0, subgroup, "2013"),
            (0, 1, subgroup, "2014"),
        ]);
        assert_eq!(outcomes, [Folded::NewRun, Folded::NewRun, Folded::IntoRun]);
        let counts: Vec<Option<u32>> = rows.iter().map(|(r, _)| r.facts.details.events).collect();
        assert_eq!(counts, [Some(2), Some(1)]);
    }
}
