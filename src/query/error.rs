//! Query errors: what went wrong and the byte span of the word it is about.

use crate::diagnostic::Diagnostic;
use crate::model::names::or_list;

/// What went wrong in a query.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum QueryErrorKind {
    /// A `"` with no closing one.
    #[error("this quote is never closed")]
    UnclosedQuote,
    /// The grammar wanted something else here.
    #[error("expected {expected}, found {}", found.as_deref().map_or("the end of the query".to_string(), |f| format!("`{f}`")))]
    Expected {
        /// What would have fitted, in words.
        expected: String,
        /// The word found instead; `None` at the end of the query.
        found: Option<String>,
    },
    /// A name that matches no actor.
    #[error("no actor is called `{name}`")]
    UnknownActor {
        /// The name as written.
        name: String,
        /// The nearest actors' names, best first.
        suggestions: Vec<String>,
    },
    /// A relation the graph does not have.
    #[error("no relation is called `{name}`")]
    UnknownRelation {
        /// The relation as written.
        name: String,
        /// Every relation the graph has.
        known: Vec<String>,
    },
    /// A date that cannot be read; `reason` is the whole sentence, naming the text.
    #[error("{reason}")]
    BadDate {
        /// The date as written.
        text: String,
        /// Why it is not a date.
        reason: String,
    },
    /// A filter the statement does not take: the filter, then the statement's verb.
    #[error("`{0}` cannot be used with `{1}`")]
    NotApplicable(String, String),
    /// A filter given twice.
    #[error("`{0}` is given twice")]
    Repeated(String),
    /// A span whose end comes before its start.
    #[error("the end date comes before the start date")]
    ReversedRange,
    /// Anything else, said in full.
    #[error("{0}")]
    Invalid(String),
}

/// A query error with the byte span it points at.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{kind}")]
pub struct QueryError {
    /// What went wrong.
    pub kind: QueryErrorKind,
    /// The byte span in the query it is about.
    pub start: usize,
    /// The end of that span (exclusive).
    pub end: usize,
    /// A hint beyond what the kind says.
    pub help: Option<String>,
}

impl QueryError {
    /// An error of `kind` over the bytes `start..end` of the query.
    pub fn new(kind: QueryErrorKind, start: usize, end: usize) -> Self {
        QueryError {
            kind,
            start,
            end,
            help: None,
        }
    }

    /// Adds a hint.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The hint shown under the caret.
    pub fn hint(&self) -> Option<String> {
        let from_kind = match &self.kind {
            QueryErrorKind::UnknownActor { suggestions, .. } if !suggestions.is_empty() => {
                Some(format!("did you mean {}?", or_list(suggestions)))
            }
            QueryErrorKind::UnknownActor { .. } => {
                Some("`actors` lists every actor; quote names with spaces: \"Wagner Group\"".into())
            }
            QueryErrorKind::UnknownRelation { name, known } => {
                // Fewest edits first (`allience` is one from alliance, two
                // from allegiance), then the closer by Jaro–Winkler.
                let wanted = name.to_lowercase();
                let nearest = known
                    .iter()
                    .map(|k| {
                        let edits = strsim::damerau_levenshtein(&wanted, k);
                        (edits, strsim::jaro_winkler(&wanted, k), k)
                    })
                    .filter(|(edits, score, _)| *edits <= 2 || *score >= 0.8)
                    .min_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
                Some(match nearest {
                    Some((_, _, best)) => {
                        format!("did you mean {best}? relations are {}", known.join(", "))
                    }
                    None => format!("relations are {}", known.join(", ")),
                })
            }
            _ => None,
        };
        match (&self.help, from_kind) {
            (Some(help), Some(more)) => Some(format!("{more} {help}")),
            (Some(help), None) => Some(help.clone()),
            (None, more) => more,
        }
    }

    /// The same error in a longer text where the query begins at byte
    /// `offset` (a script line): spans stay in bytes until they are shown.
    pub fn shifted(mut self, offset: usize) -> Self {
        self.start += offset;
        self.end += offset;
        self
    }

    /// A diagnostic pointing into `query`, the text this error came from
    /// (a whole script, for a shifted error); `origin` names the file. Lines
    /// and columns are counted here, once.
    pub fn diagnostic(&self, query: &str, origin: Option<&str>) -> Diagnostic {
        let mut diagnostic = Diagnostic::new(self.kind.to_string())
            .at_span(query, self.start, self.end.max(self.start + 1))
            .help(self.hint());
        if let Some(origin) = origin {
            diagnostic = diagnostic.origin(origin);
        }
        diagnostic
    }
}
