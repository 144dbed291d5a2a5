//! What a picture whose dates crowd can leave out, and the note that says
//! how many dates could not be set clear and which ties they date.

use super::{DateLabels, DiagramSpec};

/// The ways to fewer date labels a picture has left, for the note on
/// crowded dates: `dates changes` helps only a view with a time window,
/// and only when not already chosen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FewerDates {
    /// Every date is drawn, in a time window: `dates changes` or `dates off`.
    #[default]
    ChangesOrOff,
    /// Every date is drawn, with no time window: `dates changes` needs one.
    WindowAndChangesOrOff,
    /// Only the changes are drawn: `dates off` is left.
    Off,
}

impl FewerDates {
    /// The ways left for a picture drawing `dates` in a view that has a
    /// time window or not.
    pub fn left(dates: DateLabels, windowed: bool) -> FewerDates {
        match (dates, windowed) {
            (DateLabels::All, true) => FewerDates::ChangesOrOff,
            (DateLabels::All, false) => FewerDates::WindowAndChangesOrOff,
            _ => FewerDates::Off,
        }
    }

    /// The ways, in the note on crowded dates.
    fn in_note(self) -> &'static str {
        match self {
            FewerDates::ChangesOrOff => {
                "`dates changes` shows only the dates inside the view's time, `dates off` none"
            }
            FewerDates::WindowAndChangesOrOff => {
                "a span of time (`during`) with `dates changes` shows only the dates inside \
                 it, `dates off` none"
            }
            FewerDates::Off => "`dates off` shows none",
        }
    }

    /// The ways, in the warning of text too small, before its others.
    pub fn in_warning(self) -> &'static str {
        match self {
            FewerDates::ChangesOrOff => {
                "show fewer dates with `dates changes` (only those inside the view's time) or \
                 `dates off`, or "
            }
            FewerDates::WindowAndChangesOrOff => {
                "show fewer dates with a span of time (`during`) and `dates changes` (only \
                 those inside it) or `dates off`, or "
            }
            FewerDates::Off => "show no dates with `dates off`, or ",
        }
    }
}

/// The note on dates drawn as numbers ("[1]–[7]") because they found no
/// clear place beside their ties; `None` when there are none.
pub fn numbering_note(numbered: usize) -> Option<String> {
    let text = match numbered {
        0 => return None,
        1 => "1 date found no clear place beside its tie, so it is drawn as [1]".to_string(),
        n => format!(
            "{n} dates found no clear place beside their ties, so they are drawn as [1]–[{n}]"
        ),
    };
    Some(format!("{text} and listed under the legend"))
}

/// The most ties the note on crowded dates names.
const NAMED_TIES: usize = 30;

/// What to do about `crowded` date labels that share their place with
/// another line or label (of `ties`, as drawn), given the ways `fewer`
/// left, and saying so when drawing them as numbers was given up as it
/// `shrinks` the text too much; `None` when every label stands clear.
pub fn crowding_note(
    crowded: usize,
    ties: &[String],
    fewer: FewerDates,
    shrinks: bool,
) -> Option<String> {
    let (count, own) = match crowded {
        0 => return None,
        1 => ("1 date".to_string(), "its"),
        n => (format!("{n} dates"), "their"),
    };
    let mut note = format!(
        "{count} could not be set clear of the other ties (crossed by a line, under an actor \
         or a text, or nearer another tie than {own} own), as the ties crowd there: {} (each \
         tie's tooltip keeps its dates)",
        fewer.in_note()
    );
    if shrinks {
        // A reader who met numbered dates elsewhere may wonder why not here.
        let them = if crowded == 1 { "it" } else { "them" };
        note.push_str(&format!(
            "; drawing {them} as numbers listed under the legend would shrink the text too much"
        ));
    }
    if !ties.is_empty() {
        let shown: Vec<&str> = ties.iter().take(NAMED_TIES).map(String::as_str).collect();
        note.push_str(&format!("; check the dates of {}", shown.join("; ")));
        let more = ties.len().saturating_sub(NAMED_TIES);
        if more > 0 {
            note.push_str(&format!("; and {more} more"));
        }
    }
    Some(note)
}

/// A note for `dates changes` asked of a view with no time window: it
/// draws every date, as nothing is outside the view's time (a cold check
/// saw the same picture and no word why); `None` otherwise.
pub fn changes_need_a_window(spec: &DiagramSpec) -> Option<&'static str> {
    (spec.dates == DateLabels::Changes && !spec.windowed()).then_some(
        "`dates changes` draws only the dates inside the view's time, and this view has none \
         (all dates), so every date is drawn: give it one (`as of 2023-02`, `during 2022`) or \
         use `dates off`",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_changes_without_a_window_says_it_draws_every_date() {
        let spec = |dates, window| DiagramSpec {
            dates,
            filter: crate::model::TieFilter {
                window,
                ..Default::default()
            },
            ..DiagramSpec::default()
        };
        let all = crate::model::Window::ALL;
        let year = crate::diagram::sketch::during(2022).window;
        let note = changes_need_a_window(&spec(DateLabels::Changes, all)).unwrap();
        assert!(note.contains("so every date is drawn"));
        assert_eq!(
            changes_need_a_window(&spec(DateLabels::Changes, year)),
            None
        );
        assert_eq!(changes_need_a_window(&spec(DateLabels::All, all)), None);
    }

    #[test]
    fn the_note_on_crowded_dates_offers_only_the_ways_left() {
        let ties = ["A allegiance B: since 2017".to_string()];
        let note = |dates, windowed| {
            crowding_note(3, &ties, FewerDates::left(dates, windowed), false).unwrap()
        };
        let all = note(DateLabels::All, true);
        assert!(all.starts_with("3 dates could not be set clear"), "{all}");
        assert!(all.contains("`dates changes` shows only") && all.contains("`dates off`"));
        assert!(
            all.ends_with("; check the dates of A allegiance B: since 2017"),
            "{all}"
        );
        let unwindowed = note(DateLabels::All, false);
        assert!(unwindowed.contains("a span of time (`during`) with `dates changes`"));
        let changes = note(DateLabels::Changes, true);
        assert!(!changes.contains("dates changes") && changes.contains("`dates off` shows none"));
        assert!(all.contains("than their own"));
        let one = crowding_note(1, &ties, FewerDates::left(DateLabels::All, true), false).unwrap();
        assert!(
            one.starts_with("1 date could not") && one.contains("than its own"),
            "{one}"
        );
        assert!(!all.contains("as numbers"));
        let shrinks = crowding_note(2, &ties, FewerDates::Off, true).unwrap();
        assert!(
            shrinks.contains(
                "; drawing them as numbers listed under the legend would shrink the text too \
                 much; check the dates of"
            ),
            "{shrinks}"
        );
    }
}
