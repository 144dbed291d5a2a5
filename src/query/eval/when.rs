//! The time a question asks about: its window of days, the words that say
//! so in the answer, and the caveat when the window lies past the graph's date.

use super::super::ast::TimeOp;
use crate::model::time::{civil_from_days, DAY_MAX, DAY_MIN};
use crate::model::{Day, Graph, Window};

/// The time a question is asked about: its window, the words that say so,
/// and any caveat about what the graph can know.
pub(super) struct Asked {
    pub(super) window: Window,
    pub(super) label: String,
    pub(super) notes: Vec<String>,
}

pub(super) fn asked(graph: &Graph, time: Option<TimeOp>, record: bool) -> Asked {
    let present = graph.as_of();
    let (window, label) = match (time, present) {
        (None, Some(as_of)) if record => (
            Window::ALL,
            format!("all time; now is {as_of}, the graph's date"),
        ),
        (None, None) if record => (Window::ALL, "all time".to_string()),
        (None | Some(TimeOp::Now), Some(as_of)) => (
            Window::on(as_of.last_day()),
            format!("as of {as_of} (the graph's date)"),
        ),
        (None | Some(TimeOp::Now), None) => (
            Window::ALL,
            "all time (the graph has no as-of date)".to_string(),
        ),
        (Some(op), _) => (window_of(Some(op)), time_label(graph, op)),
    };
    Asked::of(graph, window, label)
}

impl Asked {
    /// A window and its words, with a note when the whole window lies past
    /// what the graph knows.
    pub(super) fn of(graph: &Graph, window: Window, label: String) -> Asked {
        let mut notes = Vec::new();
        if let Some(note) = before_every_date(graph, window, &label) {
            notes.push(note);
        }
        if let Some(as_of) = graph.as_of() {
            if window.first > graph.known_until() && !window.is_empty() {
                notes.push(format!(
                    "the graph's knowledge ends at {as_of}: a tie ongoing then is only possibly active after it"
                ));
            }
        }
        Asked {
            window,
            label,
            notes,
        }
    }
}

/// The caveat for a window that ends before the graph's earliest dated
/// tie: nothing is known to hold then, so an answer or picture holds only
/// ties with no known earliest start (possibly held) or nothing at all.
fn before_every_date(graph: &Graph, window: Window, label: &str) -> Option<String> {
    if window.is_empty() || window.last == DAY_MAX {
        return None;
    }
    let earliest = graph.earliest_dated_day()?;
    (window.last < earliest).then(|| {
        let (year, _, _) = civil_from_days(earliest);
        format!(
            "the time asked ends before the graph's earliest dated tie ({year}): nothing is \
             known to hold {label}; a tie shown has no known earliest start, so it only possibly held"
        )
    })
}

/// The window a time operator keeps; see docs/QUERIES.md. `now` needs the
/// graph's date, so it is resolved by the caller; here it is all time.
pub fn window_of(time: Option<TimeOp>) -> Window {
    let Some(time) = time else { return Window::ALL };
    let before = |day: Day| day.saturating_sub(1);
    let after = |day: Day| day.saturating_add(1);
    match time {
        TimeOp::After(d) => Window::new(after(d.last_day()), DAY_MAX),
        TimeOp::Before(d) => Window::new(DAY_MIN, before(d.first_day())),
        TimeOp::Since(d) => Window::new(d.first_day(), DAY_MAX),
        TimeOp::Until(d) => Window::new(DAY_MIN, d.last_day()),
        TimeOp::During(d) => Window::new(d.first_day(), d.last_day()),
        TimeOp::Between(a, b) => Window::new(a.first_day(), b.last_day()),
        TimeOp::AsOf(d) => Window::on(d.last_day()),
        TimeOp::Now | TimeOp::Ever => Window::ALL,
    }
}

/// The period a time operator names, where it keeps less: `as of 2019-06`
/// judges ties on 30 June 2019 but names all of June 2019, in which a
/// picture's `dates changes` shows what began or ended. `None` where the
/// window is the period named.
pub fn named_period(graph: &Graph, time: Option<TimeOp>) -> Option<Window> {
    let named = match time {
        Some(TimeOp::AsOf(d)) => d,
        Some(TimeOp::Now) => graph.as_of()?,
        _ => return None,
    };
    Some(Window::new(named.first_day(), named.last_day()))
}

/// The time operator in words, for titles.
pub fn time_label(graph: &Graph, time: TimeOp) -> String {
    match time {
        TimeOp::Now => match graph.as_of() {
            Some(as_of) => format!("as of {as_of} (the graph's date)"),
            None => "all time (the graph has no as-of date)".to_string(),
        },
        TimeOp::Ever => "all time".to_string(),
        TimeOp::After(d) => format!("after {d}"),
        TimeOp::Before(d) => format!("before {d}"),
        TimeOp::Since(d) => format!("since {d}"),
        TimeOp::Until(d) => format!("until {d}"),
        TimeOp::During(d) => format!("during {d}"),
        TimeOp::Between(a, b) => format!("between {a} and {b}"),
        TimeOp::AsOf(d) => format!("as of {d}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PartialDate;

    fn date(text: &str) -> PartialDate {
        text.parse().unwrap()
    }

    /// `as of` judges ties on one day but names a whole month or year, in
    /// which a picture looks for what began or ended; the other operators
    /// name the window they keep.
    #[test]
    fn as_of_names_the_whole_period_it_is_judged_at_the_end_of() {
        let mut graph = Graph::new("t");
        let june = Window::new(date("2019-06").first_day(), date("2019-06").last_day());
        assert_eq!(
            window_of(Some(TimeOp::AsOf(date("2019-06")))),
            Window::on(date("2019-06").last_day())
        );
        assert_eq!(
            named_period(&graph, Some(TimeOp::AsOf(date("2019-06")))),
            Some(june)
        );
        assert_eq!(named_period(&graph, Some(TimeOp::Now)), None);
        graph.set_as_of(Some(date("2019-06")));
        assert_eq!(named_period(&graph, Some(TimeOp::Now)), Some(june));
        assert_eq!(
            named_period(&graph, Some(TimeOp::During(date("2019")))),
            None
        );
        assert_eq!(named_period(&graph, None), None);
    }
}
