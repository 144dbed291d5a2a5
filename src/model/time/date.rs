//! Dates as sources give them: a year, month or day, possibly approximate,
//! uncertain, a range of possible days or open on one side, in a subset of
//! EDTF (see the parent module for the notation).

use std::fmt;
use std::str::FromStr;

use super::{
    civil_from_days, days_from_civil, days_in_month, Day, DAY_MAX, DAY_MIN, YEAR_MAX, YEAR_MIN,
};

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
    /// The text is not a date in any form the graph accepts.
    #[error("`{0}` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, optionally with EDTF's `~` (about), `?` (perhaps), `[A..B]` (between), `[..B]`, `[A..]` or `201X`")]
    Shape(String),
    /// The year is outside the years a date may have.
    #[error("year {0} is out of range {YEAR_MIN}..={YEAR_MAX}")]
    Year(i32),
    /// The month is not 1 to 12.
    #[error("month {0} does not exist")]
    Month(u32),
    /// The month has no such day, such as 31 April or 29 February in a common year.
    #[error("day {day} does not exist in {year:04}-{month:02}")]
    Day {
        /// The date's year.
        year: i32,
        /// The date's month, 1 to 12.
        month: u32,
        /// The day that month does not have.
        day: u32,
    },
    /// A range almost written right: `[2022-03...2022-06]`, `2022-03..`,
    /// `2022-03–2022-06`. `start..end` is the mistake's place in `text`.
    #[error("`{mistake}` in `{text}` is not how a range is written: {advice}")]
    Range {
        /// The date as written.
        text: String,
        /// The mistaken part: `...`, ` .. `, `–`.
        mistake: String,
        /// Where the mistake starts in `text`, in bytes.
        start: usize,
        /// Where it ends.
        end: usize,
        /// How to write it, with the range written right when that reads.
        advice: String,
    },
    /// A range whose end is before its start, such as `[2023..2022]`.
    #[error("`{0}` ends before it starts")]
    Backwards(String),
}

impl DateError {
    /// Where in the date's text the mistake is, in bytes, when it is one
    /// part of it (a range's `...`); `None` for the whole text.
    pub fn within(&self) -> Option<(usize, usize)> {
        match self {
            DateError::Range { start, end, .. } => Some((*start, *end)),
            _ => None,
        }
    }
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

    /// The day the date sorts at in lists in date order (`timeline`,
    /// `changes`): the first day of the date as written, so every precision
    /// sorts by the same rule. An approximate or uncertain date sorts at
    /// its stated position, not its widened earliest day (`2023-06~` after
    /// `2023-05`, `2022?` after `2021-08`); a year at its first day (before
    /// its months); a range `[A..B]` or `[A..]` at A; `201X` at the decade's
    /// first day; one open before, `[..B]`, at B's last day, the only day
    /// it names.
    pub fn sort_day(self) -> Day {
        match self.form {
            Form::OnOrBefore => self.date.last_day(),
            _ => self.date.first_day(),
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

impl PartialDate {
    /// True for `[..B]`: the date is known only to be on or before B.
    pub fn is_on_or_before(&self) -> bool {
        self.form == Form::OnOrBefore
    }

    /// This date as the latest something happened, `[..B]`: a tie that
    /// gives no end ended on or before its actor's end, not on it. A date
    /// known only roughly (`2021~`, `201X`) is kept as written.
    pub fn at_the_latest(self) -> PartialDate {
        let latest = match self.form {
            Form::Plain => self.date,
            Form::OneOf => self.upper,
            _ => return self,
        };
        PartialDate {
            date: latest,
            form: Form::OnOrBefore,
            upper: Ymd::default(),
        }
    }
}

mod reading;
pub(crate) mod typos;
mod words;
pub use reading::{collecting_date_errors, take_date_errors};

#[cfg(test)]
mod tests {
    use super::*;

    /// A cold check: `timeline` put a `2023-06~` tie before a `2023-05`
    /// event, sorting the approximate date at its widened earliest day.
    #[test]
    fn dates_of_every_precision_sort_at_their_stated_position() {
        let in_order = [
            "[..2020]",
            "2021",
            "2021-08",
            "2021-08-04",
            "2022?",
            "2022-06~",
            "[2022-07..2022-12]",
            "2023-05",
            "2023-05-31",
            "2023-06~",
            "[2023-07..]",
        ];
        let days: Vec<Day> = in_order
            .iter()
            .map(|d| d.parse::<PartialDate>().unwrap().sort_day())
            .collect();
        for (pair, dates) in days.windows(2).zip(in_order.windows(2)) {
            assert!(pair[0] <= pair[1], "{} sorts after {}", dates[0], dates[1]);
        }
        let sort = |d: &str| d.parse::<PartialDate>().unwrap().sort_day();
        assert!(sort("2023-05") < sort("2023-06~"));
        assert_eq!(sort("2023-06~"), sort("2023-06"));
        assert_eq!(sort("201X"), sort("2010"));
    }

    #[test]
    fn dates_read_aloud() {
        let words = |text: &str| text.parse::<PartialDate>().unwrap().in_words();
        assert_eq!(words("2022-11"), "2022-11");
        assert_eq!(words("[..2022-11]"), "on or before 2022-11");
        assert_eq!(words("[2016..]"), "on or after 2016");
        assert_eq!(words("[2022-05..2023-02]"), "between 2022-05 and 2023-02");
        assert_eq!(words("2022-06~"), "about 2022-06");
        assert_eq!(words("2022?"), "perhaps 2022");
        assert_eq!(words("201X"), "in the 2010s");
        assert_eq!(words("19XX"), "in the 1900s");
    }

    #[test]
    fn dates_in_short_words_read_plainly_on_a_slide() {
        let words = |text: &str| text.parse::<PartialDate>().unwrap().in_short_words();
        assert_eq!(words("2017"), "2017");
        assert_eq!(words("2023-01"), "Jan 2023");
        assert_eq!(words("2017-03-02"), "2 Mar 2017");
        assert_eq!(words("2022-12"), "Dec 2022");
        assert_eq!(words("[..2022-06]"), "Jun 2022 or before");
        assert_eq!(words("[2014..]"), "2014 or after");
        assert_eq!(words("[2022-05..2022-08]"), "May–Aug 2022");
        assert_eq!(words("[2021..2022-08]"), "2021–Aug 2022");
        assert_eq!(words("[2021-11..2022-08]"), "Nov 2021–Aug 2022");
        assert_eq!(words("2022-06~"), "c. Jun 2022");
        assert_eq!(words("2022?"), "perhaps 2022");
        assert_eq!(words("2022-06%"), "perhaps c. Jun 2022");
        assert_eq!(words("201X"), "the 2010s");
    }

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
}
