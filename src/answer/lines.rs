//! JSON Lines answers (`-f jsonl`): one JSON object a line, one line per
//! result, so that another tool can read the answer as it streams.
//!
//! Each line holds the keys of the row as the JSON answer gives it, after
//! a `row` key naming what it is: `actor` (an actor list's or a network's
//! actors), `tie` (the ties of `ties of`, `why`, a path's hops with their
//! `path` and `hop`, a network's ties), `card`, `verdict` (a yes-or-no
//! answer, one line with its ties), `event`, `relation`, `source`, `stats`,
//! `text` or `check`.
//! The time the answer is for and its caveats travel on every line, as
//! `time` and `notes`, so no line is read without them. An answer with no
//! results writes no line.

use serde::Serialize;

use super::*;

/// One line: what the row is, the row's own keys, and the answer's time
/// and caveats.
#[derive(Serialize)]
struct Line<'a, T: Serialize> {
    row: &'static str,
    #[serde(flatten)]
    fields: T,
    #[serde(skip_serializing_if = "Option::is_none")]
    time: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    notes: &'a [String],
}

/// The card of `show`, with how its ties were judged.
#[derive(Serialize)]
struct CardRow<'a, 'g> {
    #[serde(flatten)]
    card: &'a Card<'g>,
    judged: Judged,
}

/// The counts of `stats`, in one line.
#[derive(Serialize)]
struct StatsRow<'a, 'g> {
    actors: usize,
    actors_possibly: usize,
    ties: &'a [RelationCount<'g>],
}

/// A tie on a path, with the path and hop it is on (from 1).
#[derive(Serialize)]
struct PathTieRow<'a, 'g> {
    path: usize,
    hop: usize,
    #[serde(flatten)]
    tie: &'a TieOut<'g>,
}

/// The answer to a yes-or-no question, in one line with its ties.
#[derive(Serialize)]
struct VerdictRow<'a, 'g> {
    a: &'a ActorOut<'g>,
    phrase: &'a str,
    sentence: &'a str,
    b: &'a ActorOut<'g>,
    answer: Verdict,
    #[serde(skip_serializing_if = "Option::is_none")]
    because: &'a Option<String>,
    others: &'a [String],
    ties: &'a [TieOut<'g>],
}

/// Text (`help`) in one line.
#[derive(Serialize)]
struct TextRow<'a> {
    text: &'a str,
}

/// An expectation's outcome in one line.
#[derive(Serialize)]
struct CheckRow<'a> {
    passed: bool,
    message: &'a str,
}

impl Answer<'_> {
    /// The answer as JSON Lines: one object per result, each ending in a
    /// newline.
    pub fn to_json_lines(&self) -> String {
        let mut lines = Lines {
            out: String::new(),
            time: self.time.as_deref(),
            notes: &self.notes,
        };
        match &self.body {
            Body::Actors { actors } => actors.iter().for_each(|a| lines.push("actor", a)),
            Body::Ties { ties, .. } => ties.iter().for_each(|t| lines.push("tie", t)),
            Body::Card { actor, judged } => lines.push(
                "card",
                &CardRow {
                    card: actor,
                    judged: *judged,
                },
            ),
            Body::Path { paths, .. } => {
                for (p, path) in paths.iter().enumerate() {
                    for (h, hop) in path.iter().enumerate() {
                        for tie in &hop.ties {
                            let row = PathTieRow {
                                path: p + 1,
                                hop: h + 1,
                                tie,
                            };
                            lines.push("tie", &row);
                        }
                    }
                }
            }
            Body::Verdict {
                a,
                phrase,
                sentence,
                b,
                answer,
                because,
                others,
                ties,
                ..
            } => lines.push(
                "verdict",
                &VerdictRow {
                    a,
                    phrase,
                    sentence,
                    b,
                    answer: *answer,
                    because,
                    others,
                    ties,
                },
            ),
            Body::Network { actors, ties, .. } => {
                actors.iter().for_each(|a| lines.push("actor", a));
                ties.iter().for_each(|t| lines.push("tie", t));
            }
            Body::Events { events } => events.iter().for_each(|e| lines.push("event", e)),
            Body::Stats {
                actors,
                actors_possibly,
                ties,
            } => lines.push(
                "stats",
                &StatsRow {
                    actors: *actors,
                    actors_possibly: *actors_possibly,
                    ties,
                },
            ),
            Body::Relations { relations } => {
                relations.iter().for_each(|r| lines.push("relation", r))
            }
            Body::Sources { sources } => sources.iter().for_each(|s| lines.push("source", s)),
            Body::Why { ties, sources, .. } => {
                ties.iter().for_each(|t| lines.push("tie", t));
                sources.iter().for_each(|s| lines.push("source", s));
            }
            Body::Text { text } => lines.push("text", &TextRow { text }),
            Body::Check { passed, message } => lines.push(
                "check",
                &CheckRow {
                    passed: *passed,
                    message,
                },
            ),
        }
        lines.out
    }
}

/// The lines written so far, and what every line carries.
struct Lines<'a> {
    out: String,
    time: Option<&'a str>,
    notes: &'a [String],
}

impl Lines<'_> {
    /// Adds the line of one row.
    fn push<T: Serialize>(&mut self, row: &'static str, fields: &T) {
        let line = Line {
            row,
            fields,
            time: self.time,
            notes: self.notes,
        };
        let json = serde_json::to_string(&line).expect("rows hold only strings, numbers and lists");
        self.out.push_str(&json);
        self.out.push('\n');
    }
}
