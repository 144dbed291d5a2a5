//! Answers as text for people: aligned columns, notes wrapped under their
//! rows, the summary line, and nothing from the data that could steer the
//! terminal.

use unicode_width::UnicodeWidthStr;

use super::table::citation;
use super::*;

impl Body<'_> {
    /// The closing line: a count, or a plain word that nothing was found.
    fn summary(&self) -> String {
        let n = self.len();
        let count =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let plural = |one: &str, many: &str| count(n, one, many);
        let possibly = self.possibly();
        // A record across all time judges its ties as of the graph's date.
        let when = if self.is_record() { " active now" } else { "" };
        let of_them = if possibly > 0 {
            format!(", {possibly} of them possibly{when}")
        } else {
            String::new()
        };
        let line = match self {
            Body::Actors { .. } if n == 0 => "no actors match".into(),
            Body::Actors { .. } => plural("actor", "actors"),
            Body::Ties { .. } if n == 0 => "no ties match".into(),
            Body::Ties { .. } => plural("tie", "ties"),
            Body::Card { actor, .. } => count(actor.ties.len(), "tie", "ties"),
            Body::Path { from, to, .. } if n == 0 => {
                format!("no path from {} to {}", from.name, to.name)
            }
            Body::Path { paths, .. } if paths[0].is_empty() => "the same actor: no hops".into(),
            Body::Path { paths, more, .. } => {
                let hops = count(paths[0].len(), "hop", "hops");
                let shortest = if *more {
                    format!("the first {n} shortest paths")
                } else if n == 1 {
                    "1 shortest path".to_string()
                } else {
                    format!("{n} shortest paths")
                };
                let possibly = if possibly > 0 {
                    format!(", {possibly} of them possibly")
                } else {
                    String::new()
                };
                return format!("{shortest} of {hops}{possibly}");
            }
            Body::Verdict {
                a,
                phrase,
                b,
                answer,
                ties,
                others,
            } => {
                let word = answer.word();
                let why = match (answer, ties.len()) {
                    (Verdict::No, 0) => {
                        " (the graph holds no such tie; its sources may be silent)".to_string()
                    }
                    (Verdict::No, _) => {
                        format!(", not then ({})", count(ties.len(), "tie", "ties"))
                    }
                    (_, _) => String::new(),
                };
                let others = if others.is_empty() {
                    String::new()
                } else {
                    format!("; other ties between them then: {}", others.join(", "))
                };
                return format!("{word}: {} {phrase} {}{why}{others}", a.name, b.name);
            }
            // Actors and ties each say how many are only possible.
            Body::Network { actors, ties, .. } => {
                let part = |n: usize, possibly: usize, one: &str, many: &str| {
                    let text = count(n, one, many);
                    if possibly > 0 {
                        format!("{text} ({possibly} of them possibly)")
                    } else {
                        text
                    }
                };
                let ties_possibly = ties
                    .iter()
                    .filter(|t| t.certainty == Certainty::Possibly)
                    .count();
                return format!(
                    "{}, {}",
                    part(actors.len(), possibly, "actor", "actors"),
                    part(ties.len(), ties_possibly, "tie", "ties")
                );
            }
            Body::Events { .. } if n == 0 => "no events match".into(),
            Body::Events { .. } => plural("event", "events"),
            Body::Stats {
                actors,
                actors_possibly,
                ..
            } => {
                let of_actors = if *actors_possibly > 0 {
                    format!(" ({actors_possibly} of them possibly)")
                } else {
                    String::new()
                };
                format!(
                    "{}{of_actors}; {}",
                    count(*actors, "actor", "actors"),
                    plural("active tie", "active ties")
                )
            }
            Body::Relations { .. } => plural("relation", "relations"),
            Body::Sources { .. } => plural("source", "sources"),
            Body::Why { a, b, .. } if n == 0 => {
                format!(
                    "no ties between {} and {}; `how is {} connected to {}` looks further",
                    a.name,
                    b.name,
                    quoted_if_spaced(a.name),
                    quoted_if_spaced(b.name)
                )
            }
            Body::Why { .. } => plural("tie", "ties"),
            Body::Text { .. } | Body::Check { .. } => String::new(),
        };
        format!("{line}{of_them}")
    }

    pub(crate) fn to_text(&self, color: bool, width: usize) -> String {
        let mut out = String::new();
        match self {
            Body::Text { text } => return format!("{}\n", text.trim_end()),
            Body::Check { passed, message } => {
                return format!("{} {message}\n", if *passed { "ok:" } else { "FAILED:" });
            }
            Body::Card { actor, .. } => {
                let p = |text: &str| printable(text, false);
                let title = format!("{} ({})", p(actor.actor.name), p(actor.actor.id));
                out.push_str(&bold(&title, color));
                out.push('\n');
                out.push_str(&format!("  kind:    {}\n", actor.kind.describe()));
                if !actor.aliases.is_empty() {
                    out.push_str(&format!("  aliases: {}\n", p(&actor.aliases.join("; "))));
                }
                if !actor.tags.is_empty() {
                    out.push_str(&format!("  tags:    {}\n", p(&actor.tags.join(", "))));
                }
                if let Some(active) = &actor.active {
                    out.push_str(&format!("  active:  {active}\n"));
                }
                if let Some(note) = &actor.note {
                    out.push_str(&wrap_indented(
                        &format!("  note:    {}", printable(note, false)),
                        "           ",
                        width,
                    ));
                }
                out.push('\n');
            }
            Body::Network { actors, .. } => {
                let mut table = Table {
                    headers: vec!["hops", "actor", "kind", "certainty"],
                    ..Table::default()
                };
                for a in actors {
                    table.push(
                        vec![
                            a.depth.unwrap_or(0).to_string(),
                            a.actor.name.to_string(),
                            a.kind.to_string(),
                            a.certainty.to_string(),
                        ],
                        Vec::new(),
                    );
                }
                out.push_str(&render_table(&table, color, width));
                out.push('\n');
            }
            Body::Verdict { ties, .. } => {
                // The answer first; the ties that decide it below.
                out.push_str(&bold(&printable(&self.summary(), false), color));
                out.push('\n');
                if ties.is_empty() {
                    return out;
                }
            }
            Body::Why { a, b, .. } => {
                let title = format!(
                    "{} and {}",
                    printable(a.name, false),
                    printable(b.name, false)
                );
                out.push_str(&bold(&title, color));
                out.push('\n');
            }
            _ => {}
        }
        if let Some(table) = self.table() {
            if !table.rows.is_empty() {
                out.push_str(&render_table(&table, color, width));
            }
        }
        if let Body::Why { sources, .. } = self {
            if !sources.is_empty() {
                out.push_str("\nsources:\n");
                for s in sources {
                    out.push_str(&wrap_indented(
                        &format!(
                            "  {}  {}",
                            printable(s.id, false),
                            printable(&citation(s), false)
                        ),
                        "    ",
                        width,
                    ));
                }
                out.push('\n');
            }
        }
        if !matches!(self, Body::Verdict { .. }) {
            out.push_str(&self.summary());
            out.push('\n');
        }
        out
    }
}

/// `text` wrapped at word boundaries to `width` columns, continuation lines
/// indented by `indent`; one line per output line, each ending in `\n`.
pub fn wrap_indented(text: &str, indent: &str, width: usize) -> String {
    let options = textwrap::Options::new(width.max(indent.len() + 20))
        .subsequent_indent(indent)
        .break_words(false)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    let mut out = String::new();
    for line in textwrap::wrap(text, options) {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn bold(text: &str, color: bool) -> String {
    if color {
        format!("\x1b[1m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

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

/// Columns padded to their widest cell (by display width); empty columns
/// dropped; each row's detail lines under it, indented and wrapped to `width`.
pub fn render_table(table: &Table, color: bool, width: usize) -> String {
    let headers = &table.headers;
    // Graph text reaches the terminal here: control characters would move
    // the cursor or clear the screen, and line breaks would break the rows.
    let rows: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|row| row.iter().map(|cell| printable(cell, false)).collect())
        .collect();
    let rows = rows.as_slice();
    let columns = headers.len();
    let used: Vec<bool> = (0..columns)
        .map(|c| {
            !headers[c].is_empty() || rows.iter().any(|r| r.get(c).is_some_and(|s| !s.is_empty()))
        })
        .collect();
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .map(|r| r.get(c).map_or(0, |s| s.width()))
                .chain([headers[c].width()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: Vec<&str>| {
        let mut text = String::new();
        for (c, cell) in cells.iter().enumerate() {
            if !used[c] {
                continue;
            }
            text.push_str(cell);
            text.push_str(&" ".repeat(widths[c].saturating_sub(cell.width()) + 2));
        }
        format!("{}\n", text.trim_end())
    };
    let mut out = bold(line(headers.to_vec()).trim_end(), color);
    out.push('\n');
    for (i, row) in rows.iter().enumerate() {
        out.push_str(&line(row.iter().map(String::as_str).collect()));
        for detail in table.details.get(i).into_iter().flatten() {
            out.push_str(&wrap_indented(
                &format!("    {}", printable(detail, false)),
                "      ",
                width,
            ));
        }
    }
    out
}

/// A name as a question would write it: quoted when it holds spaces.
fn quoted_if_spaced(name: &str) -> String {
    if name.contains(' ') {
        format!("\"{name}\"")
    } else {
        name.to_string()
    }
}
