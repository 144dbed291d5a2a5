//! The filters after a statement (`via`, time, confidence, certainty,
//! source, depth) and `export`'s options, each checked against what the
//! statement takes.

use super::super::ast::*;
use super::super::error::{QueryError, QueryErrorKind};
use super::super::lexer::{Token, TokenKind};
use super::Parser;
use crate::model::Confidence;

impl Parser<'_> {
    /// The filters after a statement, in any order, each at most once.
    pub(super) fn filters(
        &mut self,
        statement: &mut Statement,
        verb: String,
    ) -> Result<Filters, QueryError> {
        let mut filters = Filters::default();
        let allows = Allows::of(statement);
        while let Some(token) = self.peek().cloned() {
            let word = token.text.to_lowercase();
            let not_here = || {
                QueryError::new(
                    QueryErrorKind::NotApplicable(word.clone(), verb.clone()),
                    token.start,
                    token.end,
                )
            };
            let repeated = || {
                QueryError::new(
                    QueryErrorKind::Repeated(word.clone()),
                    token.start,
                    token.end,
                )
            };
            // A filter must suit the statement and come at most once.
            let guard = |allowed: bool, already: bool| {
                if !allowed {
                    Err(not_here())
                } else if already {
                    Err(repeated())
                } else {
                    Ok(())
                }
            };
            match word.as_str() {
                "via" => {
                    guard(allows.via, filters.relations.is_some())?;
                    self.advance();
                    filters.relations = Some(self.relation_list()?);
                }
                "after" | "before" | "since" | "until" | "during" | "in" | "between" | "as" => {
                    guard(allows.time, false)?;
                    if matches!(
                        statement,
                        Statement::Export(Export {
                            frames: Some(_),
                            ..
                        })
                    ) {
                        return Err(frames_and_time(&token));
                    }
                    if filters.time.is_some() {
                        return Err(QueryError::new(
                            QueryErrorKind::Invalid(format!("`{word}` is a second time operator")),
                            token.start,
                            token.end,
                        )
                        .with_help("use one time operator; `between A and B` gives a range"));
                    }
                    self.advance();
                    filters.time = Some(self.time(&word, token.start)?);
                }
                "with"
                    if self
                        .tokens
                        .get(self.pos + 1)
                        .is_some_and(|t| t.is("certainty")) =>
                {
                    guard(allows.confidence, filters.certain)?;
                    self.pos += 2;
                    filters.certain = true;
                }
                "certainly" | "certain" => {
                    guard(allows.confidence, filters.certain)?;
                    self.advance();
                    filters.certain = true;
                }
                "now" | "ever" => {
                    guard(allows.time, false)?;
                    if filters.time.is_some() {
                        return Err(QueryError::new(
                            QueryErrorKind::Invalid(format!("`{word}` is a second time operator")),
                            token.start,
                            token.end,
                        )
                        .with_help("use one time operator"));
                    }
                    self.advance();
                    filters.time = Some(if word == "now" {
                        TimeOp::Now
                    } else {
                        TimeOp::Ever
                    });
                }
                // `from 2022 to 2023`, `from mid-2022`: a time, not a source.
                "from" if allows.time && filters.time.is_none() && self.date_follows() => {
                    self.advance();
                    let first = self.date()?;
                    filters.time = Some(if self.eat("to") || self.eat("until") {
                        let last = self.date()?;
                        if last.last.last_day() < first.first.first_day() {
                            return Err(self.reversed(
                                &first,
                                &last,
                                first.span.0,
                                "from {} to {}",
                            ));
                        }
                        TimeOp::Between(first.first, last.last)
                    } else {
                        TimeOp::Since(first.first)
                    });
                }
                "from" => {
                    guard(allows.source, filters.source.is_some())?;
                    self.advance();
                    match self.advance() {
                        Some(name) if name.kind != TokenKind::Comma => {
                            filters.source = Some(SourceName {
                                name: name.text,
                                span: (name.start, name.end),
                            });
                        }
                        _ => return Err(self.expected("a source id, such as ctp-2023-02")),
                    }
                }
                "with" | "confidence" => {
                    guard(allows.confidence, filters.min_confidence.is_some())?;
                    self.advance();
                    if word == "with" {
                        self.keyword("confidence")?;
                    }
                    filters.min_confidence = Some(self.confidence()?);
                }
                "depth" => {
                    guard(allows.depth, filters.depth.is_some())?;
                    self.advance();
                    filters.depth = Some(self.number("a depth (a number of hops)")?);
                }
                "frames" | "theme" | "dates" | "page" | "size" | "to" => {
                    let Statement::Export(export) = statement else {
                        break;
                    };
                    if word == "frames" && filters.time.is_some() {
                        return Err(frames_and_time(&token));
                    }
                    self.advance();
                    self.export_option(export, &word, &token)?;
                }
                _ => break,
            }
        }
        Ok(filters)
    }

    fn export_option(
        &mut self,
        export: &mut Export,
        word: &str,
        token: &Token,
    ) -> Result<(), QueryError> {
        let repeated = || {
            QueryError::new(
                QueryErrorKind::Repeated(word.to_string()),
                token.start,
                token.end,
            )
        };
        match word {
            "frames" => {
                if export.frames.is_some() {
                    return Err(repeated());
                }
                let range = self
                    .advance()
                    .ok_or_else(|| self.expected("a range of years, such as 2019..2023"))?;
                let years = range
                    .text
                    .split_once("..")
                    .and_then(|(a, b)| Some((a.parse::<i32>().ok()?, b.parse::<i32>().ok()?)))
                    .filter(|(a, b)| (1..=9999).contains(a) && (1..=9999).contains(b));
                let Some((first, last)) = years else {
                    return Err(QueryError::new(
                        QueryErrorKind::Expected {
                            expected: "a range of years, such as 2019..2023".into(),
                            found: Some(range.text.clone()),
                        },
                        range.start,
                        range.end,
                    ));
                };
                if last < first {
                    return Err(QueryError::new(
                        QueryErrorKind::ReversedRange,
                        range.start,
                        range.end,
                    )
                    .with_help(format!(
                        "write the earlier year first: `frames {last}..{first}`"
                    )));
                }
                let mut span = (range.start, range.end);
                let mut step = 1u32;
                if self.peek().is_some_and(|t| {
                    t.kind == TokenKind::Word && t.text.eq_ignore_ascii_case("step")
                }) {
                    self.advance();
                    let at = self.peek().cloned();
                    let n = self.number("a step in years, such as 2")?;
                    let at = at.expect("a number was read");
                    step = match u32::try_from(n) {
                        Ok(n) if n >= 1 => n,
                        _ => {
                            return Err(QueryError::new(
                                QueryErrorKind::Invalid("a step is at least 1 year".into()),
                                at.start,
                                at.end,
                            ))
                        }
                    };
                    span.1 = at.end;
                }
                // How many frames is judged against the graph's data, when
                // the statement is evaluated.
                export.frames = Some(Frames {
                    first,
                    last,
                    step,
                    span,
                });
            }
            "page" | "size" => {
                if let Some(given) = export.page {
                    let earlier = if matches!(given, crate::diagram::Page::Hundredths(..)) {
                        "size"
                    } else {
                        "page"
                    };
                    if earlier == word {
                        return Err(repeated());
                    }
                    return Err(QueryError::new(
                        QueryErrorKind::Invalid(format!(
                            "`{word}` and `{earlier}` both set the picture's size: give one of them"
                        )),
                        token.start,
                        token.end,
                    ));
                }
                export.page = Some(if word == "page" {
                    self.page_name()?
                } else {
                    self.page_size()?
                });
            }
            "theme" => {
                if export.theme.is_some() {
                    return Err(repeated());
                }
                if !self.peek_is_any(&["light", "dark"]) {
                    return Err(self.expected("`light` or `dark`"));
                }
                export.theme = self.advance().map(|t| t.text.to_lowercase());
            }
            "dates" => {
                if export.dates.is_some() {
                    return Err(repeated());
                }
                if !self.peek_is_any(&["on", "off", "changes"]) {
                    return Err(self.expected("`on`, `off` or `changes`"));
                }
                export.dates = self.advance().map(|t| t.text.to_lowercase());
            }
            _ => {
                if export.target.is_some() {
                    return Err(repeated());
                }
                match self.advance() {
                    Some(target) if target.kind != TokenKind::Comma => {
                        export.target = Some((target.text, (target.start, target.end)));
                        self.after_target = Some(self.pos);
                    }
                    _ => {
                        self.pos = self.pos.min(self.tokens.len());
                        return Err(self.expected("a file to write, such as jnim.svg"));
                    }
                }
            }
        }
        Ok(())
    }

    /// `A4`, `4:3`, `16:9` or `slide`, after `page`.
    fn page_name(&mut self) -> Result<crate::diagram::Page, QueryError> {
        use crate::diagram::Page;
        let page = match self.peek().map(|t| t.text.to_ascii_lowercase()).as_deref() {
            Some("a4") => Page::A4,
            Some("4:3") => Page::FourThree,
            Some("16:9") | Some("slide") => Page::Slide,
            _ => {
                return Err(self
                    .expected("a page: `A4`, `4:3` or `16:9`")
                    .with_help("another page is `size W,H` in inches: size 13.33,8.33 for 16:10"))
            }
        };
        self.advance();
        Ok(page)
    }

    /// `W,H` in inches after `size`, such as `size 10,5.63` or `size 10, 5.63`.
    /// A width or height out of range is refused at its own word.
    fn page_size(&mut self) -> Result<crate::diagram::Page, QueryError> {
        const WHAT: &str = "a width and height in inches, such as 10,5.63";
        let width = self.inches(WHAT, "a width")?;
        if !self.peek().is_some_and(|t| t.kind == TokenKind::Comma) {
            return Err(self.expected(WHAT));
        }
        self.advance();
        let height = self.inches(WHAT, "a height")?;
        // A third length (`size 10,5,3`) is no page.
        if self.peek().is_some_and(|t| t.kind == TokenKind::Comma) {
            return Err(self
                .expected("the width and height only")
                .with_help("`size W,H` takes two lengths in inches: size 10,5.63"));
        }
        crate::diagram::Page::inches(width, height).ok_or_else(|| self.expected(WHAT))
    }

    /// One length of `size`, 1 to 200 inches: a word that is no number
    /// (`nan` and `inf` included) expects `what`, a number out of range
    /// says the range, both at that word.
    fn inches(&mut self, what: &str, which: &str) -> Result<f64, QueryError> {
        let number = self
            .peek()
            .filter(|t| t.kind == TokenKind::Word)
            .and_then(|t| t.text.parse::<f64>().ok())
            .filter(|v| v.is_finite());
        let Some(number) = number else {
            return Err(self.expected(what));
        };
        if !(1.0..=200.0).contains(&number) {
            return Err(self.expected(format!("{which} between 1 and 200 inches")));
        }
        self.advance();
        Ok(number)
    }

    fn relation_list(&mut self) -> Result<Vec<RelationName>, QueryError> {
        let mut relations = Vec::new();
        loop {
            match self.peek() {
                Some(token) if token.kind != TokenKind::Comma => {
                    let token = self.advance().expect("peeked");
                    // "subgroup of" reads as one relation.
                    let mut name = token.text.clone();
                    let mut end = token.end;
                    if name.eq_ignore_ascii_case("subgroup") && self.peek_is("of") {
                        let of = self.advance().expect("peeked");
                        name.push_str(" of");
                        end = of.end;
                    }
                    relations.push(RelationName {
                        name,
                        span: (token.start, end),
                    });
                }
                _ => {
                    return Err(self.expected(
                        "a relation (alliance, hostility, allegiance, subgroup-of, ...)",
                    ))
                }
            }
            if self.peek().is_some_and(|t| t.kind == TokenKind::Comma) {
                self.advance();
            } else {
                self.after_relations = Some(self.pos);
                return Ok(relations);
            }
        }
    }

    fn time(&mut self, word: &str, start: usize) -> Result<TimeOp, QueryError> {
        Ok(match word {
            "after" => TimeOp::After(self.date()?.last),
            "before" => TimeOp::Before(self.date()?.first),
            "since" => TimeOp::Since(self.date()?.first),
            "until" => TimeOp::Until(self.date()?.last),
            "during" | "in" => {
                let date = self.date()?;
                if date.first == date.last {
                    TimeOp::During(date.first)
                } else {
                    TimeOp::Between(date.first, date.last)
                }
            }
            "as" => {
                self.keyword("of")?;
                if self.eat("now") {
                    TimeOp::Now
                } else {
                    TimeOp::AsOf(self.date()?.last)
                }
            }
            _ => {
                let from = self.date()?;
                self.keyword("and")?;
                let to = self.date()?;
                if to.last.last_day() < from.first.first_day() {
                    return Err(self.reversed(&from, &to, start, "between {} and {}"));
                }
                TimeOp::Between(from.first, to.last)
            }
        })
    }

    fn confidence(&mut self) -> Result<Confidence, QueryError> {
        match self.peek().and_then(|t| Confidence::parse(&t.text)) {
            Some(confidence) => {
                self.advance();
                Ok(confidence)
            }
            None => Err(self.expected("a confidence: confirmed, likely or possible")),
        }
    }
}

/// Which filters a statement takes.
struct Allows {
    via: bool,
    time: bool,
    confidence: bool,
    depth: bool,
    /// `from SOURCE`.
    source: bool,
}

impl Allows {
    fn of(statement: &Statement) -> Allows {
        let all = Allows {
            via: true,
            time: true,
            confidence: true,
            depth: false,
            source: true,
        };
        match statement {
            Statement::Who { .. } | Statement::Is { .. } => Allows { via: false, ..all },
            Statement::When { .. } => Allows {
                via: false,
                time: false,
                ..all
            },
            Statement::Between { .. } => all,
            Statement::Subgroups { .. } | Statement::Parents { .. } => Allows {
                via: false,
                source: false,
                ..all
            },
            Statement::Ties { .. }
            | Statement::Timeline { .. }
            | Statement::Stats
            | Statement::Why { .. } => all,
            Statement::Path { .. } => Allows {
                depth: true,
                source: false,
                ..all
            },
            Statement::Neighbors { .. } | Statement::Export(_) => Allows {
                depth: true,
                source: false,
                ..all
            },
            Statement::Changes { .. } => Allows { time: false, ..all },
            // The card, and the tie counts of the listings, follow the filters.
            Statement::Show { .. }
            | Statement::Relations
            | Statement::Sources
            | Statement::SourcesOf { .. } => all,
            Statement::Actors { .. } | Statement::Help { .. } | Statement::Expect { .. } => {
                Allows {
                    via: false,
                    time: false,
                    confidence: false,
                    depth: false,
                    source: false,
                }
            }
        }
    }
}

/// Each frame of a storyboard is one year, so a time operator has no place.
fn frames_and_time(token: &Token) -> QueryError {
    QueryError::new(
        QueryErrorKind::Invalid("`frames` and a time operator cannot be combined".into()),
        token.start,
        token.end,
    )
    .with_help("each frame shows one year; leave out the time operator")
}
