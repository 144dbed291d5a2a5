//! Counting active ties by relation without scanning: per relation, the
//! sorted first and last possible days of its ties.

use super::Graph;
use crate::model::relation::{Confidence, RelationId};
use crate::model::tie::TieFilter;
use crate::model::time::{Certainty, Day, Window};

/// One relation's ties' first and last possible days, each sorted.
#[derive(Clone, Debug, Default)]
pub(super) struct ActiveDays {
    pub(super) firsts: Vec<Day>,
    pub(super) lasts: Vec<Day>,
}

impl Graph {
    /// How many ties of `relation` that `filter` accepts. Without a
    /// confidence floor this is two binary searches in a per-relation index
    /// of sorted first and last days; with one it scans the ties.
    pub fn count_active(&self, relation: RelationId, filter: &TieFilter) -> usize {
        if filter
            .relations
            .as_ref()
            .is_some_and(|r| !r.contains(&relation))
            || filter.window.is_empty()
        {
            return 0;
        }
        if filter.min_confidence > Confidence::Possible
            || filter.min_certainty > Certainty::Possibly
            || filter.source.is_some()
        {
            return self
                .ties(filter)
                .filter(|t| t.tie.relation == relation)
                .count();
        }
        let (firsts, lasts) = self.day_lists(relation.index());
        let Window { first, last } = filter.window;
        // Possibly active in [first, last] ⇔ may start on or before `last`
        // and may end on or after `first`; those ending before `first` all
        // start before it (bounds are kept consistent; lists read in place
        // are not checked, hence the saturation).
        let started = firsts.partition_point(|&d| d <= last);
        let ended = lasts.partition_point(|&d| d < first);
        started.saturating_sub(ended)
    }

    /// The earliest day any tie can have held, over the ties whose time
    /// the graph bounds on that side (by a start, an end, or an actor's
    /// life); `None` when no tie is bounded so. A view before it can show
    /// only ties with no known start. Read from the per-relation index.
    pub fn earliest_dated_day(&self) -> Option<Day> {
        (0..self.relations.len())
            .flat_map(|relation| {
                let (firsts, lasts) = self.day_lists(relation);
                // Sorted: the open starts come first, skipped by a binary search.
                let open = firsts.partition_point(|&d| d == Day::MIN);
                let started = firsts.get(open).copied();
                let ended = lasts.first().copied().filter(|&d| d < Day::MAX);
                [started, ended]
            })
            .flatten()
            .min()
    }

    pub(super) fn build_active_days(&self) -> Vec<ActiveDays> {
        let mut index = vec![ActiveDays::default(); self.relations.len()];
        for tie in self.all_ties() {
            let bounds = self.bounds(tie);
            if bounds.is_impossible() {
                continue;
            }
            let days = &mut index[tie.tie.relation.index()];
            days.firsts.push(bounds.start.0);
            days.lasts.push(bounds.end.1);
        }
        for days in &mut index {
            days.firsts.sort_unstable();
            days.lasts.sort_unstable();
        }
        index
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Window;
    use crate::model::{PartialDate, Tie};

    fn date(text: &str) -> Option<PartialDate> {
        Some(text.parse().unwrap())
    }

    #[test]
    fn counting_by_index_agrees_with_a_scan() {
        let mut graph = Graph::new("t");
        let actors = crate::model::numbered_actors(&mut graph, 6);
        let spans = [
            (None, None),
            (date("2014"), date("2022-11")),
            (None, date("2012")),
            (date("2023-02-08"), date("2023-02-08")),
            (date("2022-07"), None),
            (date("2020-02"), date("2020-02-29")),
        ];
        for (i, (start, end)) in spans.iter().enumerate() {
            for relation in [RelationId::ALLIANCE, RelationId::HOSTILITY] {
                let tie = Tie::new(relation, *start, *end, Confidence::Likely);
                graph.add_tie(actors[i], actors[(i + 1) % 6], tie);
            }
        }
        let days: Vec<Day> = [
            "2011-06-01",
            "2012-12-31",
            "2013-01-01",
            "2020-02-29",
            "2022-11-30",
            "2022-12-01",
            "2023-02-08",
            "2023-02-09",
        ]
        .iter()
        .map(|d| d.parse::<PartialDate>().unwrap().first_day())
        .chain([Day::MIN, Day::MAX])
        .collect();
        for &a in &days {
            for &b in &days {
                let filter = TieFilter::default().during(Window::new(a, b));
                let scanned = graph
                    .ties(&filter)
                    .filter(|t| t.tie.relation == RelationId::ALLIANCE)
                    .count();
                assert_eq!(
                    graph.count_active(RelationId::ALLIANCE, &filter),
                    scanned,
                    "window {a}..{b}"
                );
            }
        }
        // The index follows changes to the ties.
        let everywhere = TieFilter::default().during(Window::on(days[0]));
        assert_eq!(graph.count_active(RelationId::ALLIANCE, &everywhere), 2);
        let first = graph.all_ties().next().unwrap().id;
        graph.remove_tie(first);
        assert_eq!(graph.count_active(RelationId::ALLIANCE, &everywhere), 1);
        let confident = TieFilter {
            min_confidence: Confidence::Confirmed,
            ..TieFilter::default()
        };
        assert_eq!(graph.count_active(RelationId::HOSTILITY, &confident), 0);
    }

    #[test]
    fn the_earliest_dated_day_skips_open_starts_and_reads_ends() {
        let mut graph = Graph::new("t");
        assert_eq!(graph.earliest_dated_day(), None);
        let actors = crate::model::numbered_actors(&mut graph, 3);
        let undated = Tie::new(RelationId::ALLIANCE, None, None, Confidence::Likely);
        graph.add_tie(actors[0], actors[1], undated);
        assert_eq!(
            graph.earliest_dated_day(),
            None,
            "an undated tie dates nothing"
        );
        let later = Tie::new(
            RelationId::HOSTILITY,
            date("2014"),
            None,
            Confidence::Likely,
        );
        graph.add_tie(actors[1], actors[2], later);
        let day = |text: &str| text.parse::<PartialDate>().unwrap().first_day();
        assert_eq!(graph.earliest_dated_day(), Some(day("2014")));
        let ended = Tie::new(
            RelationId::ALLIANCE,
            None,
            date("2012-05"),
            Confidence::Likely,
        );
        graph.add_tie(actors[0], actors[2], ended);
        assert_eq!(graph.earliest_dated_day(), Some(day("2012-05-31")));
    }
}
