//! Reading dates from text: the ISO and EDTF forms of a graph file, and
//! the errors of a reader that reports every bad date at once.

use super::*;

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, DateError> {
        // A range almost written right fails on a fragment; say what the
        // mistake is instead, where it is.
        read(text).map_err(|error| match error {
            DateError::Backwards(_) => error,
            _ => super::typos::range_typo(text).unwrap_or(error),
        })
    }
}

/// Reads a date as written, with no guess at what was meant.
fn read(text: &str) -> Result<PartialDate, DateError> {
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

impl serde::Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for PartialDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        match text.parse() {
            Ok(date) => Ok(date),
            Err(error) => match note_date_error(&error) {
                Some(placeholder) => Ok(placeholder),
                None => Err(serde::de::Error::custom(error)),
            },
        }
    }
}

std::thread_local! {
    /// The date errors noted while a reader collects them; `None` when no
    /// reader does, and a bad date stops the read.
    static NOTED: std::cell::RefCell<Option<Vec<DateError>>> = const { std::cell::RefCell::new(None) };
}

/// Runs `read` with date errors noted rather than raised, so a reader that
/// reports every problem at once (the RON store) can go on past a bad date:
/// the bad date reads as a placeholder, and [`take_date_errors`] says what
/// was wrong. The reader must drop the item that holds it.
pub fn collecting_date_errors<T>(read: impl FnOnce() -> T) -> T {
    NOTED.with(|noted| *noted.borrow_mut() = Some(Vec::new()));
    let result = read();
    NOTED.with(|noted| *noted.borrow_mut() = None);
    result
}

/// The date errors noted since the last call, while collecting.
pub fn take_date_errors() -> Vec<DateError> {
    NOTED.with(|noted| {
        noted
            .borrow_mut()
            .as_mut()
            .map(std::mem::take)
            .unwrap_or_default()
    })
}

/// Notes `error` when a reader collects; the placeholder to read instead.
fn note_date_error(error: &DateError) -> Option<PartialDate> {
    NOTED.with(|noted| {
        noted.borrow_mut().as_mut().map(|errors| {
            errors.push(error.clone());
            PartialDate::from_day(0)
        })
    })
}
