//! Answers to queries, independent of the graph they came from, and their
//! renderings: a readable table, JSON for scripts, CSV for spreadsheets.

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

/// An actor as answers show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ActorOut {
    pub id: String,
    pub name: String,
}

/// A tie as answers show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TieOut {
    pub from: ActorOut,
    pub to: ActorOut,
    pub relation: String,
    pub directed: bool,
    pub start: Option<String>,
    pub end: Option<String>,
    pub confidence: String,
    pub sources: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl TieOut {
    /// `2022-07–2022-11`, `2023-01–`, `?–2015`.
    pub fn dates(&self) -> String {
        format!(
            "{}–{}",
            self.start.as_deref().unwrap_or("?"),
            self.end.as_deref().unwrap_or("")
        )
    }

    /// The tie seen from `actor`: an arrow and the other end.
    pub fn seen_from(&self, actor: &str) -> (&'static str, &ActorOut) {
        let outgoing = self.from.id == actor;
        let other = if outgoing { &self.to } else { &self.from };
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
pub struct ActorRow {
    #[serde(flatten)]
    pub actor: ActorOut,
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub depth: Option<usize>,
    pub ties: Vec<TieOut>,
}

/// The actor card of `show`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Card {
    #[serde(flatten)]
    pub actor: ActorOut,
    pub kind: String,
    pub aliases: Vec<String>,
    pub tags: Vec<String>,
    pub active: Option<String>,
    pub note: Option<String>,
    pub ties: Vec<TieOut>,
}

/// A dated event: a tie beginning, ending or changing relation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Event {
    pub date: String,
    /// `began`, `ended` or `changed`.
    pub event: String,
    pub tie: TieOut,
}

/// A relation with its use.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RelationRow {
    pub name: String,
    pub directed: bool,
    pub ties: usize,
    pub note: Option<String>,
}

/// A source with its use.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SourceRow {
    pub id: String,
    pub citation: String,
    pub url: Option<String>,
    pub ties: usize,
}

/// The answer to one query.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Answer {
    Actors {
        actors: Vec<ActorRow>,
    },
    Ties {
        focus: ActorOut,
        ties: Vec<TieOut>,
    },
    Card {
        actor: Card,
    },
    Path {
        from: ActorOut,
        to: ActorOut,
        hops: Option<Vec<TieOut>>,
    },
    Network {
        focus: ActorOut,
        actors: Vec<ActorRow>,
        ties: Vec<TieOut>,
    },
    Events {
        events: Vec<Event>,
    },
    Stats {
        actors: usize,
        active_actors: usize,
        ties: Vec<(String, usize)>,
    },
    Relations {
        relations: Vec<RelationRow>,
    },
    Sources {
        sources: Vec<SourceRow>,
    },
    Text {
        text: String,
    },
    Check {
        passed: bool,
        message: String,
    },
}

impl Answer {
    /// How many results the answer holds (what expectations count).
    pub fn len(&self) -> usize {
        match self {
            Answer::Actors { actors } => actors.len(),
            Answer::Ties { ties, .. } => ties.len(),
            Answer::Card { .. } => 1,
            Answer::Path { hops, .. } => hops.as_ref().map_or(0, Vec::len),
            Answer::Network { actors, .. } => actors.len(),
            Answer::Events { events } => events.len(),
            Answer::Stats { ties, .. } => ties.iter().map(|(_, n)| n).sum(),
            Answer::Relations { relations } => relations.len(),
            Answer::Sources { sources } => sources.len(),
            Answer::Text { .. } | Answer::Check { .. } => 0,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The ids of the actors the answer names as results.
    pub fn actor_ids(&self) -> Vec<&str> {
        match self {
            Answer::Actors { actors } | Answer::Network { actors, .. } => {
                actors.iter().map(|a| a.actor.id.as_str()).collect()
            }
            Answer::Ties { focus, ties } => ties
                .iter()
                .map(|t| t.seen_from(&focus.id).1.id.as_str())
                .collect(),
            Answer::Card { actor } => vec![actor.actor.id.as_str()],
            Answer::Path { hops, .. } => hops
                .iter()
                .flatten()
                .flat_map(|t| [t.from.id.as_str(), t.to.id.as_str()])
                .collect(),
            Answer::Events { events } => events
                .iter()
                .flat_map(|e| [e.tie.from.id.as_str(), e.tie.to.id.as_str()])
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The answer as a table: headers and rows of cells.
    pub fn table(&self) -> Option<(Vec<&'static str>, Vec<Vec<String>>)> {
        let tie_cells = |t: &TieOut| vec![t.dates(), t.confidence.clone(), t.sources.join(" ")];
        Some(match self {
            Answer::Actors { actors } => {
                let mut rows = Vec::new();
                for row in actors {
                    let name = match row.depth {
                        Some(depth) => {
                            format!("{}{}", "  ".repeat(depth.saturating_sub(1)), row.actor.name)
                        }
                        None => row.actor.name.clone(),
                    };
                    if row.ties.is_empty() {
                        rows.push(vec![
                            name.clone(),
                            row.kind.clone(),
                            String::new(),
                            String::new(),
                            String::new(),
                            String::new(),
                        ]);
                    }
                    for (i, tie) in row.ties.iter().enumerate() {
                        let first = if i == 0 { name.clone() } else { String::new() };
                        let link = format!("{} {} {}", tie.from.name, arrow(tie), tie.to.name);
                        let mut cells = vec![first, link, tie.relation.clone()];
                        cells.extend(tie_cells(tie));
                        rows.push(cells);
                    }
                }
                let headers = if actors.iter().all(|a| a.ties.is_empty()) {
                    vec!["actor", "kind", "", "", "", ""]
                } else {
                    vec!["actor", "tie", "relation", "dates", "confidence", "sources"]
                };
                (headers, rows)
            }
            Answer::Ties { focus, ties } | Answer::Network { focus, ties, .. } => (
                vec!["relation", "", "actor", "dates", "confidence", "sources"],
                ties.iter()
                    .map(|t| {
                        let (arrow, other) = t.seen_from(&focus.id);
                        let (arrow, other) = if matches!(self, Answer::Network { .. }) {
                            (arrow, format!("{} / {}", t.from.name, t.to.name))
                        } else {
                            (arrow, other.name.clone())
                        };
                        let mut cells = vec![t.relation.clone(), arrow.to_string(), other];
                        cells.extend(tie_cells(t));
                        cells
                    })
                    .collect(),
            ),
            Answer::Card { actor } => (
                vec!["relation", "", "actor", "dates", "confidence", "sources"],
                actor
                    .ties
                    .iter()
                    .map(|t| {
                        let (arrow, other) = t.seen_from(&actor.actor.id);
                        let mut cells =
                            vec![t.relation.clone(), arrow.to_string(), other.name.clone()];
                        cells.extend(tie_cells(t));
                        cells
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
                            t.from.name.clone(),
                            t.relation.clone(),
                            t.to.name.clone(),
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
                            e.date.clone(),
                            e.event.clone(),
                            format!("{} {} {}", e.tie.from.name, arrow(&e.tie), e.tie.to.name),
                            e.tie.relation.clone(),
                            e.tie.confidence.clone(),
                            e.tie.sources.join(" "),
                        ]
                    })
                    .collect(),
            ),
            Answer::Stats { ties, .. } => (
                vec!["relation", "active ties"],
                ties.iter()
                    .map(|(r, n)| vec![r.clone(), n.to_string()])
                    .collect(),
            ),
            Answer::Relations { relations } => (
                vec!["relation", "direction", "ties", "meaning"],
                relations
                    .iter()
                    .map(|r| {
                        vec![
                            r.name.clone(),
                            if r.directed { "directed" } else { "symmetric" }.to_string(),
                            r.ties.to_string(),
                            r.note.clone().unwrap_or_default(),
                        ]
                    })
                    .collect(),
            ),
            Answer::Sources { sources } => (
                vec!["source", "ties", "citation"],
                sources
                    .iter()
                    .map(|s| {
                        let citation = match &s.url {
                            Some(url) => format!("{} <{url}>", s.citation),
                            None => s.citation.clone(),
                        };
                        vec![s.id.clone(), s.ties.to_string(), citation]
                    })
                    .collect(),
            ),
            Answer::Text { .. } | Answer::Check { .. } => return None,
        })
    }

    /// The closing line: a count, or a plain word that nothing was found.
    fn summary(&self) -> String {
        let n = self.len();
        let plural = |one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        match self {
            Answer::Actors { .. } if n == 0 => "no actors match".into(),
            Answer::Actors { .. } => plural("actor", "actors"),
            Answer::Ties { .. } if n == 0 => "no ties match".into(),
            Answer::Ties { .. } => plural("tie", "ties"),
            Answer::Card { actor } => format!("{} ties", actor.ties.len()),
            Answer::Path {
                hops: None,
                from,
                to,
            } => format!("no path from {} to {}", from.name, to.name),
            Answer::Path { hops: Some(h), .. } if h.is_empty() => "the same actor: no hops".into(),
            Answer::Path { .. } => plural("hop", "hops"),
            Answer::Network { actors, ties, .. } => {
                format!("{} actors, {} ties", actors.len(), ties.len())
            }
            Answer::Events { .. } if n == 0 => "no events match".into(),
            Answer::Events { .. } => plural("event", "events"),
            Answer::Stats {
                actors,
                active_actors,
                ..
            } => {
                format!("{actors} actors, {active_actors} with an active tie; {n} active ties")
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
                out.push_str(&bold(
                    &format!("{} ({})", actor.actor.name, actor.actor.id),
                    color,
                ));
                out.push('\n');
                out.push_str(&format!("  kind:    {}\n", actor.kind));
                if !actor.aliases.is_empty() {
                    out.push_str(&format!("  aliases: {}\n", actor.aliases.join("; ")));
                }
                if !actor.tags.is_empty() {
                    out.push_str(&format!("  tags:    {}\n", actor.tags.join(", ")));
                }
                if let Some(active) = &actor.active {
                    out.push_str(&format!("  active:  {active}\n"));
                }
                if let Some(note) = &actor.note {
                    out.push_str(&format!(
                        "  note:    {}\n",
                        note.replace('\n', "\n           ")
                    ));
                }
                out.push('\n');
            }
            Answer::Network { actors, .. } => {
                let rows: Vec<Vec<String>> = actors
                    .iter()
                    .map(|a| {
                        vec![
                            a.depth.unwrap_or(0).to_string(),
                            a.actor.name.clone(),
                            a.kind.clone(),
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
                let headers: Vec<&str> = headers
                    .iter()
                    .enumerate()
                    .map(|(i, h)| {
                        if h.is_empty() {
                            ["direction", "kind", "", "", "", ""][i.min(5)]
                        } else {
                            h
                        }
                    })
                    .collect();
                let _ = writer.write_record(&headers);
                for row in rows {
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

/// Columns padded to their widest cell (by display width); empty columns dropped.
pub fn render_table(headers: &[&str], rows: &[Vec<String>], color: bool) -> String {
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
