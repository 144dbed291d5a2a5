//! Answers to queries, independent of the graph they came from, and their
//! renderings: a readable table, JSON for scripts, CSV for spreadsheets.

use serde::Serialize;

use crate::model::{ActorKind, Certainty, Confidence, PartialDate, Period};
use unicode_width::UnicodeWidthStr;

/// How answers are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Format {
    /// A readable table.
    #[default]
    Text,
    /// JSON, for scripts.
    Json,
    /// CSV of the table, for spreadsheets.
    Csv,
}

/// What a statement produced: an answer, or text to print as it is (DOT
/// written to standard output).
#[derive(Clone, Debug, PartialEq)]
pub enum Output<'g> {
    Answer(Answer<'g>),
    Verbatim(String),
}

impl Output<'_> {
    /// The output as `format`; text wraps notes to `width` (a terminal's).
    pub fn render(&self, format: Format, color: bool, width: Option<usize>) -> String {
        match self {
            Output::Verbatim(text) => text.clone(),
            Output::Answer(answer) => match format {
                Format::Text => answer.to_text_width(color, width),
                Format::Json => format!("{}\n", answer.to_json()),
                Format::Csv => answer.to_csv(),
            },
        }
    }

    /// The message of an expectation that did not hold.
    pub fn failed_check(&self) -> Option<&str> {
        match self {
            Output::Answer(Answer {
                body:
                    Body::Check {
                        passed: false,
                        message,
                    },
                ..
            }) => Some(message),
            _ => None,
        }
    }
}

/// Width of text answers when the terminal's is unknown (on a pipe, rows
/// are never wrapped; only notes are, at this width).
pub const DEFAULT_WIDTH: usize = 100;

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
    /// Whether the tie was active in the answer's window: `certain` or
    /// `possible`. In records (`show`, `timeline`, `why`) it is judged as
    /// of the graph's date, so `no` there means ended (or not yet begun).
    pub certainty: Certainty,
    pub confidence: Confidence,
    pub sources: Vec<&'g str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<&'g str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<&'g str>,
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
    /// The best certainty among its ties (`certain` for rows without ties).
    pub certainty: Certainty,
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

/// A dated event: a tie beginning, ending or changing relation, or a
/// one-off event the graph records.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Event<'g> {
    pub date: PartialDate,
    /// `began`, `ended`, `changed from RELATION`, or what happened.
    pub event: String,
    /// Whether the day fell inside the asked window: `certain` or `possible`.
    pub certainty: Certainty,
    /// The tie that began or ended; `None` for a one-off event.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tie: Option<TieOut<'g>>,
    /// Who took part in a one-off event.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<ActorOut<'g>>,
    pub confidence: Confidence,
    pub sources: Vec<&'g str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<&'g str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<&'g str>,
}

/// How many ties of a relation are active, for `stats`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RelationCount<'g> {
    pub relation: &'g str,
    /// Active ties, certainly or possibly.
    pub ties: usize,
    /// How many of them only possibly.
    pub possibly: usize,
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

/// The answer to one query, borrowing from the graph it came from: what
/// was found, the time it was answered for, and the caveats a reader needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Answer<'g> {
    #[serde(flatten)]
    pub body: Body<'g>,
    /// The time the answer is for, in words: "as of 2023-02 (the graph's date)".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// Caveats, such as a window past what the graph knows.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

impl<'g> From<Body<'g>> for Answer<'g> {
    fn from(body: Body<'g>) -> Self {
        Answer {
            body,
            time: None,
            notes: Vec::new(),
        }
    }
}

/// What an answer found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Body<'g> {
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
    /// Every tie between two actors, with its full citations.
    Why {
        a: ActorOut<'g>,
        b: ActorOut<'g>,
        ties: Vec<TieOut<'g>>,
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
    /// Plain text, such as help.
    pub fn text(text: impl Into<String>) -> Self {
        Body::Text { text: text.into() }.into()
    }

    /// The outcome of an expectation.
    pub fn check(passed: bool, message: impl Into<String>) -> Self {
        Body::Check {
            passed,
            message: message.into(),
        }
        .into()
    }

    /// The answer with the time it was answered for and its caveats.
    pub fn at(mut self, time: Option<String>, notes: Vec<String>) -> Self {
        self.time = time;
        self.notes = notes;
        self
    }

    /// True for an expectation that did not hold.
    pub fn is_failed_check(&self) -> bool {
        matches!(self.body, Body::Check { passed: false, .. })
    }

    /// How many results the answer holds (what expectations count).
    pub fn len(&self) -> usize {
        self.body.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The ids of the actors the answer names as results.
    pub fn actor_ids(&self) -> Vec<&'g str> {
        self.body.actor_ids()
    }

    /// The readable rendering at the default width; `color` bolds headers.
    pub fn to_text(&self, color: bool) -> String {
        self.to_text_width(color, None)
    }

    /// The readable rendering. With a terminal `width`, notes wrap to it;
    /// rows are never broken.
    pub fn to_text_width(&self, color: bool, width: Option<usize>) -> String {
        let mut out = self.body.to_text(color, width.unwrap_or(DEFAULT_WIDTH));
        if matches!(self.body, Body::Text { .. } | Body::Check { .. }) {
            return out;
        }
        // The summary line says which time the answer is for.
        if let Some(time) = &self.time {
            out.pop();
            out.push_str(&format!(" · {}\n", printable(time, false)));
        }
        for note in &self.notes {
            out.push_str(&wrap_indented(
                &format!("note: {}", printable(note, false)),
                "      ",
                width.unwrap_or(DEFAULT_WIDTH),
            ));
        }
        out
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("answers hold only strings, numbers and lists")
    }

    /// CSV of the table; answers without one give their text as a single cell.
    pub fn to_csv(&self) -> String {
        self.body.to_csv()
    }
}

impl<'g> Body<'g> {
    /// How many results the answer holds (what expectations count).
    pub fn len(&self) -> usize {
        match self {
            Body::Actors { actors } => actors.len(),
            Body::Ties { ties, .. } => ties.len(),
            Body::Card { .. } => 1,
            Body::Path { hops, .. } => hops.as_ref().map_or(0, Vec::len),
            Body::Network { actors, .. } => actors.len(),
            Body::Events { events } => events.len(),
            Body::Stats { ties, .. } => ties.iter().map(|count| count.ties).sum(),
            Body::Relations { relations } => relations.len(),
            Body::Sources { sources } => sources.len(),
            Body::Why { ties, .. } => ties.len(),
            Body::Text { .. } | Body::Check { .. } => 0,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many results hold only possibly (for the summary line).
    pub fn possibly(&self) -> usize {
        let possible = |c: &Certainty| *c == Certainty::Possibly;
        match self {
            Body::Actors { actors } | Body::Network { actors, .. } => {
                actors.iter().filter(|a| possible(&a.certainty)).count()
            }
            Body::Ties { ties, .. } => ties.iter().filter(|t| possible(&t.certainty)).count(),
            Body::Path { hops, .. } => hops
                .iter()
                .flatten()
                .filter(|t| possible(&t.certainty))
                .count(),
            Body::Events { events } => events.iter().filter(|e| possible(&e.certainty)).count(),
            Body::Stats { ties, .. } => ties.iter().map(|c| c.possibly).sum(),
            _ => 0,
        }
    }

    /// The ids of the actors the answer names as results.
    pub fn actor_ids(&self) -> Vec<&'g str> {
        match self {
            Body::Actors { actors } | Body::Network { actors, .. } => {
                actors.iter().map(|a| a.actor.id).collect()
            }
            Body::Ties { focus, ties } => ties.iter().map(|t| t.seen_from(focus.id).1.id).collect(),
            Body::Card { actor } => vec![actor.actor.id],
            Body::Path { hops, .. } => hops
                .iter()
                .flatten()
                .flat_map(|t| [t.from.id, t.to.id])
                .collect(),
            Body::Events { events } => events
                .iter()
                .flat_map(|e| match &e.tie {
                    Some(tie) => vec![tie.from.id, tie.to.id],
                    None => e.actors.iter().map(|a| a.id).collect(),
                })
                .collect(),
            Body::Why { a, b, ties, .. } if !ties.is_empty() => vec![a.id, b.id],
            _ => Vec::new(),
        }
    }

    /// Whether tie rows are judged as of the graph's date (records) rather
    /// than in the asked window (questions).
    fn is_record(&self) -> bool {
        matches!(self, Body::Card { .. } | Body::Why { .. })
    }

    /// The answer as a table: headers, rows of cells, and the lines shown
    /// under each row in text (a tie's note and evidence).
    pub fn table(&self) -> Option<Table> {
        let record = self.is_record();
        let state = |t: &TieOut| {
            if record {
                status_word(t.certainty).to_string()
            } else {
                t.certainty.to_string()
            }
        };
        let tie_cells = |t: &TieOut| {
            vec![
                t.dates(),
                state(t),
                t.confidence.to_string(),
                t.sources.join(" "),
            ]
        };
        let link = |t: &TieOut| format!("{} {} {}", t.from.name, arrow(t), t.to.name);
        let seen_cells = |focus: &str, t: &TieOut| {
            let (arrow, other) = t.seen_from(focus);
            let mut cells = vec![
                t.relation.to_string(),
                arrow.to_string(),
                other.name.to_string(),
            ];
            cells.extend(tie_cells(t));
            cells
        };
        let state_header = if record { "now" } else { "certainty" };
        let tie_headers = |lead: &[&'static str]| {
            let mut headers = lead.to_vec();
            headers.extend(["dates", state_header, "confidence", "sources"]);
            headers
        };
        let details = |t: &TieOut, evidence: bool| {
            let mut lines = Vec::new();
            if let Some(note) = t.note {
                lines.push(format!("note: {note}"));
            }
            if evidence {
                if let Some(words) = t.evidence {
                    lines.push(format!("evidence: “{words}”"));
                }
            }
            lines
        };
        let mut table = Table::default();
        match self {
            Body::Actors { actors } => {
                let with_ties = actors.iter().any(|a| !a.ties.is_empty());
                for row in actors {
                    let indent = "  ".repeat(row.depth.unwrap_or(1).saturating_sub(1));
                    let name = format!("{indent}{}", row.actor.name);
                    if row.ties.is_empty() {
                        table.push(vec![name.clone(), row.kind.to_string()], Vec::new());
                    }
                    for (i, tie) in row.ties.iter().enumerate() {
                        let first = if i == 0 { name.clone() } else { String::new() };
                        let mut cells = vec![first, link(tie), tie.relation.to_string()];
                        cells.extend(tie_cells(tie));
                        table.push(cells, details(tie, false));
                    }
                }
                table.headers = if with_ties {
                    tie_headers(&["actor", "tie", "relation"])
                } else {
                    vec!["actor", "kind"]
                };
            }
            Body::Ties { focus, ties } => {
                table.headers = tie_headers(&["relation", "", "actor"]);
                for t in ties {
                    table.push(seen_cells(focus.id, t), details(t, false));
                }
            }
            // Ties away from the focus read from → to on their own.
            Body::Network { ties, .. } => {
                table.headers = tie_headers(&["relation", "tie"]);
                for t in ties {
                    let mut cells = vec![t.relation.to_string(), link(t)];
                    cells.extend(tie_cells(t));
                    table.push(cells, details(t, false));
                }
            }
            Body::Card { actor } => {
                table.headers = tie_headers(&["relation", "", "actor"]);
                for t in &actor.ties {
                    table.push(seen_cells(actor.actor.id, t), details(t, false));
                }
            }
            Body::Why { ties, .. } => {
                table.headers = tie_headers(&["relation", "tie"]);
                for t in ties {
                    let mut cells = vec![t.relation.to_string(), link(t)];
                    cells.extend(tie_cells(t));
                    table.push(cells, details(t, true));
                }
            }
            Body::Path { hops, .. } => {
                table.headers = tie_headers(&["hop", "from", "relation", "to"]);
                for (i, t) in hops.iter().flatten().enumerate() {
                    let mut cells = vec![
                        (i + 1).to_string(),
                        t.from.name.to_string(),
                        t.relation.to_string(),
                        t.to.name.to_string(),
                    ];
                    cells.extend(tie_cells(t));
                    table.push(cells, details(t, false));
                }
            }
            Body::Events { events } => {
                table.headers = vec![
                    "date",
                    "event",
                    "who",
                    "relation",
                    "certainty",
                    "confidence",
                    "sources",
                ];
                for e in events {
                    let (who, relation) = match &e.tie {
                        Some(tie) => (link(tie), tie.relation.to_string()),
                        None => (
                            e.actors
                                .iter()
                                .map(|a| a.name)
                                .collect::<Vec<_>>()
                                .join(", "),
                            String::new(),
                        ),
                    };
                    let mut lines = Vec::new();
                    if let Some(note) = e.note {
                        lines.push(format!("note: {note}"));
                    }
                    table.push(
                        vec![
                            e.date.to_string(),
                            e.event.clone(),
                            who,
                            relation,
                            e.certainty.to_string(),
                            e.confidence.to_string(),
                            e.sources.join(" "),
                        ],
                        lines,
                    );
                }
            }
            Body::Stats { ties, .. } => {
                table.headers = vec!["relation", "active ties", "of them possibly"];
                for count in ties {
                    table.push(
                        vec![
                            count.relation.to_string(),
                            count.ties.to_string(),
                            count.possibly.to_string(),
                        ],
                        Vec::new(),
                    );
                }
            }
            Body::Relations { relations } => {
                table.headers = vec!["relation", "direction", "ties", "meaning"];
                for r in relations {
                    table.push(
                        vec![
                            r.name.to_string(),
                            if r.directed { "directed" } else { "symmetric" }.to_string(),
                            r.ties.to_string(),
                            r.note.unwrap_or_default().to_string(),
                        ],
                        Vec::new(),
                    );
                }
            }
            Body::Sources { sources } => {
                table.headers = vec!["source", "ties", "citation"];
                for s in sources {
                    table.push(
                        vec![s.id.to_string(), s.ties.to_string(), citation(s)],
                        Vec::new(),
                    );
                }
            }
            Body::Text { .. } | Body::Check { .. } => return None,
        }
        Some(table)
    }

    /// The closing line: a count, or a plain word that nothing was found.
    fn summary(&self) -> String {
        let n = self.len();
        let count =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let plural = |one: &str, many: &str| count(n, one, many);
        let possibly = self.possibly();
        let of_them = if possibly > 0 {
            format!(", {possibly} of them possibly")
        } else {
            String::new()
        };
        let line = match self {
            Body::Actors { .. } if n == 0 => "no actors match".into(),
            Body::Actors { .. } => plural("actor", "actors"),
            Body::Ties { .. } if n == 0 => "no ties match".into(),
            Body::Ties { .. } => plural("tie", "ties"),
            Body::Card { actor } => count(actor.ties.len(), "tie", "ties"),
            Body::Path {
                hops: None,
                from,
                to,
            } => format!("no path from {} to {}", from.name, to.name),
            Body::Path { hops: Some(h), .. } if h.is_empty() => "the same actor: no hops".into(),
            Body::Path { .. } => plural("hop", "hops"),
            Body::Network { actors, ties, .. } => {
                format!(
                    "{}, {}",
                    count(actors.len(), "actor", "actors"),
                    count(ties.len(), "tie", "ties")
                )
            }
            Body::Events { .. } if n == 0 => "no events match".into(),
            Body::Events { .. } => plural("event", "events"),
            Body::Stats { actors, .. } => {
                format!(
                    "{}; {}",
                    count(*actors, "actor", "actors"),
                    plural("active tie", "active ties")
                )
            }
            Body::Relations { .. } => plural("relation", "relations"),
            Body::Sources { .. } => plural("source", "sources"),
            Body::Why { a, b, .. } if n == 0 => {
                format!("no ties between {} and {}", a.name, b.name)
            }
            Body::Why { .. } => plural("tie", "ties"),
            Body::Text { .. } | Body::Check { .. } => String::new(),
        };
        format!("{line}{of_them}")
    }

    fn to_text(&self, color: bool, width: usize) -> String {
        let mut out = String::new();
        match self {
            Body::Text { text } => return format!("{}\n", text.trim_end()),
            Body::Check { passed, message } => {
                return format!("{} {message}\n", if *passed { "ok:" } else { "FAILED:" });
            }
            Body::Card { actor } => {
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
        out.push_str(&self.summary());
        out.push('\n');
        out
    }

    /// CSV of the table; answers without one give their text as a single cell.
    fn to_csv(&self) -> String {
        let mut writer = csv::Writer::from_writer(Vec::new());
        match self.table() {
            Some(table) => {
                // The text table's unnamed arrow column becomes words.
                let arrow_column = table.headers.iter().position(|h| h.is_empty());
                let headers: Vec<&str> = table
                    .headers
                    .iter()
                    .map(|h| if h.is_empty() { "direction" } else { h })
                    .collect();
                let _ = writer.write_record(&headers);
                for mut row in table.rows {
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
                let _ = writer.write_record([self.to_text(false, DEFAULT_WIDTH).trim_end()]);
            }
        }
        String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
    }
}

/// A table: headers, rows, and for each row the lines shown under it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
    /// Lines under each row in text (notes, evidence); not in CSV.
    pub details: Vec<Vec<String>>,
}

impl Table {
    fn push(&mut self, cells: Vec<String>, details: Vec<String>) {
        self.rows.push(cells);
        self.details.push(details);
    }
}

/// A record's tie state, as of the graph's date.
fn status_word(certainty: Certainty) -> &'static str {
    match certainty {
        Certainty::Certainly => "active",
        Certainty::Possibly => "possibly active",
        Certainty::No => "ended",
    }
}

fn citation(source: &SourceRow) -> String {
    match source.url {
        Some(url) => format!("{} <{url}>", source.citation),
        None => source.citation.to_string(),
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
