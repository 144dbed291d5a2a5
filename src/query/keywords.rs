//! Every word of the language, in one table: the parser checks its words
//! against it, bare actor names end at its filter words, the REPL completes
//! from it and `help` must mention every statement in it, so none of them
//! can drift from the others.

/// What a keyword does in a statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Begins a statement: `who`, `show`, `changes`.
    Statement,
    /// Continues a statement: `allied`, `with`, `of`.
    Part,
    /// Joins two names (`path from A to B`, `why A and B`), so it ends a
    /// bare name.
    Joiner,
    /// Begins a filter, so it ends a bare name: `via`, `after`, `certainly`.
    Filter,
    /// Begins an expectation's check, so it ends a bare name: `includes`.
    Check,
    /// A word of `export`'s options and values: `dot`, `frames`, `dark`.
    Export,
}

/// A keyword and what it does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Keyword {
    /// The word, in lower case.
    pub word: &'static str,
    /// What it does in a statement.
    pub role: Role,
}

const fn kw(word: &'static str, role: Role) -> Keyword {
    Keyword { word, role }
}

use Role::*;

/// The table. Completion offers the words in this order.
pub const KEYWORDS: &[Keyword] = &[
    kw("who", Statement),
    kw("whom", Statement),
    kw("which", Statement),
    kw("what", Statement),
    kw("when", Statement),
    kw("how", Statement),
    kw("does", Statement),
    kw("did", Statement),
    kw("do", Statement),
    kw("are", Statement),
    kw("were", Statement),
    kw("have", Statement),
    kw("had", Statement),
    kw("links", Statement),
    kw("relationships", Statement),
    kw("relationship", Statement),
    kw("connections", Statement),
    kw("allies", Statement),
    kw("enemies", Statement),
    kw("rivals", Statement),
    kw("subgroups", Statement),
    kw("subgroup", Statement),
    kw("parents", Statement),
    kw("parent", Statement),
    kw("ties", Statement),
    kw("show", Statement),
    kw("card", Statement),
    kw("timeline", Statement),
    kw("why", Statement),
    kw("explain", Statement),
    kw("path", Statement),
    kw("neighbors", Statement),
    kw("neighbours", Statement),
    kw("network", Statement),
    kw("changes", Statement),
    kw("stats", Statement),
    kw("statistics", Statement),
    kw("actors", Statement),
    kw("relations", Statement),
    kw("sources", Statement),
    kw("export", Statement),
    kw("expect", Statement),
    kw("help", Statement),
    kw("is", Statement),
    kw("was", Statement),
    kw("connected", Part),
    kw("linked", Part),
    kw("related", Part),
    kw("tied", Part),
    kw("connect", Part),
    kw("connects", Part),
    kw("link", Part),
    kw("relate", Part),
    kw("join", Part),
    kw("joins", Part),
    kw("exist", Part),
    kw("there", Part),
    kw("allied", Part),
    kw("allying", Part),
    kw("partnered", Part),
    kw("partners", Part),
    kw("cooperated", Part),
    kw("fought", Part),
    kw("fights", Part),
    kw("fighting", Part),
    kw("attacked", Part),
    kw("attacks", Part),
    kw("against", Part),
    kw("hostile", Part),
    kw("pledged", Part),
    kw("pledges", Part),
    kw("pledge", Part),
    kw("allegiance", Part),
    kw("loyal", Part),
    kw("of", Part),
    kw("kind", Part),
    kw("all", Part),
    kw("to", Joiner),
    kw("and", Joiner),
    kw("via", Filter),
    kw("with", Filter),
    kw("from", Filter),
    kw("after", Filter),
    kw("before", Filter),
    kw("since", Filter),
    kw("until", Filter),
    kw("during", Filter),
    kw("in", Filter),
    kw("between", Filter),
    kw("as", Filter),
    kw("now", Filter),
    kw("ever", Filter),
    kw("certainly", Filter),
    kw("certain", Filter),
    kw("certainty", Filter),
    kw("confidence", Filter),
    kw("depth", Filter),
    kw("frames", Filter),
    kw("theme", Filter),
    kw("dates", Filter),
    kw("includes", Check),
    kw("include", Check),
    kw("excludes", Check),
    kw("exclude", Check),
    kw("has", Check),
    kw("count", Check),
    kw("results", Part),
    kw("not", Part),
    kw("empty", Part),
    kw("dot", Export),
    kw("light", Export),
    kw("dark", Export),
    kw("on", Export),
    kw("off", Export),
];

/// The keyword `word` is, ignoring case.
pub fn find(word: &str) -> Option<Keyword> {
    KEYWORDS
        .iter()
        .copied()
        .find(|k| k.word.eq_ignore_ascii_case(word))
}

/// True when `word` ends a bare (unquoted) actor name: a filter, a check or
/// a joiner begins there. `is` ends one too, for `expect … is empty`.
pub fn ends_name(word: &str) -> bool {
    word.eq_ignore_ascii_case("is")
        || find(word).is_some_and(|k| matches!(k.role, Filter | Check | Joiner))
}

/// The filter, check or joiner keyword that `word` looks like a typo of
/// (one letter added, dropped, changed or swapped: `aftr`, `durng`), for
/// an unknown name that swallowed it. Short words are never guessed.
pub fn misspelling_of(word: &str) -> Option<&'static str> {
    let word = word.to_lowercase();
    if word.chars().count() < 4 || find(&word).is_some() {
        return None;
    }
    KEYWORDS
        .iter()
        .filter(|k| matches!(k.role, Filter | Check | Joiner) && k.word.len() >= 4)
        .find(|k| strsim::damerau_levenshtein(&word, k.word) == 1)
        .map(|k| k.word)
}

/// Every keyword, for completion.
pub fn words() -> impl Iterator<Item = &'static str> {
    KEYWORDS.iter().map(|k| k.word)
}

/// The words a statement can begin with.
pub fn statement_words() -> impl Iterator<Item = &'static str> {
    KEYWORDS
        .iter()
        .filter(|k| k.role == Statement)
        .map(|k| k.word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_of_filter_words_are_recognised_and_short_words_never_guessed() {
        assert_eq!(misspelling_of("aftr"), Some("after"));
        assert_eq!(misspelling_of("Durng"), Some("during"));
        assert_eq!(misspelling_of("betwen"), Some("between"));
        assert_eq!(misspelling_of("after"), None, "a keyword is no typo");
        assert_eq!(misspelling_of("Mali"), None);
        assert_eq!(misspelling_of("ni"), None);
    }

    #[test]
    fn each_word_appears_once() {
        for (i, a) in KEYWORDS.iter().enumerate() {
            assert!(
                KEYWORDS[i + 1..].iter().all(|b| b.word != a.word),
                "`{}` twice",
                a.word
            );
        }
    }

    #[test]
    fn every_statement_word_begins_a_statement_the_parser_knows() {
        for word in statement_words() {
            let error = crate::query::parse(word).err();
            let refused = error
                .as_ref()
                .is_some_and(|e| e.to_string().contains("a question, such as") && e.start == 0);
            assert!(!refused, "the parser does not know `{word}`: {error:?}");
        }
    }

    #[test]
    fn help_mentions_every_statement() {
        let help = crate::query::help::text(None);
        for word in statement_words() {
            let aliases = [
                "allies",
                "rivals",
                "subgroup",
                "parent",
                "card",
                "neighbours",
                "network",
                "statistics",
                "explain",
                "help",
                // Auxiliaries and plurals the help's forms stand for.
                "were",
                "are",
                "do",
                "have",
                "had",
                "connections",
                "relationship",
            ];
            if aliases.contains(&word) {
                continue;
            }
            assert!(help.contains(word), "help does not mention `{word}`");
        }
    }

    #[test]
    fn filters_end_bare_names() {
        for word in [
            "via",
            "after",
            "in",
            "to",
            "and",
            "includes",
            "is",
            "certainly",
            "from",
        ] {
            assert!(ends_name(word), "{word}");
        }
        assert!(!ends_name("who") && !ends_name("Menaka") && !ends_name("of"));
    }
}
