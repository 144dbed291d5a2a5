//! The words completion draws on that come from the graph: its actors'
//! names, aliases and ids, its relations and sources, and the REPL's own
//! commands. Keys are normalised once, when the vocabulary is built, so a
//! Tab on a large graph only compares prefixes.

use rustc_hash::FxHashSet;

use super::Candidate;
use crate::model::names::normalize;
use crate::model::Graph;
use crate::query::phrases::Phrases;

/// A name as written, and the key it is compared by.
#[derive(Clone, Debug)]
struct Named {
    text: String,
    key: String,
}

impl Named {
    fn new(text: &str) -> Self {
        Named {
            text: text.to_string(),
            key: normalize(text),
        }
    }
}

/// One actor's names: the canonical name first, then its aliases and id.
#[derive(Clone, Debug)]
struct ActorNames {
    name: Named,
    aliases: Vec<Named>,
    id: Named,
}

impl ActorNames {
    /// The one name to offer for `key`: the canonical name when it
    /// matches, else the first alias that does, else the id.
    fn matching(&self, key: &str) -> Option<&Named> {
        if self.name.key.starts_with(key) {
            return Some(&self.name);
        }
        self.aliases
            .iter()
            .find(|alias| alias.key.starts_with(key))
            .or_else(|| self.id.key.starts_with(key).then_some(&self.id))
    }
}

/// The graph's words for completion.
#[derive(Clone, Debug, Default)]
pub struct Vocabulary {
    actors: Vec<ActorNames>,
    /// Every actor's name, alias and id key, to tell a finished name.
    keys: FxHashSet<String>,
    relations: Vec<String>,
    sources: Vec<String>,
    commands: Vec<String>,
    /// The ways questions say the relations (`allied with`, `leads`).
    phrases: Phrases,
}

impl Vocabulary {
    /// No words at all; add them with the builder methods.
    pub fn new() -> Self {
        Self::default()
    }

    /// Every actor, relation and source of `graph`.
    pub fn of_graph(graph: &Graph) -> Self {
        let mut vocabulary = Vocabulary::new();
        for (_, actor) in graph.actors() {
            vocabulary = vocabulary.actor(&actor.name, &actor.aliases, &actor.id);
        }
        for name in graph.relations().names() {
            vocabulary = vocabulary.relation(name);
        }
        for source in graph.sources() {
            vocabulary = vocabulary.source(&source.id);
        }
        vocabulary.phrases = Phrases::of(graph.relations());
        vocabulary
    }

    /// Adds an actor: its canonical name, aliases and id.
    pub fn actor(mut self, name: &str, aliases: &[impl AsRef<str>], id: &str) -> Self {
        let names = ActorNames {
            name: Named::new(name),
            aliases: aliases.iter().map(|a| Named::new(a.as_ref())).collect(),
            id: Named::new(id),
        };
        self.keys.insert(names.name.key.clone());
        self.keys.insert(names.id.key.clone());
        self.keys
            .extend(names.aliases.iter().map(|alias| alias.key.clone()));
        self.actors.push(names);
        self
    }

    /// Adds a relation's name, once however often it is added.
    pub fn relation(mut self, name: &str) -> Self {
        if !self.relations.iter().any(|r| r == name) {
            self.relations.push(name.to_string());
        }
        self
    }

    /// Adds a source's id, for `from SOURCE`.
    pub fn source(mut self, id: &str) -> Self {
        self.sources.push(id.to_string());
        self
    }

    /// Adds a word that begins a line beyond the language's statements,
    /// such as the REPL's `load`.
    pub fn command(mut self, word: &str) -> Self {
        self.commands.push(word.to_string());
        self
    }

    /// The phrases questions say relations by.
    pub(super) fn phrases(&self) -> &Phrases {
        &self.phrases
    }

    pub(super) fn relations(&self) -> impl Iterator<Item = &str> {
        self.relations.iter().map(String::as_str)
    }

    pub(super) fn sources(&self) -> impl Iterator<Item = &str> {
        self.sources.iter().map(String::as_str)
    }

    pub(super) fn commands(&self) -> impl Iterator<Item = &str> {
        self.commands.iter().map(String::as_str)
    }

    /// True when `words` is a whole name, alias or id of some actor.
    pub(super) fn is_name(&self, words: &str) -> bool {
        self.keys.contains(&normalize(words))
    }

    /// True when some actor's name, alias or id begins with `words`.
    pub(super) fn begins_name(&self, words: &str) -> bool {
        let key = normalize(words);
        self.actors.iter().any(|a| a.matching(&key).is_some())
    }

    /// One candidate per actor whose name, alias or id begins with
    /// `typed` (case, accents and punctuation aside), in name order. Names
    /// holding spaces are quoted; so is every candidate `in_quote`, or when
    /// one of several needs it and their common beginning goes further
    /// than what was typed, so that it can still be completed.
    pub(super) fn actor_candidates(&self, typed: &str, in_quote: bool) -> Vec<Candidate> {
        let key = normalize(typed);
        let mut found: Vec<(&Named, &Named)> = self
            .actors
            .iter()
            .filter_map(|actor| actor.matching(&key).map(|named| (named, &actor.name)))
            .collect();
        found.sort_by_cached_key(|(named, _)| (named.key.clone(), named.text.clone()));
        found.dedup_by(|a, b| a.0.text == b.0.text);
        // Mixed quoting would leave the candidates no common beginning.
        let extends = common_prefix(found.iter().map(|(named, _)| named.text.as_str()))
            > typed.chars().count();
        let quote_all =
            in_quote || extends && found.iter().any(|(named, _)| needs_quotes(&named.text));
        found
            .into_iter()
            .map(|(named, name)| {
                let display = if named.text == name.text {
                    named.text.clone()
                } else {
                    format!("{} ({})", named.text, name.text)
                };
                let replacement = if quote_all || needs_quotes(&named.text) {
                    format!(
                        "\"{}\" ",
                        named.text.replace('\\', "\\\\").replace('"', "\\\"")
                    )
                } else {
                    format!("{} ", named.text)
                };
                Candidate {
                    display,
                    replacement,
                }
            })
            .collect()
    }
}

/// True when a name must be quoted to read as one name. Spaces need no
/// quotes: a bare name runs to the longest name of the graph it spells, so
/// `show MLF`⇥ can stop at MLF while `MLF founder` is also offered.
fn needs_quotes(name: &str) -> bool {
    name.is_empty() || name.trim() != name || name.contains([',', '"', '#', '\n', '\r', '\t'])
}

/// How many characters every one of `names` begins with.
fn common_prefix<'a>(mut names: impl Iterator<Item = &'a str>) -> usize {
    let Some(first) = names.next() else {
        return 0;
    };
    names.fold(first.chars().count(), |shared, name| {
        first
            .chars()
            .zip(name.chars())
            .take(shared)
            .take_while(|(a, b)| a == b)
            .count()
    })
}
