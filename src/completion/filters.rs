//! The filters after a question (`via`, time words, confidence,
//! certainty, source, depth, export's options, an expectation's checks):
//! which a statement takes, which are given, and what follows each.

use super::grammar::{Expect, Walk, Walked};
use super::TokenKind;

/// The filters a statement takes (the parser's `Allows`), and its checks.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Takes {
    pub(super) via: bool,
    pub(super) time: bool,
    pub(super) confidence: bool,
    pub(super) source: bool,
    pub(super) depth: bool,
    /// `theme`, `dates`, `page`, `size`, `frames`, `to`.
    pub(super) export: bool,
    /// `and ACTOR`, for `why A and B`.
    pub(super) second_actor: bool,
    /// An expectation's `includes`, `excludes`, `is`, `count`.
    pub(super) checks: bool,
}

impl Takes {
    pub(super) const QUESTION: Takes = Takes {
        via: true,
        time: true,
        confidence: true,
        source: true,
        depth: false,
        export: false,
        second_actor: false,
        checks: false,
    };
    pub(super) const NOTHING: Takes = Takes {
        via: false,
        time: false,
        confidence: false,
        source: false,
        ..Takes::QUESTION
    };
}

/// Which filters have been given: each comes at most once.
#[derive(Default)]
pub(super) struct Given {
    via: bool,
    time: bool,
    certainty: bool,
    confidence: bool,
    source: bool,
    depth: bool,
    theme: bool,
    dates: bool,
    page: bool,
    frames: bool,
    step: bool,
    target: bool,
    second_actor: bool,
}

const CONFIDENCES: &[&str] = &["confirmed", "likely", "possible"];
const TIME_WORDS: &[&str] = &[
    "after", "before", "since", "until", "during", "in", "between", "as of", "now", "ever",
];

impl Walk<'_, '_> {
    /// `via REL, REL …`: relations, each once.
    pub(super) fn relations(&mut self) -> Walked {
        let mut used: Vec<String> = Vec::new();
        loop {
            let token = self.peek().ok_or_else(|| Expect {
                relations: Some(used.clone()),
                ..Expect::default()
            })?;
            self.at += 1;
            // "subgroup of" reads as one relation.
            if token.text.eq_ignore_ascii_case("subgroup")
                && self
                    .peek()
                    .is_some_and(|t| t.text.eq_ignore_ascii_case("of"))
            {
                self.at += 1;
                used.push("subgroup-of".into());
            } else {
                used.push(token.text.to_string());
            }
            match self.peek() {
                Some(t) if t.kind == TokenKind::Comma => self.at += 1,
                _ => return Ok(()),
            }
        }
    }

    /// Actors separated by commas or `and`, for `includes` and `excludes`.
    pub(super) fn actor_list(&mut self) -> Walked {
        loop {
            self.actor(&[])?;
            match self.peek() {
                Some(t) if t.kind == TokenKind::Comma || t.text.eq_ignore_ascii_case("and") => {
                    self.at += 1
                }
                _ => return Ok(()),
            }
        }
    }

    /// The filters after a question, in any order, each at most once.
    pub(super) fn filters(&mut self, takes: Takes) -> Walked {
        let mut given = Given::default();
        loop {
            if self.peek().is_none() {
                return Err(self.filter_words(takes, &given));
            }
            let word = self.free()?;
            match word.as_str() {
                "via" => {
                    given.via = true;
                    self.relations()?;
                }
                "after" | "before" | "since" | "until" | "during" | "in" => {
                    given.time = true;
                    self.date()?;
                }
                "between" => {
                    given.time = true;
                    self.date()?;
                    self.one(&["and"])?;
                    self.date()?;
                }
                "as" => {
                    given.time = true;
                    self.one(&["of"])?;
                    if self.peek().is_none() {
                        return Err(Expect::words(&["now"]));
                    }
                    self.date()?;
                }
                "now" | "ever" => given.time = true,
                "certainly" | "certain" => given.certainty = true,
                "with" => {
                    let words: &[&str] = match (given.confidence, given.certainty) {
                        (false, false) => &["confidence", "certainty"],
                        (true, _) => &["certainty"],
                        (_, true) => &["confidence"],
                    };
                    if self.one(words)? == "certainty" {
                        given.certainty = true;
                    } else {
                        given.confidence = true;
                        self.one(CONFIDENCES)?;
                    }
                }
                "confidence" => {
                    given.confidence = true;
                    self.one(CONFIDENCES)?;
                }
                "from" => {
                    given.source = true;
                    self.take(|| Expect {
                        sources: true,
                        ..Expect::default()
                    })?;
                }
                "depth" => {
                    given.depth = true;
                    self.free()?;
                }
                "theme" => {
                    given.theme = true;
                    self.one(&["light", "dark"])?;
                }
                "dates" => {
                    given.dates = true;
                    self.one(&["on", "off", "changes"])?;
                }
                "page" => {
                    given.page = true;
                    self.one(&["A4", "4:3", "16:9"])?;
                }
                "size" => {
                    given.page = true;
                    self.free()?;
                }
                "frames" => {
                    given.frames = true;
                    self.free()?;
                }
                "step" if given.frames => {
                    given.step = true;
                    self.free()?;
                }
                "to" if takes.export => {
                    given.target = true;
                    self.free()?;
                }
                "and" if takes.second_actor => {
                    given.second_actor = true;
                    self.actor(&[])?;
                }
                "includes" | "include" | "excludes" | "exclude" if takes.checks => {
                    self.actor_list()?;
                }
                "is" if takes.checks => {
                    let word = self.one(&["empty", "not"])?;
                    if word == "not" {
                        self.one(&["empty"])?;
                    }
                }
                "count" | "has" if takes.checks => {
                    self.free()?;
                }
                // A word the grammar has no place for: the parser will say so.
                _ => {}
            }
        }
    }

    /// The filters still open to a statement that takes `takes`.
    pub(super) fn filter_words(&self, takes: Takes, given: &Given) -> Expect {
        let mut words: Vec<&'static str> = Vec::new();
        if takes.second_actor && !given.second_actor {
            words.push("and");
        }
        if takes.via && !given.via {
            words.push("via");
        }
        if takes.time && !given.time {
            words.extend(TIME_WORDS);
        }
        if takes.time && !given.certainty {
            words.push("certainly");
        }
        if (takes.confidence && !given.confidence) || (takes.time && !given.certainty) {
            words.push("with");
        }
        if takes.source && !given.source {
            words.push("from");
        }
        if takes.depth && !given.depth {
            words.push("depth");
        }
        if takes.export {
            let options = [
                ("theme", given.theme),
                ("dates", given.dates),
                ("page", given.page),
                ("size", given.page),
                ("frames", given.frames),
                // `step` follows a frames range.
                ("step", !given.frames || given.step),
                ("to", given.target),
            ];
            words.extend(options.iter().filter(|(_, g)| !g).map(|(w, _)| *w));
        }
        if takes.checks {
            words.extend(["includes", "excludes", "is", "count"]);
        }
        Expect::words(&words)
    }
}
