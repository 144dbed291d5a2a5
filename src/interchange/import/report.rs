//! What the caller asks of an import and what it gets back: the options,
//! the report of what was done, the rows rejected and the errors that stop
//! an import.

use std::fmt;

use crate::diagnostic::{Diagnostic, LineIndex};
use std::path::Path;

use crate::interchange::mapping::Mapping;
use crate::model::PartialDate;

/// How to import.
#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    /// How the tables' columns read.
    pub mapping: Mapping,
    /// Any rejected row makes the import fail, changing nothing.
    pub strict: bool,
    /// A tie with no end ends just before a later tie between the same pair
    /// begins whose relation supersedes it (the mapping's `supersede`, or
    /// [`crate::interchange::mapping::DEFAULT_SUPERSESSION`]).
    pub close_on_next_relation: bool,
    /// Incoming actors the import cannot place alone go to the report's
    /// `review` list (for a review file) rather than being rejected.
    pub review: bool,
    /// The analyst's decisions from a review file, by incoming id.
    pub decisions: super::review::Decisions,
}

/// A row that was not imported, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejection {
    /// The file (or other origin) it came from.
    pub origin: String,
    /// 1-based line of the row.
    pub line: u64,
    /// Why, for people.
    pub reason: String,
}

impl Rejection {
    /// The rejection as a diagnostic: the reason, placed at its row, with
    /// the row under a caret when `file` (the whole file it came from, and
    /// its line index) is given.
    pub fn diagnostic(&self, file: Option<(&str, &LineIndex)>) -> Diagnostic {
        let diagnostic = Diagnostic::new(format!("rejected: {}", self.reason)).origin(&self.origin);
        let line = usize::try_from(self.line).unwrap_or(usize::MAX);
        match file {
            Some((text, index)) => {
                let width = index
                    .line(text, line)
                    .map_or(1, |row| row.chars().count().max(1));
                diagnostic.at_indexed_line(text, index, line, 1, width)
            }
            None => diagnostic.at_line_column("", line, 1, 1),
        }
    }
}

/// How many rejections [`rejection_diagnostics`] shows with their row; the
/// rest are placed by line alone, so a huge import reports quickly.
pub const ROWS_SHOWN: usize = 20;

/// Rejections as diagnostics, the first [`ROWS_SHOWN`] with their row, each
/// file read and indexed once; a file that cannot be read again, or is
/// larger than `max_bytes`, is placed by line without its row.
pub fn rejection_diagnostics(rejections: &[Rejection], max_bytes: u64) -> Vec<Diagnostic> {
    let mut files: std::collections::HashMap<&str, Option<(String, LineIndex)>> =
        Default::default();
    rejections
        .iter()
        .enumerate()
        .map(|(i, rejection)| {
            if i >= ROWS_SHOWN {
                return rejection.diagnostic(None);
            }
            let file = files.entry(rejection.origin.as_str()).or_insert_with(|| {
                let path = std::path::Path::new(&rejection.origin);
                let small = std::fs::metadata(path).is_ok_and(|m| m.len() <= max_bytes);
                let text = small
                    .then(|| std::fs::read_to_string(path).ok())
                    .flatten()?;
                let index = LineIndex::new(&text);
                Some((text, index))
            });
            rejection.diagnostic(file.as_ref().map(|(text, index)| (text.as_str(), index)))
        })
        .collect()
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.origin, self.line, self.reason)
    }
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Actors read from the actors table.
    pub actors_added: usize,
    /// Actors created because a tie named them and no table did.
    pub actors_created: usize,
    /// Incoming actors (rows or tie cells) found to be actors the graph had.
    pub actors_matched: usize,
    /// Ties of actors associated with an event's ends (ACLED's
    /// `assoc_actor_1/2`), new to the graph; no rows of their own.
    pub associate_ties: usize,
    /// Rejections of such ties (in `rejections`, but no rows of their own).
    pub associate_rejections: usize,
    /// Ties new to the graph.
    pub ties_added: usize,
    /// Rows that repeated an actor or tie already read, merged into it.
    pub rows_merged: usize,
    /// Event rows folded into a tie of the same pair (fold mode).
    pub events_folded: usize,
    /// Rows the mapping says to skip (e.g. ACLED protests), with their count.
    pub rows_skipped: usize,
    /// Ties given an end by the close-on-next-relation rule.
    pub ties_closed: usize,
    /// Relations declared by a relations table.
    pub relations_declared: usize,
    /// Sources added by a sources table.
    pub sources_added: usize,
    /// One-off events added from `events.csv`.
    pub events_added: usize,
    /// The title a graph table gives; [`super::import`] titles the graph with it.
    pub title: Option<String>,
    /// The as-of date a graph table gives; [`super::import`] sets it on the graph.
    pub as_of: Option<PartialDate>,
    /// The companion tables read (graph, relations, sources), as their origins.
    pub companions: Vec<String>,
    /// Every row not imported, in the order read.
    pub rejections: Vec<Rejection>,
    /// Rows read from every table, malformed ones included: each is
    /// imported, merged, skipped or rejected (see [`ImportReport::rows`]).
    pub rows_read: usize,
    /// The graph table's rows that set its title and date.
    pub graph_rows: usize,
    /// True when the graph had actors before the import: incoming actors
    /// were matched against them.
    pub into_existing: bool,
    /// Incoming actors found to be actors the graph had (or an earlier row
    /// made), each with where and as whom, for people.
    pub merges: Vec<String>,
    /// Incoming actors left for the analyst's decision.
    pub review: Vec<super::review::ReviewItem>,
    /// Names repaired (Windows-1252 control characters or mojibake): as
    /// written, with control characters made visible, and as repaired.
    pub repaired: Vec<(String, String)>,
}

/// Every row read, by what became of it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RowCounts {
    /// Rows that added an actor, tie, relation, source, event or the graph's title.
    pub imported: usize,
    /// Rows that repeated (or folded into, or named again) what was there.
    pub merged: usize,
    /// Rows the mapping skips, or whose actor awaits review or was skipped by it.
    pub skipped: usize,
    /// Rows rejected, each with its reason.
    pub rejected: usize,
}

impl RowCounts {
    /// All four together: the rows read, when nothing went uncounted.
    pub fn total(&self) -> usize {
        self.imported + self.merged + self.skipped + self.rejected
    }
}

impl ImportReport {
    /// Whether the import changed the graph at all (a REPL session then has
    /// something to save).
    pub fn changed_graph(&self) -> bool {
        self.actors_added
            + self.actors_created
            + self.ties_added
            + self.rows_merged
            + self.events_folded
            + self.ties_closed
            + self.relations_declared
            + self.sources_added
            + self.events_added
            > 0
            || self.title.is_some()
            || self.as_of.is_some()
            || !self.merges.is_empty()
    }

    /// What became of the rows read.
    pub fn rows(&self) -> RowCounts {
        RowCounts {
            imported: self.actors_added
                + self.ties_added
                + self.relations_declared
                + self.sources_added
                + self.events_added
                + self.graph_rows,
            merged: self.rows_merged + self.events_folded,
            skipped: self.rows_skipped,
            rejected: self.rejections.len() - self.associate_rejections,
        }
    }

    /// One line for people: "12 actors, 40 ties imported; 3 rows merged; 1 row rejected".
    pub fn summary(&self) -> String {
        let mut parts = vec![format!(
            "{} actors ({} from ties), {} ties imported",
            self.actors_added + self.actors_created,
            self.actors_created,
            self.ties_added
        )];
        let mut add = |count: usize, what: &str| {
            if count > 0 {
                parts.push(format!("{count} {what}"));
            }
        };
        add(self.associate_ties, "ties of associated actors");
        add(self.rows_merged, "rows merged");
        add(self.events_folded, "events folded into ties");
        add(self.rows_skipped, "rows skipped");
        add(self.ties_closed, "ties closed by a later relation");
        add(self.relations_declared, "relations declared");
        add(self.sources_added, "sources added");
        add(self.events_added, "events added");
        add(self.rejections.len(), "rows rejected");
        add(self.repaired.len(), "names repaired (Windows-1252)");
        if self.into_existing {
            parts.push(format!(
                "{} matched existing actors, {} new, {} for review",
                self.actors_matched,
                self.actors_added + self.actors_created,
                self.review.len()
            ));
        }
        if !self.companions.is_empty() {
            let names: Vec<&str> = self
                .companions
                .iter()
                .map(|origin| {
                    Path::new(origin)
                        .file_name()
                        .and_then(|n| n.to_str())
                        .unwrap_or(origin)
                })
                .collect();
            parts.push(format!("read {}", names.join(", ")));
        }
        let rows = self.rows();
        parts.push(format!(
            "{} rows read: {} imported, {} merged, {} skipped, {} rejected",
            self.rows_read, rows.imported, rows.merged, rows.skipped, rows.rejected
        ));
        parts.join("; ")
    }
}

/// Why an import stopped.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// A file could not be read.
    #[error("cannot read `{origin}`: {error}")]
    Io {
        /// The file, as it was named.
        origin: String,
        /// Why reading failed.
        error: std::io::Error,
    },
    /// A file is not valid CSV.
    #[error("{origin}:{line}: {message}")]
    Csv {
        /// The file, as it was named.
        origin: String,
        /// The line the fault is on.
        line: u64,
        /// What is wrong there.
        message: String,
    },
    /// A column the mapping names is not in the file's header.
    #[error("`{origin}` has no column `{column}` (its columns: {found})")]
    MissingColumn {
        /// The file, as it was named.
        origin: String,
        /// The column the mapping asked for.
        column: String,
        /// The columns the header does have, comma-separated.
        found: String,
    },
    /// Rows were rejected under `--strict`, so nothing was imported; these are the rejections.
    #[error("{} rows rejected and --strict is on; nothing was imported", .0.len())]
    Strict(Vec<Rejection>),
}
