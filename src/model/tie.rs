//! Ties: typed, dated, sourced links between two actors.

use petgraph::stable_graph::{EdgeIndex, NodeIndex};

use super::relation::{Confidence, RelationId};
use super::time::{PartialDate, Window};

/// An actor's index in its graph. Valid only for the graph that issued it.
pub type ActorId = NodeIndex<u32>;
/// A tie's index in its graph. Valid only for the graph that issued it.
pub type TieId = EdgeIndex<u32>;

/// A source's index in its graph's source list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SourceId(pub(crate) u32);

impl SourceId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A tie as the graph holds it; its ends are the graph edge's ends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tie {
    pub relation: RelationId,
    start: Option<PartialDate>,
    end: Option<PartialDate>,
    /// Derived from `start` and `end`, kept because every time filter reads it.
    window: Window,
    pub confidence: Confidence,
    /// Sources, note and event count: most generated ties have none, so they
    /// live behind one pointer, keeping a tie at 32 bytes instead of 80.
    details: Option<Box<TieDetails>>,
}

/// What a tie carries beyond its relation, dates and confidence.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TieDetails {
    pub sources: Vec<SourceId>,
    pub note: Option<String>,
    /// How many recorded events this tie summarises, when it was built from event data.
    pub events: Option<u32>,
}

impl TieDetails {
    fn is_empty(&self) -> bool {
        self.sources.is_empty() && self.note.is_none() && self.events.is_none()
    }
}

impl Tie {
    pub fn new(
        relation: RelationId,
        start: Option<PartialDate>,
        end: Option<PartialDate>,
        confidence: Confidence,
    ) -> Self {
        Tie {
            relation,
            start,
            end,
            window: Window::of_span(start, end),
            confidence,
            details: None,
        }
    }

    /// The sources the tie cites.
    pub fn sources(&self) -> &[SourceId] {
        self.details.as_ref().map_or(&[], |d| &d.sources)
    }

    pub fn note(&self) -> Option<&str> {
        self.details.as_ref().and_then(|d| d.note.as_deref())
    }

    /// How many recorded events this tie summarises, when built from event data.
    pub fn events(&self) -> Option<u32> {
        self.details.as_ref().and_then(|d| d.events)
    }

    /// Sources, note and event count, to change them.
    pub fn details_mut(&mut self) -> &mut TieDetails {
        self.details.get_or_insert_with(Box::default)
    }

    /// Sets sources, note and event count at once, allocating only when one is present.
    pub fn with_details(mut self, details: TieDetails) -> Self {
        self.details = (!details.is_empty()).then(|| Box::new(details));
        self
    }

    /// When the tie began; `None` is "since unknown".
    pub fn start(&self) -> Option<PartialDate> {
        self.start
    }

    /// When the tie ended; `None` is ongoing.
    pub fn end(&self) -> Option<PartialDate> {
        self.end
    }

    /// Changes the tie's dates, keeping its active window in step.
    pub fn set_span(&mut self, start: Option<PartialDate>, end: Option<PartialDate>) {
        self.start = start;
        self.end = end;
        self.window = Window::of_span(start, end);
    }

    /// The days this tie is active: from the first day of its start to the
    /// last day of its end, unbounded where unknown or ongoing.
    pub fn window(&self) -> Window {
        self.window
    }

    pub fn is_ongoing(&self) -> bool {
        self.end.is_none()
    }

    /// The dates as analysts write them: `2022-07–2022-11`, `2023-01–`, `?–2015`.
    pub fn span_label(&self) -> String {
        let start = self
            .start
            .map_or_else(|| "?".to_string(), |d| d.to_string());
        let end = self.end.map_or_else(String::new, |d| d.to_string());
        format!("{start}–{end}")
    }
}

/// Which ties a lookup wants: relations, a time window and a confidence floor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TieFilter {
    /// `None` accepts every relation.
    pub relations: Option<Vec<RelationId>>,
    pub window: Window,
    /// The weakest confidence accepted.
    pub min_confidence: Confidence,
}

impl Default for TieFilter {
    fn default() -> Self {
        TieFilter {
            relations: None,
            window: Window::ALL,
            min_confidence: Confidence::Possible,
        }
    }
}

impl TieFilter {
    /// Only ties of `relation`.
    pub fn relation(relation: RelationId) -> Self {
        TieFilter {
            relations: Some(vec![relation]),
            ..TieFilter::default()
        }
    }

    pub fn during(mut self, window: Window) -> Self {
        self.window = window;
        self
    }

    pub fn accepts(&self, tie: &Tie) -> bool {
        self.accepts_parts(tie.relation, tie.window, tie.confidence)
    }

    /// The test itself, on the parts of a tie that filters read (a packed
    /// link carries the same parts).
    #[inline]
    pub fn accepts_parts(
        &self,
        relation: RelationId,
        window: Window,
        confidence: Confidence,
    ) -> bool {
        confidence >= self.min_confidence
            && window.overlaps(self.window)
            && self
                .relations
                .as_ref()
                .is_none_or(|relations| relations.contains(&relation))
    }
}

/// A tie with its ends, as lookups hand it out.
#[derive(Clone, Copy, Debug)]
pub struct TieRef<'g> {
    pub id: TieId,
    pub from: ActorId,
    pub to: ActorId,
    pub tie: &'g Tie,
}

impl TieRef<'_> {
    /// The end that is not `actor`.
    pub fn other(&self, actor: ActorId) -> ActorId {
        if self.from == actor {
            self.to
        } else {
            self.from
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_tie_stays_small() {
        assert!(
            std::mem::size_of::<Tie>() <= 32,
            "{}",
            std::mem::size_of::<Tie>()
        );
        let tie = Tie::new(RelationId::ALLIANCE, None, None, Confidence::Likely)
            .with_details(TieDetails::default());
        assert!(tie.details.is_none());
        assert_eq!(tie.sources(), &[]);
    }
}
