//! Dates in words: as written (EDTF), read aloud for answers, and short
//! for a slide's labels.

use std::fmt;

use super::{Form, PartialDate, Ymd};

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

impl PartialDate {
    /// The date read aloud, for people who do not read EDTF: `on or before
    /// 2023-02`, `about 2022-06`, `between 2022-05 and 2023-02`.
    pub fn in_words(&self) -> String {
        let date = self.date;
        match self.form {
            Form::Plain => format!("{date}"),
            Form::Approximate => format!("about {date}"),
            Form::Uncertain => format!("perhaps {date}"),
            Form::ApproximateUncertain => format!("perhaps about {date}"),
            Form::OneOf => format!("between {date} and {}", self.upper),
            Form::OnOrBefore => format!("on or before {date}"),
            Form::OnOrAfter => format!("on or after {date}"),
            Form::Decade => format!("in the {}0s", date.year / 10),
            Form::Century => format!("in the {}00s", date.year / 100),
        }
    }
}

impl PartialDate {
    /// The date as a slide reads it, short and plain: `Mar 2017`,
    /// `2 Mar 2017`, `c. Jun 2022`, `perhaps 2022`, `May–Aug 2022`, `Feb 2023 or
    /// before`, `2014 or after`, `the 2010s`.
    pub fn in_short_words(&self) -> String {
        let date = self.date.short_words();
        match self.form {
            Form::Plain => date,
            Form::Approximate => format!("c. {date}"),
            // Not "2017?": on a picture a trailing "?" says the tie may
            // not hold at the view's time, a doubt of the view, not of
            // the source's date.
            Form::Uncertain => format!("perhaps {date}"),
            Form::ApproximateUncertain => format!("perhaps c. {date}"),
            Form::OneOf => {
                let upper = self.upper.short_words();
                // "May–Aug 2022", not "May 2022–Aug 2022".
                let year = format!(" {}", self.date.year);
                match date.strip_suffix(&year) {
                    Some(first) if upper.ends_with(&year) && self.date.month != 0 => {
                        format!("{first}–{upper}")
                    }
                    _ => format!("{date}–{upper}"),
                }
            }
            Form::OnOrBefore => format!("{date} or before"),
            Form::OnOrAfter => format!("{date} or after"),
            Form::Decade => format!("the {}0s", self.date.year / 10),
            Form::Century => format!("the {}00s", self.date.year / 100),
        }
    }
}

impl Ymd {
    /// `2017`, `Mar 2017` or `2 Mar 2017`.
    fn short_words(self) -> String {
        // "Jan", "Feb": the first three letters of each name.
        let short = |m: usize| &super::super::MONTH_NAMES[m % 12][..3];
        let month = usize::from(self.month);
        match (month, self.day) {
            (0, _) => format!("{}", self.year),
            (m, 0) => format!("{} {}", short(m - 1), self.year),
            (m, d) => format!("{d} {} {}", short(m - 1), self.year),
        }
    }
}
