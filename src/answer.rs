//! Answers to queries, independent of the graph they came from, and their
//! renderings: a readable table, JSON for scripts, CSV for spreadsheets.

use serde::Serialize;

use crate::model::{ActorKind, Confidence, PartialDate, Period};
use unicode_width::UnicodeWidthStr;

/// An actor as answers show it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ActorOut<'g> {
    pub id: &'g str,
    pub name: &'g str,
}

/// A tie as answers show it. Answers borrow their text from the graph, so
/// building one costs no copying, whatever its size.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TieOut<'g> {
    pub from: ActorOut<'g>,
    pub to: ActorOut<'g>,
    pub relation: &'g str,
    pub directed: bool,
    pub start: Option<PartialDate>,
    pub end: Option<PartialDate>,
    pub confidence: Confidence,
    pub sources: Vec<&'g str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<&'g str>,
}

impl<'g> TieOut<'g> {
    /// `2022-07–2022-11`, `2023-01–`, `?–2015`.
    pub fn dates(&self) -> String {
        let start = self
            .start
            .map_or_else(|| "?".to_string(), |d| d.to_string());
        let end = self.end.map_or_else(String::new, |d| d.to_string());
        format!("{start}–{end}")
    }

    /// The tie seen from `actor`: an arrow and the other end.
    pub fn seen_from(&self, actor: &str) -> (&'static str, ActorOut<'g>) {
        let outgoing = self.from.id == actor;
        let other = if outgoing { self.to } else { self.from };
        let arrow = match (self.directed, outgoing) {
            (false, _) => "—",
            (true, true) => "→",
            (true, false) => "←",
        };
        (arrow, other)
    }
}

/// One actor in an actor list, with the ties that put it there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ActorRow<'g> {
    #[serde(flatten)]
    pub actor: ActorOut<'g>,
    pub kind: ActorKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub depth: Option<usize>,
    pub ties: Vec<TieOut<'g>>,
}

/// The actor card of `show`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Card<'g> {
    #[serde(flatten)]
    pub actor: ActorOut<'g>,
    pub kind: ActorKind,
    pub aliases: &'g [String],
    pub tags: &'g [String],
    pub active: Option<Period>,
    pub note: Option<&'g str>,
    pub ties: Vec<TieOut<'g>>,
}

/// A dated event: a tie beginning, ending or changing relation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Event<'g> {
    pub date: PartialDate,
    /// `began`, `ended` or `changed from RELATION`.
    pub event: String,
    pub tie: TieOut<'g>,
}

/// How many ties of a relation are active, for `stats`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RelationCount<'g> {
    pub relation: &'g str,
    pub ties: usize,
}

/// A relation with its use.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RelationRow<'g> {
    pub name: &'g str,
    pub directed: bool,
    pub ties: usize,
    pub note: Option<&'g str>,
}

/// A source with its use.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SourceRow<'g> {
    pub id: &'g str,
    pub citation: &'g str,
    pub url: Option<&'g str>,
    pub ties: usize,
}

/// The answer to one query, borrowing from the graph it came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Answer<'g> {
    Actors {
        actors: Vec<ActorRow<'g>>,
    },
    Ties {
        focus: ActorOut<'g>,
        ties: Vec<TieOut<'g>>,
    },
    Card {
        actor: Card<'g>,
    },
    Path {
        from: ActorOut<'g>,
        to: ActorOut<'g>,
        hops: Option<Vec<TieOut<'g>>>,
    },
    Network {
        focus: ActorOut<'g>,
        actors: Vec<ActorRow<'g>>,
        ties: Vec<TieOut<'g>>,
    },
    Events {
        events: Vec<Event<'g>>,
    },
    Stats {
        actors: usize,
        ties: Vec<RelationCount<'g>>,
    },
    Relations {
        relations: Vec<RelationRow<'g>>,
    },
    Sources {
        sources: Vec<SourceRow<'g>>,
    },
    Text {
        text: String,
    },
    Check {
        passed: bool,
        message: String,
    },
}

impl<'g> Answer<'g> {
    /// How many results the answer holds (what expectations count).
    pub fn len(&self) -> usize {
        match self {
            Answer::Actors { actors } => actors.len(),
            Answer::Ties { ties, .. } => ties.len(),
            Answer::Card { .. } => 1,
            Answer::Path { hops, .. } => hops.as_ref().map_or(0, Vec::len),
            Answer::Network { actors, .. } => actors.len(),
            Answer::Events { events } => events.len(),
            Answer::Stats { ties, .. } => ties.iter().map(|count| count.ties).sum(),
            Answer::Relations { relations } => relations.len(),
            Answer::Sources { sources } => sources.len(),
            Answer::Text { .. } | Answer::Check { .. } => 0,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The ids of the actors the answer names as results.
    pub fn actor_ids(&self) -> Vec<&'g str> {
        match self {
            Answer::Actors { actors } | Answer::Network { actors, .. } => {
                actors.iter().map(|a| a.actor.id).collect()
            }
            Answer::Ties { focus, ties } => {
                ties.iter().map(|t| t.seen_from(focus.id).1.id).collect()
            }
            Answer::Card { actor } => vec![actor.actor.id],
            Answer::Path { hops, .. } => hops
                .iter()
                .flatten()
                .flat_map(|t| [t.from.id, t.to.id])
                .collect(),
            Answer::Events { events } => events
                .iter()
                .flat_map(|e| [e.tie.from.id, e.tie.to.id])
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The answer as a table: headers and rows of cells.
    pub fn table(&self) -> Option<(Vec<&'static str>, Vec<Vec<String>>)> {
        let tie_cells = |t: &TieOut| vec![t.dates(), t.confidence.to_string(), t.sources.join(" ")];
        let link = |t: &TieOut| format!("{} {} {}", t.from.name, arrow(t), t.to.name);
        let seen_cells = |focus: &str, t: &TieOut, other_name: String| {
            let (arrow, _) = t.seen_from(focus);
            let mut cells = vec![t.relation.to_string(), arrow.to_string(), other_name];
            cells.extend(tie_cells(t));
            cells
        };
        const TIE_HEADERS: [&str; 6] = ["relation", "", "actor", "dates", "confidence", "sources"];
        Some(match self {
            Answer::Actors { actors } => {
                let with_ties = actors.iter().any(|a| !a.ties.is_empty());
                let mut rows = Vec::new();
                for row in actors {
                    let indent = "  ".repeat(row.depth.unwrap_or(1).saturating_sub(1));
                    let name = format!("{indent}{}", row.actor.name);
                    if row.ties.is_empty() {
                        rows.push(vec![name.clone(), row.kind.to_string()]);
                    }
                    for (i, tie) in row.ties.iter().enumerate() {
                        let first = if i == 0 { name.clone() } else { String::new() };
                        let mut cells = vec![first, link(tie), tie.relation.to_string()];
                        cells.extend(tie_cells(tie));
                        rows.push(cells);
                    }
                }
                let headers = if with_ties {
                    vec!["actor", "tie", "relation", "dates", "confidence", "sources"]
                } else {
                    vec!["actor", "kind"]
                };
                (headers, rows)
            }
            Answer::Ties { focus, ties } => (
                TIE_HEADERS.to_vec(),
                ties.iter()
                    .map(|t| seen_cells(focus.id, t, t.seen_from(focus.id).1.name.to_string()))
                    .collect(),
            ),
            // Ties away from the focus read from → to on their own.
            Answer::Network { ties, .. } => (
                vec!["relation", "tie", "dates", "confidence", "sources"],
                ties.iter()
                    .map(|t| {
                        let mut cells = vec![t.relation.to_string(), link(t)];
                        cells.extend(tie_cells(t));
                        cells
                    })
                    .collect(),
            ),
            Answer::Card { actor } => (
                TIE_HEADERS.to_vec(),
                actor
                    .ties
                    .iter()
                    .map(|t| {
                        seen_cells(
                            actor.actor.id,
                            t,
                            t.seen_from(actor.actor.id).1.name.to_string(),
                        )
                    })
                    .collect(),
            ),
            Answer::Path { hops, .. } => (
                vec![
                    "hop",
                    "from",
                    "relation",
                    "to",
                    "dates",
                    "confidence",
                    "sources",
                ],
                hops.iter()
                    .flatten()
                    .enumerate()
                    .map(|(i, t)| {
                        let mut cells = vec![
                            (i + 1).to_string(),
                            t.from.name.to_string(),
                            t.relation.to_string(),
                            t.to.name.to_string(),
                        ];
                        cells.extend(tie_cells(t));
                        cells
                    })
                    .collect(),
            ),
            Answer::Events { events } => (
                vec!["date", "event", "tie", "relation", "confidence", "sources"],
                events
                    .iter()
                    .map(|e| {
                        vec![
                            e.date.to_string(),
                            e.event.clone(),
                            link(&e.tie),
                            e.tie.relation.to_string(),
                            e.tie.confidence.to_string(),
                            e.tie.sources.join(" "),
                        ]
                    })
                    .collect(),
            ),
            Answer::Stats { ties, .. } => (
                vec!["relation", "active ties"],
                ties.iter()
                    .map(|count| vec![count.relation.to_string(), count.ties.to_string()])
                    .collect(),
            ),
            Answer::Relations { relations } => (
                vec!["relation", "direction", "ties", "meaning"],
                relations
                    .iter()
                    .map(|r| {
                        vec![
                            r.name.to_string(),
                            if r.directed { "directed" } else { "symmetric" }.to_string(),
                            r.ties.to_string(),
                            r.note.unwrap_or_default().to_string(),
                        ]
                    })
                    .collect(),
            ),
            Answer::Sources { sources } => (
                vec!["source", "ties", "citation"],
                sources
                    .iter()
                    .map(|s| {
                        let citation = match s.url {
                            Some(url) => format!("{} <{url}>", s.citation),
                            None => s.citation.to_string(),
                        };
                        vec![s.id.to_string(), s.ties.to_string(), citation]
                    })
                    .collect(),
            ),
            Answer::Text { .. } | Answer::Check { .. } => return None,
        })
    }

    /// The closing line: a count, or a plain word that nothing was found.
    fn summary(&self) -> String {
        let n = self.len();
        let count =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let plural = |one: &str, many: &str| count(n, one, many);
        match self {
            Answer::Actors { .. } if n == 0 => "no actors match".into(),
            Answer::Actors { .. } => plural("actor", "actors"),
            Answer::Ties { .. } if n == 0 => "no ties match".into(),
            Answer::Ties { .. } => plural("tie", "ties"),
            Answer::Card { actor } => count(actor.ties.len(), "tie", "ties"),
            Answer::Path {
                hops: None,
                from,
                to,
            } => format!("no path from {} to {}", from.name, to.name),
            Answer::Path { hops: Some(h), .. } if h.is_empty() => "the same actor: no hops".into(),
            Answer::Path { .. } => plural("hop", "hops"),
            Answer::Network { actors, ties, .. } => {
                format!(
                    "{}, {}",
                    count(actors.len(), "actor", "actors"),
                    count(ties.len(), "tie", "ties")
                )
            }
            Answer::Events { .. } if n == 0 => "no events match".into(),
            Answer::Events { .. } => plural("event", "events"),
            Answer::Stats { actors, .. } => {
                format!(
                    "{}; {}",
                    count(*actors, "actor", "actors"),
                    plural("active tie", "active ties")
                )
            }
            Answer::Relations { .. } => plural("relation", "relations"),
            Answer::Sources { .. } => plural("source", "sources"),
            Answer::Text { .. } | Answer::Check { .. } => String::new(),
        }
    }

    /// The readable rendering; `color` bolds headers for a terminal.
    pub fn to_text(&self, color: bool) -> String {
        let mut out = String::new();
        match self {
            Answer::Text { text } => return format!("{}\n", text.trim_end()),
            Answer::Check { passed, message } => {
                return format!("{} {message}\n", if *passed { "ok:" } else { "FAILED:" });
            }
            Answer::Card { actor } => {
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
                    let note = printable(note, true).replace('\n', "\n           ");
                    out.push_str(&format!("  note:    {note}\n"));
                }
                out.push('\n');
            }
            Answer::Network { actors, .. } => {
                let rows: Vec<Vec<String>> = actors
                    .iter()
                    .map(|a| {
                        vec![
                            a.depth.unwrap_or(0).to_string(),
                            a.actor.name.to_string(),
                            a.kind.to_string(),
                        ]
                    })
                    .collect();
                out.push_str(&render_table(&["hops", "actor", "kind"], &rows, color));
                out.push('\n');
            }
            _ => {}
        }
        if let Some((headers, rows)) = self.table() {
            if !rows.is_empty() {
                out.push_str(&render_table(&headers, &rows, color));
            }
        }
        out.push_str(&self.summary());
        out.push('\n');
        out
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("answers hold only strings, numbers and lists")
    }

    /// CSV of the table; answers without one give their text as a single cell.
    pub fn to_csv(&self) -> String {
        let mut writer = csv::Writer::from_writer(Vec::new());
        match self.table() {
            Some((headers, rows)) => {
                // The text table's unnamed arrow column becomes words.
                let arrow_column = headers.iter().position(|h| h.is_empty());
                let headers: Vec<&str> = headers
                    .iter()
                    .map(|h| if h.is_empty() { "direction" } else { h })
                    .collect();
                let _ = writer.write_record(&headers);
                for mut row in rows {
                    if let Some(cell) = arrow_column.and_then(|c| row.get_mut(c)) {
                        *cell = match cell.as_str() {
                            "→" => "out",
                            "←" => "in",
                            _ => "both",
                        }
                        .to_string();
                    }
                    let _ = writer.write_record(&row);
                }
            }
            None => {
                let _ = writer.write_record([self.to_text(false).trim_end()]);
            }
        }
        String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
    }
}

fn arrow(tie: &TieOut) -> &'static str {
    if tie.directed {
        "→"
    } else {
        "—"
    }
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

/// Columns padded to their widest cell (by display width); empty columns dropped.
pub fn render_table(headers: &[&str], rows: &[Vec<String>], color: bool) -> String {
    // Graph text reaches the terminal here: control characters would move
    // the cursor or clear the screen, and line breaks would break the rows.
    let rows: Vec<Vec<String>> = rows
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
    for row in rows {
        out.push_str(&line(row.iter().map(String::as_str).collect()));
    }
    out
}
