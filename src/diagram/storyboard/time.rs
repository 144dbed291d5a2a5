//! A storyboard frame's time: what its title says of it, and which of its
//! ties are new since the previous frame.

use std::collections::BTreeSet;

use crate::model::{Day, Graph, TieId, Window};

/// A frame's time in its title: "in 2021", or "in 2023 (data to Feb
/// 2023)" for a year the graph's data does not reach the end of, whose
/// frame shows only what was known by then.
pub(super) fn frame_time(graph: &Graph, window: Window, year: i32) -> String {
    match graph.as_of() {
        Some(as_of) if window.last > graph.known_until() => {
            format!("in {year} (data to {})", as_of.in_short_words())
        }
        _ => format!("in {year}"),
    }
}

/// The ties new in each frame, given each frame's window and the ties it
/// draws: those the source says began since the previous frame, by their
/// start as written. A start known only roughly may draw a tie a frame
/// early, as possible ("c. Jan 2023" in a 2022 frame); it is new in the
/// frame of its stated start, not where it first shows, so flipping the
/// slides does not say it began a year before the source does. A tie that
/// first shows for any other reason (an actor a hop nearer the focus, an
/// actor's life begun) is not new, and neither is one whose start names
/// no day ("by Feb 2023", undated): nothing says it began then.
pub(super) fn new_in_each_frame(
    graph: &Graph,
    frames: &[(Window, &BTreeSet<TieId>)],
) -> Vec<BTreeSet<TieId>> {
    // The day the source puts the start at; a start known only to be on
    // or before a day ("by Feb 2023") names no day it began.
    let stated_start = |tie: TieId| -> Option<Day> {
        let start = graph.tie(tie)?.tie.start()?;
        (!start.is_on_or_before()).then(|| start.sort_day())
    };
    let mut new_ties = vec![BTreeSet::new()];
    for pair in frames.windows(2) {
        let [(before, _), (window, drawn)] = pair else {
            continue;
        };
        let new = drawn
            .iter()
            .copied()
            .filter(|tie| {
                stated_start(*tie).is_some_and(|day| before.last < day && day <= window.last)
            })
            .collect();
        new_ties.push(new);
    }
    new_ties.truncate(frames.len());
    new_ties
}

#[cfg(test)]
mod tests {
    use super::{frame_time, new_in_each_frame};
    use crate::diagram::sketch::Sketch;
    use crate::model::{ActorKind, Confidence, Graph, PartialDate, RelationId, Tie, TieId, Window};
    use std::collections::BTreeSet;

    fn year(y: i32) -> Window {
        let date = PartialDate::year(y).unwrap();
        Window::new(date.first_day(), date.last_day())
    }

    /// The new ties of yearly frames drawing `drawn`.
    fn new_in_years(
        graph: &Graph,
        years: [i32; 3],
        drawn: &[BTreeSet<TieId>; 3],
    ) -> Vec<BTreeSet<TieId>> {
        let frames: Vec<(Window, &BTreeSet<TieId>)> =
            years.map(year).into_iter().zip(drawn).collect();
        new_in_each_frame(graph, &frames)
    }

    #[test]
    fn a_tie_is_new_in_the_frame_of_its_stated_start() {
        let mut s = Sketch::new("Starts");
        let a = s.actor("a", ActorKind::Group, None);
        let b = s.actor("b", ActorKind::Group, None);
        let mut tie = |start: Option<&str>| {
            let start = start.map(|d| d.parse::<PartialDate>().unwrap());
            let tie = Tie::new(RelationId::ALLIANCE, start, None, Confidence::Confirmed);
            s.graph.add_tie(a, b, tie).unwrap()
        };
        let rough = tie(Some("2023-01~"));
        let plain = tie(Some("2022-03"));
        let span = tie(Some("[2021..2022]"));
        let by = tie(Some("[..2023-02]"));
        let undated = tie(None);
        let graph = s.graph;
        // What each yearly frame draws, as its view would: the rough start
        // shows, as possible, in 2022; the span from 2021.
        let drawn: [BTreeSet<TieId>; 3] = [
            BTreeSet::from([span, by]),
            BTreeSet::from([rough, plain, span, by, undated]),
            BTreeSet::from([rough, plain, span, by, undated]),
        ];
        let new = new_in_years(&graph, [2021, 2022, 2023], &drawn);
        assert_eq!(new.len(), 3);
        assert!(new[0].is_empty(), "the first frame has nothing to compare");
        // "c. Jan 2023" began in 2023 as the source says it, not in 2022
        // where it first shows as possible.
        // Nor is a start that names no day new where it first shows.
        assert_eq!(new[1], BTreeSet::from([plain]));
        assert_eq!(new[2], BTreeSet::from([rough]));
    }

    #[test]
    fn a_frame_past_the_datas_date_says_how_far_the_data_goes() {
        let mut graph = Sketch::new("Dated").graph;
        assert_eq!(frame_time(&graph, year(2023), 2023), "in 2023");
        graph.set_as_of(Some("2023-02".parse().unwrap()));
        assert_eq!(frame_time(&graph, year(2022), 2022), "in 2022");
        assert_eq!(
            frame_time(&graph, year(2023), 2023),
            "in 2023 (data to Feb 2023)"
        );
        assert_eq!(
            frame_time(&graph, year(2024), 2024),
            "in 2024 (data to Feb 2023)"
        );
        graph.set_as_of(Some("2023-12-31".parse().unwrap()));
        assert_eq!(frame_time(&graph, year(2023), 2023), "in 2023");
    }

    #[test]
    fn a_tie_that_shows_without_beginning_is_not_new() {
        let mut s = Sketch::new("Shows");
        let a = s.actor("a", ActorKind::Group, None);
        let b = s.actor("b", ActorKind::Group, None);
        let old = s.tie(
            a,
            b,
            RelationId::HOSTILITY,
            (Some(2015), None),
            Confidence::Confirmed,
        );
        let undated = s.tie(
            a,
            b,
            RelationId::ALLIANCE,
            (None, None),
            Confidence::Confirmed,
        );
        let graph = s.graph;
        // Not drawn in 2020 (say, an actor a hop further then), drawn in
        // 2021: it began in 2015, and nothing says the undated one began.
        let drawn = [
            BTreeSet::from([old]),
            BTreeSet::new(),
            BTreeSet::from([old, undated]),
        ];
        let new = new_in_years(&graph, [2019, 2020, 2021], &drawn);
        assert_eq!(new, vec![BTreeSet::new(); 3]);
    }
}
