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
use bytemuck::Zeroable;

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

/// A [`Link`] as it is packed: plain integers in a fixed layout, so that
/// a snapshot's bytes can be read as links in place. Any bytes are a
/// `PackedLink`; [`PackedLink::unpack`] checks that they are a link.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, bytemuck::Pod, bytemuck::Zeroable)]
pub struct PackedLink {
    /// The tie's index.
    pub tie: u32,
    /// The other end's index.
    pub other: u32,
    /// The bounds: start's earliest and latest, end's earliest and latest.
    pub bounds: [i32; 4],
    /// The relation's index.
    pub relation: u16,
    /// 1 when outgoing, 0 when not.
    pub outgoing: u8,
    /// 0 possible, 1 likely, 2 confirmed.
    pub confidence: u8,
}

const _: () = assert!(std::mem::size_of::<PackedLink>() == 28);

impl PackedLink {
    fn pack(link: &Link) -> PackedLink {
        PackedLink {
            tie: link.tie.index() as u32,
            other: link.other.index() as u32,
            bounds: [
                link.bounds.start.0,
                link.bounds.start.1,
                link.bounds.end.0,
                link.bounds.end.1,
            ],
            relation: link.relation.0,
            outgoing: link.outgoing.into(),
            confidence: confidence_number(link.confidence),
        }
    }

    /// The link, when it points inside `limits`; `None` when its bytes
    /// are no link of that graph.
    #[inline]
    pub fn unpack(&self, limits: Limits) -> Option<Link> {
        if self.tie as usize >= limits.ties
            || self.other as usize >= limits.actors
            || self.relation as usize >= limits.relations
            || self.outgoing > 1
        {
            return None;
        }
        let [a, b, c, d] = self.bounds;
        Some(Link {
            tie: TieId::new(self.tie as usize),
            other: ActorId::new(self.other as usize),
            bounds: Bounds {
                start: (a, b),
                end: (c, d),
            },
            relation: RelationId(self.relation),
            outgoing: self.outgoing == 1,
            confidence: confidence_of(self.confidence)?,
        })
    }
}

/// How many actor and tie slots and relations a graph has: what a link
/// must point inside.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Actor slots.
    pub actors: usize,
    /// Tie slots.
    pub ties: usize,
    /// Relations.
    pub relations: usize,
}

/// The confidence a byte stands for in a packed link or a snapshot.
pub fn confidence_of(byte: u8) -> Option<Confidence> {
    match byte {
        0 => Some(Confidence::Possible),
        1 => Some(Confidence::Likely),
        2 => Some(Confidence::Confirmed),
        _ => None,
    }
}

/// The byte a confidence is packed as.
pub fn confidence_number(confidence: Confidence) -> u8 {
    match confidence {
        Confidence::Possible => 0,
        Confidence::Likely => 1,
        Confidence::Confirmed => 2,
    }
}

/// Every actor's links, contiguous: actor `a`'s are `links[offsets[a]..offsets[a + 1]]`.
#[derive(Clone, Debug, Default)]
pub(crate) struct Adjacency {
    offsets: Vec<u32>,
    links: Vec<PackedLink>,
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
        let mut links = vec![PackedLink::zeroed(); offsets[nodes] as usize];
        let mut next: Vec<u32> = offsets[..nodes].to_vec();
        for edge in network.edge_references() {
            let tie = edge.weight();
            let bounds = tie.bounds_between(
                known_until,
                &[network[edge.source()].life(), network[edge.target()].life()],
            );
            let mut place = |actor: ActorId, other: ActorId, outgoing: bool| {
                let slot = &mut next[actor.index()];
                links[*slot as usize] = PackedLink::pack(&Link {
                    tie: edge.id(),
                    other,
                    bounds,
                    relation: tie.relation,
                    outgoing,
                    confidence: tie.confidence,
                });
                *slot += 1;
            };
            place(edge.source(), edge.target(), true);
            place(edge.target(), edge.source(), false);
        }
        for actor in 0..nodes {
            let range = offsets[actor] as usize..offsets[actor + 1] as usize;
            links[range].sort_unstable_by_key(|l| (l.relation, l.bounds[0], l.tie));
        }
        Adjacency { offsets, links }
    }

    /// The offsets and the links.
    pub(crate) fn parts(&self) -> Packed<'_> {
        Packed {
            offsets: &self.offsets,
            links: &self.links,
        }
    }

    /// Bytes held, for memory reports.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.offsets.capacity() * 4 + self.links.capacity() * std::mem::size_of::<PackedLink>()
    }
}

/// Packed links, built in memory or read in place: actor `a`'s are
/// `links[offsets[a]..offsets[a + 1]]`, by relation, then start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Packed<'a> {
    /// Per actor slot, where its links start; one more at the end.
    pub offsets: &'a [u32],
    /// The links.
    pub links: &'a [PackedLink],
}

impl<'a> Packed<'a> {
    /// Every link of `actor`, by relation, then start; none when the
    /// offsets do not say where they are.
    pub(crate) fn links(&self, actor: ActorId) -> &'a [PackedLink] {
        let i = actor.index();
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&start), Some(&end)) => self
                .links
                .get(start as usize..end as usize)
                .unwrap_or_default(),
            _ => &[],
        }
    }

    /// The links of `actor` of one relation.
    pub(crate) fn links_of(&self, actor: ActorId, relation: RelationId) -> &'a [PackedLink] {
        let links = self.links(actor);
        let start = links.partition_point(|l| l.relation < relation.0);
        let end = start + links[start..].partition_point(|l| l.relation == relation.0);
        &links[start..end]
    }
}
