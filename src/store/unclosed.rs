//! Syntax errors that are really something left open. RON notices a
//! missing `)` only where the next item begins, often on the next line,
//! and a missing `"` only where the text it swallowed runs out; the place
//! to fix is the `(`, `[` or `"` left open, which this finds by scanning
//! the file up to the error, strings and comments aside.

use ron::Error;

/// What was left open, where (byte offsets into the text), and how to close it.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Unclosed {
    /// Where the opening bracket or quote is.
    pub(super) at: usize,
    /// How many bytes to mark: the bracket or quote.
    pub(super) width: usize,
    pub(super) message: String,
    pub(super) help: String,
}

/// A bracket or string open at some point of the scan.
#[derive(Clone, Copy)]
struct Open {
    byte: u8,
    at: usize,
}

/// The state of the text just before `until`: the brackets still open,
/// the last string read (its opening quote and the byte past its closing
/// one), and a string still open there.
struct Scan {
    open: Vec<Open>,
    last_string: Option<(usize, usize)>,
    open_string: Option<usize>,
}

fn scan(bytes: &[u8], until: usize) -> Scan {
    let mut state = Scan {
        open: Vec::new(),
        last_string: None,
        open_string: None,
    };
    let mut at = 0;
    while at < until {
        match bytes[at] {
            b'/' if bytes.get(at + 1) == Some(&b'/') => {
                at = bytes[at..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(bytes.len(), |n| at + n);
            }
            b'/' if bytes.get(at + 1) == Some(&b'*') => {
                at = bytes[at + 2..]
                    .windows(2)
                    .position(|w| w == b"*/")
                    .map_or(bytes.len(), |n| at + 2 + n + 2);
            }
            b'"' => {
                let start = at;
                at += 1;
                let mut closed = false;
                while at < bytes.len() {
                    match bytes[at] {
                        b'\\' => at += 2,
                        b'"' => {
                            at += 1;
                            closed = true;
                            break;
                        }
                        _ => at += 1,
                    }
                }
                if !closed {
                    state.open_string = Some(start);
                    return state;
                }
                if at > until {
                    // The error is inside a closed string: about its value.
                    return state;
                }
                state.last_string = Some((start, at));
            }
            open @ (b'(' | b'[' | b'{') => {
                state.open.push(Open { byte: open, at });
                at += 1;
            }
            b')' | b']' | b'}' => {
                state.open.pop();
                at += 1;
            }
            _ => at += 1,
        }
    }
    state
}

fn closer(open: u8) -> char {
    match open {
        b'(' => ')',
        b'[' => ']',
        _ => '}',
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |n| n + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// The byte offset of a 1-based line and character column, if in the text.
pub(super) fn offset(text: &str, line: usize, column: usize) -> Option<usize> {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n').nth(line - 2)?.0 + 1
    };
    let rest = &text[line_start..];
    let within = rest
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(rest.len(), |(n, _)| n);
    Some(line_start + within)
}

/// What was left open, when the error at byte `error_at` (the end of the
/// text for a file that ends too soon) is one a bracket or quote left open
/// explains; `None` leaves the error as RON gives it.
pub(super) fn explain(text: &str, error_at: usize, code: &Error) -> Option<Unclosed> {
    // Only errors of the file's syntax; one about a value is about it.
    let syntax = matches!(
        code,
        Error::Eof
            | Error::ExpectedComma
            | Error::ExpectedIdentifier
            | Error::ExpectedMapColon
            | Error::ExpectedStructLikeEnd
            | Error::ExpectedArrayEnd
            | Error::ExpectedNamedStructLike(_)
            | Error::ExpectedStructLike
            | Error::ExpectedArray
            | Error::ExpectedString
            | Error::ExpectedStringEnd
            | Error::UnexpectedChar(_)
    );
    if !syntax {
        return None;
    }
    let bytes = text.as_bytes();
    let error_at = error_at.min(bytes.len());
    let state = scan(bytes, error_at);
    if let Some(quote) = state.open_string {
        return Some(Unclosed {
            at: quote,
            width: 1,
            message: "this text is never closed: a `\"` is missing".into(),
            help: "end the text with `\"` where it ends".into(),
        });
    }
    // Only blanks left: the file ended before what it opened was closed.
    let here = if text[error_at..].trim().is_empty() {
        None
    } else {
        bytes.get(error_at).copied()
    };
    // A string that ends right against the error, or spans a line break,
    // took the next value's opening quote as its end.
    if let Some((start, end)) = state.last_string {
        let between = &text[end..error_at];
        let runs_on = text[start..end].contains('\n') && between.trim().is_empty();
        let touching = end == error_at && here.is_some_and(|b| b.is_ascii_alphanumeric());
        if runs_on || touching {
            let (line, column) = line_column(text, end - 1);
            return Some(Unclosed {
                at: start,
                width: 1,
                message: "this text is not closed where it should be: a `\"` is missing".into(),
                help: format!(
                    "as written, it runs on to the `\"` at line {line}, column {column}; \
                     close it where it ends"
                ),
            });
        }
    }
    let innermost = *state.open.last()?;
    let (open_line, _) = line_column(text, innermost.at);
    let close = closer(innermost.byte);
    let open_char = innermost.byte as char;
    match here {
        // A file that ends too soon.
        None => Some(Unclosed {
            at: innermost.at,
            width: 1,
            message: format!("this `{open_char}` is never closed: the file ends first"),
            help: format!("close it with `{close}`"),
        }),
        // The wrong closer: `["icg-2023")`.
        Some(found @ (b')' | b']' | b'}')) if found as char != close => {
            let (line, column) = line_column(text, error_at);
            Some(Unclosed {
                at: innermost.at,
                width: 1,
                message: format!("this `{open_char}` is never closed"),
                help: format!(
                    "write `{close}` before the `{}` at line {line}, column {column}",
                    found as char
                ),
            })
        }
        // A new item where the open one wanted a field: its `)` is
        // missing, most likely at the end of the last line before.
        Some(b'(' | b'[')
            if matches!(
                code,
                Error::ExpectedIdentifier | Error::ExpectedComma | Error::ExpectedMapColon
            ) && starts_its_line(text, error_at)
                && line_column(text, error_at).0 > open_line =>
        {
            let before = text[..error_at].trim_end();
            let last_char = before.char_indices().next_back().map_or(0, |(n, _)| n);
            let (line, _) = line_column(text, last_char);
            // In a list, an item that ends without its comma: the list is
            // not left open, the comma is missing.
            let item_ended = before.ends_with([')', ']', '"']);
            if innermost.byte == b'[' && item_ended {
                return Some(Unclosed {
                    at: last_char,
                    width: 1,
                    message: format!(
                        "a comma is missing after this item: line {} begins the next one",
                        line_column(text, error_at).0
                    ),
                    help: format!("write `,` at the end of line {line}"),
                });
            }
            let comma = if before.ends_with(',') {
                ", before its comma"
            } else {
                ""
            };
            Some(Unclosed {
                at: innermost.at,
                width: 1,
                message: format!(
                    "this `{open_char}` is never closed: line {} begins a new item",
                    line_column(text, error_at).0
                ),
                help: format!("write `{close}` at the end of line {line}{comma}"),
            })
        }
        _ => None,
    }
}

/// Whether only blanks stand before `at` on its line.
fn starts_its_line(text: &str, at: usize) -> bool {
    let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    text[line_start..at].trim().is_empty()
}

#[cfg(test)]
mod tests {

    /// The error a file gives, rendered, as `check` shows it.
    fn shown(text: &str) -> String {
        crate::store::ron::parse(text, "t.ron")
            .unwrap_err()
            .render(false)
    }

    #[test]
    fn an_error_about_a_value_is_left_alone() {
        let text = "(title: \"t\", actors: [(id: \"a\", name: \"A\", kind: gang)])";
        assert!(
            shown(text).starts_with("error: `gang` is not an actor kind"),
            "{}",
            shown(text)
        );
    }

    #[test]
    fn a_missing_parenthesis_is_shown_on_its_own_line() {
        let text = "(title: \"t\", ties: [\n    (from: \"a\", to: \"b\", sources: [\"s\"],\n    (from: \"b\", to: \"a\"),\n])";
        let shown = shown(text);
        assert!(
            shown.starts_with(
                "error: this `(` is never closed: line 3 begins a new item\n --> t.ron:2:5\n"
            ),
            "{shown}"
        );
        assert!(
            shown.contains("help: write `)` at the end of line 2, before its comma"),
            "{shown}"
        );
    }

    /// The cold check's file: two actors on their own lines, the first
    /// without its comma, had been told to close the list.
    #[test]
    fn a_missing_comma_between_two_items_is_shown_where_it_goes() {
        let text = "(title: \"t\", actors: [\n    (id: \"a\", name: \"A\", kind: group)\n    (id: \"b\", name: \"B\", kind: group),\n])";
        let shown = shown(text);
        assert!(
            shown.starts_with(
                "error: a comma is missing after this item: line 3 begins the next one\n --> t.ron:2:37\n"
            ),
            "{shown}"
        );
        assert!(
            shown.contains("help: write `,` at the end of line 2"),
            "{shown}"
        );
    }

    #[test]
    fn a_bracket_closed_by_the_wrong_one_is_shown_where_it_opens() {
        let text = "(title: \"t\", ties: [\n    (from: \"a\", sources: [\"s\"),\n])";
        let shown = shown(text);
        assert!(
            shown.starts_with("error: this `[` is never closed\n --> t.ron:2:26\n"),
            "{shown}"
        );
        assert!(
            shown.contains("help: write `]` before the `)` at line 2, column 30"),
            "{shown}"
        );
    }

    #[test]
    fn a_missing_quote_is_shown_at_the_text_it_opens() {
        let text = "(title: \"t\", ties: [\n    (from: \"a, to: \"b\"),\n])";
        let shown = shown(text);
        assert!(
            shown.starts_with(
                "error: this text is not closed where it should be: a `\"` is missing\n --> t.ron:2:12\n"
            ),
            "{shown}"
        );
        // A quote left open at a line's end runs on into the next line.
        let text = "(title: \"t\", ties: [\n    (from: \"a\", note: \"x),\n    (from: \"b\"),\n])";
        assert!(
            shown_starts(text, "error: this text is not closed where it should be"),
            "{}",
            self::shown(text)
        );
        // And one never closed at all, which RON finds at its quote.
        let text = "(title: \"t\", ties: [\n    (from: \"a),\n])";
        assert!(
            self::shown(text)
                .starts_with("error: the text is not closed: a `\"` is missing\n --> t.ron:2:12\n"),
            "{}",
            self::shown(text)
        );
    }

    fn shown_starts(text: &str, start: &str) -> bool {
        shown(text).starts_with(start)
    }

    #[test]
    fn a_file_that_ends_too_soon_points_at_what_is_open() {
        let text = "(title: \"t\", ties: [\n    (from: \"a\"),\n";
        let shown = shown(text);
        assert!(
            shown.starts_with(
                "error: this `[` is never closed: the file ends first\n --> t.ron:1:20\n"
            ),
            "{shown}"
        );
    }

    #[test]
    fn other_errors_are_left_as_they_are() {
        let text = "(title: \"t\", ties: [\n    (from: \"a\" to: \"b\"),\n])";
        assert!(
            shown(text).starts_with("error: expected a comma"),
            "{}",
            shown(text)
        );
    }

    #[test]
    fn comments_and_brackets_in_text_are_not_counted() {
        let text = "(title: \"t (a [b\", // a ( comment\n ties: [\n    (from: \"a\", sources: [\"s\"],\n    (from: \"b\"),\n])";
        let shown = shown(text);
        assert!(shown.contains(" --> t.ron:3:5\n"), "{shown}");
    }
}
