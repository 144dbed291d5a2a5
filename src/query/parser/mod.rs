//! Turns tokens into a [`Query`]. Recursive descent over a small grammar
//! (written out in `docs/QUERIES.md`); every error names what was expected
//! and points at the word where it went wrong.

mod dates;
mod filters;
mod nearest;
mod questions;

use super::ast::*;
use super::error::{QueryError, QueryErrorKind};
use super::help;
use super::keywords;
use super::lexer::{lex, Token, TokenKind};
use super::phrases::Phrases;
use crate::model::{ActorKind, Graph, Relations};

/// Parses one query with the built-in relations' phrases only, and bare
/// names ending at keywords.
pub fn parse(query: &str) -> Result<Query, QueryError> {
    parse_with(query, Phrases::of(&Relations::default()), None)
}

/// Parses one query asked of `graph`: its relations' phrases are known,
/// and an unquoted name runs as far as the longest actor name it spells
/// (`show Daoussak leaders in Ménaka`).
pub fn parse_in(query: &str, graph: &Graph) -> Result<Query, QueryError> {
    parse_with(query, Phrases::of(graph.relations()), Some(graph))
}

fn parse_with(query: &str, phrases: Phrases, graph: Option<&Graph>) -> Result<Query, QueryError> {
    // A question may end in a question mark: `who allied with JNIM?`.
    let query = query.trim_end();
    let stripped = query.trim_end_matches(['?', '!']).trim_end();
    let query = if stripped.is_empty() { query } else { stripped };
    let tokens = lex(query)?;
    let mut parser = Parser {
        tokens,
        pos: 0,
        end: query.len(),
        phrases,
        graph,
        after_relations: None,
        after_target: None,
    };
    let parsed = parser.query(true)?;
    parser.finish()?;
    Ok(parsed)
}

struct Parser<'g> {
    tokens: Vec<Token>,
    pos: usize,
    /// The query's length, for errors at its end.
    end: usize,
    /// The phrases that name relations.
    phrases: Phrases,
    /// The graph asked, whose names bare words may spell.
    graph: Option<&'g Graph>,
    /// Where the last `via` list ended (the token after it): a word there
    /// is most likely a relation that lost its comma.
    after_relations: Option<usize>,
    /// Where an export's file name ended (the token after it): more there
    /// is most likely the rest of a name with a space or a comma.
    after_target: Option<usize>,
}

impl Parser<'_> {
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
        let Some(token) = self.peek() else {
            return Ok(());
        };
        // `JNIM aftr 2022`: a misspelt keyword, not more of the name.
        if let Some(keyword) = (token.kind == TokenKind::Word)
            .then(|| keywords::misspelling_of(&token.text))
            .flatten()
        {
            return Err(QueryError::new(
                QueryErrorKind::Invalid(format!(
                    "`{}` looks like a misspelt `{keyword}`",
                    token.text
                )),
                token.start,
                token.end,
            ));
        }
        let error = self.expected("the end of the query");
        // `via alliance hostility`: a second relation without its comma.
        if self.after_relations == Some(self.pos) && token.kind == TokenKind::Word {
            return Err(error.with_help(format!(
                "separate relations with commas: via {}, {}",
                self.tokens[self.pos - 1].text,
                token.text
            )));
        }
        // `to out/a b.svg`, `to a,b.svg`: a file name cut at a space or comma.
        if self.after_target == Some(self.pos) {
            return Err(error.with_help(
                "quote a file name that holds spaces or commas: to \"out/JNIM, 2023.svg\"",
            ));
        }
        // `show Tuareg leaders Kidal`: words past a name the graph knows.
        let after_name = self.pos > 0 && self.tokens[self.pos - 1].kind == TokenKind::Word;
        Err(if after_name && token.kind == TokenKind::Word {
            error.with_help(
                "quote a name that holds spaces or keywords: show \"Tuareg leaders in Kidal\"",
            )
        } else {
            error
        })
    }

    fn query(&mut self, top_level: bool) -> Result<Query, QueryError> {
        let Some(first) = self.advance() else {
            return Err(self.expected(format!("a question, such as {}", example_list())));
        };
        let lower = first.text.to_lowercase();
        let statement = match (first.kind == TokenKind::Word).then_some(lower.as_str()) {
            Some("who" | "whom") => self.who()?,
            Some("which" | "what") => self.what()?,
            Some(
                "is" | "was" | "are" | "were" | "does" | "did" | "do" | "has" | "have" | "had",
            ) => self.verdict(&lower)?,
            Some("when") => self.when()?,
            Some("how") => self.how()?,
            Some("allies") => {
                self.keyword("of")?;
                self.who_with("alliance", &first)?
            }
            Some("enemies") => {
                self.keyword("of")?;
                self.who_with("hostility", &first)?
            }
            Some("rivals") => {
                self.keyword("of")?;
                // A graph that tells rivalry from fighting asks for rivalry.
                let rivalry = self
                    .graph
                    .is_some_and(|g| g.relations().find("rivalry").is_some());
                self.who_with(if rivalry { "rivalry" } else { "hostility" }, &first)?
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
            Some("ties") if self.peek_is("between") => {
                self.advance();
                self.between()?
            }
            Some("links" | "relationships" | "relationship" | "connections") => {
                self.keyword("between")?;
                self.between()?
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
                let from = self.date()?;
                self.keyword("and")?;
                let to = self.date()?;
                if to.last.last_day() < from.first.first_day() {
                    return Err(self.reversed(
                        &from,
                        &to,
                        from.span.0,
                        "changes between {} and {}",
                    ));
                }
                Statement::Changes {
                    from: from.first,
                    to: to.last,
                }
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
            Some("relations") if self.peek_is("between") => {
                self.advance();
                self.between()?
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
                let b = if self.eat("and")
                    || (self.graph.is_some()
                        && self.peek().is_some_and(|t| {
                            t.kind != TokenKind::Comma && !keywords::ends_name(&t.text)
                        })) {
                    Some(self.actor()?)
                } else {
                    None
                };
                Statement::Why { a, b }
            }
            Some("help" | "?") => {
                let topic = self.advance();
                if let Some(topic) = topic.as_ref().filter(|t| !help::has_topic(&t.text)) {
                    return Err(QueryError::new(
                        QueryErrorKind::Invalid(format!("no help on `{}`", topic.text)),
                        topic.start,
                        topic.end,
                    )
                    .with_help(help::TOPICS_HELP));
                }
                Statement::Help {
                    topic: topic.map(|t| t.text.to_lowercase()),
                }
            }
            Some("export") => Statement::Export(self.export()?),
            Some("expect") if top_level => self.expect_statement()?,
            _ => {
                self.pos -= 1;
                // `JNIM's allies`, as a whole question.
                if let Some(possessive) = self.possessive() {
                    let filters = self.filters(&mut possessive.clone(), "who".into())?;
                    return Ok(Query {
                        statement: possessive,
                        filters,
                    });
                }
                let error = self.expected(format!("a question, such as {}", example_list()));
                return Err(match self.nearest_form() {
                    Some(form) => error.with_help(format!("try `{form}`; `help` lists every form")),
                    None => error.with_help("`help` lists every form"),
                });
            }
        };
        let mut statement = statement;
        let filters = self.filters(&mut statement, first.text.to_lowercase())?;
        Ok(Query { statement, filters })
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

    /// A quoted name; or bare words spelling the longest actor name of the
    /// graph; or bare words up to the next keyword.
    fn actor(&mut self) -> Result<ActorName, QueryError> {
        if let Some(name) = self.longest_name(false) {
            return Ok(name);
        }
        self.bare_actor(false)
    }

    /// A quoted name, or bare words up to the next keyword (or, with
    /// `before_phrase`, up to the next relation phrase).
    fn bare_actor(&mut self, before_phrase: bool) -> Result<ActorName, QueryError> {
        let ends = |parser: &Self, token: &Token| {
            keywords::ends_name(&token.text)
                || (before_phrase && parser.phrases.at(&parser.words_from(parser.pos)).is_some())
        };
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
            Some(token) if token.kind == TokenKind::Word && !ends(self, token) => {
                let start = token.start;
                let mut end = token.end;
                let mut words = vec![self.advance().expect("peeked").text];
                while let Some(token) = self.peek() {
                    if token.kind != TokenKind::Word || ends(self, token) {
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
        let formats = || ExportKind::words().collect::<Vec<_>>().join(", ");
        let format = match self.peek() {
            Some(token) if token.kind == TokenKind::Word && !token.is("all") => {
                self.advance().expect("peeked")
            }
            _ => return Err(self.expected(format!("an export format: {}", formats()))),
        };
        let Some(kind) = ExportKind::parse(&format.text) else {
            return Err(QueryError::new(
                QueryErrorKind::Expected {
                    expected: "an export format".into(),
                    found: Some(format.text.clone()),
                },
                format.start,
                format.end,
            )
            .with_help(format!(
                "formats are {} (dot also renders .svg, .png and .pdf through Graphviz)",
                formats()
            )));
        };
        let focus = if self.eat("all") {
            None
        } else {
            Some(self.actor()?)
        };
        Ok(Export {
            kind,
            format_span: (format.start, format.end),
            focus,
            frames: None,
            theme: None,
            page: None,
            dates: None,
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
}

fn example_list() -> &'static str {
    "`who allied with JNIM after 2022`, `ties of JNIM` or `show JNIM`"
}

#[cfg(test)]
mod tests;
