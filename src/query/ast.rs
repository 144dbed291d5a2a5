//! The parsed form of a query: what is asked, of whom, and under which filters.

use crate::model::{ActorKind, Confidence, ExportFormat, PartialDate};

/// A byte span in the query text.
pub type Span = (usize, usize);

/// An actor as the query names it; resolved against the graph by the evaluator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActorName {
    pub name: String,
    pub span: Span,
}

/// A relation as the query names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RelationName {
    pub name: String,
    pub span: Span,
}

/// A time operator and its dates; see the README for what each keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeOp {
    After(PartialDate),
    Before(PartialDate),
    Since(PartialDate),
    Until(PartialDate),
    During(PartialDate),
    Between(PartialDate, PartialDate),
    AsOf(PartialDate),
    /// `now`: as of the graph's date.
    Now,
    /// `ever`: across all time.
    Ever,
}

/// A source as the query names it (`from ctp-2023-02`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceName {
    pub name: String,
    pub span: Span,
}

/// The filters any question may carry.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    pub relations: Option<Vec<RelationName>>,
    pub time: Option<TimeOp>,
    pub min_confidence: Option<Confidence>,
    /// `certainly` / `with certainty`: only what the dates make certain.
    pub certain: bool,
    /// `from SOURCE`: only ties citing it.
    pub source: Option<SourceName>,
    /// Hops from the focus, for `neighbors of` and `export`.
    pub depth: Option<usize>,
}

/// Which one-hop question a `who …` form asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Who {
    /// `who allied with X`: alliance ties with X.
    AlliedWith,
    /// `who fought X`: hostility ties with X.
    Fought,
    /// `who pledged allegiance to X`: allegiance ties pointing at X.
    PledgedTo,
}

/// What kind of file an export writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    /// `dot`: a diagram (DOT, or a picture through Graphviz).
    Diagram,
    /// A file for another tool.
    Data(ExportFormat),
}

impl ExportKind {
    /// The word the language uses for a diagram.
    pub const DIAGRAM_WORD: &'static str = "dot";

    /// Reads a format word: `dot` or a data format's name.
    pub fn parse(word: &str) -> Option<ExportKind> {
        if word.eq_ignore_ascii_case(Self::DIAGRAM_WORD) {
            Some(ExportKind::Diagram)
        } else {
            ExportFormat::parse(word).map(ExportKind::Data)
        }
    }

    /// Every format word, for messages and completion.
    pub fn words() -> impl Iterator<Item = &'static str> {
        std::iter::once(Self::DIAGRAM_WORD).chain(ExportFormat::ALL.iter().map(|f| f.name()))
    }
}

/// What an export writes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Export {
    pub kind: ExportKind,
    pub format_span: Span,
    /// `None` is `all`, the whole graph.
    pub focus: Option<ActorName>,
    /// `frames 2019..2023`: one diagram per year.
    pub frames: Option<(i32, i32)>,
    pub theme: Option<String>,
    /// `to FILE`; `None` writes to standard output.
    pub target: Option<(String, Span)>,
}

/// What a script expectation checks about an answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Check {
    Includes(Vec<ActorName>),
    Excludes(Vec<ActorName>),
    IsEmpty,
    IsNotEmpty,
    Count(usize),
}

/// A statement of the language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Statement {
    Who {
        who: Who,
        actor: ActorName,
    },
    Subgroups {
        actor: ActorName,
    },
    Parents {
        actor: ActorName,
    },
    Ties {
        actor: ActorName,
    },
    Show {
        actor: ActorName,
    },
    Timeline {
        actor: ActorName,
    },
    Path {
        from: ActorName,
        to: ActorName,
    },
    Neighbors {
        actor: ActorName,
    },
    Changes {
        from: PartialDate,
        to: PartialDate,
    },
    Stats,
    Actors {
        kind: Option<ActorKind>,
    },
    Relations,
    Sources,
    /// `sources of X`: the citations behind an actor's ties and events.
    SourcesOf {
        actor: ActorName,
    },
    /// `why A B`: every tie between two actors, with notes, evidence and
    /// citations. Without `and`, the words are split where both names resolve.
    Why {
        a: ActorName,
        b: Option<ActorName>,
    },
    Help {
        topic: Option<String>,
    },
    Export(Export),
    Expect {
        query: Box<Query>,
        check: Check,
    },
}

/// A statement with its filters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Query {
    pub statement: Statement,
    pub filters: Filters,
}
