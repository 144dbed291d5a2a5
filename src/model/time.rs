//! Dates at the precision a source gives them, and the day arithmetic behind
//! every "active when" question.
//!
//! A [`PartialDate`] is a year, a month or a day, shown back exactly as written.
//! It covers its whole span: `2022` runs from 2022-01-01 to 2022-12-31. Spans
//! are compared as [`Day`] numbers (days since 1970-01-01), so filters are
//! integer comparisons.

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

/// A date at year, month or day precision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    year: i16,
    /// 0 when only the year is known.
    month: u8,
    /// 0 when the day is not known.
    day: u8,
}

/// Why a date could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("`{0}` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")]
    Shape(String),
    #[error("year {0} is out of range {YEAR_MIN}..={YEAR_MAX}")]
    Year(i32),
    #[error("month {0} does not exist")]
    Month(u32),
    #[error("day {day} does not exist in {year:04}-{month:02}")]
    Day { year: i32, month: u32, day: u32 },
}

impl PartialDate {
    /// A year-precision date.
    pub fn year(year: i32) -> Result<Self, DateError> {
        Self::new(year, None, None)
    }

    /// Builds a date, checking that the month and day exist.
    pub fn new(year: i32, month: Option<u32>, day: Option<u32>) -> Result<Self, DateError> {
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
        Ok(PartialDate {
            year: year as i16,
            month: month_value as u8,
            day: day_value as u8,
        })
    }

    pub fn year_number(self) -> i32 {
        i32::from(self.year)
    }

    pub fn month_number(self) -> Option<u32> {
        (self.month != 0).then_some(u32::from(self.month))
    }

    pub fn day_number(self) -> Option<u32> {
        (self.day != 0).then_some(u32::from(self.day))
    }

    /// The first day this date covers.
    pub fn first_day(self) -> Day {
        let month = self.month_number().unwrap_or(1);
        let day = self.day_number().unwrap_or(1);
        days_from_civil(self.year_number(), month, day)
    }

    /// The last day this date covers.
    pub fn last_day(self) -> Day {
        let year = self.year_number();
        let month = self.month_number().unwrap_or(12);
        let day = self
            .day_number()
            .unwrap_or_else(|| days_in_month(year, month));
        days_from_civil(year, month, day)
    }

    /// The date of a day number, at day precision.
    pub fn from_day(day: Day) -> Self {
        let (y, m, d) = civil_from_days(day);
        PartialDate {
            year: y as i16,
            month: m as u8,
            day: d as u8,
        }
    }
}

impl fmt::Display for PartialDate {
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

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, DateError> {
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
        PartialDate::new(year, month, day)
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
