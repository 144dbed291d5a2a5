//! Questions in analysts' words: `who leads JNIM`, `who did JNIM pledge
//! allegiance to`, `is Wagner fighting JNIM`, `when did Ansar al Din join
//! JNIM`, `how is JNIM connected to CMA`, `ties between JNIM and CMA`.
//! Relations are read from the graph's phrases; names run as far as the
//! longest actor name they spell.

use super::super::ast::*;
use super::super::error::QueryError;
use super::super::keywords;
use super::super::lexer::{Token, TokenKind};
use super::super::phrases::is_article;
use super::Parser;

/// Words that may follow a question word: `who is`, `who did`.
const AUXILIARIES: &[&str] = &[
    "is", "was", "are", "were", "does", "did", "do", "has", "have", "had",
];

/// Words `how is A … to B` takes for "connected".
const CONNECTED: &[&str] = &[
    "connected",
    "linked",
    "related",
    "tied",
    "connect",
    "link",
    "relate",
];

/// At most this many words make one actor name, so a long query is not
/// looked up word run by word run at every length.
const LONGEST_NAME: usize = 12;

impl Parser<'_> {
    /// The words of the tokens from `pos` on, up to a comma or quote.
    pub(super) fn words_from(&self, pos: usize) -> Vec<&str> {
        self.tokens[pos.min(self.tokens.len())..]
            .iter()
            .take_while(|t| t.kind == TokenKind::Word)
            .map(|t| t.text.as_str())
            .collect()
    }

    /// The relation phrase at the current token, if one begins here.
    fn phrase(&mut self) -> Option<RelationPhrase> {
        let words = self.words_from(self.pos);
        let (phrase, taken) = self.phrases.at(&words)?;
        let first = &self.tokens[self.pos];
        let last = &self.tokens[self.pos + taken - 1];
        let text: Vec<&str> = words[..taken]
            .iter()
            .copied()
            .filter(|w| !is_article(w))
            .collect();
        let phrase = RelationPhrase {
            relation: phrase.relation.clone(),
            voice: phrase.voice,
            text: text.join(" "),
            span: (first.start, last.end),
        };
        self.pos += taken;
        Some(phrase)
    }

    /// The phrase here, or an error listing the graph's verbs.
    fn required_phrase(&mut self) -> Result<RelationPhrase, QueryError> {
        if let Some(phrase) = self.phrase() {
            return Ok(phrase);
        }
        let verbs = self.verbs();
        let mut error = self.expected(format!("a relation, such as {}", or_list(&verbs, 4)));
        let typed = self
            .peek()
            .map(|t| t.text.to_lowercase())
            .unwrap_or_default();
        let nearest = verbs
            .iter()
            .filter(|_| !typed.is_empty())
            .map(|v| {
                (
                    strsim::damerau_levenshtein(&typed, v.split(' ').next().unwrap_or(v)),
                    v,
                )
            })
            .filter(|(distance, _)| *distance <= 2 && *distance < typed.len())
            .min_by_key(|(distance, _)| *distance);
        error = match nearest {
            Some((_, verb)) => error.with_help(format!(
                "did you mean `{verb}`? `relations` lists each relation and how to ask it"
            )),
            None => error.with_help(format!(
                "the relations are asked as: {}; or list ties with `ties of X via RELATION`",
                verbs.join(", ")
            )),
        };
        Err(error)
    }

    /// One phrase per relation, for messages.
    fn verbs(&self) -> Vec<String> {
        match self.graph {
            Some(graph) => self.phrases.examples(graph.relations()),
            None => self.phrases.examples(&crate::model::Relations::default()),
        }
    }

    /// Bare words spelling the longest actor name of the graph, skipping a
    /// leading article; `None` without a graph or when none matches. With
    /// `before_phrase`, the name must be followed by a relation phrase or
    /// the end of the words.
    pub(super) fn longest_name(&mut self, before_phrase: bool) -> Option<ActorName> {
        let graph = self.graph?;
        let words = self.words_from(self.pos);
        let skip = usize::from(words.first().is_some_and(|w| is_article(w)) && words.len() > 1);
        for taken in (skip + 1..=words.len().min(LONGEST_NAME + skip)).rev() {
            if before_phrase && taken < words.len() && self.phrases.at(&words[taken..]).is_none() {
                continue;
            }
            let name = words[skip..taken].join(" ");
            if graph.find(&name).is_some() {
                let (first, last) = (
                    &self.tokens[self.pos + skip],
                    &self.tokens[self.pos + taken - 1],
                );
                let actor = ActorName {
                    name,
                    span: (first.start, last.end),
                };
                self.pos += taken;
                return Some(actor);
            }
        }
        None
    }

    /// An actor named before a phrase: `is [Wagner] fighting JNIM`.
    fn subject(&mut self) -> Result<ActorName, QueryError> {
        if let Some(name) = self.longest_name(true) {
            return Ok(name);
        }
        self.bare_actor(true)
    }

    fn eat_any(&mut self, words: &[&str]) -> Option<Token> {
        if self.peek_is_any(words) {
            self.advance()
        } else {
            None
        }
    }

    /// `who leads X`, `who is allied with X`, `who did X pledge allegiance
    /// to`, `who is X led by`.
    pub(super) fn who(&mut self) -> Result<Statement, QueryError> {
        let auxiliary = self.eat_any(AUXILIARIES);
        if let Some(possessive) = self.possessive() {
            return Ok(possessive);
        }
        if let Some(phrase) = self.phrase() {
            return Ok(Statement::Who {
                phrase,
                actor: self.actor()?,
                named: Named::Object,
            });
        }
        if auxiliary.is_some() && self.peek().is_some() {
            let before = self.pos;
            if let Ok(actor) = self.subject() {
                if let Some(phrase) = self.phrase() {
                    return Ok(Statement::Who {
                        phrase,
                        actor,
                        named: Named::Subject,
                    });
                }
            }
            self.pos = before;
        }
        Err(self.required_phrase().expect_err("no phrase here"))
    }

    /// `JNIM's allies`, `Ansar al Din's leaders`: read as `allies of JNIM`,
    /// `leader of Ansar al Din`; `None` (nothing taken) when the words here
    /// are not an actor's name with `'s` and a relation's noun.
    pub(super) fn possessive(&mut self) -> Option<Statement> {
        let graph = self.graph?;
        let words = self.words_from(self.pos);
        let skip = usize::from(words.first().is_some_and(|w| is_article(w)));
        let owner = (skip..words.len().min(LONGEST_NAME + skip))
            .find(|i| possessive_stripped(words[*i]).len() < words[*i].len())?;
        let mut name: Vec<&str> = words[skip..owner].to_vec();
        name.push(possessive_stripped(words[owner]));
        let name = name.join(" ");
        graph.find(&name)?;
        let noun = *words.get(owner + 1)?;
        // `allies` → `allies of`; `leaders` → `leader of`.
        let singular = noun.strip_suffix('s').unwrap_or(noun);
        let (phrase, _) = [[noun, "of"], [singular, "of"]]
            .iter()
            .find_map(|candidate| self.phrases.at(candidate).filter(|(_, n)| *n == 2))?;
        let (first, last) = (
            &self.tokens[self.pos + skip],
            &self.tokens[self.pos + owner],
        );
        let noun_token = &self.tokens[self.pos + owner + 1];
        let statement = Statement::Who {
            phrase: RelationPhrase {
                relation: phrase.relation.clone(),
                voice: phrase.voice,
                text: noun.to_lowercase(),
                span: (noun_token.start, noun_token.end),
            },
            actor: ActorName {
                name,
                span: (first.start, last.end),
            },
            named: Named::Object,
        };
        self.pos += owner + 2;
        Some(statement)
    }

    /// `which groups fought JNIM`, `what did JNIM pledge allegiance to`,
    /// `what ties link JNIM and CMA`.
    pub(super) fn what(&mut self) -> Result<Statement, QueryError> {
        if self
            .eat_any(&["ties", "links", "relations", "relationships", "connections"])
            .is_some()
        {
            // `what ties link A and B`, `what ties are there between A and B`.
            self.eat_any(&["link", "connect", "join", "exist", "are", "is"]);
            self.eat("there");
            self.eat("between");
            return self.between();
        }
        if self.eat_any(&["links", "connects", "joins"]).is_some() {
            return self.between();
        }
        // `which armed groups`: up to two words before the verb.
        for _ in 0..2 {
            let words = self.words_from(self.pos);
            let at_name = self.graph.is_some_and(|g| {
                (1..=words.len().min(LONGEST_NAME)).any(|n| g.find(&words[..n].join(" ")).is_some())
            });
            let at_verb =
                at_name || self.peek_is_any(AUXILIARIES) || self.phrases.at(&words).is_some();
            match self.peek() {
                Some(t)
                    if !at_verb
                        && t.kind == TokenKind::Word
                        && keywords::find(&t.text).is_none() =>
                {
                    self.advance();
                }
                _ => break,
            }
        }
        self.who()
    }

    /// `is A allied with B`, `does A lead B`, `has A pledged allegiance to B`.
    pub(super) fn verdict(&mut self) -> Result<Statement, QueryError> {
        let a = self.subject()?;
        let phrase = self.required_phrase()?;
        let b = self.actor()?;
        Ok(Statement::Is { a, phrase, b })
    }

    /// `when did A join B`, `when was A founded by B`.
    pub(super) fn when(&mut self) -> Result<Statement, QueryError> {
        if self.eat_any(AUXILIARIES).is_none() {
            return Err(
                self.expected("`did`, `was` or `is`, as in `when did Ansar al Din join JNIM`")
            );
        }
        let a = self.subject()?;
        let phrase = self.required_phrase()?;
        let b = self.actor()?;
        Ok(Statement::When { a, phrase, b })
    }

    /// `how is A connected to B`, `how are A and B linked`.
    pub(super) fn how(&mut self) -> Result<Statement, QueryError> {
        if self.eat_any(AUXILIARIES).is_none() {
            return Err(self.expected("`is` or `are`, as in `how is JNIM connected to CMA`"));
        }
        let from = self.subject_until(CONNECTED)?;
        if self.eat("and") {
            let to = self.subject_until(CONNECTED)?;
            if self.eat_any(CONNECTED).is_none() {
                return Err(self.expected("`connected`, `linked` or `related`"));
            }
            return Ok(Statement::Path { from, to });
        }
        if self.eat_any(CONNECTED).is_none() {
            return Err(self.expected("`connected to`, `linked to` or `related to`"));
        }
        if self.eat_any(&["to", "with"]).is_none() {
            return Err(self.expected("`to`"));
        }
        let to = self.actor()?;
        Ok(Statement::Path { from, to })
    }

    /// An actor whose bare name ends at one of `words` too.
    fn subject_until(&mut self, words: &[&str]) -> Result<ActorName, QueryError> {
        let stop = self.tokens[self.pos..]
            .iter()
            .position(|t| words.iter().any(|w| t.is(w)))
            .map(|i| self.pos + i);
        // Parse the name from the tokens before the stop word only.
        let rest = match stop {
            Some(stop) => self.tokens.split_off(stop),
            None => Vec::new(),
        };
        let name = self.actor();
        self.tokens.extend(rest);
        name
    }

    /// `A and B` after `ties between`.
    pub(super) fn between(&mut self) -> Result<Statement, QueryError> {
        let a = self.actor()?;
        self.keyword("and")?;
        let b = self.actor()?;
        Ok(Statement::Between { a, b })
    }

    /// `allies of X` and `enemies of X`: `who` questions of one relation.
    pub(super) fn who_with(
        &mut self,
        relation: &str,
        word: &Token,
    ) -> Result<Statement, QueryError> {
        Ok(Statement::Who {
            phrase: RelationPhrase {
                relation: relation.to_string(),
                voice: Voice::Active,
                text: word.text.to_lowercase(),
                span: (word.start, word.end),
            },
            actor: self.actor()?,
            named: Named::Object,
        })
    }
}

impl Parser<'_> {
    /// For a question the language does not take (`tell me about JNIM`,
    /// `list JNIM's allies`), the accepted form nearest to it, built from
    /// the actor names and relation words it holds.
    pub(super) fn nearest_form(&self) -> Option<String> {
        let graph = self.graph?;
        let words: Vec<String> = self
            .tokens
            .iter()
            .map(|t| match t.kind {
                TokenKind::Word => possessive_stripped(&t.text).to_string(),
                _ => t.text.clone(),
            })
            .collect();
        let (mut actors, mut relation) = (Vec::new(), None);
        let mut at = 0;
        'words: while at < words.len() {
            for taken in (1..=(words.len() - at).min(LONGEST_NAME)).rev() {
                if let Some(id) = graph.find(&words[at..at + taken].join(" ")) {
                    actors.push(graph.actor(id).name.clone());
                    at += taken;
                    continue 'words;
                }
            }
            if let Some((phrase, taken)) = self.phrases.at(&words[at..]) {
                relation.get_or_insert_with(|| phrase.relation.clone());
                at += taken;
                continue;
            }
            // A bare noun: `allies` as in `allies of`.
            let noun = [words[at].as_str(), "of"];
            if let Some((phrase, _)) = self.phrases.at(&noun).filter(|(_, n)| *n == 2) {
                relation.get_or_insert_with(|| phrase.relation.clone());
            }
            at += 1;
        }
        let quoted = |name: &String| {
            if name.contains(' ') {
                format!("\"{name}\"")
            } else {
                name.clone()
            }
        };
        let verb = |relation: &str| {
            let relations = graph.relations();
            let id = relations.find(relation)?;
            let examples = self.phrases.examples(relations);
            examples.get(id.index()).cloned()
        };
        // A yes-or-no question reads `is A fighting B` or `does A lead B`.
        let verdict = |a: &String, relation: &str, b: &String| {
            let (a, b) = (quoted(a), quoted(b));
            let is = |words: &str| Some(format!("is {a} {words} {b}"));
            match relation {
                "alliance" => is("allied with"),
                "hostility" => is("fighting"),
                "allegiance" => is("loyal to"),
                "subgroup-of" => is("part of"),
                _ => {
                    let relations = graph.relations();
                    let declared = relations.get(relations.find(relation)?);
                    match declared.phrasing.as_ref().and_then(|p| p.base.as_ref()) {
                        Some(base) => Some(format!("does {a} {base} {b}")),
                        None => Some(format!("ties between {a} and {b} via {relation}")),
                    }
                }
            }
        };
        match (actors.as_slice(), relation) {
            ([a, b, ..], Some(r)) => verdict(a, &r, b),
            ([a], Some(r)) => Some(format!("who {} {}", verb(&r)?, quoted(a))),
            ([a, b, ..], None) => Some(format!("ties between {} and {}", quoted(a), quoted(b))),
            ([a], None) => Some(format!("show {}", quoted(a))),
            ([], _) => None,
        }
    }
}

/// `JNIM's` read as `JNIM`.
fn possessive_stripped(word: &str) -> &str {
    ["'s", "’s", "'"]
        .iter()
        .find_map(|s| word.strip_suffix(s))
        .unwrap_or(word)
}

/// `a, b, c or d`, at most `n` items then `…`.
fn or_list(items: &[String], n: usize) -> String {
    let shown: Vec<String> = items.iter().take(n).map(|i| format!("`{i}`")).collect();
    if items.len() > n {
        format!("{}, …", shown.join(", "))
    } else {
        shown.join(", ")
    }
}
