//! The date label on a tie's edge, in words a slide reads ("since Jan
//! 2023", "2017–Nov 2022", "until Nov 2022", "since 2017?"), or none when
//! the export asks for no dates, or only for dates inside its window.

use crate::model::{Bounds, Certainty, PartialDate, Tie, Window};

use super::style::TieState;

/// Which date labels a diagram writes on its edges.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum DateLabels {
    /// Every dated tie's dates.
    #[default]
    All,
    /// `dates off`: none.
    Off,
    /// `dates changes`: only starts and ends surely inside the view's
    /// window, so a slide shows what changed then (`[..2023-02]` may fall
    /// in 2022, but says nothing of a change in 2022).
    Changes,
}

/// The label of `tie` drawn in `state` over `window`; `None` when it shows
/// no date. A `?` ends the label of a tie that may not hold on the view's
/// day, the way its dotted line says it.
pub fn date_label(
    tie: &Tie,
    state: TieState,
    window: Window,
    labels: DateLabels,
) -> Option<String> {
    let inside = |date: Option<PartialDate>| {
        date.filter(|d| match labels {
            DateLabels::All => true,
            DateLabels::Off => false,
            DateLabels::Changes => {
                Bounds::instant((d.first_day(), d.last_day())).activity(window)
                    == Certainty::Certainly
            }
        })
    };
    let (start, end) = (inside(tie.start()), inside(tie.end()));
    // "[..2022-11]–2022-11" says no more than "until Nov 2022".
    let start = start.filter(|s| !(s.is_on_or_before() && end.is_some()));
    let words = |d: PartialDate| d.in_short_words();
    let text = match (start, end) {
        (Some(s), Some(e)) => format!("{}–{}", words(s), words(e)),
        // "[..2023-02]": it had begun by then.
        (Some(s), None) if s.is_on_or_before() => {
            format!("by {}", words(s).trim_end_matches(" or before"))
        }
        (Some(s), None) => format!("since {}", words(s)),
        (None, Some(e)) => format!("until {}", words(e)),
        (None, None) if labels == DateLabels::All && tie.start().is_none() => "undated".to_string(),
        (None, None) => return None,
    };
    Some(match state {
        TieState::Uncertain if !text.ends_with('?') => format!("{text}?"),
        _ => text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Confidence, RelationId};

    fn tie(start: Option<&str>, end: Option<&str>) -> Tie {
        let date = |t: &str| t.parse::<PartialDate>().unwrap();
        Tie::new(
            RelationId::ALLIANCE,
            start.map(date),
            end.map(date),
            Confidence::Confirmed,
        )
    }

    fn year(y: &str) -> Window {
        let d: PartialDate = y.parse().unwrap();
        Window::new(d.first_day(), d.last_day())
    }

    #[test]
    fn labels_read_plainly() {
        let all =
            |start, end, state| date_label(&tie(start, end), state, Window::ALL, DateLabels::All);
        use TieState::*;
        assert_eq!(
            all(Some("2023-01"), None, Running).unwrap(),
            "since Jan 2023"
        );
        assert_eq!(
            all(Some("2017"), Some("2022-11"), Ended).unwrap(),
            "2017–Nov 2022"
        );
        assert_eq!(all(None, Some("2022-11"), Ended).unwrap(), "until Nov 2022");
        assert_eq!(
            all(Some("[..2022-11]"), Some("2022-11"), Ended).unwrap(),
            "until Nov 2022"
        );
        assert_eq!(all(Some("2017"), None, Uncertain).unwrap(), "since 2017?");
        assert_eq!(
            all(Some("[..2022-06]"), None, Running).unwrap(),
            "by Jun 2022"
        );
        assert_eq!(
            all(Some("[2023-01..2023-01-23]"), None, Running).unwrap(),
            "since Jan–23 Jan 2023"
        );
        assert_eq!(all(None, None, Uncertain).unwrap(), "undated?");
        assert_eq!(
            date_label(
                &tie(Some("2017"), None),
                Running,
                Window::ALL,
                DateLabels::Off
            ),
            None
        );
    }

    #[test]
    fn changes_shows_only_dates_inside_the_window() {
        let changes = |start, end, window| {
            date_label(
                &tie(start, end),
                TieState::Running,
                window,
                DateLabels::Changes,
            )
        };
        assert_eq!(changes(Some("2017"), None, year("2022")), None);
        assert_eq!(
            changes(Some("2017"), Some("2022-11"), year("2022")).unwrap(),
            "until Nov 2022"
        );
        assert_eq!(
            changes(Some("2022-03"), None, year("2022")).unwrap(),
            "since Mar 2022"
        );
        assert_eq!(changes(None, None, year("2022")), None);
        assert_eq!(changes(Some("[..2023-02]"), None, year("2022")), None);
    }
}
