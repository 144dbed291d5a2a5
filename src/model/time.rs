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

use std::fmt;
use std::str::FromStr;

/// A calendar day, counted from 1970-01-01 (negative before it).
pub type Day = i32;

/// The earliest day a span can reach: "since unknown".
pub const DAY_MIN: Day = i32::MIN;
/// The latest day a span can reach: "ongoing".
pub const DAY_MAX: Day = i32::MAX;

/// Years outside this range are rejected: they are typos, not history.
pub const YEAR_MIN: i32 = 1;
pub const YEAR_MAX: i32 = 9999;

/// A calendar date at year, month or day precision: the plain part of a
/// [`PartialDate`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
struct Ymd {
    year: i16,
    /// 0 when only the year is known.
    month: u8,
    /// 0 when the day is not known.
    day: u8,
}

impl Ymd {
    fn new(year: i32, month: Option<u32>, day: Option<u32>) -> Result<Self, DateError> {
        if !(YEAR_MIN..=YEAR_MAX).contains(&year) {
            return Err(DateError::Year(year));
        }
        let month_value = match month {
            None => 0,
            Some(m @ 1..=12) => m,
            Some(m) => return Err(DateError::Month(m)),
        };
        let day_value = match (month, day) {
            (_, None) => 0,
            (None, Some(_)) => {
                return Err(DateError::Shape(format!("{year}--{}", day.unwrap_or(0))))
            }
            (Some(m), Some(d)) => {
                if d == 0 || d > days_in_month(year, m) {
                    return Err(DateError::Day {
                        year,
                        month: m,
                        day: d,
                    });
                }
                d
            }
        };
        Ok(Ymd {
            year: year as i16,
            month: month_value as u8,
            day: day_value as u8,
        })
    }

    fn year(self) -> i32 {
        i32::from(self.year)
    }

    fn first_day(self) -> Day {
        let month = if self.month == 0 { 1 } else { self.month };
        let day = if self.day == 0 { 1 } else { self.day };
        days_from_civil(self.year(), u32::from(month), u32::from(day))
    }

    fn last_day(self) -> Day {
        let year = self.year();
        let month = if self.month == 0 {
            12
        } else {
            u32::from(self.month)
        };
        let day = if self.day == 0 {
            days_in_month(year, month)
        } else {
            u32::from(self.day)
        };
        days_from_civil(year, month, day)
    }

    /// The same precision, `units` of it later (negative: earlier).
    fn shifted(self, units: i32) -> Ymd {
        if self.month == 0 {
            Ymd {
                year: (self.year() + units).clamp(YEAR_MIN - 1, YEAR_MAX + 1) as i16,
                ..self
            }
        } else if self.day == 0 {
            let months = self.year() * 12 + i32::from(self.month) - 1 + units;
            Ymd {
                year: months.div_euclid(12) as i16,
                month: (months.rem_euclid(12) + 1) as u8,
                day: 0,
            }
        } else {
            let (y, m, d) = civil_from_days(self.first_day() + units);
            Ymd {
                year: y as i16,
                month: m as u8,
                day: d as u8,
            }
        }
    }

    fn parse(text: &str) -> Result<Self, DateError> {
        let shape = || DateError::Shape(text.to_string());
        let mut parts = text.split('-');
        let year = parts.next().ok_or_else(shape)?;
        let month = parts.next();
        let day = parts.next();
        if parts.next().is_some() {
            return Err(shape());
        }
        let number = |part: &str, width: usize| -> Result<u32, DateError> {
            if part.len() != width || !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(shape());
            }
            part.parse().map_err(|_| shape())
        };
        let year = number(year, 4)? as i32;
        let month = month.map(|m| number(m, 2)).transpose()?;
        let day = day.map(|d| number(d, 2)).transpose()?;
        Ymd::new(year, month, day)
    }
}

impl fmt::Display for Ymd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if self.month != 0 {
            write!(f, "-{:02}", self.month)?;
        }
        if self.day != 0 {
            write!(f, "-{:02}", self.day)?;
        }
        Ok(())
    }
}

/// How sure a source is of a date, in EDTF's terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
enum Form {
    /// `2022`: somewhere in the span written.
    #[default]
    Plain,
    /// `2022~`: about then.
    Approximate,
    /// `2022?`: perhaps then.
    Uncertain,
    /// `2022%`: about, and perhaps.
    ApproximateUncertain,
    /// `[2022-05..2022-08]`: one day from the first to the second.
    OneOf,
    /// `[..2023-02]`: on or before.
    OnOrBefore,
    /// `[2014..]`: on or after.
    OnOrAfter,
    /// `201X`: some year of the decade.
    Decade,
    /// `19XX`: some year of the century.
    Century,
}

/// A date as a source gives it: a year, month or day, possibly approximate,
/// uncertain, a range of possible days or open on one side (see the module
/// docs for the notation). Shown back exactly as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    /// The date written, or a range's first end.
    date: Ymd,
    form: Form,
    /// A `OneOf` range's last end.
    upper: Ymd,
}

/// Why a date could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("`{0}` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, optionally with EDTF's `~` (about), `?` (perhaps), `[A..B]` (between), `[..B]`, `[A..]` or `201X`")]
    Shape(String),
    #[error("year {0} is out of range {YEAR_MIN}..={YEAR_MAX}")]
    Year(i32),
    #[error("month {0} does not exist")]
    Month(u32),
    #[error("day {day} does not exist in {year:04}-{month:02}")]
    Day { year: i32, month: u32, day: u32 },
    #[error("`{0}` ends before it starts")]
    Backwards(String),
}

impl PartialDate {
    fn plain(date: Ymd) -> Self {
        PartialDate {
            date,
            form: Form::Plain,
            upper: Ymd::default(),
        }
    }

    /// A year-precision date.
    pub fn year(year: i32) -> Result<Self, DateError> {
        Self::new(year, None, None)
    }

    /// Builds a plain date, checking that the month and day exist.
    pub fn new(year: i32, month: Option<u32>, day: Option<u32>) -> Result<Self, DateError> {
        Ymd::new(year, month, day).map(PartialDate::plain)
    }

    /// The year written (a range's first year).
    pub fn year_number(self) -> i32 {
        self.date.year()
    }

    /// The month written, if any (a range's first end's).
    pub fn month_number(self) -> Option<u32> {
        (self.date.month != 0).then_some(u32::from(self.date.month))
    }

    /// The day written, if any (a range's first end's).
    pub fn day_number(self) -> Option<u32> {
        (self.date.day != 0).then_some(u32::from(self.date.day))
    }

    /// True for a plain year, month or day: no qualifier, range or open side.
    pub fn is_plain(self) -> bool {
        self.form == Form::Plain
    }

    /// True for `[..B]` and `[A..]`: a bound, not a time. A start written
    /// `[..2023-02]` says the tie held by then, not when it began.
    pub fn is_open(self) -> bool {
        matches!(self.form, Form::OnOrBefore | Form::OnOrAfter)
    }

    /// The earliest day the date can be; [`DAY_MIN`] for `[..B]`.
    pub fn first_day(self) -> Day {
        match self.form {
            Form::Plain | Form::OneOf | Form::OnOrAfter | Form::Decade | Form::Century => {
                self.date.first_day()
            }
            Form::Approximate | Form::Uncertain | Form::ApproximateUncertain => {
                self.date.shifted(-1).first_day()
            }
            Form::OnOrBefore => DAY_MIN,
        }
    }

    /// The latest day the date can be; [`DAY_MAX`] for `[A..]`.
    pub fn last_day(self) -> Day {
        match self.form {
            Form::Plain | Form::OnOrBefore => self.date.last_day(),
            Form::Approximate | Form::Uncertain | Form::ApproximateUncertain => {
                self.date.shifted(1).last_day()
            }
            Form::OneOf => self.upper.last_day(),
            Form::OnOrAfter => DAY_MAX,
            Form::Decade => self.date.shifted(9).last_day(),
            Form::Century => self.date.shifted(99).last_day(),
        }
    }

    /// The date of a day number, at day precision.
    pub fn from_day(day: Day) -> Self {
        let (y, m, d) = civil_from_days(day);
        PartialDate::plain(Ymd {
            year: y as i16,
            month: m as u8,
            day: d as u8,
        })
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let date = self.date;
        match self.form {
            Form::Plain => write!(f, "{date}"),
            Form::Approximate => write!(f, "{date}~"),
            Form::Uncertain => write!(f, "{date}?"),
            Form::ApproximateUncertain => write!(f, "{date}%"),
            Form::OneOf => write!(f, "[{date}..{}]", self.upper),
            Form::OnOrBefore => write!(f, "[..{date}]"),
            Form::OnOrAfter => write!(f, "[{date}..]"),
            Form::Decade => write!(f, "{:03}X", date.year / 10),
            Form::Century => write!(f, "{:02}XX", date.year / 100),
        }
    }
}

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, DateError> {
        let shape = || DateError::Shape(text.to_string());
        if let Some(inner) = text.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
            let (first, last) = inner.split_once("..").ok_or_else(shape)?;
            return match (first.is_empty(), last.is_empty()) {
                (true, true) => Err(shape()),
                (true, false) => Ok(PartialDate {
                    form: Form::OnOrBefore,
                    ..PartialDate::plain(Ymd::parse(last)?)
                }),
                (false, true) => Ok(PartialDate {
                    form: Form::OnOrAfter,
                    ..PartialDate::plain(Ymd::parse(first)?)
                }),
                (false, false) => {
                    let (first, last) = (Ymd::parse(first)?, Ymd::parse(last)?);
                    if last.last_day() < first.first_day() {
                        return Err(DateError::Backwards(text.to_string()));
                    }
                    Ok(PartialDate {
                        date: first,
                        form: Form::OneOf,
                        upper: last,
                    })
                }
            };
        }
        let (body, form) = match text.as_bytes().last() {
            Some(b'~') => (&text[..text.len() - 1], Form::Approximate),
            Some(b'?') => (&text[..text.len() - 1], Form::Uncertain),
            Some(b'%') => (&text[..text.len() - 1], Form::ApproximateUncertain),
            _ => (text, Form::Plain),
        };
        if form == Form::Plain && body.len() == 4 && body.is_ascii() {
            let unspecified = body.bytes().rev().take_while(|&b| b == b'X').count();
            let digits = &body[..4 - unspecified];
            if unspecified > 0 && digits.bytes().all(|b| b.is_ascii_digit()) {
                let (form, zeros) = match unspecified {
                    1 => (Form::Decade, "0"),
                    2 => (Form::Century, "00"),
                    _ => return Err(shape()),
                };
                let date = Ymd::parse(&format!("{digits}{zeros}"))?;
                return Ok(PartialDate {
                    form,
                    ..PartialDate::plain(date)
                });
            }
        }
        let date = Ymd::parse(body).map_err(|error| match error {
            DateError::Shape(_) => shape(),
            other => other,
        })?;
        Ok(PartialDate {
            form,
            ..PartialDate::plain(date)
        })
    }
}

impl serde::Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for PartialDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

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
/// `Bounds` too, and a tie's effective bounds are its own [`Bounds::within`]
/// both of its actors' lifespans.
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
        Bounds {
            start: start.map_or((DAY_MIN, DAY_MAX), |d| (d.first_day(), d.last_day())),
            end: end.map_or((known_until, DAY_MAX), |d| (d.first_day(), d.last_day())),
        }
        .consistent()
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

    /// These bounds clipped to a lifespan: nothing starts before its actor
    /// may exist, nor is certain before the actor certainly exists.
    pub fn within(self, life: Bounds) -> Self {
        Bounds {
            start: (
                self.start.0.max(life.start.0),
                self.start.1.max(life.start.1),
            ),
            end: (self.end.0.min(life.end.0), self.end.1.min(life.end.1)),
        }
        .consistent()
    }

    /// Nothing ends before it starts: the latest start is no later than the
    /// latest end, the earliest end no earlier than the earliest start.
    fn consistent(self) -> Self {
        Bounds {
            start: (self.start.0, self.start.1.min(self.end.1)),
            end: (self.end.0.max(self.start.0), self.end.1),
        }
    }

    /// True when no pair of days in the bounds makes a start on or before an end.
    pub fn is_impossible(self) -> bool {
        self.start.0 > self.end.1
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

/// A closed range of days, `first..=last`; either end may be unbounded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Window {
    pub first: Day,
    pub last: Day,
}

impl Window {
    /// Every day there is.
    pub const ALL: Window = Window {
        first: DAY_MIN,
        last: DAY_MAX,
    };

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

    pub fn contains(self, day: Day) -> bool {
        self.first <= day && day <= self.last
    }
}

pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

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
    fn shows_dates_as_written() {
        for text in ["2022", "2022-11", "2023-02-08", "0999"] {
            assert_eq!(date(text).to_string(), text);
        }
    }

    #[test]
    fn a_period_covers_its_whole_span() {
        assert_eq!(date("2022").first_day(), date("2022-01-01").first_day());
        assert_eq!(date("2022").last_day(), date("2022-12-31").last_day());
        assert_eq!(date("2024-02").last_day(), date("2024-02-29").first_day());
        assert_eq!(date("2023-02").last_day(), date("2023-02-28").first_day());
        assert_eq!(date("1900-02").last_day(), date("1900-02-28").first_day());
        assert_eq!(date("2000-02").last_day(), date("2000-02-29").first_day());
    }

    #[test]
    fn rejects_impossible_dates() {
        for text in [
            "",
            "22",
            "2022-1",
            "2022-13",
            "2022-00",
            "2023-02-29",
            "2022-11-31",
            "2022-11-01-01",
            "abcd",
            "+202",
            "2022-1a",
            "0000",
            "２０２２",
        ] {
            assert!(text.parse::<PartialDate>().is_err(), "{text:?} parsed");
        }
    }

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        for day in (-800_000..800_000).step_by(997) {
            let (y, m, d) = civil_from_days(day);
            assert_eq!(days_from_civil(y, m, d), day);
        }
        assert_eq!(
            PartialDate::from_day(date("2023-02-08").first_day()),
            date("2023-02-08")
        );
    }

    #[test]
    fn edtf_forms_show_back_as_written() {
        for text in [
            "2022~",
            "2022-06?",
            "2022-06-15%",
            "[2022-05..2022-08]",
            "[..2023-02]",
            "[2014..]",
            "[2021-11..2022-02-03]",
            "201X",
            "19XX",
        ] {
            assert_eq!(date(text).to_string(), text);
            assert!(!date(text).is_plain(), "{text}");
        }
        assert!(date("2022").is_plain());
    }

    #[test]
    fn edtf_forms_cover_their_possible_days() {
        let day = |text: &str| date(text).first_day();
        let last = |text: &str| date(text).last_day();
        assert_eq!((day("2022~"), last("2022~")), (day("2021"), last("2023")));
        assert_eq!(
            (day("2022-06~"), last("2022-06~")),
            (day("2022-05"), last("2022-07"))
        );
        assert_eq!(
            (day("2022-01?"), last("2022-12?")),
            (day("2021-12"), last("2023-01"))
        );
        assert_eq!(
            (day("2022-03-01%"), last("2022-03-01%")),
            (day("2022-02-28"), last("2022-03-02"))
        );
        assert_eq!(
            (day("[2022-05..2022-08]"), last("[2022-05..2022-08]")),
            (day("2022-05"), last("2022-08"))
        );
        assert_eq!(
            (day("[..2023-02]"), last("[..2023-02]")),
            (DAY_MIN, last("2023-02"))
        );
        assert_eq!((day("[2014..]"), last("[2014..]")), (day("2014"), DAY_MAX));
        assert_eq!((day("201X"), last("201X")), (day("2010"), last("2019")));
        assert_eq!((day("19XX"), last("19XX")), (day("1900"), last("1999")));
    }

    #[test]
    fn rejects_malformed_uncertain_dates() {
        for text in [
            "2022~~",
            "~2022",
            "2022-13?",
            "[2023..2022]",
            "[..]",
            "[2022",
            "2022]",
            "20XXX",
            "2XXX",
            "X022",
            "201X-05",
            "[2022..2023..2024]",
            "[~2022..2023]",
            "2022-1~",
        ] {
            assert!(text.parse::<PartialDate>().is_err(), "{text:?} parsed");
        }
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

    #[test]
    fn lifespans_clip_ties() {
        let life = Bounds::of_life(Some(date("2017-03")), None);
        let tie = bounds(None, None, Some("2023-02")).within(life);
        assert_eq!(tie.activity(during("2010")), Certainty::No);
        assert_eq!(tie.activity(on("2017-02-28")), Certainty::No);
        assert_eq!(tie.activity(on("2020")), Certainty::Possibly);
        // A dated tie is certain only once its actor surely exists.
        let dated = bounds(Some("2017-03-02"), None, Some("2023-02"))
            .within(Bounds::of_life(Some(date("2017-03")), None));
        assert_eq!(dated.activity(on("2017-03-15")), Certainty::Possibly);
        assert_eq!(dated.activity(on("2017-03-31")), Certainty::Certainly);
        // An actor's end ends its ties.
        let gone = bounds(Some("2014"), None, Some("2023-02"))
            .within(Bounds::of_life(None, Some(date("2022-08"))));
        assert_eq!(gone.activity(on("2022-07-31")), Certainty::Certainly);
        assert_eq!(gone.activity(on("2022-08-15")), Certainty::Possibly);
        assert_eq!(gone.activity(on("2022-09")), Certainty::No);
        // Lives that never meet leave nothing possible.
        let never = bounds(None, None, None)
            .within(Bounds::of_life(Some(date("2019")), None))
            .within(Bounds::of_life(None, Some(date("2016"))));
        assert!(never.is_impossible());
        assert_eq!(never.activity(Window::ALL), Certainty::No);
    }

    proptest::proptest! {
        /// The three answers agree with trying every true start and end the
        /// bounds allow: certain when every consistent pair meets the
        /// window, possible when some do, no when none does.
        #[test]
        fn activity_agrees_with_every_possible_span(
            s0 in 0i32..40, s_len in 0i32..10, e0 in 0i32..40, e_len in 0i32..10,
            l0 in 0i32..40, l_len in 0i32..10, w0 in 0i32..45, w_len in 0i32..12,
        ) {
            let tie = Bounds { start: (s0, s0 + s_len), end: (e0, e0 + e_len) }.consistent();
            let life = Bounds { start: (l0, l0 + l_len), end: (DAY_MAX, DAY_MAX) };
            let clipped = tie.within(life);
            let window = Window::new(w0, w0 + w_len);
            let (mut any, mut all, mut some_span) = (false, true, false);
            for s in s0..=s0 + s_len {
                for e in e0..=e0 + e_len {
                    for born in l0..=l0 + l_len {
                        // The true span: started when both the tie and its actor had.
                        let first = s.max(born);
                        if first > e {
                            continue;
                        }
                        some_span = true;
                        let meets = first <= window.last && e >= window.first;
                        any |= meets;
                        all &= meets;
                    }
                }
            }
            let expected = if !some_span || !any {
                Certainty::No
            } else if all {
                Certainty::Certainly
            } else {
                Certainty::Possibly
            };
            proptest::prop_assert_eq!(clipped.activity(window), expected, "{:?} {:?}", clipped, window);
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
