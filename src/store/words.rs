//! Words a graph file picks from a fixed list (`confidence: likely`,
//! `kind: group`). A word not on the list is read as such, so it is one
//! more problem reported with every other in the file, at its place and
//! with the words allowed, instead of stopping the read at the first.

use std::marker::PhantomData;

use serde::de::{EnumAccess, VariantAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::model::{ActorKind, Confidence, Problem, Site};

/// A list a field's word comes from.
pub trait Listed: Sized + Copy {
    /// The type's name, which RON's own errors are translated from.
    const NAME: &'static str;
    /// The thing the word is, for messages: `a confidence`.
    const THING: &'static str;
    /// Every word allowed, as files write them.
    const WORDS: &'static [&'static str];
    /// The value a word names.
    fn from_word(word: &str) -> Option<Self>;
}

impl Listed for Confidence {
    const NAME: &'static str = "Confidence";
    const THING: &'static str = "a confidence";
    // Weakest first, as RON's own errors list them.
    const WORDS: &'static [&'static str] = &["possible", "likely", "confirmed"];
    fn from_word(word: &str) -> Option<Self> {
        Confidence::ALL.into_iter().find(|c| c.as_str() == word)
    }
}

impl Listed for ActorKind {
    const NAME: &'static str = "ActorKind";
    const THING: &'static str = "an actor kind";
    const WORDS: &'static [&'static str] = &[
        "group",
        "faction",
        "coalition",
        "militia",
        "community",
        "state",
        "state_force",
        "pmc",
        "igo",
        "person",
    ];
    fn from_word(word: &str) -> Option<Self> {
        ActorKind::ALL.into_iter().find(|k| k.as_str() == word)
    }
}

/// A word as read: one of the list, or not.
pub enum Word<T> {
    Known(T),
    Unknown(String),
}

impl<T: Listed> Word<T> {
    /// The value, or a problem at `site` naming the word and those allowed.
    pub fn checked(self, site: Site, problems: &mut Vec<Problem>) -> Option<T> {
        match self {
            Word::Known(value) => Some(value),
            Word::Unknown(word) => {
                let allowed = super::syntax::one_of(T::WORDS);
                problems.push(Problem::new(
                    site,
                    format!("`{word}` is not {}: write {allowed}", T::THING),
                ));
                None
            }
        }
    }
}

impl<'de, T: Listed> Deserialize<'de> for Word<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Read<T>(PhantomData<T>);
        impl<'de, T: Listed> Visitor<'de> for Read<T> {
            type Value = Word<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                write!(f, "{}", T::THING)
            }
            fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Word<T>, A::Error> {
                let (Identifier(word), variant) = data.variant()?;
                variant.unit_variant()?;
                Ok(T::from_word(&word).map_or(Word::Unknown(word), Word::Known))
            }
        }
        deserializer.deserialize_enum(T::NAME, T::WORDS, Read(PhantomData))
    }
}

/// A variant's name, read as an identifier (a `String` would want quotes).
struct Identifier(String);

impl<'de> Deserialize<'de> for Identifier {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Read;
        impl Visitor<'_> for Read {
            type Value = Identifier;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a word")
            }
            fn visit_str<E>(self, word: &str) -> Result<Identifier, E> {
                Ok(Identifier(word.to_string()))
            }
        }
        deserializer.deserialize_identifier(Read)
    }
}

/// Reads a word from text, for tests.
#[cfg(test)]
fn word<T: Listed>(text: &str) -> Result<Word<T>, serde::de::value::Error> {
    use serde::de::IntoDeserializer;
    Word::deserialize(IntoDeserializer::<serde::de::value::Error>::into_deserializer(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lists_are_every_word_of_the_model() {
        for word in Confidence::WORDS.iter().chain(ActorKind::WORDS) {
            let known =
                Confidence::from_word(word).is_some() || ActorKind::from_word(word).is_some();
            assert!(known, "{word}");
        }
        assert_eq!(Confidence::WORDS.len(), Confidence::ALL.len());
        assert_eq!(ActorKind::WORDS.len(), ActorKind::ALL.len());
    }

    #[test]
    fn a_word_off_the_list_is_read_and_reported_with_the_words_allowed() {
        assert!(matches!(
            word::<Confidence>("likely"),
            Ok(Word::Known(Confidence::Likely))
        ));
        let Ok(unknown) = word::<Confidence>("sure") else {
            panic!("an unknown word is read")
        };
        let mut problems = Vec::new();
        let site = Site::Document { field: "x" };
        assert_eq!(unknown.checked(site, &mut problems), None);
        assert_eq!(
            problems[0].message,
            "`sure` is not a confidence: write `possible`, `likely` or `confirmed`"
        );
        let Ok(kind) = word::<ActorKind>("gang") else {
            panic!("an unknown kind is read")
        };
        kind.checked(site, &mut problems);
        assert!(problems[1]
            .message
            .starts_with("`gang` is not an actor kind: write `group`, "));
    }
}
