//! Dated one-off events: a pledge announced, an accord suspended, groups
//! unified. Unlike ties they have no duration; `timeline` and `changes`
//! list them beside ties beginning and ending.

use super::relation::Confidence;
use super::tie::{ActorId, SourceId};
use super::time::PartialDate;

/// An event as the graph holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// When it happened, as the source gives it.
    pub date: PartialDate,
    /// Who took part; at least one.
    pub actors: Vec<ActorId>,
    /// What happened, as a short verb phrase: "suspend participation in the Algiers accord".
    pub what: String,
    /// How sure the sources are that it happened.
    pub confidence: Confidence,
    /// The sources that report it.
    pub sources: Vec<SourceId>,
    /// The source's own words, quoted verbatim.
    pub evidence: Option<String>,
    /// The analyst's note on it.
    pub note: Option<String>,
}

impl Event {
    /// True when `actor` took part.
    pub fn involves(&self, actor: ActorId) -> bool {
        self.actors.contains(&actor)
    }
}
