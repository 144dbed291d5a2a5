//! Reading a date cell in a mapping's formats: ISO, slash dates in a
//! stated order, month names, spreadsheet timestamps; never a guessed order.

use super::DateFormat;
use crate::model::time::month_from_name;
use crate::model::PartialDate;

/// Reads a non-empty, trimmed cell with the first of `formats` that reads
/// it. When none does, the error of a format that recognised the cell's
/// shape (an ambiguous `3/4/2012`, a 13th month) is worth more than "not a
/// date", so it is the one given.
pub fn parse_date(formats: &[DateFormat], text: &str) -> Result<PartialDate, String> {
    let mut shaped = None;
    for format in formats {
        match format.read(text) {
            Ok(date) => return Ok(date),
            Err(NotDate::Shape) => {}
            Err(NotDate::Value(error)) => {
                shaped.get_or_insert(error);
            }
        }
    }
    Err(shaped.unwrap_or_else(|| match formats {
        [one] => format!("`{text}` is not a date {}", one.example()),
        _ => format!(
            "`{text}` is not a date in any of the mapping's formats ({})",
            formats
                .iter()
                .map(|f| format!("{f:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }))
}

/// Why a cell is not a date in one format.
#[derive(Debug, PartialEq)]
enum NotDate {
    /// It is not written in this format's shape at all.
    Shape,
    /// It has the shape, but not a date's value: why.
    Value(String),
}

impl DateFormat {
    /// Reads a non-empty, trimmed cell.
    pub fn parse(self, text: &str) -> Result<PartialDate, String> {
        parse_date(&[self], text)
    }

    /// Reads a non-empty, trimmed cell, telling a cell of another shape
    /// from one of this shape that is no date.
    fn read(self, text: &str) -> Result<PartialDate, NotDate> {
        let value = |e: crate::model::time::DateError| NotDate::Value(format!("`{text}`: {e}"));
        match self {
            // The fast path reads plain dates; EDTF's forms go the long way.
            DateFormat::Iso => match parse_iso(text.as_bytes()) {
                Some(date) => Ok(date),
                // A spreadsheet's timestamp (`2018-03-15 00:00:00`,
                // `2018-03-15T10:20:00Z`) is the day written, as written.
                None if timestamp_day(text).is_some() => {
                    DateFormat::Iso.read(timestamp_day(text).unwrap_or_default())
                }
                None if looks_iso(text) => text.parse::<PartialDate>().map_err(|e| {
                    let e = e.to_string();
                    // The date error may name the value already.
                    NotDate::Value(if e.contains(text) {
                        e
                    } else {
                        format!("`{text}`: {e}")
                    })
                }),
                None => Err(NotDate::Shape),
            },
            DateFormat::MonthDayYear | DateFormat::DayMonthYear => {
                let (a, b, year) = slash_parts(text).ok_or(NotDate::Shape)?;
                let (m, d) = if self == DateFormat::MonthDayYear {
                    (a, b)
                } else {
                    (b, a)
                };
                PartialDate::new(year, Some(m), Some(d)).map_err(|error| {
                    // The other order reads it: say so, the column may be mislabelled.
                    let other = PartialDate::new(year, Some(d), Some(m)).is_ok();
                    NotDate::Value(if other {
                        format!(
                            "`{text}`: {error}, read {} first as the mapping says \
                             (the other way it would be {})",
                            if self == DateFormat::MonthDayYear {
                                "month"
                            } else {
                                "day"
                            },
                            spelled(year, d, m)
                        )
                    } else {
                        format!("`{text}`: {error}")
                    })
                })
            }
            DateFormat::DayMonthNameYear => {
                // `8 May 2014`, and Excel's `8-May-2014` and `8-May-14`.
                let parts: Vec<&str> = text.split([' ', '-']).filter(|p| !p.is_empty()).collect();
                let [d, m, y] = parts[..] else {
                    return Err(NotDate::Shape);
                };
                let (Ok(d), Some(y)) = (d.parse::<u32>(), year_number(y)) else {
                    return Err(NotDate::Shape);
                };
                let month = month_from_name(m)
                    .ok_or_else(|| NotDate::Value(format!("`{text}`: `{m}` is not a month")))?;
                PartialDate::new(y, Some(month), Some(d)).map_err(value)
            }
            DateFormat::Auto | DateFormat::AutoMonthFirst | DateFormat::AutoDayFirst => {
                if let Some((a, b, year)) = slash_parts(text) {
                    let order = match self {
                        DateFormat::AutoMonthFirst => DateFormat::MonthDayYear,
                        DateFormat::AutoDayFirst => DateFormat::DayMonthYear,
                        // One reading only: the other would be no date at all.
                        _ if a == b || b > 12 => DateFormat::MonthDayYear,
                        _ if a > 12 => DateFormat::DayMonthYear,
                        _ => {
                            return Err(NotDate::Value(format!(
                                "`{text}` could be {} or {}: the mapping's `Auto` does not \
                                 guess; write `AutoMonthFirst` or `AutoDayFirst` for this column",
                                spelled(year, a, b),
                                spelled(year, b, a),
                            )))
                        }
                    };
                    return order.read(text);
                }
                [DateFormat::Iso, DateFormat::DayMonthNameYear]
                    .iter()
                    .map(|f| f.read(text))
                    .find(|r| *r != Err(NotDate::Shape))
                    .unwrap_or_else(|| month_first_name(text))
            }
        }
    }

    /// How a cell of this format is written, for messages.
    fn example(self) -> &'static str {
        match self {
            DateFormat::Iso => "(write 2014, 2014-05 or 2014-05-08; 00 for an unknown part)",
            DateFormat::MonthDayYear => "(write M/D/YY or M/D/YYYY)",
            DateFormat::DayMonthYear => "(write D/M/YY or D/M/YYYY)",
            DateFormat::DayMonthNameYear => "(write 8 May 2014)",
            DateFormat::Auto | DateFormat::AutoMonthFirst | DateFormat::AutoDayFirst => {
                "(write 2014-05-08, 5/8/14, 5/8/2014 or 8 May 2014)"
            }
        }
    }
}

/// `Mar 2018`, `March 15 2018`, `March 15, 2018`: a month name first
/// (American usage), for [`DateFormat::Auto`].
fn month_first_name(text: &str) -> Result<PartialDate, NotDate> {
    let parts: Vec<&str> = text.split([' ', ',']).filter(|p| !p.is_empty()).collect();
    let (month, day, year) = match parts[..] {
        [m, y] => (m, None, y),
        [m, d, y] => (m, Some(d), y),
        _ => return Err(NotDate::Shape),
    };
    let (Some(month), Some(year)) = (month_from_name(month), year_number(year)) else {
        return Err(NotDate::Shape);
    };
    let day = match day {
        None => None,
        Some(d) => Some(d.parse::<u32>().map_err(|_| NotDate::Shape)?),
    };
    PartialDate::new(year, Some(month), day).map_err(|e| NotDate::Value(format!("`{text}`: {e}")))
}

/// A year of four digits, or two (1950–2049).
fn year_number(text: &str) -> Option<i32> {
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year: i32 = text.parse().ok()?;
    match text.len() {
        4 => Some(year),
        2 if year < 50 => Some(2000 + year),
        2 => Some(1900 + year),
        _ => None,
    }
}

/// The day of a timestamp, `YYYY-MM-DD` then `T` or a space and a time of
/// day (`HH:MM`, seconds, fractions and a zone optional).
fn timestamp_day(text: &str) -> Option<&str> {
    let (day, time) = (text.get(..10)?, text.get(11..)?);
    if !matches!(text.as_bytes()[10], b'T' | b' ') {
        return None;
    }
    let time = time.trim_end_matches('Z');
    let time = match time.rfind(['+', '-']) {
        Some(at) if at >= 5 => &time[..at],
        _ => time,
    };
    let clock = time.split(['.']).next()?;
    let fields: Vec<&str> = clock.split(':').collect();
    let two_digits = |f: &&str| f.len() == 2 && f.bytes().all(|b| b.is_ascii_digit());
    (matches!(fields.len(), 2 | 3) && fields.iter().all(two_digits)).then_some(day)
}

/// `a/b/y`, `a.b.y` or `a-b-y` with one- or two-digit `a` and `b` and a
/// two- or four-digit year (two digits are 1950–2049).
fn slash_parts(text: &str) -> Option<(u32, u32, i32)> {
    let separator = text.chars().find(|c| matches!(c, '/' | '.' | '-'))?;
    let mut parts = text.split(separator);
    let (a, b, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let number = |s: &str, widths: &[usize]| -> Option<u32> {
        (widths.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let year = number(y, &[2, 4])?;
    let year = match (y.len(), year) {
        (2, y) if y < 50 => 2000 + y,
        (2, y) => 1900 + y,
        (_, y) => y,
    };
    Some((number(a, &[1, 2])?, number(b, &[1, 2])?, year as i32))
}

/// "4 March 2012", for a month-first reading `m/d` that exists.
fn spelled(year: i32, month: u32, day: u32) -> String {
    format!("{day} {} {year}", crate::model::time::month_name(month))
}

/// Whether `text` is shaped like an ISO or EDTF date (`2014-13`, `201X`,
/// `[..2012]`) rather than a slash or month-name date, so that its parse
/// error says more than "not a date".
fn looks_iso(text: &str) -> bool {
    match text.bytes().next() {
        // EDTF sets: `[..2012]`, `{2012,2014}`.
        Some(b'[' | b'{') => true,
        // Not `15.03.2018`, `3/4/2012`, `8 May 2014` or `15-Mar-2018`
        // (EDTF's only letter is the X of an unknown digit).
        Some(b) if b.is_ascii_digit() || b == b'-' => {
            !text.contains(['/', ' ', '.'])
                && !text.bytes().any(|b| b.is_ascii_alphabetic() && b != b'X')
        }
        _ => false,
    }
}

/// The fast path for ISO dates, with `-00` read as "unknown".
pub(crate) fn parse_iso(text: &[u8]) -> Option<PartialDate> {
    fn digits(bytes: &[u8]) -> Option<u32> {
        let mut value = 0u32;
        for &b in bytes {
            if !b.is_ascii_digit() {
                return None;
            }
            value = value * 10 + u32::from(b - b'0');
        }
        Some(value)
    }
    let (year, month, day) = match text.len() {
        4 => (digits(text)?, 0, 0),
        7 if text[4] == b'-' => (digits(&text[..4])?, digits(&text[5..7])?, 0),
        10 if text[4] == b'-' && text[7] == b'-' => (
            digits(&text[..4])?,
            digits(&text[5..7])?,
            digits(&text[8..10])?,
        ),
        _ => return None,
    };
    match (month, day) {
        (0, 0) => PartialDate::new(year as i32, None, None).ok(),
        (0, _) => None,
        (m, 0) => PartialDate::new(year as i32, Some(m), None).ok(),
        (m, d) => PartialDate::new(year as i32, Some(m), Some(d)).ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(text: &str) -> String {
        DateFormat::Iso.parse(text).unwrap().to_string()
    }

    #[test]
    fn iso_dates_with_unknown_parts() {
        assert_eq!(iso("2014"), "2014");
        assert_eq!(iso("2014-05"), "2014-05");
        assert_eq!(iso("2014-05-08"), "2014-05-08");
        assert_eq!(iso("2014-05-00"), "2014-05");
        assert_eq!(iso("2014-00-00"), "2014");
        for bad in ["2014-00-05", "2014-13", "2023-02-29", "14", "2014/05/08"] {
            assert!(DateFormat::Iso.parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn slash_and_month_name_dates() {
        let mdy = DateFormat::MonthDayYear;
        assert_eq!(mdy.parse("5/8/14").unwrap().to_string(), "2014-05-08");
        assert_eq!(mdy.parse("12/31/1999").unwrap().to_string(), "1999-12-31");
        assert_eq!(mdy.parse("1/2/75").unwrap().to_string(), "1975-01-02");
        assert!(mdy.parse("13/1/14").is_err());
        let dmy = DateFormat::DayMonthYear;
        assert_eq!(dmy.parse("8/5/14").unwrap().to_string(), "2014-05-08");
        let named = DateFormat::DayMonthNameYear;
        assert_eq!(
            named.parse("08 May 2014").unwrap().to_string(),
            "2014-05-08"
        );
        assert_eq!(named.parse("1 Sep 2020").unwrap().to_string(), "2020-09-01");
    }

    fn auto(format: DateFormat, text: &str) -> Result<String, String> {
        parse_date(&[format], text).map(|d| d.to_string())
    }

    #[test]
    fn auto_reads_every_shape_and_never_guesses_the_order() {
        let a = DateFormat::Auto;
        assert_eq!(auto(a, "2/18/10").unwrap(), "2010-02-18");
        assert_eq!(auto(a, "18/2/2010").unwrap(), "2010-02-18");
        assert_eq!(auto(a, "5/5/2010").unwrap(), "2010-05-05");
        assert_eq!(auto(a, "2012-03-00").unwrap(), "2012-03");
        assert_eq!(auto(a, "2012-00-00").unwrap(), "2012");
        assert_eq!(auto(a, "2012").unwrap(), "2012");
        assert_eq!(auto(a, "[..2012]").unwrap(), "[..2012]");
        assert_eq!(auto(a, "2012?").unwrap(), "2012?");
        assert_eq!(auto(a, "201X").unwrap(), "201X");
        assert_eq!(auto(a, "8 May 2014").unwrap(), "2014-05-08");
        assert_eq!(auto(a, "08 Sept. 2014").unwrap(), "2014-09-08");
        // What spreadsheets write.
        assert_eq!(auto(a, "2018-03-15 00:00:00").unwrap(), "2018-03-15");
        assert_eq!(
            auto(a, "2018-03-15T10:20:30.5+01:00").unwrap(),
            "2018-03-15"
        );
        assert_eq!(auto(a, "2018-03-15T00:00:00Z").unwrap(), "2018-03-15");
        assert_eq!(auto(a, "15-Mar-2018").unwrap(), "2018-03-15");
        assert_eq!(auto(a, "15-Mar-18").unwrap(), "2018-03-15");
        assert_eq!(auto(a, "Mar 2018").unwrap(), "2018-03");
        assert_eq!(auto(a, "March 15 2018").unwrap(), "2018-03-15");
        assert_eq!(auto(a, "March 15, 2018").unwrap(), "2018-03-15");
        assert_eq!(auto(a, "15.03.2018").unwrap(), "2018-03-15");
        assert_eq!(auto(a, "15-03-2018").unwrap(), "2018-03-15");
        assert!(auto(a, "03.04.2018").unwrap_err().contains("could be"));
        assert!(auto(a, "2018-03-15 25h").is_err());
        let ambiguous = auto(a, "3/4/2012").unwrap_err();
        assert!(
            ambiguous.contains("`3/4/2012` could be 4 March 2012 or 3 April 2012")
                && ambiguous.contains("AutoMonthFirst"),
            "{ambiguous}"
        );
        assert_eq!(
            auto(DateFormat::AutoMonthFirst, "3/4/2012").unwrap(),
            "2012-03-04"
        );
        assert_eq!(
            auto(DateFormat::AutoDayFirst, "3/4/2012").unwrap(),
            "2012-04-03"
        );
        // A day-first date under month-first is not silently swapped.
        assert!(auto(DateFormat::AutoMonthFirst, "18/2/2010").is_err());
        for (bad, says) in [
            ("2/30/2010", "day 30"),
            ("2012-13", "month 13"),
            ("8 Mayo 2014", "`Mayo` is not a month"),
            ("yesterday", "is not a date (write"),
            ("1/2/345", "is not a date"),
            ("1/2/3/2010", "is not a date"),
        ] {
            let error = auto(a, bad).unwrap_err();
            assert!(
                error.contains(bad) && error.contains(says),
                "{bad}: {error}"
            );
        }
    }

    #[test]
    fn a_list_of_formats_is_tried_in_order() {
        let formats = [DateFormat::MonthDayYear, DateFormat::Iso];
        let read = |t: &str| parse_date(&formats, t).map(|d| d.to_string());
        assert_eq!(read("2/18/10").unwrap(), "2010-02-18");
        assert_eq!(read("2012-03-00").unwrap(), "2012-03");
        assert_eq!(read("3/4/2012").unwrap(), "2012-03-04");
        let error = read("12 May 2012").unwrap_err();
        assert!(
            error.contains("not a date in any of the mapping's formats (MonthDayYear, Iso)"),
            "{error}"
        );
        // A cell of a listed format's shape gets that format's reason.
        assert!(read("2/30/10").unwrap_err().contains("day 30"));
    }
}
