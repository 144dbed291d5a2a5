//! Answers to queries, independent of the graph they came from, and their
//! renderings: a readable table ([`text`]), JSON for scripts, CSV for
//! spreadsheets ([`table`]).

mod table;
mod text;

pub use table::Table;
pub use text::{printable, render_table, wrap_indented};

use serde::Serialize;

use crate::model::{ActorKind, Certainty, Confidence, PartialDate, Period};

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

    /// The tie seen from `actor`: its direction and the other end.
    pub fn seen_from(&self, actor: &str) -> (Direction, ActorOut<'g>) {
        let outgoing = self.from.id == actor;
        let other = if outgoing { self.to } else { self.from };
        let direction = match (self.directed, outgoing) {
            (false, _) => Direction::Both,
            (true, true) => Direction::Out,
            (true, false) => Direction::In,
        };
        (direction, other)
    }
}

/// Which way a tie runs, seen from one of its actors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// From the actor (it pledges, leads, is a subgroup).
    Out,
    /// To the actor.
    In,
    /// A symmetric relation.
    Both,
}

impl Direction {
    /// The arrow text tables show.
    pub fn glyph(self) -> &'static str {
        match self {
            Direction::Out => "→",
            Direction::In => "←",
            Direction::Both => "—",
        }
    }

    /// The word CSV answers write.
    pub fn word(self) -> &'static str {
        match self {
            Direction::Out => "out",
            Direction::In => "in",
            Direction::Both => "both",
        }
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
    /// Ties the filters keep, and how many of them only possibly.
    pub ties: usize,
    pub possibly: usize,
    pub note: Option<&'g str>,
}

/// A source with its use.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SourceRow<'g> {
    pub id: &'g str,
    pub citation: &'g str,
    pub url: Option<&'g str>,
    /// Ties citing it, how many of them only possibly, and one-off events.
    pub ties: usize,
    pub possibly: usize,
    pub events: usize,
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

/// Against what a record's ties were judged: the graph's date (a record
/// across all time shows whether each tie is active now), or the window a
/// question named.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Judged {
    Now,
    InWindow,
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
        judged: Judged,
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
        /// Actors that may exist in the window, and how many only possibly.
        actors: usize,
        actors_possibly: usize,
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
        judged: Judged,
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

    /// How many results hold only possibly.
    pub fn possibly(&self) -> usize {
        self.body.possibly()
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
        let mut answered_for: Vec<&str> = self.time.iter().map(String::as_str).collect();
        answered_for.extend(self.notes.iter().map(String::as_str));
        self.body.to_csv(&answered_for.join("; "))
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
            Body::Card { actor, .. } => {
                actor.ties.iter().filter(|t| possible(&t.certainty)).count()
            }
            Body::Why { ties, .. } => ties.iter().filter(|t| possible(&t.certainty)).count(),
            _ => 0,
        }
    }

    /// The ids of the actors the answer holds only possibly.
    pub fn possible_actor_ids(&self) -> Vec<&'g str> {
        let possible = |c: Certainty| c == Certainty::Possibly;
        match self {
            Body::Actors { actors } | Body::Network { actors, .. } => actors
                .iter()
                .filter(|a| possible(a.certainty))
                .map(|a| a.actor.id)
                .collect(),
            Body::Ties { focus, ties } => ties
                .iter()
                .filter(|t| possible(t.certainty))
                .map(|t| t.seen_from(focus.id).1.id)
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The ids of the actors the answer names as results.
    pub fn actor_ids(&self) -> Vec<&'g str> {
        match self {
            Body::Actors { actors } | Body::Network { actors, .. } => {
                actors.iter().map(|a| a.actor.id).collect()
            }
            Body::Ties { focus, ties } => ties.iter().map(|t| t.seen_from(focus.id).1.id).collect(),
            Body::Card { actor, .. } => vec![actor.actor.id],
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
    pub(crate) fn is_record(&self) -> bool {
        matches!(
            self,
            Body::Card {
                judged: Judged::Now,
                ..
            } | Body::Why {
                judged: Judged::Now,
                ..
            }
        )
    }
}
