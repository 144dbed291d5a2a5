//! The parsed form of a query: what is asked, of whom, and under which filters.

pub use super::phrases::Voice;
use crate::model::{ActorKind, Confidence, ExportFormat, PartialDate};

/// A byte span in the query text.
pub type Span = (usize, usize);

/// An actor as the query names it; resolved against the graph by the evaluator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActorName {
    /// The name, id or alias as written, without quotes.
    pub name: String,
    /// Where it was written, for errors.
    pub span: Span,
}

/// A relation as the query names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RelationName {
    /// The relation's name as written.
    pub name: String,
    /// Where it was written, for errors.
    pub span: Span,
}

/// A time operator and its dates; see the README for what each keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeOp {
    /// `after T`: from the day after T ends.
    After(PartialDate),
    /// `before T`: up to the day before T starts.
    Before(PartialDate),
    /// `since T`: from T's first day.
    Since(PartialDate),
    /// `until T`: up to T's last day.
    Until(PartialDate),
    /// `during T` or `in T`: T's first to last day.
    During(PartialDate),
    /// `between A and B`: A's first day to B's last day.
    Between(PartialDate, PartialDate),
    /// `as of T`: T's last day only.
    AsOf(PartialDate),
    /// `now`: as of the graph's date.
    Now,
    /// `ever`: across all time.
    Ever,
}

/// A source as the query names it (`from ctp-2023-02`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceName {
    /// The source's id as written.
    pub name: String,
    /// Where it was written, for errors.
    pub span: Span,
}

/// The filters any question may carry.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    /// `via REL, ...`: only ties of these relations; `None` keeps every relation.
    pub relations: Option<Vec<RelationName>>,
    /// The time operator; `None` asks as of the graph's date (questions) or across all time (records).
    pub time: Option<TimeOp>,
    /// `with confidence C`: only ties of that confidence or better; `None` keeps all.
    pub min_confidence: Option<Confidence>,
    /// `certainly` / `with certainty`: only what the dates make certain.
    pub certain: bool,
    /// `from SOURCE`: only ties citing it.
    pub source: Option<SourceName>,
    /// Hops from the focus, for `neighbors of` and `export`.
    pub depth: Option<usize>,
}

/// A relation as a question phrases it: `allied with`, `led by`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RelationPhrase {
    /// The relation's name in the graph.
    pub relation: String,
    /// Which end of a tie the phrase's subject is.
    pub voice: Voice,
    /// The words as written, for answers and errors.
    pub text: String,
    /// Where it was written.
    pub span: Span,
}

/// Where the actor a `who` question names stands in its phrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Named {
    /// After the phrase: `who leads JNIM` (the answer is the subject).
    Object,
    /// Before the phrase: `who did JNIM pledge allegiance to` (the answer is the object).
    Subject,
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

/// A storyboard's years: `frames FIRST..LAST [step N]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Frames {
    /// The first year drawn.
    pub first: i32,
    /// The last year of the range; drawn when the step lands on it.
    pub last: i32,
    /// Years between frames, at least 1.
    pub step: u32,
    /// Where the range (and its step) was written, for errors.
    pub span: Span,
}

impl Frames {
    /// The years drawn, first to last.
    pub fn years(&self) -> impl Iterator<Item = i32> {
        (self.first..=self.last).step_by(self.step.max(1) as usize)
    }

    /// How many frames the years make.
    pub fn count(&self) -> usize {
        ((self.last - self.first) / self.step.max(1) as i32 + 1).max(0) as usize
    }
}

/// What an export writes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Export {
    /// A diagram, or a format for another tool.
    pub kind: ExportKind,
    /// Where the format word was written, for errors.
    pub format_span: Span,
    /// `None` is `all`, the whole graph.
    pub focus: Option<ActorName>,
    /// `frames 2019..2023`, `frames 2000..2023 step 5`: one diagram a year,
    /// or every few years.
    pub frames: Option<Frames>,
    /// `theme light` or `theme dark`, for diagrams; `None` is light.
    pub theme: Option<String>,
    /// `page A4`, `page 4:3`, `page 16:9` or `size W,H` (inches), for
    /// diagrams; `None` is a 16:9 slide for pictures, no size for DOT.
    pub page: Option<crate::diagram::Page>,
    /// `dates off` or `dates changes`, for diagrams; `None` shows every date.
    pub dates: Option<String>,
    /// `to FILE`; `None` writes to standard output.
    pub target: Option<(String, Span)>,
}

/// What a script expectation checks about an answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Check {
    /// `includes A, B`: every named actor is among the results.
    Includes(Vec<ActorName>),
    /// `excludes A, B`: none of the named actors is among the results.
    Excludes(Vec<ActorName>),
    /// `is empty`: the answer has no results.
    IsEmpty,
    /// `is not empty`: the answer has at least one result.
    IsNotEmpty,
    /// `count N`: the answer has exactly N results.
    Count(usize),
}

/// A statement of the language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Statement {
    /// `who allied with X`, `who leads X`, `who did X pledge allegiance to`:
    /// the actors at the other end of X's ties of one relation.
    Who {
        /// The relation, as phrased.
        phrase: RelationPhrase,
        /// X, the actor asked about.
        actor: ActorName,
        /// Whether X is the phrase's object or its subject.
        named: Named,
        /// `which militias …`: only actors of this kind.
        kind: Option<ActorKind>,
    },
    /// `is A allied with B`: yes, no or possibly, with the ties that decide it.
    Is {
        /// A, the subject.
        a: ActorName,
        /// The relation, as phrased.
        phrase: RelationPhrase,
        /// B, the object.
        b: ActorName,
        /// True for `are A and B at war`: the phrase is said of the pair.
        pair: bool,
    },
    /// `when did A join B`: the dates of A's ties of one relation with B.
    When {
        /// A, the subject.
        a: ActorName,
        /// The relation, as phrased.
        phrase: RelationPhrase,
        /// B, the object.
        b: ActorName,
    },
    /// `ties between A and B`: every tie between two actors, in the asked time.
    Between {
        /// A, the first actor.
        a: ActorName,
        /// B, the second.
        b: ActorName,
    },
    /// `subgroups of X`: the actors that are subgroups of X, at any depth.
    Subgroups {
        /// X, the parent.
        actor: ActorName,
    },
    /// `parents of X`: the actors above X in its subgroup chain, and those they pledged allegiance to.
    Parents {
        /// X, the subgroup.
        actor: ActorName,
    },
    /// `ties of X`: every tie of X.
    Ties {
        /// X, whose ties are listed.
        actor: ActorName,
    },
    /// `show X`: X's card, with its aliases, tags, life and ties.
    Show {
        /// X, the actor shown.
        actor: ActorName,
    },
    /// `timeline X`: X's ties beginning and ending, and its events, in date order.
    Timeline {
        /// X, whose timeline it is.
        actor: ActorName,
    },
    /// `path from A to B`, `how is A connected to B`: the shortest
    /// connections from A to B, every tie on them.
    Path {
        /// A, where the path starts.
        from: ActorName,
        /// B, where the path ends.
        to: ActorName,
    },
    /// `neighbors of X`: the actors within some hops of X, and the ties between.
    Neighbors {
        /// X, the centre.
        actor: ActorName,
    },
    /// `changes between A and B`: ties beginning and ending, and events, in that span.
    Changes {
        /// A, whose first day starts the span.
        from: PartialDate,
        /// B, whose last day ends the span.
        to: PartialDate,
    },
    /// `stats`: counts of actors and active ties per relation.
    Stats,
    /// `actors`, or `actors of kind K`: the graph's actors.
    Actors {
        /// K, when given; `None` lists every kind.
        kind: Option<ActorKind>,
    },
    /// `relations`: the relations the graph knows and how many ties use each.
    Relations,
    /// `sources`: the graph's sources and how many ties and events cite each.
    Sources,
    /// `sources of X`: the citations behind an actor's ties and events.
    SourcesOf {
        /// X, whose sources are listed.
        actor: ActorName,
    },
    /// `why A B`: every tie between two actors, with notes, evidence and
    /// citations. Without `and`, the words are split where both names resolve.
    Why {
        /// A, the first actor.
        a: ActorName,
        /// B, the second; `None` when both names are in A's words, to be split by the evaluator.
        b: Option<ActorName>,
    },
    /// `help` or `help TOPIC`: the language's reference.
    Help {
        /// The topic asked about, such as `time`; `None` for the overview.
        topic: Option<String>,
    },
    /// `export FORMAT ...`: write the graph, or part of it, to a file or standard output.
    Export(Export),
    /// `expect QUERY CHECK`: a script's assertion about a query's answer.
    Expect {
        /// The query whose answer is checked.
        query: Box<Query>,
        /// What must hold of the answer.
        check: Check,
    },
}

/// A statement with its filters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Query {
    /// What is asked.
    pub statement: Statement,
    /// The filters that narrow it.
    pub filters: Filters,
}
