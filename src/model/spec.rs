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
    /// What the graph covers, for titles and listings.
    pub title: String,
    /// The date the graph is current as of; ongoing ties run to it and beyond.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<PartialDate>,
    /// The works ties and events cite.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    /// Relation kinds beyond allegiance, alliance, hostility and subgroup-of.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<Relation>,
    /// Every actor, each with the id ties refer to it by.
    #[serde(default)]
    pub actors: Vec<Actor>,
    /// The ties between actors.
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
    /// Id of the actor the tie runs from (for a symmetric relation, either end).
    pub from: String,
    /// Id of the actor the tie runs to.
    pub to: String,
    /// The relation's name: a built-in one or one the document declares.
    pub relation: String,
    /// When the tie began, as the source gives it; `None` is unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<PartialDate>,
    /// When the tie ended, as the source gives it; `None` is ongoing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<PartialDate>,
    /// How sure the sources are that the tie existed.
    pub confidence: Confidence,
    /// Ids of the sources the tie cites.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// The analyst's note: caveats and how the dates were read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The source's words the tie rests on, quoted verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    /// How many recorded events the tie summarises, when it was built from event data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events: Option<u32>,
    /// The fatalities those events report, summed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fatalities: Option<u32>,
}

/// A dated one-off event as written down, its actors by id.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventSpec {
    /// When it happened, as the source gives it.
    pub date: PartialDate,
    /// Ids of the actors that took part.
    pub actors: Vec<String>,
    /// What happened, in a few words ("unify the separatist groups").
    pub what: String,
    /// How sure the sources are that it happened.
    pub confidence: Confidence,
    /// Ids of the sources that report it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// The source's words the event rests on, quoted verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    /// The analyst's note on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Where in a document a problem sits, by item and field; a file format maps
/// it to a line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Site {
    /// A top-level field, such as `as_of`.
    Document {
        /// The field's name.
        field: &'static str,
    },
    /// A field of one source.
    Source {
        /// The source's place in the `sources` list, from 0.
        index: usize,
        /// The field's name.
        field: &'static str,
    },
    /// A field of one declared relation.
    Relation {
        /// The relation's place in the `relations` list, from 0.
        index: usize,
        /// The field's name.
        field: &'static str,
    },
    /// A field of one actor.
    Actor {
        /// The actor's place in the `actors` list, from 0.
        index: usize,
        /// The field's name.
        field: &'static str,
        /// The place within the field when it is a list (an alias, say); `None` points at the whole field.
        item: Option<usize>,
    },
    /// A field of one tie.
    Tie {
        /// The tie's place in the `ties` list, from 0.
        index: usize,
        /// The field's name.
        field: &'static str,
        /// The place within the field when it is a list (a source, say); `None` points at the whole field.
        item: Option<usize>,
    },
    /// A field of one event.
    Event {
        /// The event's place in the `events` list, from 0.
        index: usize,
        /// The field's name.
        field: &'static str,
        /// The place within the field when it is a list (an actor, say); `None` points at the whole field.
        item: Option<usize>,
    },
}

/// One thing wrong with a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where the problem sits.
    pub site: Site,
    /// What is wrong, in a sentence.
    pub message: String,
    /// A hint on how to fix it, such as the nearest names.
    pub help: Option<String>,
    /// The part of the value at fault, as byte offsets into its text (a
    /// date range's `...`); `None` for the whole value.
    pub within: Option<(usize, usize)>,
}

impl Problem {
    /// A problem at `site`, without help.
    pub fn new(site: Site, message: impl Into<String>) -> Self {
        Problem {
            site,
            message: message.into(),
            help: None,
            within: None,
        }
    }

    /// Narrows the problem to a part of its value's text.
    pub fn within(mut self, part: Option<(usize, usize)>) -> Self {
        self.within = part;
        self
    }

    /// Adds a hint on how to fix the problem, when there is one.
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
            fatalities: tie.tie.fatalities(),
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
