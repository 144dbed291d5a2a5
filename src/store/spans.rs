//! Where each value of a RON document sits, for pointing errors at it.
//!
//! serde hands over values without positions, so after a file has parsed, a
//! light scan of the same text records the byte span of every struct field
//! and list item. It runs only when there is a problem to point at.

use std::collections::HashMap;

/// A value's byte span and, for structs and lists, where its parts sit.
#[derive(Debug, Default)]
pub struct SpanTree {
    pub start: usize,
    pub end: usize,
    fields: HashMap<String, SpanTree>,
    items: Vec<SpanTree>,
}

impl SpanTree {
    /// Scans `text`; on text that is not RON it gives what it could read.
    pub fn scan(text: &str) -> SpanTree {
        let mut scanner = Scanner {
            text: text.as_bytes(),
            pos: 0,
            depth: 0,
        };
        scanner.skip_trivia_and_attributes();
        scanner.value()
    }

    pub fn field(&self, name: &str) -> Option<&SpanTree> {
        self.fields.get(name)
    }

    pub fn item(&self, index: usize) -> Option<&SpanTree> {
        self.items.get(index)
    }
}

struct Scanner<'t> {
    text: &'t [u8],
    pos: usize,
    depth: usize,
}

/// Deeper than this, the scan stops recording (ron refuses such files anyway).
const MAX_DEPTH: usize = 200;

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.pos).copied()
    }

    fn skip_trivia(&mut self) {
        loop {
            match self.peek() {
                Some(c) if c.is_ascii_whitespace() => self.pos += 1,
                Some(b'/') if self.text.get(self.pos + 1) == Some(&b'/') => {
                    while let Some(c) = self.peek() {
                        self.pos += 1;
                        if c == b'\n' {
                            break;
                        }
                    }
                }
                Some(b'/') if self.text.get(self.pos + 1) == Some(&b'*') => {
                    self.pos += 2;
                    let mut nesting = 1;
                    while nesting > 0 && self.pos < self.text.len() {
                        if self.text[self.pos..].starts_with(b"/*") {
                            nesting += 1;
                            self.pos += 2;
                        } else if self.text[self.pos..].starts_with(b"*/") {
                            nesting -= 1;
                            self.pos += 2;
                        } else {
                            self.pos += 1;
                        }
                    }
                }
                _ => return,
            }
        }
    }

    fn skip_trivia_and_attributes(&mut self) {
        self.skip_trivia();
        while self.text[self.pos..].starts_with(b"#![") {
            while let Some(c) = self.peek() {
                self.pos += 1;
                if c == b']' {
                    break;
                }
            }
            self.skip_trivia();
        }
    }

    fn value(&mut self) -> SpanTree {
        self.skip_trivia();
        let start = self.pos;
        let mut tree = SpanTree {
            start,
            end: start,
            ..SpanTree::default()
        };
        self.depth += 1;
        match self.peek() {
            None => {}
            Some(b'"') => self.string(),
            Some(b'\'') => self.char_literal(),
            Some(b'r') if matches!(self.text.get(self.pos + 1), Some(b'"' | b'#')) => {
                self.raw_string()
            }
            Some(b'b') if matches!(self.text.get(self.pos + 1), Some(b'"' | b'\'')) => {
                self.pos += 1;
                self.value();
            }
            Some(b'(') if self.depth < MAX_DEPTH => self.group(b')', &mut tree),
            Some(b'[') if self.depth < MAX_DEPTH => self.group(b']', &mut tree),
            Some(b'{') if self.depth < MAX_DEPTH => self.group(b'}', &mut tree),
            Some(c) if c.is_ascii_alphabetic() || c == b'_' => {
                self.word();
                self.skip_trivia();
                if self.peek() == Some(b'(') && self.depth < MAX_DEPTH {
                    // `Some(x)` or a named struct: the parts are inside.
                    let mut inner = SpanTree::default();
                    self.group(b')', &mut inner);
                    if inner.fields.is_empty() && inner.items.len() == 1 {
                        let only = inner.items.pop().unwrap_or_default();
                        tree.fields = only.fields;
                        tree.items = only.items;
                    } else {
                        tree.fields = inner.fields;
                        tree.items = inner.items;
                    }
                }
            }
            Some(_) => {
                while let Some(c) = self.peek() {
                    if matches!(c, b',' | b')' | b']' | b'}' | b':') || c.is_ascii_whitespace() {
                        break;
                    }
                    self.pos += 1;
                }
            }
        }
        self.depth -= 1;
        tree.end = self.pos;
        tree
    }

    /// A parenthesised struct or tuple, a list or a map, up to `close`.
    fn group(&mut self, close: u8, tree: &mut SpanTree) {
        self.pos += 1;
        loop {
            self.skip_trivia();
            match self.peek() {
                None => return,
                Some(c) if c == close => {
                    self.pos += 1;
                    return;
                }
                Some(b',') => {
                    self.pos += 1;
                    continue;
                }
                _ => {}
            }
            let before = self.pos;
            if let Some(name) = self.field_name() {
                let value = self.value();
                tree.fields.insert(name, value);
            } else {
                let item = self.value();
                self.skip_trivia();
                if self.peek() == Some(b':') {
                    // A map entry: record the value under the key's position.
                    self.pos += 1;
                    self.value();
                }
                tree.items.push(item);
            }
            if self.pos == before {
                self.pos += 1; // never loop on a stray byte
            }
        }
    }

    /// `name:` at the cursor, consumed; otherwise the cursor stays.
    fn field_name(&mut self) -> Option<String> {
        let start = self.pos;
        let mut end = start;
        if self.text[start..].starts_with(b"r#") {
            end += 2;
        }
        while end < self.text.len()
            && (self.text[end].is_ascii_alphanumeric() || self.text[end] == b'_')
        {
            end += 1;
        }
        if end == start {
            return None;
        }
        let name = String::from_utf8_lossy(&self.text[start..end])
            .trim_start_matches("r#")
            .to_string();
        let mut after = end;
        while after < self.text.len() && self.text[after].is_ascii_whitespace() {
            after += 1;
        }
        if self.text.get(after) == Some(&b':') && self.text.get(after + 1) != Some(&b':') {
            self.pos = after + 1;
            Some(name)
        } else {
            None
        }
    }

    fn word(&mut self) {
        while let Some(c) = self.peek() {
            if c.is_ascii_alphanumeric() || c == b'_' || c == b'#' {
                self.pos += 1;
            } else {
                break;
            }
        }
    }

    fn string(&mut self) {
        self.pos += 1;
        while let Some(c) = self.peek() {
            self.pos += 1;
            match c {
                b'\\' => self.pos += 1,
                b'"' => return,
                _ => {}
            }
        }
    }

    fn char_literal(&mut self) {
        self.pos += 1;
        while let Some(c) = self.peek() {
            self.pos += 1;
            match c {
                b'\\' => self.pos += 1,
                b'\'' => return,
                _ => {}
            }
        }
    }

    fn raw_string(&mut self) {
        self.pos += 1;
        let mut hashes = 0;
        while self.peek() == Some(b'#') {
            hashes += 1;
            self.pos += 1;
        }
        self.pos += 1; // the opening quote
        while self.pos < self.text.len() {
            if self.text[self.pos] == b'"'
                && self.text[self.pos + 1..]
                    .iter()
                    .take(hashes)
                    .filter(|&&c| c == b'#')
                    .count()
                    == hashes
            {
                self.pos += 1 + hashes;
                return;
            }
            self.pos += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_fields_and_items() {
        let text = r##"#![enable(implicit_some)]
// a comment with ( and "
(
    title: "a (b) \"c\"",
    actors: [
        (id: "x", name: r#"y"z"#, aliases: ["p", "q"]),
        Some((id: "w")),
    ],
    ties: [],
)"##;
        let tree = SpanTree::scan(text);
        let title = tree.field("title").unwrap();
        assert_eq!(&text[title.start..title.end], r#""a (b) \"c\"""#);
        let actors = tree.field("actors").unwrap();
        let first = actors.item(0).unwrap();
        let name = first.field("name").unwrap();
        assert_eq!(&text[name.start..name.end], r##"r#"y"z"#"##);
        let alias = first.field("aliases").unwrap().item(1).unwrap();
        assert_eq!(&text[alias.start..alias.end], "\"q\"");
        let second = actors.item(1).unwrap().field("id").unwrap();
        assert_eq!(&text[second.start..second.end], "\"w\"");
    }

    #[test]
    fn survives_garbage() {
        for text in [
            "",
            "(",
            "((((",
            "[,,,]",
            "(a: ",
            "\"unterminated",
            "r#\"x",
            "\u{0}\u{1}",
            "/* open",
        ] {
            let _ = SpanTree::scan(text);
        }
        let deep = "(".repeat(10_000);
        let _ = SpanTree::scan(&deep);
    }
}
