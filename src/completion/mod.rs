//! Tab completion for the query language, as a pure function: the line
//! typed so far, the cursor and the graph's words go in, the candidates
//! come out. No terminal here; the REPL's rustyline helper is a thin
//! adapter over [`complete`].
//!
//! Completion follows the grammar ([`grammar`]): statement words at the
//! start, relations after `via`, formats after `export`, filters and time
//! words once a question has its actor. An actor is offered once, by its
//! name, or by the alias or id that alone matches what was typed, so a
//! unique prefix completes on the first press.

mod filters;
mod grammar;
mod vocabulary;

#[cfg(test)]
mod tests;

pub use vocabulary::Vocabulary;

use grammar::{Expect, Walk};

/// One way to complete the word at the cursor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// What a list of candidates shows: the word, or an alias with its
    /// actor's name.
    pub display: String,
    /// What replaces the text from [`Completion::start`] to the cursor.
    pub replacement: String,
}

/// The candidates for the word at the cursor, and where that word starts
/// (a byte offset in the line).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Completion {
    /// Where the replaced text begins.
    pub start: usize,
    /// Every candidate, in the order to list them.
    pub candidates: Vec<Candidate>,
}

/// The candidates for completing `line` at byte offset `cursor` from the
/// words of `vocabulary`. A cursor off a character boundary, or past the
/// end, gets none.
pub fn complete(line: &str, cursor: usize, vocabulary: &Vocabulary) -> Completion {
    let Some(before) = line.get(..cursor) else {
        return Completion::default();
    };
    let Some((tokens, partial)) = tokenize(before) else {
        return Completion::default();
    };
    let mut walk = Walk::new(&tokens, vocabulary);
    let expect = walk.statement().err().unwrap_or_default();
    // A bare name of several words: everything since the slot began is
    // one name being typed (`show Daoussak mi` → "Daoussak militias").
    if let (Some(slot), Partial::Bare { text, .. }) = (walk.continuation(), &partial) {
        if !(slot.complete && text.is_empty()) {
            let typed = format!("{} {text}", slot.typed);
            let candidates = vocabulary.actor_candidates(&typed, false);
            if !candidates.is_empty() {
                return Completion {
                    start: slot.start,
                    candidates,
                };
            }
        }
    }
    let candidates = match &partial {
        Partial::Bare { text, .. } => candidates(&expect, text, vocabulary),
        Partial::Quoted { text, .. } if expect.actors => vocabulary.actor_candidates(text, true),
        Partial::Quoted { .. } => Vec::new(),
    };
    Completion {
        start: partial.start(),
        candidates,
    }
}

/// Everything `expect` allows that begins with `typed`, keywords first.
fn candidates(expect: &Expect, typed: &str, vocabulary: &Vocabulary) -> Vec<Candidate> {
    let lower = typed.to_lowercase();
    let word = |w: &str| Candidate {
        display: w.to_string(),
        replacement: format!("{w} "),
    };
    let mut out: Vec<Candidate> = Vec::new();
    let mut offer = |w: &str| {
        if w.to_lowercase().starts_with(&lower) && !out.iter().any(|c| c.display == w) {
            out.push(word(w));
        }
    };
    if expect.statement {
        crate::query::keywords::statement_words().for_each(&mut offer);
        vocabulary.commands().for_each(&mut offer);
    }
    expect.words.iter().copied().for_each(&mut offer);
    expect.phrase_words.iter().for_each(|w| offer(w));
    if let Some(used) = &expect.relations {
        vocabulary
            .relations()
            .filter(|r| !used.iter().any(|u| u.eq_ignore_ascii_case(r)))
            .for_each(&mut offer);
    }
    if expect.sources {
        vocabulary.sources().for_each(&mut offer);
    }
    if expect.kinds {
        crate::model::ActorKind::ALL
            .iter()
            .map(|k| k.as_str())
            .for_each(&mut offer);
    }
    if expect.actors {
        out.extend(vocabulary.actor_candidates(typed, false));
    }
    out
}

/// A word of the line before the cursor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Token<'a> {
    /// The word, or a quoted name without its quotes.
    pub text: &'a str,
    /// Its byte offset in the line.
    pub start: usize,
    /// What sort of token it is.
    pub kind: TokenKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TokenKind {
    Word,
    Quoted,
    Comma,
}

impl Token<'_> {
    /// The word in lower case; a quoted name or a comma is never a keyword.
    pub fn keyword(&self) -> Option<String> {
        (self.kind == TokenKind::Word).then(|| self.text.to_lowercase())
    }
}

/// The word being completed.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Partial<'a> {
    /// A bare word (empty after a space or a comma).
    Bare { start: usize, text: &'a str },
    /// A name after an opening quote; `start` is the quote's offset.
    Quoted { start: usize, text: &'a str },
}

impl Partial<'_> {
    fn start(&self) -> usize {
        match self {
            Partial::Bare { start, .. } | Partial::Quoted { start, .. } => *start,
        }
    }
}

/// Splits the text before the cursor into finished tokens and the word
/// being typed; `None` right after a closing quote, where nothing can be
/// added without a space.
fn tokenize(before: &str) -> Option<(Vec<Token<'_>>, Partial<'_>)> {
    let mut tokens = Vec::new();
    let mut chars = before.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if c == ',' {
            tokens.push(Token {
                text: ",",
                start: at,
                kind: TokenKind::Comma,
            });
            continue;
        }
        if c == '"' {
            let mut escaped = false;
            let close = chars.by_ref().find_map(|(i, d)| {
                let closes = d == '"' && !escaped;
                escaped = d == '\\' && !escaped;
                closes.then_some(i)
            });
            let Some(close) = close else {
                let text = &before[at + 1..];
                return Some((tokens, Partial::Quoted { start: at, text }));
            };
            if close + 1 == before.len() {
                return None;
            }
            tokens.push(Token {
                text: &before[at + 1..close],
                start: at,
                kind: TokenKind::Quoted,
            });
            continue;
        }
        let mut end = before.len();
        while let Some(&(i, d)) = chars.peek() {
            if d.is_whitespace() || d == ',' || d == '"' {
                end = i;
                break;
            }
            chars.next();
        }
        if end == before.len() {
            let text = &before[at..];
            return Some((tokens, Partial::Bare { start: at, text }));
        }
        tokens.push(Token {
            text: &before[at..end],
            start: at,
            kind: TokenKind::Word,
        });
    }
    let start = before.len();
    Some((tokens, Partial::Bare { start, text: "" }))
}
