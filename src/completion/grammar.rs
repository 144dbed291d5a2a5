//! What may come next: a walk over the finished words of a line, by the
//! grammar of docs/QUERIES.md, that stops where the words run out and says
//! what that place takes. It is lenient where the parser is strict: an
//! unknown word stands in for the one expected, so that the rest of the line
//! still completes sensibly (the parser will explain the error on Enter).

use super::filters::{Given, Takes};
use super::{Token, TokenKind, Vocabulary};
use crate::model::time::month_from_name;
use crate::query::ast::ExportKind;
use crate::query::keywords;
use crate::query::phrases::{is_article, is_aspect};

/// What the place after the finished words takes; several at once when
/// a word there is optional.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Expect {
    /// A statement word, or one of the REPL's commands.
    pub statement: bool,
    /// Keywords, in the order to offer them.
    pub words: Vec<&'static str>,
    /// An actor.
    pub actors: bool,
    /// A relation, other than those already in the `via` list.
    pub relations: Option<Vec<String>>,
    /// A source's id.
    pub sources: bool,
    /// An actor kind.
    pub kinds: bool,
    /// Words that go on a relation's phrase (`allegiance` after `pledged`).
    pub phrase_words: Vec<String>,
}

impl Expect {
    pub(super) fn words(words: &[&'static str]) -> Self {
        Expect {
            words: words.to_vec(),
            ..Expect::default()
        }
    }

    pub(super) fn actor(also: &[&'static str]) -> Self {
        Expect {
            actors: true,
            ..Expect::words(also)
        }
    }

    /// This, or else what `other` takes.
    pub(super) fn or(mut self, other: Expect) -> Self {
        self.statement |= other.statement;
        self.words.extend(other.words);
        self.actors |= other.actors;
        self.relations = self.relations.or(other.relations);
        self.sources |= other.sources;
        self.kinds |= other.kinds;
        self.phrase_words.extend(other.phrase_words);
        self
    }
}

/// An actor named in bare words that run to the cursor: the name may still
/// be growing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Slot {
    /// Where the name's first word begins.
    pub start: usize,
    /// The words so far, joined by spaces.
    pub typed: String,
    /// True when those words are already a whole name.
    pub complete: bool,
}

/// Ran out of words: what the place takes.
pub(super) type Walked<T = ()> = Result<T, Expect>;

/// Words after a question word: `who is`, `who did`, `when was`.
const AUXILIARIES: &[&str] = &[
    "is", "was", "are", "were", "does", "did", "do", "has", "have", "had",
];
/// `how is A connected to B`.
const CONNECTED: &[&str] = &["connected", "linked", "related"];
const OF_STATEMENTS: &[&str] = &[
    "allies",
    "enemies",
    "rivals",
    "subgroups",
    "subgroup",
    "parents",
    "parent",
    "ties",
    "neighbors",
    "neighbours",
    "network",
];
const HELP_TOPICS: &[&str] = &["time", "export", "expect"];

/// A walk over the finished words of one line.
pub(super) struct Walk<'t, 'v> {
    pub(super) tokens: &'t [Token<'t>],
    pub(super) at: usize,
    vocabulary: &'v Vocabulary,
    continuation: Option<Slot>,
}

impl<'t, 'v> Walk<'t, 'v> {
    pub fn new(tokens: &'t [Token<'t>], vocabulary: &'v Vocabulary) -> Self {
        Walk {
            tokens,
            at: 0,
            vocabulary,
            continuation: None,
        }
    }

    /// The actor name still being typed at the end of the line, if any.
    pub fn continuation(&self) -> Option<Slot> {
        self.continuation.clone()
    }

    pub(super) fn peek(&self) -> Option<&'t Token<'t>> {
        self.tokens.get(self.at)
    }

    /// The next word in lower case (empty for a quoted name or a comma);
    /// `expect` when there is none.
    pub(super) fn take(&mut self, expect: impl FnOnce() -> Expect) -> Walked<String> {
        let token = self.peek().ok_or_else(expect)?;
        self.at += 1;
        Ok(token.keyword().unwrap_or_default())
    }

    /// One of `words` (or whatever stands in for it).
    pub(super) fn one(&mut self, words: &[&'static str]) -> Walked<String> {
        self.take(|| Expect::words(words))
    }

    /// A word there is nothing to offer for: a date, a number, a path.
    pub(super) fn free(&mut self) -> Walked<String> {
        self.take(Expect::default)
    }

    /// The next word when it is one of `words`; otherwise nothing is taken.
    /// `then` is what the place takes when the line ends here.
    fn optional(&mut self, words: &[&'static str], then: Expect) -> Walked<Option<String>> {
        let Some(token) = self.peek() else {
            return Err(Expect::words(words).or(then));
        };
        let word = token.keyword().unwrap_or_default();
        if words.contains(&word.as_str()) {
            self.at += 1;
            return Ok(Some(word));
        }
        Ok(None)
    }

    /// A whole line: a statement, an expectation or a REPL command.
    pub fn statement(&mut self) -> Walked {
        let first = self.take(|| Expect {
            statement: true,
            ..Expect::default()
        })?;
        match first.as_str() {
            "expect" => {
                let word = self.take(|| Expect {
                    statement: true,
                    ..Expect::default()
                })?;
                let takes = self.question(&word)?;
                self.filters(Takes {
                    checks: true,
                    ..takes
                })
            }
            "load" | "quit" | "exit" => self.free().map(drop),
            "import" => {
                self.one(&["csv"])?;
                self.free().map(drop)
            }
            word => {
                let takes = self.question(word)?;
                self.filters(takes)
            }
        }
    }

    /// The question begun by `word`, up to its filters; the filters it takes.
    fn question(&mut self, word: &str) -> Walked<Takes> {
        let question = Takes::QUESTION;
        let takes = match word {
            "who" | "whom" | "which" | "what" => {
                if matches!(word, "what")
                    && self
                        .optional(&["ties", "links"], Expect::default())?
                        .is_some()
                {
                    // `what ties link A and B`.
                    self.optional(&["link", "connect"], Expect::actor(&[]))?;
                    self.pair("and")?;
                    return Ok(question);
                }
                let after_auxiliary = self.optional(AUXILIARIES, self.phrase_start())?;
                if self.peek().is_some_and(|t| self.begins_phrase(t)) {
                    // `who leads X`, `who is allied with X`.
                    self.phrase()?;
                    self.actor(&[])?;
                } else if after_auxiliary.is_some() {
                    // `who did JNIM pledge allegiance to`, `who is JNIM led by`.
                    self.actor(&[])?;
                    self.phrase()?;
                } else {
                    self.actor(&[])?;
                }
                Takes {
                    via: false,
                    ..question
                }
            }
            w if AUXILIARIES.contains(&w) => {
                // `is Wagner fighting JNIM`.
                self.actor(&[])?;
                self.phrase()?;
                self.actor(&[])?;
                Takes {
                    via: false,
                    ..question
                }
            }
            "when" => {
                self.one(AUXILIARIES)?;
                self.actor(&[])?;
                self.phrase()?;
                self.actor(&[])?;
                Takes {
                    via: false,
                    time: false,
                    ..question
                }
            }
            "how" => {
                self.one(AUXILIARIES)?;
                self.actor(&["and"])?;
                if self.optional(&["and"], Expect::words(CONNECTED))?.is_some() {
                    self.actor(&[])?;
                    self.one(CONNECTED)?;
                } else {
                    self.one(CONNECTED)?;
                    self.one(&["to", "with"])?;
                    self.actor(&[])?;
                }
                Takes {
                    depth: true,
                    source: false,
                    ..question
                }
            }
            "ties"
                if self
                    .peek()
                    .is_some_and(|t| t.text.eq_ignore_ascii_case("between")) =>
            {
                self.at += 1;
                self.pair("and")?;
                question
            }
            "links" | "relationships" | "relationship" | "connections" => {
                self.one(&["between"])?;
                self.pair("and")?;
                question
            }
            w if OF_STATEMENTS.contains(&w) => {
                self.one(&["of"])?;
                self.actor(&[])?;
                match w {
                    "ties" => question,
                    "neighbors" | "neighbours" | "network" => Takes {
                        depth: true,
                        source: false,
                        ..question
                    },
                    "subgroups" | "subgroup" | "parents" | "parent" => Takes {
                        via: false,
                        source: false,
                        ..question
                    },
                    _ => Takes {
                        via: false,
                        ..question
                    },
                }
            }
            "show" | "card" => {
                self.actor(&[])?;
                question
            }
            "timeline" => {
                self.optional(&["of"], Expect::actor(&[]))?;
                self.actor(&[])?;
                question
            }
            "why" | "explain" => {
                self.actor(&[])?;
                Takes {
                    second_actor: true,
                    ..question
                }
            }
            "path" => {
                let joiner: &[&str] = match self.one(&["from", "between"])?.as_str() {
                    "between" => &["and"],
                    _ => &["to"],
                };
                self.actor(&[])?;
                self.one(joiner)?;
                self.actor(&[])?;
                Takes {
                    source: false,
                    ..question
                }
            }
            "changes" => {
                self.one(&["between"])?;
                self.date()?;
                self.one(&["and"])?;
                self.date()?;
                Takes {
                    time: false,
                    ..question
                }
            }
            "stats" | "statistics" | "relations" => question,
            "sources" => {
                let filters = self.filter_words(question, &Given::default());
                if self.optional(&["of"], filters)?.is_some() {
                    self.actor(&[])?;
                }
                question
            }
            "actors" => {
                if self.optional(&["of"], Expect::default())?.is_some() {
                    self.one(&["kind"])?;
                    self.take(|| Expect {
                        kinds: true,
                        ..Expect::default()
                    })?;
                }
                Takes::NOTHING
            }
            "export" => {
                let formats: Vec<&'static str> = ExportKind::words().collect();
                self.take(|| Expect {
                    words: formats,
                    ..Expect::default()
                })?;
                self.actor(&["all"])?;
                Takes {
                    source: false,
                    depth: true,
                    export: true,
                    ..question
                }
            }
            "help" => {
                self.one(HELP_TOPICS)?;
                Takes::NOTHING
            }
            _ => Takes::NOTHING,
        };
        Ok(takes)
    }

    /// An actor: a quoted name, or the longest run of bare words that is a
    /// name (`Daoussak leaders in Ménaka`), or else the words up to the
    /// first filter word. `also` are keywords the place takes instead.
    pub(super) fn actor(&mut self, also: &[&'static str]) -> Walked {
        let token = self.peek().ok_or_else(|| Expect::actor(also))?;
        if token.kind != TokenKind::Word || also.contains(&token.text.to_lowercase().as_str()) {
            self.at += 1;
            return Ok(());
        }
        // `the MLF`: the article is not part of the name.
        if token.text.eq_ignore_ascii_case("the") && !self.vocabulary.is_name(token.text) {
            self.at += 1;
            return self.actor(also);
        }
        let words: Vec<&Token> = self.tokens[self.at..]
            .iter()
            .take_while(|t| t.kind == TokenKind::Word)
            .collect();
        let joined = |n: usize| {
            words[..n]
                .iter()
                .map(|t| t.text)
                .collect::<Vec<_>>()
                .join(" ")
        };
        let longest = (1..=words.len())
            .rev()
            .find(|&n| self.vocabulary.is_name(&joined(n)));
        let to_the_end = self.at + words.len() == self.tokens.len();
        if to_the_end && self.vocabulary.begins_name(&joined(words.len())) {
            self.continuation = Some(Slot {
                start: token.start,
                typed: joined(words.len()),
                complete: longest == Some(words.len()),
            });
        }
        let taken = longest.unwrap_or_else(|| {
            let filter = words.iter().position(|w| keywords::ends_name(w.text));
            filter.unwrap_or(words.len()).max(1)
        });
        self.at += taken;
        Ok(())
    }

    /// Two actors joined by `joiner`: `JNIM and CMA`.
    fn pair(&mut self, joiner: &'static str) -> Walked {
        self.actor(&[])?;
        self.one(&[joiner])?;
        self.actor(&[])
    }

    /// What the place of a relation's phrase takes: the first words of
    /// every phrase.
    fn phrase_start(&self) -> Expect {
        Expect {
            phrase_words: self.vocabulary.phrases().next_words::<&str>(&[]),
            ..Expect::default()
        }
    }

    /// True when `token` can begin a relation's phrase.
    fn begins_phrase(&self, token: &Token) -> bool {
        token.kind == TokenKind::Word
            && !self
                .vocabulary
                .phrases()
                .next_words(&[token.text])
                .is_empty()
            || self.vocabulary.phrases().is_whole(&[token.text])
    }

    /// A relation's phrase, word by word: `pledged allegiance to`. The line
    /// ending inside one offers its next words; an unknown word stands in
    /// for a phrase, so the actor after it still completes.
    fn phrase(&mut self) -> Walked {
        let phrases = self.vocabulary.phrases();
        let mut typed: Vec<String> = Vec::new();
        loop {
            let next = phrases.next_words(&typed);
            let whole = !typed.is_empty() && phrases.is_whole(&typed);
            let Some(token) = self.peek() else {
                let words = Expect {
                    phrase_words: next,
                    ..Expect::default()
                };
                // After a whole phrase the actor may follow at once.
                return Err(if whole {
                    words.or(Expect::actor(&[]))
                } else {
                    words
                });
            };
            let word = token.keyword().unwrap_or_default();
            let lead_in = |w: &str| is_article(w) || is_aspect(w);
            let leading = typed.iter().all(|w| lead_in(w)) && lead_in(&word);
            if leading || next.iter().any(|n| n.eq_ignore_ascii_case(&word)) {
                typed.push(word);
                self.at += 1;
                continue;
            }
            if typed.is_empty() {
                // Not a phrase the graph knows: walk past it.
                self.at += 1;
            }
            return Ok(());
        }
    }

    /// A date: `2022`, `2022-06`, or a month and year (`March 2017`,
    /// `mid 2022`), so a month name is followed by its year.
    pub(super) fn date(&mut self) -> Walked {
        let word = self.free()?;
        if month_from_name(&word).is_some() || matches!(word.as_str(), "early" | "mid" | "late") {
            self.free()?;
        }
        Ok(())
    }
}
