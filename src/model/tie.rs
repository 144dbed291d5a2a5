//! Ties: typed, dated, sourced links between two actors.

use petgraph::stable_graph::{EdgeIndex, NodeIndex};

use super::relation::{Confidence, RelationId};
use super::time::{Bounds, Certainty, Day, PartialDate, Window, DAY_MAX, DAY_MIN};

/// An actor's index in its graph. Valid only for the graph that issued it.
pub type ActorId = NodeIndex<u32>;
/// A tie's index in its graph. Valid only for the graph that issued it.
pub type TieId = EdgeIndex<u32>;

/// A source's index in its graph's source list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SourceId(pub(crate) u32);

impl SourceId {
    /// The position in the graph's source list.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A tie as the graph holds it; its ends are the graph edge's ends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tie {
    /// What kind of tie it is.
    pub relation: RelationId,
    start: Option<PartialDate>,
    end: Option<PartialDate>,
    /// How sure the sources are that the tie existed.
    pub confidence: Confidence,
    /// Sources, note, evidence and event count: most generated ties have
    /// none, so they live behind one pointer, keeping a tie at 32 bytes.
    details: Option<Box<TieDetails>>,
}

/// What a tie carries beyond its relation, dates and confidence.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TieDetails {
    /// The sources the tie cites.
    pub sources: Vec<SourceId>,
    /// The analyst's note: caveats and how the dates were read.
    pub note: Option<String>,
    /// The source's own words the tie rests on, quoted verbatim.
    pub evidence: Option<String>,
    /// How many recorded events this tie summarises, when it was built from event data.
    pub events: Option<u32>,
    /// The fatalities its events report, summed, when it was built from event data.
    pub fatalities: Option<u32>,
}

impl TieDetails {
    fn is_empty(&self) -> bool {
        self.sources.is_empty()
            && self.note.is_none()
            && self.evidence.is_none()
            && self.events.is_none()
            && self.fatalities.is_none()
    }
}

impl Tie {
    /// A tie with these dates and no sources, note or evidence; `None` dates are unknown (start) or ongoing (end).
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
            confidence,
            details: None,
        }
    }

    /// The sources the tie cites.
    pub fn sources(&self) -> &[SourceId] {
        self.details.as_ref().map_or(&[], |d| &d.sources)
    }

    /// The analyst's note on the tie.
    pub fn note(&self) -> Option<&str> {
        self.details.as_ref().and_then(|d| d.note.as_deref())
    }

    /// The source's words the tie rests on.
    pub fn evidence(&self) -> Option<&str> {
        self.details.as_ref().and_then(|d| d.evidence.as_deref())
    }

    /// How many recorded events this tie summarises, when built from event data.
    pub fn events(&self) -> Option<u32> {
        self.details.as_ref().and_then(|d| d.events)
    }

    /// The fatalities the events it summarises report, summed.
    pub fn fatalities(&self) -> Option<u32> {
        self.details.as_ref().and_then(|d| d.fatalities)
    }

    /// Sources, note, evidence and counts, when the tie has any (for a
    /// store that writes them all: destructuring it names every field).
    pub(crate) fn details(&self) -> Option<&TieDetails> {
        self.details.as_deref()
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

    /// Changes the tie's dates.
    pub fn set_span(&mut self, start: Option<PartialDate>, end: Option<PartialDate>) {
        self.start = start;
        self.end = end;
    }

    /// The days the tie's own dates allow it to be active, from the
    /// earliest day of its start to the latest of its end; unbounded where
    /// unknown or ongoing. Its actors' lifespans are not applied here: see
    /// `Graph::bounds`.
    pub fn window(&self) -> Window {
        Window::of_span(self.start, self.end)
    }

    /// The days its written dates say it surely held: from the latest day
    /// its start allows to the earliest day its end allows (empty when they
    /// may not meet). An unwritten start or end bounds nothing. The
    /// subgroup-cycle checks refuse only cycles on such days.
    pub fn surely_held(&self) -> Window {
        Window::new(
            self.start.map_or(DAY_MIN, PartialDate::last_day),
            self.end.map_or(DAY_MAX, PartialDate::first_day),
        )
    }

    /// The tie's bounds between actors of these `lives`; an ongoing tie is
    /// certain up to `known_until`.
    pub fn bounds_between(&self, known_until: Day, lives: &[Bounds]) -> Bounds {
        Bounds::of_tie_between(self.start, self.end, known_until, lives)
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

/// Which ties a lookup wants: relations, a time window, a confidence floor
/// and how sure it must be that the tie was active in the window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TieFilter {
    /// `None` accepts every relation.
    pub relations: Option<Vec<RelationId>>,
    /// The days asked about: a tie is kept when it was active in them (how surely, `min_certainty` says).
    pub window: Window,
    /// The weakest confidence accepted.
    pub min_confidence: Confidence,
    /// `Possibly` keeps ties that may have been active in the window;
    /// `Certainly` only those that surely were.
    pub min_certainty: Certainty,
    /// Only ties citing this source.
    pub source: Option<SourceId>,
}

impl Default for TieFilter {
    fn default() -> Self {
        TieFilter {
            relations: None,
            window: Window::ALL,
            min_confidence: Confidence::Possible,
            min_certainty: Certainty::Possibly,
            source: None,
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

    /// The same filter, asking about `window` instead.
    pub fn during(mut self, window: Window) -> Self {
        self.window = window;
        self
    }

    /// How sure it is that a tie with these effective bounds was active in
    /// the filter's window, when its relation and confidence pass;
    /// `Certainty::No` when the filter refuses it.
    #[inline]
    pub fn certainty(
        &self,
        relation: RelationId,
        bounds: Bounds,
        confidence: Confidence,
    ) -> Certainty {
        if confidence < self.min_confidence
            || !self
                .relations
                .as_ref()
                .is_none_or(|relations| relations.contains(&relation))
        {
            return Certainty::No;
        }
        let certainty = bounds.activity(self.window);
        if certainty >= self.min_certainty {
            certainty
        } else {
            Certainty::No
        }
    }

    /// True when the filter keeps a tie citing `sources` (its only test
    /// that needs the tie itself).
    pub fn accepts_sources(&self, sources: &[SourceId]) -> bool {
        self.source.is_none_or(|wanted| sources.contains(&wanted))
    }
}

/// A tie with its ends, as lookups hand it out.
#[derive(Clone, Copy, Debug)]
pub struct TieRef<'g> {
    /// The tie's id in its graph.
    pub id: TieId,
    /// The actor the tie runs from.
    pub from: ActorId,
    /// The actor the tie runs to.
    pub to: ActorId,
    /// The tie itself.
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
