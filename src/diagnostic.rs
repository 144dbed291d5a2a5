//! Positioned errors, shared by graph files, queries and scripts: a message,
//! the place (file, line, column), the line itself with a caret under the
//! offending span, and a hint.
//!
//! ```text
//! error: tie names actor `jnm`, which the graph does not have
//!   --> graphs/sahel.ron:120:16
//!     |
//! 120 |         from: "jnm",
//!     |               ^^^^^
//!     = help: did you mean `jnim`?
//! ```

use crate::safe_text::printable;
use std::fmt::{self, Write as _};

/// A place in a text: 1-based line, 1-based column counted in characters,
/// and the width of the span in characters (at least 1 when drawn).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    /// The line, from 1.
    pub line: usize,
    /// The column, from 1, in characters.
    pub column: usize,
    /// How many characters the caret covers.
    pub width: usize,
}

/// One error, ready to show a person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// What went wrong, in one sentence.
    pub message: String,
    /// The file or other origin (`<query>`, `-`), when there is one.
    pub origin: Option<String>,
    /// Where in the origin, when known.
    pub position: Option<Position>,
    /// The text of the line the position is on, for the caret.
    pub line_text: Option<String>,
    /// How to fix it, when there is advice to give.
    pub help: Option<String>,
    /// An error stops what was asked; a warning reports what was left out.
    pub severity: Severity,
}

/// How grave a diagnostic is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Severity {
    /// What was asked was not done.
    #[default]
    Error,
    /// It was done, less what this names.
    Warning,
}

impl Diagnostic {
    /// A diagnostic with a message and nothing else yet.
    pub fn new(message: impl Into<String>) -> Self {
        Diagnostic {
            message: message.into(),
            origin: None,
            position: None,
            line_text: None,
            help: None,
            severity: Severity::Error,
        }
    }

    /// Marks the diagnostic as a warning.
    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    /// Names the file or other origin.
    pub fn origin(mut self, origin: impl Into<String>) -> Self {
        self.origin = Some(origin.into());
        self
    }

    /// Adds advice on how to fix it.
    pub fn help(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    /// Places the diagnostic at a byte span of `text`.
    pub fn at_span(mut self, text: &str, start: usize, end: usize) -> Self {
        let index = LineIndex::new(text);
        let position = index.position(text, start, end);
        self.line_text = Some(index.line_text(text, position.line).to_string());
        self.position = Some(position);
        self
    }

    /// Places the diagnostic at a 1-based line and character column of `text`.
    pub fn at_line_column(self, text: &str, line: usize, column: usize, width: usize) -> Self {
        self.at_indexed_line(text, &LineIndex::new(text), line, column, width)
    }

    /// [`Diagnostic::at_line_column`] with `text`'s lines already indexed,
    /// for many diagnostics in one file.
    pub fn at_indexed_line(
        mut self,
        text: &str,
        index: &LineIndex,
        line: usize,
        column: usize,
        width: usize,
    ) -> Self {
        if let Some(row) = index.line(text, line) {
            self.line_text = Some(row.to_string());
        }
        self.position = Some(Position {
            line: line.max(1),
            column: column.max(1),
            width,
        });
        self
    }

    /// `file:line:column`, or as much of it as is known.
    pub fn location(&self) -> Option<String> {
        match (&self.origin, self.position) {
            (Some(origin), Some(p)) => Some(format!("{origin}:{}:{}", p.line, p.column)),
            (Some(origin), None) => Some(origin.clone()),
            (None, Some(p)) => Some(format!("{}:{}", p.line, p.column)),
            (None, None) => None,
        }
    }

    /// The full rendering; `color` adds ANSI colors for a terminal.
    pub fn render(&self, color: bool) -> String {
        let paint = |code: &str, text: &str| {
            if color {
                format!("\x1b[{code}m{text}\x1b[0m")
            } else {
                text.to_string()
            }
        };
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{}: {}",
            match self.severity {
                Severity::Error => paint("1;31", "error"),
                Severity::Warning => paint("1;33", "warning"),
            },
            paint("1", &printable(&self.message, false))
        );
        let gutter = self.position.map_or(1, |p| p.line.to_string().len());
        let pad = " ".repeat(gutter);
        if let Some(location) = self.location() {
            let location = printable(&location, false);
            let _ = writeln!(out, "{pad}{} {location}", paint("1;34", "-->"));
        }
        if let (Some(p), Some(line)) = (self.position, &self.line_text) {
            let shown = printable_line(line);
            let bar = paint("1;34", "|");
            let caret_pad: String = shown
                .chars()
                .take(p.column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            let available = shown.chars().count().saturating_sub(p.column - 1).max(1);
            let carets = "^".repeat(p.width.clamp(1, available));
            let _ = writeln!(out, "{pad} {bar}");
            let _ = writeln!(out, "{} {bar} {shown}", paint("1;34", &p.line.to_string()));
            let _ = writeln!(out, "{pad} {bar} {caret_pad}{}", paint("1;31", &carets));
        }
        if let Some(help) = &self.help {
            let help = printable(help, false);
            let _ = writeln!(out, "{pad} = {}: {help}", paint("1", "help"));
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

/// A line shown under an error: control characters made visible and very
/// long lines cut, so a binary or minified file cannot flood the terminal.
fn printable_line(line: &str) -> String {
    const MAX: usize = 300;
    let mut shown: String = line
        .chars()
        .take(MAX)
        .map(|c| {
            if c.is_control() && c != '\t' {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect();
    if line.chars().count() > MAX {
        shown.push('…');
    }
    shown
}

/// Byte offsets where each line starts, for offset → line/column.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// The position of the byte span `start..end`; columns count characters.
    pub fn position(&self, text: &str, start: usize, end: usize) -> Position {
        let start = floor_char_boundary(text, start.min(text.len()));
        let end = floor_char_boundary(text, end.clamp(start, text.len()));
        let line = self.starts.partition_point(|&s| s <= start);
        let line_start = self.starts[line - 1];
        let column = text[line_start..start].chars().count() + 1;
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let width = text[start..end.min(line_end)].chars().count();
        Position {
            line,
            column,
            width,
        }
    }

    /// The text of line `line` (from 1), if the text has that line.
    pub fn line<'t>(&self, text: &'t str, line: usize) -> Option<&'t str> {
        (line >= 1 && line <= self.starts.len()).then(|| self.line_text(text, line))
    }

    /// The text of line `line` (from 1), without its line break.
    pub fn line_text<'t>(&self, text: &'t str, line: usize) -> &'t str {
        let start = self.starts[line - 1];
        let end = self.starts.get(line).map_or(text.len(), |next| next - 1);
        text[start..end].trim_end_matches('\r')
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_a_caret_under_the_span() {
        let text = "who allied with\nwho alied with JNIM";
        let start = text.find("alied").unwrap();
        let d = Diagnostic::new("expected a question word")
            .origin("q.q")
            .at_span(text, start, start + 5)
            .help(Some("try `allied`".into()));
        assert_eq!(
            d.position,
            Some(Position {
                line: 2,
                column: 5,
                width: 5
            })
        );
        assert_eq!(
            d.render(false),
            "error: expected a question word\n --> q.q:2:5\n  |\n2 | who alied with JNIM\n  |     ^^^^^\n  = help: try `allied`\n"
        );
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "(name: \"Ménaka\", x: 1)";
        let start = text.find("x:").unwrap();
        let d = Diagnostic::new("m").at_span(text, start, start + 1);
        assert_eq!(d.position.unwrap().column, 18);
    }

    #[test]
    fn spans_past_the_end_and_inside_characters_are_clamped() {
        let text = "é";
        let d = Diagnostic::new("m").at_span(text, 1, 99);
        assert_eq!(
            d.position,
            Some(Position {
                line: 1,
                column: 1,
                width: 1
            })
        );
        let empty = Diagnostic::new("m").at_span("", 0, 0);
        assert_eq!(empty.position.unwrap().line, 1);
        assert!(empty.render(false).contains("^"));
    }
}
