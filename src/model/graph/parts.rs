//! What a store that keeps whole graphs (the binary snapshot) reads from a
//! graph besides its document: its numbering and its indexes.

use super::{Body, Graph};
use crate::model::adjacency::Packed;
use crate::model::tie::ActorId;
use crate::model::time::Day;

impl Graph {
    /// True when actors and ties are numbered without gaps, as a graph
    /// read from a snapshot is; a graph that lost actors or ties has gaps
    /// until it is saved and read again.
    pub fn is_compact(&self) -> bool {
        self.actor_count() == self.actor_bound() && self.tie_count() == self.tie_bound()
    }

    /// The packed links, built now if need be.
    pub fn packed_links(&self) -> Packed<'_> {
        self.adjacency()
    }

    /// Per relation, the sorted first and last possible days of its ties
    /// (the index [`Graph::count_active`] reads), built now if need be.
    pub fn active_day_lists(&self) -> impl Iterator<Item = (&[Day], &[Day])> {
        (0..self.relations.len()).map(|r| self.day_lists(r))
    }

    /// Of `relation`'s ties, the sorted first and the sorted last days.
    pub(super) fn day_lists(&self, relation: usize) -> (&[Day], &[Day]) {
        match &self.body {
            Body::Stored(stored) => stored.contents.active_days(relation),
            Body::Owned(_) => self
                .active_days
                .get_or_init(|| self.build_active_days())
                .get(relation)
                .map_or((&[], &[]), |d| (d.firsts.as_slice(), d.lasts.as_slice())),
        }
    }

    /// Every normalised name with its actor, in no particular order.
    pub fn name_entries(&self) -> impl Iterator<Item = (&str, ActorId)> {
        self.name_keys()
    }
}
