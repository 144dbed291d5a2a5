//! Answers as tables: the rows every rendering shares, and CSV of them.

use super::*;

impl Body<'_> {
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
            let (direction, other) = t.seen_from(focus);
            let mut cells = vec![
                t.relation.to_string(),
                direction.glyph().to_string(),
                other.name.to_string(),
            ];
            cells.extend(tie_cells(t));
            (cells, direction)
        };
        let state_header = if record { "now" } else { "certainty" };
        let tie_headers = |lead: &[&'static str]| {
            let mut headers = lead.to_vec();
            headers.extend(["dates", state_header, "confidence", "sources"]);
            headers
        };
        // A tie's lines under its row: `lead` (its dates in words, which
        // say whose end ended it) or else why it ended with an actor, then
        // its note and, when asked, its evidence.
        let details = |t: &TieOut, evidence: bool, lead: Option<String>| {
            let mut lines = Vec::new();
            lines.extend(lead.or_else(|| t.ended_with_words()));
            if let Some(note) = t.note {
                lines.push(format!("note: {note}"));
            }
            if evidence {
                // Evidence quotes the first source the tie cites.
                match (t.evidence, t.sources.first()) {
                    (Some(words), Some(source)) => {
                        lines.push(format!("evidence ({source}): “{words}”"))
                    }
                    (Some(words), None) => lines.push(format!("evidence: “{words}”")),
                    (None, _) => lines.push("evidence: none quoted".to_string()),
                }
            }
            lines
        };
        let mut table = Table::default();
        match self {
            Body::Actors { actors } => {
                let with_ties = actors.iter().any(|a| !a.ties.is_empty());
                for row in actors {
                    let name = nested_name(row.depth, row.actor.name);
                    if row.ties.is_empty() {
                        table.push(vec![name.clone(), row.kind.to_string()], Vec::new());
                    }
                    for (i, tie) in row.ties.iter().enumerate() {
                        let first = if i == 0 { name.clone() } else { String::new() };
                        let mut cells = vec![first, link(tie), tie.relation.to_string()];
                        cells.extend(tie_cells(tie));
                        table.push_tie(cells, tie, details(tie, false, None));
                    }
                }
                table.headers = if with_ties {
                    tie_headers(&["actor", "tie", "relation"])
                } else {
                    vec!["actor", "kind"]
                };
                table.grouped = vec!["actor"];
            }
            Body::Ties { focus, ties } => {
                table.headers = tie_headers(&["relation", "", "actor"]);
                for t in ties {
                    let (cells, direction) = seen_cells(focus.id, t);
                    table.push_directed(cells, direction, t, details(t, false, None));
                }
            }
            // Ties away from the focus read from → to on their own.
            Body::Network { ties, .. } => {
                table.headers = tie_headers(&["relation", "tie"]);
                for t in ties {
                    let mut cells = vec![t.relation.to_string(), link(t)];
                    cells.extend(tie_cells(t));
                    table.push_tie(cells, t, details(t, false, None));
                }
            }
            Body::Card { actor, .. } => {
                table.headers = tie_headers(&["relation", "", "actor"]);
                for t in &actor.ties {
                    let (cells, direction) = seen_cells(actor.actor.id, t);
                    table.push_directed(cells, direction, t, details(t, false, None));
                }
            }
            Body::Why { ties, dated, .. } => {
                table.headers = tie_headers(&["relation", "tie"]);
                for t in ties {
                    let mut cells = vec![t.relation.to_string(), link(t)];
                    cells.extend(tie_cells(t));
                    let lines = details(t, true, dated.then(|| dates_in_words(t)));
                    table.push_tie(cells, t, lines);
                }
            }
            Body::Path { paths, .. } => {
                table.headers = tie_headers(&["path", "hop", "from", "relation", "to"]);
                table.grouped = vec!["path", "hop"];
                for (p, path) in paths.iter().enumerate() {
                    for (h, hop) in path.iter().enumerate() {
                        for (i, t) in hop.ties.iter().enumerate() {
                            // A hop's second tie leaves path and hop blank.
                            let lead = |text: String| if i == 0 { text } else { String::new() };
                            let mut cells = vec![
                                lead(if h == 0 {
                                    (p + 1).to_string()
                                } else {
                                    String::new()
                                }),
                                lead((h + 1).to_string()),
                                // The tie as it reads, which on a directed
                                // tie may be against the walk.
                                t.from.name.to_string(),
                                t.relation.to_string(),
                                t.to.name.to_string(),
                            ];
                            cells.extend(tie_cells(t));
                            table.push_tie(cells, t, details(t, false, None));
                        }
                    }
                }
            }
            Body::Verdict { ties, .. } => {
                table.headers = tie_headers(&["relation", "tie"]);
                for t in ties {
                    let mut cells = vec![t.relation.to_string(), link(t)];
                    cells.extend(tie_cells(t));
                    table.push_tie(cells, t, details(t, true, None));
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
                table.headers = vec![
                    "relation",
                    "direction",
                    "ties",
                    "possibly",
                    "asked as",
                    "meaning",
                ];
                for r in relations {
                    table.push(
                        vec![
                            r.name.to_string(),
                            if r.directed { "directed" } else { "symmetric" }.to_string(),
                            r.ties.to_string(),
                            r.possibly.to_string(),
                            r.asked_as.clone(),
                            r.note.unwrap_or_default().to_string(),
                        ],
                        Vec::new(),
                    );
                }
            }
            Body::Sources { sources } => {
                table.headers = vec!["source", "ties", "possibly", "events", "citation"];
                for s in sources {
                    table.push(
                        vec![
                            s.id.to_string(),
                            s.ties.to_string(),
                            s.possibly.to_string(),
                            s.events.to_string(),
                            citation(s),
                        ],
                        Vec::new(),
                    );
                }
            }
            Body::Text { .. } | Body::Check { .. } => return None,
        }
        Some(table)
    }

    /// CSV of the table; answers without one give their text as a single cell.
    /// CSV of the table. The lines text shows under a row (notes, evidence)
    /// become a `details` cell, and `answered_for` says the time the answer
    /// is for and its caveats, on every row, so no caveat is lost in a
    /// spreadsheet.
    pub(crate) fn to_csv(&self, answered_for: &str) -> String {
        let mut writer = csv::Writer::from_writer(Vec::new());
        match self.table() {
            Some(table) => {
                // The text table's unnamed arrow column holds words here.
                let arrow_column = table.headers.iter().position(|h| h.is_empty());
                let mut headers: Vec<&str> = table
                    .headers
                    .iter()
                    .map(|h| if h.is_empty() { "direction" } else { h })
                    .collect();
                // A tie's dates are one column for people, two in CSV.
                let dates_column = headers.iter().position(|h| *h == "dates");
                if let Some(column) = dates_column {
                    headers.splice(column..=column, ["start", "end"]);
                }
                // Tie tables always carry `details`, so their columns do not
                // depend on whether some tie has a note.
                let with_details =
                    dates_column.is_some() || table.details.iter().any(|d| !d.is_empty());
                if with_details {
                    headers.push("details");
                }
                headers.push("answered_for");
                // A yes-or-no answer leads each row, and is a row of its own
                // when no tie decides it.
                let verdict = match self {
                    Body::Verdict { answer, .. } => Some(answer.word()),
                    _ => None,
                };
                if verdict.is_some() {
                    headers.insert(0, "answer");
                }
                let _ = writer.write_record(&headers);
                if let (Some(word), true) = (verdict, table.rows.is_empty()) {
                    let mut row = vec![String::new(); headers.len()];
                    row[0] = word.to_string();
                    *row.last_mut().expect("answered_for") = answered_for.to_string();
                    let _ = writer.write_record(row);
                }
                let grouped: Vec<usize> = table
                    .grouped
                    .iter()
                    .filter_map(|g| table.headers.iter().position(|h| h == g))
                    .collect();
                let mut above: Vec<String> = Vec::new();
                let rows = table
                    .rows
                    .into_iter()
                    .zip(table.directions)
                    .zip(table.details)
                    .zip(table.spans);
                for (((mut row, direction), details), span) in rows {
                    for column in &grouped {
                        if let (Some(cell), Some(value)) = (row.get(*column), above.get(*column)) {
                            if cell.is_empty() {
                                row[*column] = value.clone();
                            }
                        }
                    }
                    above.clone_from(&row);
                    if let Some(column) = dates_column.filter(|c| *c < row.len()) {
                        let (start, end) = span.unwrap_or_default();
                        row.splice(column..=column, [start, end]);
                    }
                    if let (Some(cell), Some(direction)) =
                        (arrow_column.and_then(|c| row.get_mut(c)), direction)
                    {
                        *cell = direction.word().to_string();
                    }
                    if with_details {
                        row.push(details.join("\n"));
                    }
                    row.push(answered_for.to_string());
                    if let Some(word) = verdict {
                        row.insert(0, word.to_string());
                    }
                    let row = row.into_iter().map(crate::spreadsheet::guard_formula);
                    let _ = writer.write_record(row);
                }
            }
            None => {
                let _ = writer.write_record([self.to_text(false, None).trim_end()]);
            }
        }
        String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
    }
}

/// A table: headers, rows, and for each row the lines shown under it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    /// The column names.
    pub headers: Vec<&'static str>,
    /// One row per result, a cell per header.
    pub rows: Vec<Vec<String>>,
    /// Lines under each row in text (notes, evidence); one cell in CSV.
    pub details: Vec<Vec<String>>,
    /// Each row's direction, for the arrow column (`None` without one).
    pub directions: Vec<Option<Direction>>,
    /// Each tie row's start and end as written (empty when unknown or
    /// ongoing), for CSV's `start` and `end` columns.
    pub spans: Vec<Option<(String, String)>>,
    /// Columns left blank in text where a row repeats the one above (an
    /// actor's second tie, a hop's second tie); CSV fills them in, so every
    /// row stands on its own in a spreadsheet.
    pub grouped: Vec<&'static str>,
}

impl Table {
    pub(crate) fn push(&mut self, cells: Vec<String>, details: Vec<String>) {
        self.rows.push(cells);
        self.details.push(details);
        self.directions.push(None);
        self.spans.push(None);
    }

    /// A row showing `tie`, whose dates CSV gives as `start` and `end`.
    fn push_tie(&mut self, cells: Vec<String>, tie: &TieOut, details: Vec<String>) {
        self.push(cells, details);
        let written = |date: Option<PartialDate>| date.map(|d| d.to_string()).unwrap_or_default();
        *self.spans.last_mut().expect("just pushed") =
            Some((written(tie.start), written(tie.last_end())));
    }

    /// A row showing `tie` from one end, with the arrow of `direction`.
    fn push_directed(
        &mut self,
        cells: Vec<String>,
        direction: Direction,
        tie: &TieOut,
        details: Vec<String>,
    ) {
        self.push_tie(cells, tie, details);
        *self.directions.last_mut().expect("just pushed") = Some(direction);
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

pub(crate) fn citation(source: &SourceRow) -> String {
    match source.url {
        Some(url) => format!("{} <{url}>", source.citation),
        None => source.citation.to_string(),
    }
}

fn arrow(tie: &TieOut) -> &'static str {
    if tie.directed {
        "→"
    } else {
        "—"
    }
}

/// `began on or before 2022-11; ended 2022-11`, for `when did …`.
fn dates_in_words(tie: &TieOut) -> String {
    let began = match tie.start {
        Some(start) => format!("began {}", start.in_words()),
        None => "began: no date recorded".to_string(),
    };
    let ended = match (tie.end, tie.ended_with) {
        (Some(end), _) => format!("ended {}", end.in_words()),
        // A tie cannot outlive its actors.
        (None, Some(with)) => format!(
            "no end recorded, but {} was active only until {}, so it ended by then",
            with.actor.name,
            with.end.in_words()
        ),
        (None, None) => "no end recorded".to_string(),
    };
    // The dates are the sources' and only as sure as they are.
    let rated = match tie.confidence {
        Confidence::Confirmed => String::new(),
        level => format!("; rated {}, not confirmed", level.as_str()),
    };
    format!("{began}; {ended}{rated}")
}

/// Levels of a hierarchy shown by indentation; deeper rows say their depth.
const DEEPEST_INDENT: usize = 8;

/// An actor's name indented two spaces for each level below the first, up
/// to [`DEEPEST_INDENT`] levels; a deeper row keeps that indent and shows
/// its depth, `(12) name`, so a deep chain's rows do not grow with it.
fn nested_name(depth: Option<usize>, name: &str) -> String {
    let level = depth.unwrap_or(1).saturating_sub(1);
    let indent = "  ".repeat(level.min(DEEPEST_INDENT));
    if level > DEEPEST_INDENT {
        format!("{indent}({}) {name}", level + 1)
    } else {
        format!("{indent}{name}")
    }
}

#[cfg(test)]
mod tests {
    use super::nested_name;
    use crate::answer::Format;
    use crate::session::Session;
    use crate::statement::execute;

    /// Issue 14, item 9: CSV answers reached a terminal with the data's
    /// escape sequences intact; on a pipe they stay exact.
    #[test]
    fn csv_on_a_terminal_carries_no_escapes_and_on_a_pipe_is_exact() {
        let text = "(\n    title: \"t\",\n    sources: [(id: \"s\", citation: \"c\")],\n    actors: [\n        (id: \"a\", name: \"A\\u{1b}]0;pwned\\u{7}\", kind: group),\n        (id: \"b\", name: \"B\", kind: group),\n    ],\n    ties: [(from: \"a\", to: \"b\", relation: \"alliance\", confidence: likely, sources: [\"s\"])],\n)";
        let graph = crate::store::ron::parse(text, "t.ron").unwrap();
        let session = Session::new(graph, "t.ron".into(), None);
        let output = execute(&session, "ties of B").unwrap();
        let terminal = output.render(Format::Csv, false, Some(80));
        assert!(
            terminal.contains("pwned") && !terminal.contains('\u{1b}'),
            "{terminal}"
        );
        let pipe = output.render(Format::Csv, false, None);
        assert!(pipe.contains("\u{1b}]0;pwned\u{7}"), "{pipe}");
    }

    #[test]
    fn deep_rows_stop_indenting_and_say_their_depth() {
        assert_eq!(nested_name(None, "JNIM"), "JNIM");
        assert_eq!(nested_name(Some(1), "JNIM"), "JNIM");
        assert_eq!(nested_name(Some(3), "MLF"), "    MLF");
        assert_eq!(nested_name(Some(9), "C9"), format!("{}C9", " ".repeat(16)));
        assert_eq!(
            nested_name(Some(10), "C10"),
            format!("{}(10) C10", " ".repeat(16))
        );
        assert_eq!(
            nested_name(Some(30_000), "C"),
            format!("{}(30000) C", " ".repeat(16))
        );
    }
}
