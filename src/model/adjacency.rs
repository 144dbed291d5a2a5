//! A compact copy of who is tied to whom, for scanning.
//!
//! petgraph keeps each actor's ties as linked lists through the edge array,
//! so walking a hub's ties touches one scattered 80-byte edge per tie. This
//! index packs every tie twice, once under each end, as a 28-byte [`Link`]
//! holding what filters read (relation, bounds, confidence, direction), with
//! each actor's links contiguous and sorted by relation, then start. Walks
//! read links and only fetch a tie when they hand it out.

use petgraph::visit::{EdgeRef, IntoEdgeReferences};

use super::network::Network;
use super::relation::{Confidence, RelationId};
use super::tie::{ActorId, TieFilter, TieId};
use super::time::{Bounds, Certainty, Day};

/// One tie as seen from one of its ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Link {
    /// The tie this link stands for.
    pub tie: TieId,
    /// The other end.
    pub other: ActorId,
    /// The tie's effective bounds: its dates within both actors' lifespans.
    pub bounds: Bounds,
    /// The tie's relation.
    pub relation: RelationId,
    /// True when the actor whose link this is is the tie's `from`.
    pub outgoing: bool,
    /// How sure the sources are that the tie existed.
    pub confidence: Confidence,
}

// The module header and docs/PERFORMANCE.md quote this size.
const _: () = assert!(std::mem::size_of::<Link>() == 28);

impl Link {
    /// How sure `filter` is of the tie this link stands for; `No` when it
    /// refuses it (a source filter is checked on the tie, not here).
    #[inline]
    pub fn certainty(&self, filter: &TieFilter) -> Certainty {
        filter.certainty(self.relation, self.bounds, self.confidence)
    }
}

/// Every actor's links, contiguous: actor `a`'s are `links[offsets[a]..offsets[a + 1]]`.
#[derive(Clone, Debug, Default)]
pub(crate) struct Adjacency {
    offsets: Vec<u32>,
    links: Vec<Link>,
}

impl Adjacency {
    /// Packs every tie of `network`; ongoing ties are certain up to `known_until`.
    pub(crate) fn build(network: &Network, known_until: Day) -> Adjacency {
        let nodes = network
            .node_indices()
            .map(|n| n.index() + 1)
            .max()
            .unwrap_or(0);
        let mut offsets = vec![0u32; nodes + 1];
        for edge in network.edge_references() {
            offsets[edge.source().index() + 1] += 1;
            offsets[edge.target().index() + 1] += 1;
        }
        for i in 1..offsets.len() {
            offsets[i] += offsets[i - 1];
        }
        let placeholder = Link {
            tie: TieId::new(0),
            other: ActorId::new(0),
            bounds: Bounds::ALWAYS,
            relation: RelationId::ALLIANCE,
            outgoing: false,
            confidence: Confidence::Possible,
        };
        let mut links = vec![placeholder; offsets[nodes] as usize];
        let mut next: Vec<u32> = offsets[..nodes].to_vec();
        for edge in network.edge_references() {
            let tie = edge.weight();
            let bounds = tie.bounds_between(
                known_until,
                &[network[edge.source()].life(), network[edge.target()].life()],
            );
            let mut place = |actor: ActorId, other: ActorId, outgoing: bool| {
                let slot = &mut next[actor.index()];
                links[*slot as usize] = Link {
                    tie: edge.id(),
                    other,
                    bounds,
                    relation: tie.relation,
                    outgoing,
                    confidence: tie.confidence,
                };
                *slot += 1;
            };
            place(edge.source(), edge.target(), true);
            place(edge.target(), edge.source(), false);
        }
        for actor in 0..nodes {
            let range = offsets[actor] as usize..offsets[actor + 1] as usize;
            links[range].sort_unstable_by_key(|l| (l.relation, l.bounds.start.0, l.tie));
        }
        Adjacency { offsets, links }
    }

    /// Links packed elsewhere (a snapshot), checked to point inside a graph
    /// of `actors` actors, `ties` ties and `relations` relations, each tie
    /// linked twice; `None` when they do not.
    pub(crate) fn from_parts(
        offsets: Vec<u32>,
        links: Vec<Link>,
        actors: usize,
        ties: usize,
        relations: usize,
    ) -> Option<Adjacency> {
        let fits = offsets.len() == actors + 1
            && offsets.first() == Some(&0)
            && offsets.windows(2).all(|w| w[0] <= w[1])
            && offsets.last().map(|&n| n as usize) == Some(links.len())
            && links.len() == 2 * ties
            && links.iter().all(|l| {
                l.tie.index() < ties && l.other.index() < actors && l.relation.index() < relations
            });
        fits.then_some(Adjacency { offsets, links })
    }

    /// The offsets and the links, as [`Adjacency::from_parts`] takes them.
    pub(crate) fn parts(&self) -> (&[u32], &[Link]) {
        (&self.offsets, &self.links)
    }

    /// Every link of `actor`, by relation, then start.
    pub(crate) fn links(&self, actor: ActorId) -> &[Link] {
        let i = actor.index();
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&start), Some(&end)) => &self.links[start as usize..end as usize],
            _ => &[],
        }
    }

    /// The links of `actor` of one relation.
    pub(crate) fn links_of(&self, actor: ActorId, relation: RelationId) -> &[Link] {
        let links = self.links(actor);
        let start = links.partition_point(|l| l.relation < relation);
        let end = start + links[start..].partition_point(|l| l.relation == relation);
        &links[start..end]
    }

    /// Bytes held, for memory reports.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.offsets.capacity() * 4 + self.links.capacity() * std::mem::size_of::<Link>()
    }
}
