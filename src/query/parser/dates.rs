//! Dates in questions: `2022`, `2022-06-15`, `March 2017`, `Feb 2023`, and
//! `early`, `mid` or `late` YEAR; a word that is not one is blamed with a
//! hint when it looks like more of a name.

use super::super::ast::*;
use super::super::error::{QueryError, QueryErrorKind};
use super::super::keywords;
use super::super::lexer::TokenKind;
use super::Parser;
use crate::model::time::{is_year_dash_year, month_from_name, DateError};
use crate::model::PartialDate;

/// A date a question names: one date, or the first and last months of a
/// part of a year (`early 2020` is 2020-01 to 2020-04).
pub(super) struct DateSpan {
    pub(super) first: PartialDate,
    pub(super) last: PartialDate,
    pub(super) span: Span,
}

impl DateSpan {
    fn one(date: PartialDate, span: Span) -> DateSpan {
        DateSpan {
            first: date,
            last: date,
            span,
        }
    }
}

impl Parser<'_> {
    /// The words of `date` as the query wrote them.
    pub(super) fn words_of(&self, date: &DateSpan) -> String {
        let (start, end) = date.span;
        self.tokens
            .iter()
            .filter(|t| t.start >= start && t.end <= end)
            .map(|t| t.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The error for a span of time written last date first, with the two
    /// dates the right way round in `form` (`between {} and {}`).
    pub(super) fn reversed(
        &self,
        first: &DateSpan,
        last: &DateSpan,
        start: usize,
        form: &str,
    ) -> QueryError {
        let fixed =
            form.replacen("{}", &self.words_of(last), 1)
                .replacen("{}", &self.words_of(first), 1);
        QueryError::new(QueryErrorKind::ReversedRange, start, last.span.1)
            .with_help(format!("write the earlier date first: `{fixed}`"))
    }

    pub(super) fn date(&mut self) -> Result<DateSpan, QueryError> {
        if let Some((date, span)) = self.month_and_year() {
            return Ok(DateSpan::one(date, span));
        }
        if let Some(part) = self.part_of_year() {
            return Ok(part);
        }
        match self.peek() {
            Some(token)
                if token.kind == TokenKind::Word
                    && token.text.starts_with(|c: char| c.is_ascii_digit()) =>
            {
                let token = self.advance().expect("peeked");
                let date = token.text.parse::<PartialDate>().map_err(|e| {
                    QueryError::new(
                        QueryErrorKind::BadDate {
                            text: token.text.clone(),
                            // A question takes plain dates only: no EDTF forms offered.
                            reason: match e {
                                // `2022-03...2022-06`: a graph file's range, mistyped
                                // or not, is asked here with `between`.
                                _ if range_in_words(&token.text).is_some() => {
                                    range_reason(&token.text)
                                }
                                DateError::Shape(_) => format!(
                                    "`{}` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD",
                                    token.text
                                ),
                                _ => format!("`{}` is not a date: {e}", token.text),
                            },
                        },
                        token.start,
                        token.end,
                    )
                })?;
                if !date.is_plain() {
                    // A question names the days it asks about; uncertainty
                    // belongs to what the sources say, in graph files.
                    return Err(QueryError::new(
                        QueryErrorKind::BadDate {
                            text: token.text.clone(),
                            reason: format!(
                                "`{}` is an uncertain date: a question takes a plain year, month or day (YYYY, YYYY-MM or YYYY-MM-DD)",
                                token.text
                            ),
                        },
                        token.start,
                        token.end,
                    ));
                }
                Ok(DateSpan::one(date, (token.start, token.end)))
            }
            _ => Err(self.not_a_date()),
        }
    }

    /// True when the token after this one begins a date: `from 2022`,
    /// `from March 2017`, `from mid-2022` (a source id begins with a letter
    /// and is no month or part of a year).
    pub(super) fn date_follows(&self) -> bool {
        let Some(next) = self.tokens.get(self.pos + 1) else {
            return false;
        };
        let word = next.text.to_ascii_lowercase();
        next.kind == TokenKind::Word
            && (word.starts_with(|c: char| c.is_ascii_digit())
                || month_from_name(&word).is_some()
                || ["early", "mid", "late", "middle"]
                    .iter()
                    .any(|p| word == *p || word.starts_with(&format!("{p}-"))))
    }

    /// The error for a word where a date should be; after a bare name
    /// (`show Tuareg leaders in Kidal`) it suggests the name goes on.
    fn not_a_date(&self) -> QueryError {
        let error = self
            .expected("a date (YYYY, YYYY-MM, YYYY-MM-DD, March 2017, or early, mid or late YYYY)");
        // `[2022-03..2022-06]`, a range as graph files write it.
        if let Some(token) = self.peek().filter(|t| range_in_words(&t.text).is_some()) {
            return error.with_help(range_reason(&token.text));
        }
        // `in Marh 2022`: a misspelt month; `in summer 2022`: a season.
        if let Some(word) = self.peek().filter(|t| t.kind == TokenKind::Word) {
            let lower = word.text.to_lowercase();
            if ["summer", "winter", "spring", "autumn", "fall"].contains(&lower.as_str()) {
                return error.with_help(
                    "seasons differ by hemisphere and are not dates: write months, such as \
                     `between June 2022 and August 2022`, or `mid 2022`",
                );
            }
            let month = crate::model::time::MONTH_NAMES
                .iter()
                .filter(|_| lower.len() >= 3 && lower.chars().all(char::is_alphabetic))
                .map(|m| (strsim::damerau_levenshtein(&lower, &m.to_lowercase()), m))
                .filter(|(d, m)| *d <= 2 && *d < m.len() / 2)
                .min_by_key(|(d, _)| *d);
            if let Some((_, month)) = month {
                return error.with_help(format!("did you mean `{month}`?"));
            }
        }
        // Only words that name places and parts join names: `in Kidal`.
        let joins_name = self.pos > 0
            && ["in", "and", "to", "from", "with", "of"]
                .iter()
                .any(|w| self.tokens[self.pos - 1].text.eq_ignore_ascii_case(w));
        if !joins_name || !self.peek().is_some_and(|t| t.kind == TokenKind::Word) {
            return error;
        }
        // The words from the name's start to here, if they follow one.
        let name_start = self.tokens[..self.pos.saturating_sub(1)]
            .iter()
            .rposition(|t| t.kind != TokenKind::Word || keywords::find(&t.text).is_some())
            .map_or(0, |i| i + 1);
        if name_start + 1 >= self.pos {
            return error;
        }
        let words: Vec<&str> = self.tokens[name_start..=self.pos]
            .iter()
            .map(|t| t.text.as_str())
            .collect();
        error.with_help(format!(
            "if `{}` is one name, quote it: \"{}\"",
            words.join(" "),
            words.join(" ")
        ))
    }

    /// `early 2020`, `mid 2022`, `late-2012`: the first, middle or last
    /// four months of a year.
    fn part_of_year(&mut self) -> Option<DateSpan> {
        let token = self.tokens.get(self.pos)?;
        if token.kind != TokenKind::Word {
            return None;
        }
        let lower = token.text.to_ascii_lowercase();
        let (part, year_text, taken, end) = match lower.split_once('-') {
            Some((part, year)) => (part.to_string(), year.to_string(), 1, token.end),
            None => {
                let year = self.tokens.get(self.pos + 1)?;
                (lower.clone(), year.text.clone(), 2, year.end)
            }
        };
        let first_month = match part.as_str() {
            "early" => 1,
            "mid" | "middle" => 5,
            "late" => 9,
            _ => return None,
        };
        if year_text.len() != 4 || !year_text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i32 = year_text.parse().ok()?;
        let first = PartialDate::new(year, Some(first_month), None).ok()?;
        let last = PartialDate::new(year, Some(first_month + 3), None).ok()?;
        let span = (token.start, end);
        self.pos += taken;
        Some(DateSpan { first, last, span })
    }

    /// `March 2017`, `Feb 2023`: an English month name or abbreviation
    /// followed by a four-digit year, read as that month.
    fn month_and_year(&mut self) -> Option<(PartialDate, Span)> {
        let (name, year) = (self.tokens.get(self.pos)?, self.tokens.get(self.pos + 1)?);
        if name.kind != TokenKind::Word || year.kind != TokenKind::Word {
            return None;
        }
        let month = month_from_name(&name.text)?;
        let digits = year.text.len() == 4 && year.text.bytes().all(|b| b.is_ascii_digit());
        let date = digits
            .then(|| PartialDate::new(year.text.parse().ok()?, Some(month), None).ok())
            .flatten()?;
        let span = (name.start, year.end);
        self.pos += 2;
        Some((date, span))
    }
}

/// What a question says for a range written as one word, as a graph file
/// writes it or nearly: `between 2022-03 and 2022-06` for
/// `[2022-03..2022-06]`, `2022-03...2022-06`, `2022-03–2022-06` or
/// `2021-2023`; `after 2022` for `[2022..]`, `before 2022` for `[..2022]`.
/// `None` for anything else.
fn range_in_words(text: &str) -> Option<String> {
    let inner = text.trim_start_matches('[').trim_end_matches(']');
    let (first, last) = if is_year_dash_year(inner) {
        inner.split_at(4)
    } else {
        ["...", "..", "–", "—", "/"]
            .iter()
            .find_map(|sep| inner.split_once(sep))?
    };
    let last = last.trim_start_matches(['-', '.']);
    let date = |t: &str| {
        t.trim()
            .parse::<PartialDate>()
            .ok()
            .filter(|d| d.is_plain())
    };
    match (first.trim().is_empty(), last.trim().is_empty()) {
        (true, false) => Some(format!("before {}", date(last)?)),
        (false, true) => Some(format!("after {}", date(first)?)),
        _ => Some(format!("between {} and {}", date(first)?, date(last)?)),
    }
}

/// What a question asks instead of a range written as one word.
fn range_reason(text: &str) -> String {
    match range_in_words(text) {
        Some(words) => format!("`{text}` is a range of dates: a question asks `{words}`"),
        None => format!("`{text}` is not a date"),
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::*;

    #[test]
    fn a_span_written_last_date_first_says_how_to_write_it() {
        for (query, fixed) in [
            (
                "who fought JNIM between March 2023 and 2019",
                "between 2019 and March 2023",
            ),
            ("who fought JNIM from 2023 to 2019", "from 2019 to 2023"),
            (
                "changes between 2023-02 and 2019",
                "changes between 2019 and 2023-02",
            ),
        ] {
            let error = parse(query).unwrap_err();
            assert_eq!(error.kind, QueryErrorKind::ReversedRange, "{query}");
            assert_eq!(
                error.help.as_deref(),
                Some(format!("write the earlier date first: `{fixed}`").as_str()),
                "{query}"
            );
        }
    }
}
