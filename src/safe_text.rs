//! The one sanitiser for text from data that reaches a terminal: answers,
//! error messages, the REPL's banner. A graph's names, notes and titles are
//! data, and data must not steer the terminal (set its title, move the
//! cursor, hide text).

/// `text` safe to print: control characters become `\u{FFFD}`; line breaks
/// become spaces, unless `keep_lines`.
pub fn printable(text: &str, keep_lines: bool) -> String {
    text.chars()
        .map(|c| match c {
            '\n' if keep_lines => '\n',
            '\n' | '\r' | '\t' => ' ',
            c if c.is_control() => '\u{FFFD}',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_cannot_reach_the_terminal() {
        let osc = "\u{1b}]0;pwned\u{7}title";
        assert_eq!(printable(osc, false), "\u{FFFD}]0;pwned\u{FFFD}title");
        assert_eq!(printable("a\u{9b}31m", false), "a\u{FFFD}31m");
        assert_eq!(printable("two\nlines", true), "two\nlines");
        assert_eq!(printable("two\nlines", false), "two lines");
    }
}
