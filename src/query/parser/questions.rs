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
use super::nearest::possessive_stripped;
use super::Parser;

/// Words that may follow a question word: `who is`, `who did`.
const AUXILIARIES: &[&str] = &[
    "is", "was", "are", "were", "does", "did", "do", "has", "have", "had",
];

/// `are A and B at war`: what the pair is, for the symmetric built-ins;
/// a longer phrase comes before any shorter one it begins with.
const PAIR_WORDS: &[(&str, &str)] = &[
    ("allied", "alliance"),
    ("allies", "alliance"),
    ("partners", "alliance"),
    ("partnered", "alliance"),
    ("in alliance", "alliance"),
    ("at war", "hostility"),
    ("enemies", "hostility"),
    // Before `fighting`: the first that matches is taken.
    ("fighting each other", "hostility"),
    ("fighting", "hostility"),
    ("hostile", "hostility"),
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
pub(super) const LONGEST_NAME: usize = 12;

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
        // Every phrase is a candidate (`fihgting` is `fighting`), the
        // relations' usual ones first among equals.
        let every: Vec<String> = self.phrases.texts().collect();
        let nearest = verbs
            .iter()
            .map(|v| (0, v))
            .chain(every.iter().map(|v| (1, v)))
            .filter(|_| !typed.is_empty())
            .map(|(rank, v)| {
                let first = v.split(' ').next().unwrap_or(v);
                (strsim::damerau_levenshtein(&typed, first), rank, v)
            })
            // One letter in four may be wrong: `alied` is `allied`, but
            // `leave` is not `leads`.
            .filter(|(distance, _, _)| *distance <= (typed.chars().count() / 4).max(1))
            .min_by_key(|(distance, rank, verb)| (*distance, *rank, verb.len()))
            .map(|(distance, _, verb)| (distance, verb));
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
        let article = usize::from(words.first().is_some_and(|w| is_article(w)) && words.len() > 1);
        // `The Islamic State` may be a name itself; else the article is not.
        for (skip, taken) in (1..=words.len().min(LONGEST_NAME + article))
            .rev()
            .flat_map(|taken| [(0, taken), (article, taken)])
            .filter(|(skip, taken)| skip < taken)
        {
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
        // A name before a phrase; else the longest name at all, so that an
        // unknown verb after it is blamed, not taken into the name.
        if let Some(name) = self.longest_name(true).or_else(|| self.longest_name(false)) {
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
                kind: None,
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
                        kind: None,
                    });
                }
                // `who is Iyad ag Ghali`, `what is JNIM`: the actor's card.
                let is = auxiliary
                    .as_ref()
                    .is_some_and(|a| a.is("is") || a.is("was"));
                let ends = self.peek().is_none_or(|t| keywords::ends_name(&t.text));
                if is && ends && self.graph.is_some() {
                    return Ok(Statement::Show { actor });
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
        // The owner ends at a word with `'s` that completes an actor's name
        // (`Lord's Resistance Army's allies`: not at `Lord's`).
        let (owner, name) = (skip..words.len().min(LONGEST_NAME + skip))
            .filter(|i| possessive_stripped(words[*i]).len() < words[*i].len())
            .find_map(|owner| {
                let mut name: Vec<&str> = words[skip..owner].to_vec();
                name.push(possessive_stripped(words[owner]));
                let name = name.join(" ");
                graph.find(&name).map(|_| (owner, name))
            })?;
        let noun = *words.get(owner + 1)?;
        let (first, last) = (
            &self.tokens[self.pos + skip],
            &self.tokens[self.pos + owner],
        );
        let actor = ActorName {
            name,
            span: (first.start, last.end),
        };
        // `JNIM's parents`, `al Qaeda's subgroups`: the chain questions, as
        // `parents of` and `subgroups of` answer them.
        let chain = match noun.to_lowercase().as_str() {
            "parents" | "parent" => Some(Statement::Parents {
                actor: actor.clone(),
            }),
            "subgroups" | "subgroup" | "members" | "components" => Some(Statement::Subgroups {
                actor: actor.clone(),
            }),
            _ => None,
        };
        if let Some(statement) = chain {
            self.pos += owner + 2;
            return Some(statement);
        }
        // `allies` → `allies of`; `leaders` → `leader of`.
        let singular = noun.strip_suffix('s').unwrap_or(noun);
        let (phrase, _) = [[noun, "of"], [singular, "of"]]
            .iter()
            .find_map(|candidate| self.phrases.at(candidate).filter(|(_, n)| *n == 2))?;
        let noun_token = &self.tokens[self.pos + owner + 1];
        let statement = Statement::Who {
            phrase: RelationPhrase {
                relation: phrase.relation.clone(),
                voice: phrase.voice,
                text: noun.to_lowercase(),
                span: (noun_token.start, noun_token.end),
            },
            actor,
            named: Named::Object,
            kind: None,
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
        // `which armed groups`: up to two words before the verb; a kind
        // among them (`which militias`) keeps only actors of that kind.
        let mut kind = None;
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
                    kind = kind.or_else(|| kind_of_noun(&t.text));
                    self.advance();
                }
                _ => break,
            }
        }
        let mut statement = self.who()?;
        if let Statement::Who { kind: asked, .. } = &mut statement {
            *asked = kind;
        }
        Ok(statement)
    }

    /// `is A allied with B`, `does A lead B`, `has A pledged allegiance to B`.
    pub(super) fn verdict(&mut self, auxiliary: &str) -> Result<Statement, QueryError> {
        let a = self.subject()?;
        // `did JNIM ever fight France`: the time word read as if it closed
        // the question.
        if self.peek_is_any(&["ever", "now"]) {
            let time = self.tokens.remove(self.pos);
            self.tokens.push(time);
        }
        // `are JNIM and ISGS at war`: a pair and a word for their tie.
        if self.eat("and") {
            let b = self.subject()?;
            let mut phrase = self.pair_phrase()?;
            // Answered as said: `JNIM and ISGS are at war`, `… were rivals`.
            let copula = if matches!(auxiliary, "were" | "was") {
                "were"
            } else {
                "are"
            };
            phrase.text = format!("{copula} {}", phrase.text);
            return Ok(Statement::Is {
                a,
                phrase,
                b,
                pair: true,
            });
        }
        let mut phrase = self.required_phrase()?;
        let b = self.actor()?;
        // `does A lead B` is answered `A leads B`; `did A fund B`, `A funded B`.
        if matches!(auxiliary, "does" | "do" | "did") {
            if let Some(text) = self.finite_verb(&phrase.relation, auxiliary == "did") {
                phrase.text = text;
            }
        }
        Ok(Statement::Is {
            a,
            phrase,
            b,
            pair: false,
        })
    }

    /// The word a relation's answers use after a subject: a declared verb
    /// (its declared past tense for `did`), one read off the relation's
    /// name or base, or the built-ins' own.
    fn finite_verb(&self, relation: &str, past: bool) -> Option<String> {
        let builtin = match relation {
            "alliance" => Some("allied with"),
            "hostility" => Some(if past { "fought" } else { "fights" }),
            "allegiance" => Some("pledged allegiance to"),
            "subgroup-of" => Some("subgroup of"),
            _ => None,
        };
        if let Some(words) = builtin {
            return Some(words.to_string());
        }
        let relations = self.graph?.relations();
        let relation = relations.get(relations.find(relation)?);
        // The past as declared or made from the bare form (`funded`, `led`,
        // never `leaded`), else the present said of one subject: never the
        // bare `lead`.
        past.then(|| super::super::phrases::past_tense_of(relation))
            .flatten()
            .or_else(|| super::super::phrases::present_tense(relation))
    }

    /// The word a pair shares in `are A and B at war`: a symmetric tie's
    /// adjective or noun.
    fn pair_phrase(&mut self) -> Result<RelationPhrase, QueryError> {
        let words = self.words_from(self.pos);
        let found = PAIR_WORDS.iter().find_map(|(text, relation)| {
            let wanted: Vec<&str> = text.split(' ').collect();
            (words.len() >= wanted.len()
                && wanted
                    .iter()
                    .zip(&words)
                    .all(|(a, b)| a.eq_ignore_ascii_case(b)))
            .then_some((wanted.len(), *text, *relation))
        });
        // A symmetric relation of the graph: `at peace`, `rivals`.
        let relations = self
            .graph
            .map(|g| g.relations().clone())
            .unwrap_or_default();
        let found = found.or_else(|| {
            let (phrase, taken) = self.phrases.pair_word(&words, &relations)?;
            Some((taken, "", phrase.relation.as_str()))
        });
        let found = found.map(|(taken, text, relation)| {
            let text = if text.is_empty() {
                words[..taken].join(" ").to_lowercase()
            } else {
                text.to_string()
            };
            (taken, text, relation.to_string())
        });
        let Some((taken, text, relation)) = found else {
            let known: Vec<&str> = PAIR_WORDS.iter().map(|(t, _)| *t).collect();
            return Err(self
                .expected("how the two are tied, such as `allied` or `at war`")
                .with_help(format!("after `A and B`: {}", known.join(", "))));
        };
        let (first, last) = (&self.tokens[self.pos], &self.tokens[self.pos + taken - 1]);
        let span = (first.start, last.end);
        self.pos += taken;
        Ok(RelationPhrase {
            relation,
            voice: Voice::Active,
            text,
            span,
        })
    }

    /// `when did A join B`, `when was A founded by B`.
    pub(super) fn when(&mut self) -> Result<Statement, QueryError> {
        if self.eat_any(AUXILIARIES).is_none() {
            return Err(
                self.expected("`did`, `was` or `is`, as in `when did Ansar al Din join JNIM`")
            );
        }
        let a = self.subject()?;
        if self.eat("and") {
            // `when were JNIM and ISGS at war`.
            let b = self.subject()?;
            let phrase = self.pair_phrase()?;
            return Ok(Statement::When { a, phrase, b });
        }
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
            kind: None,
        })
    }
}

/// The kind a plural noun names (`militias`, `states`, `communities`);
/// `groups` and `actors` name no kind, as analysts use them for any actor.
fn kind_of_noun(noun: &str) -> Option<crate::model::ActorKind> {
    let lower = noun.to_lowercase();
    if matches!(
        lower.as_str(),
        "group" | "groups" | "actor" | "actors" | "organisations" | "organizations"
    ) {
        return None;
    }
    let singular = lower
        .strip_suffix("ies")
        .map(|s| format!("{s}y"))
        .or_else(|| lower.strip_suffix('s').map(str::to_string))
        .unwrap_or(lower.clone());
    crate::model::ActorKind::parse(&singular).or_else(|| crate::model::ActorKind::parse(&lower))
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
