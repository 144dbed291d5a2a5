//! Turns tokens into a [`Query`]. Recursive descent over a small grammar
//! (written out in `docs/QUERIES.md`); every error names what was expected
//! and points at the word where it went wrong.

use super::ast::*;
use super::error::{QueryError, QueryErrorKind};
use super::keywords;
use super::lexer::{lex, Token, TokenKind};
use crate::model::time::DateError;
use crate::model::{ActorKind, Confidence, PartialDate};

/// Parses one query.
pub fn parse(query: &str) -> Result<Query, QueryError> {
    let tokens = lex(query)?;
    let mut parser = Parser {
        tokens,
        pos: 0,
        end: query.len(),
    };
    let parsed = parser.query(true)?;
    parser.finish()?;
    Ok(parsed)
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
    /// The query's length, for errors at its end.
    end: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn peek_is(&self, keyword: &str) -> bool {
        self.peek().is_some_and(|t| t.is(keyword))
    }

    fn peek_is_any(&self, keywords: &[&str]) -> bool {
        self.peek()
            .is_some_and(|t| keywords.iter().any(|k| t.is(k)))
    }

    fn advance(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.pos).cloned();
        if token.is_some() {
            self.pos += 1;
        }
        token
    }

    /// An error at the current token (or the end), saying what was expected.
    fn expected(&self, expected: impl Into<String>) -> QueryError {
        let (found, start, end) = match self.peek() {
            Some(token) => (Some(token.text.clone()), token.start, token.end),
            None => (None, self.end, self.end),
        };
        QueryError::new(
            QueryErrorKind::Expected {
                expected: expected.into(),
                found,
            },
            start,
            end,
        )
    }

    fn eat(&mut self, keyword: &str) -> bool {
        if self.peek_is(keyword) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn keyword(&mut self, keyword: &str) -> Result<Token, QueryError> {
        if self.peek_is(keyword) {
            Ok(self.advance().expect("peeked"))
        } else {
            Err(self.expected(format!("`{keyword}`")))
        }
    }

    fn finish(&self) -> Result<(), QueryError> {
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(self.expected("the end of the query")),
        }
    }

    fn query(&mut self, top_level: bool) -> Result<Query, QueryError> {
        let Some(first) = self.advance() else {
            return Err(self.expected(format!("a question, such as {}", example_list())));
        };
        let lower = first.text.to_lowercase();
        let statement = match (first.kind == TokenKind::Word).then_some(lower.as_str()) {
            Some("who") => self.who()?,
            Some("allies") => {
                self.keyword("of")?;
                Statement::Who {
                    who: Who::AlliedWith,
                    actor: self.actor()?,
                }
            }
            Some("enemies" | "rivals") => {
                self.keyword("of")?;
                Statement::Who {
                    who: Who::Fought,
                    actor: self.actor()?,
                }
            }
            Some("subgroups" | "subgroup") => {
                self.keyword("of")?;
                Statement::Subgroups {
                    actor: self.actor()?,
                }
            }
            Some("parents" | "parent") => {
                self.keyword("of")?;
                Statement::Parents {
                    actor: self.actor()?,
                }
            }
            Some("ties") => {
                self.keyword("of")?;
                Statement::Ties {
                    actor: self.actor()?,
                }
            }
            Some("show" | "card") => Statement::Show {
                actor: self.actor()?,
            },
            Some("timeline") => {
                self.eat("of");
                Statement::Timeline {
                    actor: self.actor()?,
                }
            }
            Some("path") => self.path()?,
            Some("neighbors" | "neighbours" | "network") => {
                self.keyword("of")?;
                Statement::Neighbors {
                    actor: self.actor()?,
                }
            }
            Some("changes") => {
                self.keyword("between")?;
                let (from, from_span) = self.date()?;
                self.keyword("and")?;
                let (to, to_span) = self.date()?;
                if to.last_day() < from.first_day() {
                    return Err(QueryError::new(
                        QueryErrorKind::ReversedRange,
                        from_span.0,
                        to_span.1,
                    ));
                }
                Statement::Changes { from, to }
            }
            Some("stats" | "statistics") => Statement::Stats,
            Some("actors") => {
                let mut kind = None;
                if self.eat("of") {
                    self.keyword("kind")?;
                    kind = Some(self.actor_kind()?);
                }
                Statement::Actors { kind }
            }
            Some("relations") => Statement::Relations,
            Some("sources") => {
                if self.eat("of") {
                    Statement::SourcesOf {
                        actor: self.actor()?,
                    }
                } else {
                    Statement::Sources
                }
            }
            Some("why" | "explain") => {
                let a = self.actor()?;
                let b = if self.eat("and") {
                    Some(self.actor()?)
                } else {
                    None
                };
                Statement::Why { a, b }
            }
            Some("help" | "?") => Statement::Help {
                topic: self.advance().map(|t| t.text.to_lowercase()),
            },
            Some("export") => Statement::Export(self.export()?),
            Some("expect") if top_level => self.expect_statement()?,
            _ => {
                self.pos -= 1;
                return Err(self
                    .expected(format!("a question, such as {}", example_list()))
                    .with_help("`help` lists every form"));
            }
        };
        let mut statement = statement;
        let filters = self.filters(&mut statement, first.text.to_lowercase())?;
        Ok(Query { statement, filters })
    }

    fn who(&mut self) -> Result<Statement, QueryError> {
        self.eat("is");
        self.eat("was");
        let who = if self.peek_is_any(&[
            "allied",
            "allies",
            "allying",
            "partnered",
            "partners",
            "cooperated",
        ]) {
            self.advance();
            self.keyword("with")?;
            Who::AlliedWith
        } else if self.peek_is_any(&["fought", "fights", "fighting", "attacked", "attacks"]) {
            self.advance();
            self.eat("against");
            Who::Fought
        } else if self.peek_is("hostile") {
            self.advance();
            self.keyword("to")?;
            Who::Fought
        } else if self.peek_is_any(&["pledged", "pledges", "pledge"]) {
            self.advance();
            self.keyword("allegiance")?;
            self.keyword("to")?;
            Who::PledgedTo
        } else if self.peek_is("loyal") {
            self.advance();
            self.keyword("to")?;
            Who::PledgedTo
        } else {
            return Err(self
                .expected("`allied with`, `fought`, `is hostile to` or `pledged allegiance to`"));
        };
        Ok(Statement::Who {
            who,
            actor: self.actor()?,
        })
    }

    fn path(&mut self) -> Result<Statement, QueryError> {
        if self.eat("between") {
            let from = self.actor()?;
            self.keyword("and")?;
            let to = self.actor()?;
            return Ok(Statement::Path { from, to });
        }
        self.keyword("from")?;
        let from = self.actor()?;
        self.keyword("to")?;
        let to = self.actor()?;
        Ok(Statement::Path { from, to })
    }

    /// A quoted name, or bare words up to the next keyword.
    fn actor(&mut self) -> Result<ActorName, QueryError> {
        match self.peek() {
            Some(token) if token.kind == TokenKind::Quoted => {
                let token = self.advance().expect("peeked");
                if token.text.trim().is_empty() {
                    return Err(QueryError::new(
                        QueryErrorKind::Invalid("an actor name cannot be empty".into()),
                        token.start,
                        token.end,
                    ));
                }
                Ok(ActorName {
                    name: token.text,
                    span: (token.start, token.end),
                })
            }
            Some(token) if token.kind == TokenKind::Word && !keywords::ends_name(&token.text) => {
                let start = token.start;
                let mut end = token.end;
                let mut words = vec![self.advance().expect("peeked").text];
                while let Some(token) = self.peek() {
                    if token.kind != TokenKind::Word || keywords::ends_name(&token.text) {
                        break;
                    }
                    end = token.end;
                    words.push(self.advance().expect("peeked").text);
                }
                Ok(ActorName {
                    name: words.join(" "),
                    span: (start, end),
                })
            }
            _ => Err(self.expected("an actor name (quote names with spaces: \"Wagner Group\")")),
        }
    }

    fn date(&mut self) -> Result<(PartialDate, Span), QueryError> {
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
                            reason: match e {
                                DateError::Shape(_) => e.to_string(),
                                _ => format!("`{}` is not a date: {e}", token.text),
                            },
                        },
                        token.start,
                        token.end,
                    )
                })?;
                Ok((date, (token.start, token.end)))
            }
            _ => Err(self.expected("a date (YYYY, YYYY-MM or YYYY-MM-DD)")),
        }
    }

    fn number(&mut self, what: &str) -> Result<usize, QueryError> {
        match self.peek() {
            Some(token) if token.kind == TokenKind::Word => match token.text.parse::<usize>() {
                Ok(n) => {
                    self.advance();
                    Ok(n)
                }
                Err(_) => Err(self.expected(what.to_string())),
            },
            _ => Err(self.expected(what.to_string())),
        }
    }

    fn actor_kind(&mut self) -> Result<ActorKind, QueryError> {
        let Some(first) = self.peek().cloned() else {
            return Err(self.expected("an actor kind"));
        };
        // The longest match first: "state force" before "state",
        // "private military company" in three words.
        for words in (1..=3).rev() {
            let Some(taken) = self.tokens.get(self.pos..self.pos + words) else {
                continue;
            };
            if taken.iter().any(|t| t.kind != TokenKind::Word) {
                continue;
            }
            let text: Vec<&str> = taken.iter().map(|t| t.text.as_str()).collect();
            if let Some(kind) = ActorKind::parse(&text.join(" ")) {
                self.pos += words;
                return Ok(kind);
            }
        }
        Err(QueryError::new(
            QueryErrorKind::Expected {
                expected: "an actor kind".into(),
                found: Some(first.text.clone()),
            },
            first.start,
            first.end,
        )
        .with_help(format!(
            "kinds are {}",
            ActorKind::ALL
                .iter()
                .map(|k| k.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )))
    }

    fn export(&mut self) -> Result<Export, QueryError> {
        let format = match self.peek() {
            Some(token) if token.kind == TokenKind::Word && !token.is("all") => {
                self.advance().expect("peeked")
            }
            _ => {
                return Err(
                    self.expected("an export format: dot, csv, json, graphml, gexf or cypher")
                )
            }
        };
        let focus = if self.eat("all") {
            None
        } else {
            Some(self.actor()?)
        };
        Ok(Export {
            format: format.text.to_lowercase(),
            format_span: (format.start, format.end),
            focus,
            frames: None,
            theme: None,
            target: None,
        })
    }

    fn expect_statement(&mut self) -> Result<Statement, QueryError> {
        let query = self.query(false)?;
        let check = if self.eat("includes") || self.eat("include") {
            Check::Includes(self.actor_list()?)
        } else if self.eat("excludes") || self.eat("exclude") {
            Check::Excludes(self.actor_list()?)
        } else if self.eat("is") {
            if self.eat("not") {
                self.keyword("empty")?;
                Check::IsNotEmpty
            } else {
                self.keyword("empty")?;
                Check::IsEmpty
            }
        } else if self.eat("count") || self.eat("has") {
            let n = self.number("a count")?;
            self.eat("results");
            Check::Count(n)
        } else {
            return Err(
                self.expected("`includes`, `excludes`, `is empty`, `is not empty` or `count N`")
            );
        };
        Ok(Statement::Expect {
            query: Box::new(query),
            check,
        })
    }

    fn actor_list(&mut self) -> Result<Vec<ActorName>, QueryError> {
        let mut actors = vec![self.actor()?];
        while self.peek().is_some_and(|t| t.kind == TokenKind::Comma) || self.peek_is("and") {
            self.advance();
            actors.push(self.actor()?);
        }
        Ok(actors)
    }

    /// The filters after a statement, in any order, each at most once.
    fn filters(&mut self, statement: &mut Statement, verb: String) -> Result<Filters, QueryError> {
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
                "frames" | "theme" | "to" => {
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
                    ));
                }
                if last - first >= 200 {
                    return Err(QueryError::new(
                        QueryErrorKind::Invalid("at most 200 frames".into()),
                        range.start,
                        range.end,
                    ));
                }
                export.frames = Some((first, last));
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
            _ => {
                if export.target.is_some() {
                    return Err(repeated());
                }
                match self.advance() {
                    Some(target) if target.kind != TokenKind::Comma => {
                        export.target = Some((target.text, (target.start, target.end)));
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
                return Ok(relations);
            }
        }
    }

    fn time(&mut self, word: &str, start: usize) -> Result<TimeOp, QueryError> {
        Ok(match word {
            "after" => TimeOp::After(self.date()?.0),
            "before" => TimeOp::Before(self.date()?.0),
            "since" => TimeOp::Since(self.date()?.0),
            "until" => TimeOp::Until(self.date()?.0),
            "during" | "in" => TimeOp::During(self.date()?.0),
            "as" => {
                self.keyword("of")?;
                if self.eat("now") {
                    TimeOp::Now
                } else {
                    TimeOp::AsOf(self.date()?.0)
                }
            }
            _ => {
                let (from, _) = self.date()?;
                self.keyword("and")?;
                let (to, to_span) = self.date()?;
                if to.last_day() < from.first_day() {
                    return Err(QueryError::new(
                        QueryErrorKind::ReversedRange,
                        start,
                        to_span.1,
                    ));
                }
                TimeOp::Between(from, to)
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
            Statement::Who { .. } => Allows { via: false, ..all },
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

fn example_list() -> &'static str {
    "`who allied with JNIM after 2022`, `ties of JNIM` or `show JNIM`"
}
