//! The one test behind every question about time: when something may and
//! must have begun and ended ([`Bounds`]), and whether it was certainly,
//! possibly or not active in a window ([`Certainty`]).

use std::fmt;

use super::{Day, PartialDate, Window, DAY_MAX, DAY_MIN};

/// Whether something was active in a window: the three answers a question
/// about indeterminate dates can have (Dyreson and Snodgrass's valid-time
/// indeterminacy). Ordered, so a floor is a comparison.
/// Serialised as the words text answers show: `no`, `possible`, `certain`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum Certainty {
    /// Not active at any day of the window, whatever the true dates are.
    #[serde(rename = "no")]
    No,
    /// Active in the window for some of the days the dates allow, not all.
    #[serde(rename = "possible")]
    Possibly,
    /// Active at some day of the window, whatever the true dates are.
    #[serde(rename = "certain")]
    Certainly,
}

impl Certainty {
    /// The word answers show: `certain`, `possible`, `no`.
    pub fn as_str(self) -> &'static str {
        match self {
            Certainty::No => "no",
            Certainty::Possibly => "possible",
            Certainty::Certainly => "certain",
        }
    }
}

impl fmt::Display for Certainty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The earliest and latest days something can have started and ended.
///
/// A tie that began "sometime in 2022" has `start` 2022-01-01..=2022-12-31;
/// one with no start has an unknown start, `DAY_MIN..=DAY_MAX`, so it is
/// never certainly active in a bounded window. An actor's lifespan is a
/// `Bounds` too, and a tie's effective bounds are its own narrowed to both
/// of its actors' lifespans ([`Bounds::of_tie_between`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Bounds {
    /// Earliest and latest possible first day.
    pub start: (Day, Day),
    /// Earliest and latest possible last day.
    pub end: (Day, Day),
}

impl Bounds {
    /// No constraint at all: what an undated actor's lifespan is.
    pub const ALWAYS: Bounds = Bounds {
        start: (DAY_MIN, DAY_MIN),
        end: (DAY_MAX, DAY_MAX),
    };

    /// A tie's bounds from its dates. No start is an unknown start; no end
    /// is ongoing, certain up to `known_until` (the graph's as-of date) and
    /// possible after it.
    pub fn of_tie(start: Option<PartialDate>, end: Option<PartialDate>, known_until: Day) -> Self {
        Bounds::of_tie_between(start, end, known_until, &[])
    }

    /// An actor's lifespan from its `active` dates. An unknown start or end
    /// bounds nothing: the tie's own dates decide.
    pub fn of_life(start: Option<PartialDate>, end: Option<PartialDate>) -> Self {
        Bounds {
            start: start.map_or((DAY_MIN, DAY_MIN), |d| (d.first_day(), d.last_day())),
            end: end.map_or((DAY_MAX, DAY_MAX), |d| (d.first_day(), d.last_day())),
        }
        .consistent()
    }

    /// A tie's bounds from its dates and its actors' lives. A written date
    /// already says the actors existed then, so a life only narrows what the
    /// dates leave open: nothing begins before both actors may exist, and
    /// nothing runs on after either has surely ended. An ongoing tie ends
    /// with the first of its actors to end.
    pub fn of_tie_between(
        start: Option<PartialDate>,
        end: Option<PartialDate>,
        known_until: Day,
        lives: &[Bounds],
    ) -> Self {
        let days = |d: PartialDate| (d.first_day(), d.last_day());
        Bounds::between(start.map(days), end.map(days), known_until, lives)
    }

    /// [`Bounds::of_tie_between`] on day ranges.
    fn between(
        start: Option<(Day, Day)>,
        end: Option<(Day, Day)>,
        known_until: Day,
        lives: &[Bounds],
    ) -> Self {
        let born = lives.iter().map(|l| l.start.0).max().unwrap_or(DAY_MIN);
        let gone = lives.iter().fold((DAY_MAX, DAY_MAX), |(first, last), l| {
            (first.min(l.end.0), last.min(l.end.1))
        });
        let start = match start {
            Some((first, last)) => (first.max(born), last),
            None => (born, DAY_MAX),
        };
        let end = match end {
            Some((first, last)) => (first, last.min(gone.1)),
            None => (known_until.min(gone.0), gone.1),
        };
        Bounds { start, end }.consistent()
    }

    /// Nothing ends before it starts: the latest start is no later than the
    /// latest end, the earliest end no earlier than the earliest start.
    pub fn consistent(self) -> Self {
        Bounds {
            start: (self.start.0, self.start.1.min(self.end.1)),
            end: (self.end.0.max(self.start.0), self.end.1),
        }
    }

    /// True when no pair of days in the bounds makes a start on or before an end.
    pub fn is_impossible(self) -> bool {
        self.start.0 > self.end.1 || self.start.0 > self.start.1 || self.end.0 > self.end.1
    }

    /// Every day on which it may have been active.
    pub fn possible(self) -> Window {
        Window::new(self.start.0, self.end.1)
    }

    /// The one test every time question goes through: certainly active on
    /// some day of `window` when it had surely begun by the window's last
    /// day and surely not ended before its first; possibly when the days
    /// it may have been active meet the window; otherwise not.
    #[inline]
    pub fn activity(self, window: Window) -> Certainty {
        if window.is_empty() || self.is_impossible() || !self.possible().overlaps(window) {
            Certainty::No
        } else if self.start.1 <= window.last && self.end.0 >= window.first {
            Certainty::Certainly
        } else {
            Certainty::Possibly
        }
    }

    /// A one-off happening known to fall between `days.0` and `days.1`
    /// (a beginning, an ending, an event): it starts and ends that day, so
    /// [`Bounds::activity`] says whether it certainly, possibly or did not
    /// fall inside a window.
    pub fn instant(days: (Day, Day)) -> Self {
        Bounds {
            start: days,
            end: days,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> PartialDate {
        text.parse().unwrap()
    }

    fn bounds(start: Option<&str>, end: Option<&str>, known_until: Option<&str>) -> Bounds {
        Bounds::of_tie(
            start.map(date),
            end.map(date),
            known_until.map_or(DAY_MAX, |d| date(d).last_day()),
        )
    }

    fn on(text: &str) -> Window {
        Window::on(date(text).last_day())
    }

    fn during(text: &str) -> Window {
        Window::new(date(text).first_day(), date(text).last_day())
    }

    #[test]
    fn a_year_start_is_sometime_in_that_year() {
        let tie = bounds(Some("2022"), None, Some("2023-02"));
        assert_eq!(tie.activity(on("2021")), Certainty::No);
        assert_eq!(tie.activity(on("2022-01-01")), Certainty::Possibly);
        assert_eq!(tie.activity(on("2022-12-30")), Certainty::Possibly);
        assert_eq!(tie.activity(on("2022-12-31")), Certainty::Certainly);
        assert_eq!(tie.activity(during("2022")), Certainty::Certainly);
        assert_eq!(tie.activity(during("2022-06")), Certainty::Possibly);
    }

    #[test]
    fn an_end_month_is_sometime_in_that_month() {
        let tie = bounds(Some("2014"), Some("2022-11"), Some("2023-02"));
        assert_eq!(tie.activity(on("2022-10-31")), Certainty::Certainly);
        // The end is the last day active: surely active on the earliest one.
        assert_eq!(tie.activity(on("2022-11-01")), Certainty::Certainly);
        assert_eq!(tie.activity(on("2022-11-02")), Certainty::Possibly);
        assert_eq!(tie.activity(on("2022-11-30")), Certainty::Possibly);
        assert_eq!(tie.activity(on("2022-12-01")), Certainty::No);
        assert_eq!(tie.activity(during("2022-11")), Certainty::Certainly);
    }

    #[test]
    fn an_unknown_start_is_never_certain_in_a_bounded_window() {
        let tie = bounds(None, None, Some("2023-02"));
        assert_eq!(tie.activity(on("1900")), Certainty::Possibly);
        assert_eq!(tie.activity(on("2023-02")), Certainty::Possibly);
        assert_eq!(tie.activity(Window::ALL), Certainty::Certainly);
        // Its end is known: it was active some time before it ended.
        let ended = bounds(None, Some("2022-11"), Some("2023-02"));
        assert_eq!(ended.activity(during("2022")), Certainty::Certainly);
        assert_eq!(ended.activity(on("2020")), Certainty::Possibly);
        assert_eq!(ended.activity(on("2023")), Certainty::No);
        // "On or before" bounds the start from above: certain from then on.
        let attested = bounds(Some("[..2023-02]"), None, Some("2023-02"));
        assert_eq!(attested.activity(on("2023-02")), Certainty::Certainly);
        assert_eq!(attested.activity(on("2023-01")), Certainty::Possibly);
    }

    #[test]
    fn an_ongoing_tie_is_certain_only_up_to_the_graphs_date() {
        let tie = bounds(Some("2017-03-02"), None, Some("2023-02"));
        assert_eq!(tie.activity(on("2023-02")), Certainty::Certainly);
        assert_eq!(tie.activity(on("2023-03-01")), Certainty::Possibly);
        assert_eq!(tie.activity(on("2030")), Certainty::Possibly);
        // Without an as-of date, ongoing is ongoing.
        let timeless = bounds(Some("2017-03-02"), None, None);
        assert_eq!(timeless.activity(on("2030")), Certainty::Certainly);
    }

    fn in_lives(
        start: Option<&str>,
        end: Option<&str>,
        lives: &[(Option<&str>, Option<&str>)],
    ) -> Bounds {
        let lives: Vec<Bounds> = lives
            .iter()
            .map(|(s, e)| Bounds::of_life(s.map(date), e.map(date)))
            .collect();
        Bounds::of_tie_between(
            start.map(date),
            end.map(date),
            date("2023-02").last_day(),
            &lives,
        )
    }

    #[test]
    fn lifespans_bound_ties() {
        let jnim = (Some("2017-03"), None);
        let tie = in_lives(None, None, &[jnim]);
        assert_eq!(tie.activity(during("2010")), Certainty::No);
        assert_eq!(tie.activity(on("2017-02-28")), Certainty::No);
        assert_eq!(tie.activity(on("2020")), Certainty::Possibly);
        // A written start says the actor existed then: its own certainty stands.
        let dated = in_lives(Some("2017-03-02"), None, &[jnim]);
        assert_eq!(dated.activity(on("2017-03-15")), Certainty::Certainly);
        let loose_life = in_lives(
            Some("[2016-05..2016-08]"),
            None,
            &[(Some("[..2019]"), None)],
        );
        assert_eq!(loose_life.activity(during("2016")), Certainty::Certainly);
        // An actor's end ends its ongoing ties.
        let gone = in_lives(Some("2014"), None, &[(None, Some("2022-08"))]);
        assert_eq!(gone.activity(on("2022-07-31")), Certainty::Certainly);
        assert_eq!(gone.activity(on("2022-08-15")), Certainty::Possibly);
        assert_eq!(gone.activity(on("2022-09")), Certainty::No);
        // A written end before the actor's stands as written.
        let ended = in_lives(Some("2014"), Some("2022-06"), &[(None, Some("2022-08"))]);
        assert_eq!(ended.activity(on("2022-06-01")), Certainty::Certainly);
        assert_eq!(ended.activity(on("2022-07")), Certainty::No);
        // Lives that never meet leave nothing possible.
        let never = in_lives(None, None, &[(Some("2019"), None), (None, Some("2016"))]);
        assert!(never.is_impossible());
        assert_eq!(never.activity(Window::ALL), Certainty::No);
    }

    proptest::proptest! {
        /// The three answers agree with trying every true start, end and
        /// actor birth the bounds allow: a tie begins only once its actor
        /// exists and ends no earlier than it begins. Certain when every
        /// such span meets the window, possible when some do, no when none does.
        #[test]
        fn activity_agrees_with_every_possible_span(
            s0 in 0i32..40, s_len in 0i32..10, e0 in 0i32..40, e_len in 0i32..10,
            l0 in 0i32..40, l_len in 0i32..10, w0 in 0i32..45, w_len in 0i32..12,
        ) {
            let life = Bounds { start: (l0, l0 + l_len), end: (DAY_MAX, DAY_MAX) };
            let bounds = Bounds::between(
                Some((s0, s0 + s_len)),
                Some((e0, e0 + e_len)),
                DAY_MAX,
                &[life],
            );
            let window = Window::new(w0, w0 + w_len);
            let (mut any, mut all, mut some_span) = (false, true, false);
            for s in s0..=s0 + s_len {
                for e in e0..=e0 + e_len {
                    let born_in_time = (l0..=l0 + l_len).any(|born| born <= s);
                    if !born_in_time || s > e {
                        continue;
                    }
                    some_span = true;
                    let meets = s <= window.last && e >= window.first;
                    any |= meets;
                    all &= meets;
                }
            }
            let expected = if !some_span || !any {
                Certainty::No
            } else if all {
                Certainty::Certainly
            } else {
                Certainty::Possibly
            };
            proptest::prop_assert_eq!(bounds.activity(window), expected, "{:?} {:?}", bounds, window);
        }
    }

    #[test]
    fn one_day_in_a_window() {
        let year = Bounds::instant((date("2022").first_day(), date("2022").last_day()));
        assert_eq!(year.activity(during("2022")), Certainty::Certainly);
        assert_eq!(year.activity(during("2022-06")), Certainty::Possibly);
        assert_eq!(year.activity(on("2022-12-31")), Certainty::Possibly);
        assert_eq!(year.activity(during("2023")), Certainty::No);
        assert_eq!(year.activity(Window::new(1, 0)), Certainty::No);
        let day = Bounds::instant((
            date("2023-02-08").first_day(),
            date("2023-02-08").last_day(),
        ));
        assert_eq!(day.activity(on("2023-02-08")), Certainty::Certainly);
    }
}
