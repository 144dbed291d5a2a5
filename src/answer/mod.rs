//! Answers to queries, independent of the graph they came from, and their
//! renderings: a readable table ([`Answer::to_text`]), JSON for scripts
//! ([`Answer::to_json`]), CSV for spreadsheets ([`Answer::to_csv`]).

mod layout;
mod lines;
mod paint;
mod results;
mod rows;
mod table;
mod text;
mod verdict;

pub use layout::render_table;
pub use rows::*;
pub use table::Table;
pub use text::{printable, wrap_indented};
pub use verdict::Verdict;

use std::borrow::Cow;

use serde::Serialize;

use crate::model::{Certainty, Confidence, PartialDate};

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
    /// JSON Lines: one object per result, for streaming ([`Answer::to_json_lines`]).
    JsonLines,
}

/// What a statement produced: an answer, or text to print as it is (DOT
/// written to standard output).
#[derive(Clone, Debug, PartialEq)]
pub enum Output<'g> {
    /// A query's answer, to render in any [`Format`].
    Answer(Answer<'g>),
    /// Text to print unchanged, such as JSON written to standard output.
    Verbatim(String),
    /// A diagram's DOT, made as it is written ([`Output::write_to`]), so a
    /// large one is never held whole in memory; with the export's caveats,
    /// which the caller shows apart from the DOT ([`Output::notes`]).
    Diagram(
        &'g crate::model::Graph,
        crate::diagram::DiagramSpec,
        Vec<String>,
    ),
    /// A single-file export of the selected ties and actors, made as it is
    /// written where its format allows (JSON, GraphML, GEXF).
    Export(
        &'g crate::model::Graph,
        Selected,
        crate::model::ExportFormat,
    ),
}

/// The ties and actors an export selected.
#[derive(Clone, Debug, PartialEq)]
pub struct Selected {
    /// The ties, each with its ends.
    pub ties: Vec<crate::model::TieId>,
    /// Actors chosen besides the ends of the ties.
    pub actors: Vec<crate::model::ActorId>,
}

impl Output<'_> {
    /// The output as `format`; text fits `width`, a terminal's, or keeps
    /// its rows whole for a pipe (`None`). `color` paints text with ANSI
    /// escapes.
    pub fn render(&self, format: Format, color: bool, width: Option<usize>) -> Cow<'_, str> {
        Cow::Owned(match self {
            // A DOT or JSON export printed whole: borrowed, not copied.
            Output::Verbatim(text) => return Cow::Borrowed(text),
            Output::Diagram(graph, spec, _) => crate::diagram::to_dot(graph, spec),
            Output::Export(graph, selected, export) => {
                crate::interchange::export::render(graph, &selected.ties, &selected.actors, *export)
                    .into_iter()
                    .map(|(_, text)| text)
                    .collect()
            }
            Output::Answer(answer) => match format {
                Format::Text => answer.to_text_width(color, width),
                Format::Json => format!("{}\n", answer.to_json()),
                // CSV quotes cells but leaves their bytes alone; a terminal
                // (a width is known) must not receive the data's escapes.
                Format::Csv if width.is_some() => {
                    crate::safe_text::printable(&answer.to_csv(), true)
                }
                Format::Csv => answer.to_csv(),
                Format::JsonLines => answer.to_json_lines(),
            },
        })
    }

    /// Writes the output as `format` to `out`; a diagram is written as it
    /// is made, the rest as [`Output::render`] gives it.
    pub fn write_to(
        &self,
        out: &mut dyn std::io::Write,
        format: Format,
        color: bool,
        width: Option<usize>,
    ) -> std::io::Result<()> {
        match self {
            Output::Diagram(graph, spec, _) => crate::diagram::write_dot(graph, spec, out),
            Output::Export(graph, selected, export) => crate::interchange::export::write(
                graph,
                &selected.ties,
                &selected.actors,
                *export,
                out,
            ),
            _ => out.write_all(self.render(format, color, width).as_bytes()),
        }
    }

    /// The caveats of a diagram written as DOT to standard output, which
    /// cannot go into the DOT: the caller writes them apart (to standard
    /// error). Other outputs carry theirs in their text.
    pub fn notes(&self) -> &[String] {
        match self {
            Output::Diagram(_, _, notes) => notes,
            _ => &[],
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

/// Width notes wrap to when there is no terminal (on a pipe, rows are
/// never wrapped; only notes are, at this width).
pub const DEFAULT_WIDTH: usize = 100;

/// The answer to one query, borrowing from the graph it came from: what
/// was found, the time it was answered for, and the caveats a reader needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Answer<'g> {
    /// What was found.
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
    /// As of the graph's date: no time was given, so each tie shows whether it is active now.
    Now,
    /// In the window the question named.
    InWindow,
}

/// One hop of a path: two actors and every tie between them that the
/// question's filters keep, each read from `from` to `to`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Hop<'g> {
    /// The actor nearer the start.
    pub from: ActorOut<'g>,
    /// The actor nearer the end.
    pub to: ActorOut<'g>,
    /// The ties joining them.
    pub ties: Vec<TieOut<'g>>,
}

/// What an answer found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Body<'g> {
    /// A list of actors: `who ...`, `subgroups of`, `parents of`, `actors`.
    Actors {
        /// One row per actor, with the ties that put it there.
        actors: Vec<ActorRow<'g>>,
    },
    /// The ties of one actor: `ties of`.
    Ties {
        /// The actor whose ties these are.
        focus: ActorOut<'g>,
        /// Its ties that the filters keep.
        ties: Vec<TieOut<'g>>,
    },
    /// One actor's card: `show`.
    Card {
        /// The card.
        actor: Card<'g>,
        /// Whether the card's ties were judged now or in the asked window.
        judged: Judged,
    },
    /// The shortest connections between two actors: `path from`, `how is
    /// A connected to B`.
    Path {
        /// Where the paths start.
        from: ActorOut<'g>,
        /// Where the paths end.
        to: ActorOut<'g>,
        /// Each path of the fewest hops, as its hops in order; empty when
        /// none joins them, one path of no hops when they are the same actor.
        paths: Vec<Vec<Hop<'g>>>,
        /// True when more paths of the same length exist than are shown.
        more: bool,
    },
    /// Whether a tie of one relation joins two actors: `is A allied with B`.
    Verdict {
        /// The subject.
        a: ActorOut<'g>,
        /// The relation as the question phrased it: `allied with`.
        phrase: String,
        /// The question as a statement: `Wagner Group fighting JNIM`.
        sentence: String,
        /// The object.
        b: ActorOut<'g>,
        /// Yes, likely, possibly or no, in the asked time: never surer than
        /// the ties' dates and their sources' confidence allow.
        answer: Verdict,
        /// Why a "likely" or "possibly" is no "yes": the dates leave it
        /// open, or the sources rate the tie below confirmed.
        #[serde(skip_serializing_if = "Option::is_none")]
        because: Option<String>,
        /// True when no tie reads the way the question put it and the ties
        /// shown run the other way.
        other_way: bool,
        /// The other relations that may tie the two in the asked time (and
        /// the asked one, marked, where it runs the other way), so a "no" is
        /// not read as "no ties at all".
        others: Vec<String>,
        /// The ties of that relation between the two, whatever their time:
        /// those that decide the answer.
        ties: Vec<TieOut<'g>>,
    },
    /// An actor's neighbourhood: `neighbors of`.
    Network {
        /// The actor at the centre.
        focus: ActorOut<'g>,
        /// Every actor reached, the focus included, nearest first.
        actors: Vec<ActorRow<'g>>,
        /// The ties among them that were followed.
        ties: Vec<TieOut<'g>>,
    },
    /// Dated events, in order: `timeline` and `changes`.
    Events {
        /// The events, earliest first.
        events: Vec<Event<'g>>,
    },
    /// Counts of actors and active ties: `stats`.
    Stats {
        /// Actors that may exist in the window, and how many only possibly.
        actors: usize,
        /// How many of those actors only possibly existed in the window.
        actors_possibly: usize,
        /// Active ties, per relation.
        ties: Vec<RelationCount<'g>>,
    },
    /// The relations the graph knows and their use: `relations`.
    Relations {
        /// One row per relation.
        relations: Vec<RelationRow<'g>>,
    },
    /// Sources and their use: `sources`, `sources of`.
    Sources {
        /// One row per source.
        sources: Vec<SourceRow<'g>>,
    },
    /// Every tie between two actors, with its full citations.
    Why {
        /// The first actor named.
        a: ActorOut<'g>,
        /// The second actor named.
        b: ActorOut<'g>,
        /// Whether the ties were judged now or in the asked window.
        judged: Judged,
        /// Every tie between the two.
        ties: Vec<TieOut<'g>>,
        /// The sources those ties cite.
        sources: Vec<SourceRow<'g>>,
        /// True for `when did …`: each tie's dates are also read aloud.
        dated: bool,
        /// True when no tie reads the way the question put it and these
        /// run the other way (`when did JNIM join Ansar al Din`).
        other_way: bool,
    },
    /// Plain text, such as `help`.
    Text {
        /// The text, ready to print.
        text: String,
    },
    /// The outcome of an `expect` line in a script.
    Check {
        /// True when the expectation held.
        passed: bool,
        /// What the answer held; on failure, what was expected and what came instead.
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

    /// True when the answer holds no results.
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

    /// The answer as pretty-printed JSON.
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
