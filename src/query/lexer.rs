//! Splits a query into words, quoted names and commas, each with its byte
//! span, so every later error can point at the exact word.

use super::error::{QueryError, QueryErrorKind};

/// What a token is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// A bare word: a keyword, a date, a number, or part of a name.
    Word,
    /// A double-quoted name; `text` holds it unquoted and unescaped.
    Quoted,
    /// A comma, between names or relations.
    Comma,
}

/// A token with its text and place in the query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// What sort of token it is.
    pub kind: TokenKind,
    /// The text: the word as written, or a quoted name unquoted.
    pub text: String,
    /// Byte offsets into the query.
    pub start: usize,
    /// Where the token ends (exclusive).
    pub end: usize,
}

impl Token {
    /// True for a bare word equal to `keyword`, ignoring case. Every word
    /// the parser asks about must be in the keyword table (checked in
    /// debug builds, which every test runs).
    pub fn is(&self, keyword: &str) -> bool {
        debug_assert!(
            super::keywords::find(keyword).is_some(),
            "`{keyword}` is not in the keyword table"
        );
        self.kind == TokenKind::Word && self.text.eq_ignore_ascii_case(keyword)
    }
}

/// Splits `query` into tokens. A `#` outside quotes starts a comment.
pub fn lex(query: &str) -> Result<Vec<Token>, QueryError> {
    let mut tokens = Vec::new();
    let mut chars = query.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == '#' {
            break;
        } else if c == ',' {
            chars.next();
            tokens.push(Token {
                kind: TokenKind::Comma,
                text: ",".into(),
                start,
                end: start + 1,
            });
        } else if c == '"' || c == '“' || c == '”' {
            chars.next();
            let mut text = String::new();
            let mut end = None;
            while let Some((i, c)) = chars.next() {
                match c {
                    '"' | '“' | '”' => {
                        end = Some(i + c.len_utf8());
                        break;
                    }
                    '\\' => match chars.next() {
                        Some((_, escaped)) => text.push(escaped),
                        None => break,
                    },
                    _ => text.push(c),
                }
            }
            let Some(end) = end else {
                return Err(QueryError::new(
                    QueryErrorKind::UnclosedQuote,
                    start,
                    query.len(),
                ));
            };
            tokens.push(Token {
                kind: TokenKind::Quoted,
                text,
                start,
                end,
            });
        } else {
            let mut end = start;
            while let Some(&(i, c)) = chars.peek() {
                if c.is_whitespace() || c == ',' || c == '"' || c == '“' || c == '”' {
                    break;
                }
                end = i + c.len_utf8();
                chars.next();
            }
            tokens.push(Token {
                kind: TokenKind::Word,
                text: query[start..end].to_string(),
                start,
                end,
            });
        }
    }
    Ok(tokens)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(query: &str) -> Vec<String> {
        lex(query).unwrap().into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn splits_words_quotes_and_commas() {
        assert_eq!(
            texts(r#"ties of "Wagner Group" via alliance,hostility after 2022"#),
            [
                "ties",
                "of",
                "Wagner Group",
                "via",
                "alliance",
                ",",
                "hostility",
                "after",
                "2022"
            ]
        );
        assert_eq!(texts("show Jama'at  # a comment"), ["show", "Jama'at"]);
        assert_eq!(texts(r#"show "a \"b\" c""#), ["show", "a \"b\" c"]);
        assert_eq!(texts("show “Ansar al Din”"), ["show", "Ansar al Din"]);
    }

    #[test]
    fn spans_are_byte_offsets() {
        let tokens = lex("show \"Ménaka\" x").unwrap();
        assert_eq!((tokens[1].start, tokens[1].end), (5, 14));
        assert_eq!((tokens[2].start, tokens[2].end), (15, 16));
    }

    #[test]
    fn an_unclosed_quote_points_at_it() {
        let error = lex("show \"Wagner").unwrap_err();
        assert_eq!((error.start, error.end), (5, 12));
    }
}
