//! The document form of a graph: what a file holds, with actors and sources
//! named by id. [`crate::model::Graph::build`] validates it into a graph;
//! [`crate::model::Graph::to_spec`] gives it back.

use super::actor::{Actor, Source};
use super::event::Event;
use super::graph::Graph;
use super::relation::{Confidence, Relation};
use super::tie::TieRef;
use super::time::PartialDate;

/// A whole graph as written down.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GraphSpec {
    pub title: String,
    /// The date the graph is current as of; ongoing ties run to it and beyond.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    /// Relation kinds beyond allegiance, alliance, hostility and subgroup-of.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<Relation>,
    #[serde(default)]
    pub actors: Vec<Actor>,
    #[serde(default)]
    pub ties: Vec<TieSpec>,
    /// Dated one-off events.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<EventSpec>,
}

/// A tie as written down: its ends by actor id, its relation and sources by name.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TieSpec {
    pub from: String,
    pub to: String,
    pub relation: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<PartialDate>,
    pub confidence: Confidence,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The source's words the tie rests on, quoted verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events: Option<u32>,
}

/// A dated one-off event as written down, its actors by id.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventSpec {
    pub date: PartialDate,
    pub actors: Vec<String>,
    pub what: String,
    pub confidence: Confidence,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Where in a document a problem sits, by item and field; a file format maps
/// it to a line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Site {
    Document {
        field: &'static str,
    },
    Source {
        index: usize,
        field: &'static str,
    },
    Relation {
        index: usize,
        field: &'static str,
    },
    Actor {
        index: usize,
        field: &'static str,
        item: Option<usize>,
    },
    Tie {
        index: usize,
        field: &'static str,
        item: Option<usize>,
    },
    Event {
        index: usize,
        field: &'static str,
        item: Option<usize>,
    },
}

/// One thing wrong with a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub site: Site,
    pub message: String,
    /// A hint on how to fix it, such as the nearest names.
    pub help: Option<String>,
}

impl Problem {
    pub fn new(site: Site, message: impl Into<String>) -> Self {
        Problem {
            site,
            message: message.into(),
            help: None,
        }
    }

    pub fn with_help(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }
}

/// A graph's document form: what a file holds.
impl Graph {
    /// The document form, in the graph's order; `build(to_spec())` gives an equal graph.
    pub fn to_spec(&self) -> GraphSpec {
        GraphSpec {
            title: self.title.clone(),
            as_of: self.as_of(),
            sources: self.sources().to_vec(),
            relations: self.relations().declared().to_vec(),
            actors: self.actors().map(|(_, a)| a.clone()).collect(),
            ties: self.all_ties().map(|tie| self.tie_spec(tie)).collect(),
            events: self.events().iter().map(|e| self.event_spec(e)).collect(),
        }
    }

    /// One event in document form.
    pub fn event_spec(&self, event: &Event) -> EventSpec {
        EventSpec {
            date: event.date,
            actors: event
                .actors
                .iter()
                .map(|a| self.actor(*a).id.clone())
                .collect(),
            what: event.what.clone(),
            confidence: event.confidence,
            sources: event
                .sources
                .iter()
                .map(|s| self.source(*s).id.clone())
                .collect(),
            evidence: event.evidence.clone(),
            note: event.note.clone(),
        }
    }

    /// One tie in document form.
    pub fn tie_spec(&self, tie: TieRef<'_>) -> TieSpec {
        TieSpec {
            from: self.actor(tie.from).id.clone(),
            to: self.actor(tie.to).id.clone(),
            relation: self.relations().name(tie.tie.relation).to_string(),
            start: tie.tie.start(),
            end: tie.tie.end(),
            confidence: tie.tie.confidence,
            sources: self.source_ids(tie.tie).map(str::to_string).collect(),
            note: tie.tie.note().map(str::to_string),
            evidence: tie.tie.evidence().map(str::to_string),
            events: tie.tie.events(),
        }
    }
}

/// Helper for the builder: a site on a tie field.
pub(crate) fn tie_site(index: usize, field: &'static str) -> Site {
    Site::Tie {
        index,
        field,
        item: None,
    }
}
