//! Dates at the precision and certainty a source gives them, and the one
//! function that decides whether something was active in a window.
//!
//! A [`PartialDate`] is written in a subset of the Library of Congress's
//! Extended Date/Time Format (EDTF) and shown back exactly as written:
//!
//! | written | the true day lies |
//! |---|---|
//! | `2022`, `2022-06`, `2022-06-15` | somewhere in that year, month or day |
//! | `2022~`, `2022?`, `2022%` | about / perhaps / about and perhaps then: one unit either side (`2022-06~` is May to July) |
//! | `[2022-05..2022-08]` | somewhere from May to August 2022 |
//! | `[..2023-02]`, `[2014..]` | on or before February 2023; on or after 2014 |
//! | `201X`, `19XX` | in some year of that decade or century |
//!
//! Each date so has an earliest and a latest day ([`PartialDate::first_day`],
//! [`PartialDate::last_day`]). [`Bounds`] turns a start and an end into the
//! earliest and latest days each could be, and [`Bounds::activity`] says
//! whether the thing was certainly, possibly or not active in a [`Window`].
//! Days are counted from 1970-01-01, so every test is integer comparisons.

mod bounds;
mod date;

pub use bounds::{Bounds, Certainty};
pub(crate) use date::typos::is_year_dash_year;
pub use date::{collecting_date_errors, take_date_errors, DateError, PartialDate};

/// A calendar day, counted from 1970-01-01 (negative before it).
pub type Day = i32;

/// The earliest day a span can reach: "since unknown".
pub const DAY_MIN: Day = i32::MIN;
/// The latest day a span can reach: "ongoing".
pub const DAY_MAX: Day = i32::MAX;

/// Years outside this range are rejected: they are typos, not history.
pub const YEAR_MIN: i32 = 1;
/// The latest year a date may have.
pub const YEAR_MAX: i32 = 9999;

/// A closed range of days, `first..=last`; either end may be unbounded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Window {
    /// The first day in the window.
    pub first: Day,
    /// The last day in the window.
    pub last: Day,
}

impl Window {
    /// Every day there is.
    pub const ALL: Window = Window {
        first: DAY_MIN,
        last: DAY_MAX,
    };

    /// The days from `first` to `last`, both included.
    pub fn new(first: Day, last: Day) -> Self {
        Window { first, last }
    }

    /// The single day `day`.
    pub fn on(day: Day) -> Self {
        Window::new(day, day)
    }

    /// The days a tie or actor with this start and end is active.
    pub fn of_span(start: Option<PartialDate>, end: Option<PartialDate>) -> Self {
        Window::new(
            start.map_or(DAY_MIN, PartialDate::first_day),
            end.map_or(DAY_MAX, PartialDate::last_day),
        )
    }

    /// True when the two windows share at least one day.
    pub fn overlaps(self, other: Window) -> bool {
        self.first <= other.last
            && other.first <= self.last
            && !self.is_empty()
            && !other.is_empty()
    }

    /// True when the window holds no day (first after last).
    pub fn is_empty(self) -> bool {
        self.first > self.last
    }

    /// The days in both windows (empty when they do not meet).
    pub fn and(self, other: Window) -> Window {
        Window::new(self.first.max(other.first), self.last.min(other.last))
    }

    /// True when `day` is in the window.
    pub fn contains(self, day: Day) -> bool {
        self.first <= day && day <= self.last
    }
}

/// The English month names, January first: read by [`month_from_name`],
/// written by answers, legends and messages.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The English name of `month` (1 to 12; others are clamped into range).
pub fn month_name(month: u32) -> &'static str {
    MONTH_NAMES[(month as usize).clamp(1, 12) - 1]
}

/// The month an English name names, 1 to 12: the whole name or its first
/// three letters or more (`March`, `Mar`, `Sept.`), case aside. Imports
/// (`8 May 2014`) and questions (`in March 2017`) both read months so.
pub fn month_from_name(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.').to_ascii_lowercase();
    let position = MONTH_NAMES.iter().position(|name| {
        name.eq_ignore_ascii_case(&word)
            || (word.len() >= 3
                && name
                    .get(..word.len())
                    .is_some_and(|start| start.eq_ignore_ascii_case(&word)))
    })?;
    Some(position as u32 + 1)
}

/// True when `year` has a 29 February in the Gregorian calendar.
pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// How many days the month has in that year; 0 for a month that does not exist.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(year: i32, month: u32, day: u32) -> Day {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = month as i32;
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + day as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`].
pub fn civil_from_days(days: Day) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i32::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> PartialDate {
        text.parse().unwrap()
    }

    #[test]
    fn windows_of_spans() {
        let open = Window::of_span(None, None);
        assert_eq!(open, Window::ALL);
        let ended = Window::of_span(Some(date("2014")), Some(date("2022-11")));
        assert!(ended.contains(date("2022-11-30").first_day()));
        assert!(!ended.contains(date("2022-12-01").first_day()));
        assert!(ended.overlaps(Window::on(date("2014-01-01").first_day())));
        assert!(!ended.overlaps(Window::new(date("2023").first_day(), DAY_MAX)));
    }
}
