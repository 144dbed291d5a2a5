//! The part of escaping that DOT strings and HTML-like labels share: line
//! breaks of every kind, the noncharacters XML forbids (Graphviz would copy
//! them into an SVG no XML reader accepts), then each other character as
//! the caller says.

/// Appends `text` to `out` with each line break (`\r\n`, `\r`, `\n`, U+2028,
/// U+2029, U+0085) written as `line_break` and every other character
/// through `each`: the part of escaping that DOT strings and HTML-like
/// labels share.
pub(super) fn escape(
    text: &str,
    line_break: &str,
    out: &mut String,
    each: impl Fn(char, &mut String),
) {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str(line_break);
            }
            '\n' | '\u{2028}' | '\u{2029}' | '\u{85}' => out.push_str(line_break),
            '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
            c => each(c, out),
        }
    }
}
