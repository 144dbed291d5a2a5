//! A graph read in place from bytes kept elsewhere (a snapshot's memory
//! map), touching only what a question needs: an actor or a tie is
//! decoded the first time it is asked for and kept; the packed links, the
//! names and the day index are read as they lie. The model knows no files:
//! the store hands it a [`StoredGraph`], which says how to read each part.
//!
//! Whatever the bytes, nothing here panics: a record that does not decode
//! reads as a placeholder actor or a missing tie, a link that points
//! outside the graph is skipped. The store checks the bytes' checksum
//! before handing them over, so that only a forger's bytes get that far.

use std::sync::{Arc, OnceLock};

use super::Graph;
use crate::model::actor::{Actor, ActorKind, Source};
use crate::model::adjacency::PackedLink;
use crate::model::event::Event;
use crate::model::network::Network;
use crate::model::relation::Relations;
use crate::model::tie::{ActorId, Tie, TieId};
use crate::model::time::{Day, PartialDate};

/// One normalised name in a sorted table: `text[start..end]` names `actor`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, bytemuck::Pod, bytemuck::Zeroable)]
pub struct NameEntry {
    /// Where the name starts in the table's text.
    pub start: u32,
    /// Where it ends.
    pub end: u32,
    /// The actor's index.
    pub actor: u32,
}

/// A graph's contents read in place. Counts and slices are as the bytes
/// say; the graph checks every index it reads from them.
pub trait StoredGraph: Send + Sync + std::fmt::Debug {
    /// How many actors.
    fn actor_count(&self) -> usize;
    /// How many ties.
    fn tie_count(&self) -> usize;
    /// Actor `index`, decoded; `None` when its bytes are not an actor.
    fn actor(&self, index: usize) -> Option<Actor>;
    /// The ends of tie `index` (from, to), unchecked.
    fn tie_ends(&self, index: usize) -> Option<(u32, u32)>;
    /// Tie `index`, decoded; `None` when its bytes are not a tie. Its
    /// relation and sources are checked by the graph.
    fn tie(&self, index: usize) -> Option<Tie>;
    /// Per actor, where its packed links start, and one more at the end.
    fn link_offsets(&self) -> &[u32];
    /// Every tie twice, once under each end.
    fn links(&self) -> &[PackedLink];
    /// Every normalised name, one after another.
    fn name_text(&self) -> &[u8];
    /// The names, sorted by their text.
    fn name_entries(&self) -> &[NameEntry];
    /// Of `relation`'s ties, the sorted first and the sorted last days.
    fn active_days(&self, relation: usize) -> (&[Day], &[Day]);
}

/// What a stored graph holds beside its contents, decoded whole: small.
#[derive(Debug, Default)]
pub struct StoredMeta {
    /// The graph's title.
    pub title: String,
    /// Its as-of date.
    pub as_of: Option<PartialDate>,
    /// Its sources.
    pub sources: Vec<Source>,
    /// Its events; their actors are checked against the contents.
    pub events: Vec<Event>,
    /// Its relations.
    pub relations: Relations,
}

/// Items decoded on first use and kept, in chunks allocated on first use,
/// so that a graph of ten million ties spends nothing on those not read.
/// Each item is boxed: a question over the ties of a hub touches thousands
/// of chunks, and a chunk of pointers is 512 bytes where one of actors
/// was 5 KiB.
#[derive(Clone, Debug)]
struct Decoded<T> {
    chunks: Box<[OnceLock<Chunk<T>>]>,
}

/// [`CHUNK`] items, each decoded on first use.
type Chunk<T> = Box<[OnceLock<Box<T>>]>;

const CHUNK: usize = 32;

impl<T> Decoded<T> {
    fn new(count: usize) -> Self {
        Decoded {
            chunks: (0..count.div_ceil(CHUNK))
                .map(|_| OnceLock::new())
                .collect(),
        }
    }

    /// Item `index`, decoded by `decode` if this is its first use; `None`
    /// past the end.
    fn get(&self, index: usize, decode: impl FnOnce() -> T) -> Option<&T> {
        let chunk = self.chunks.get(index / CHUNK)?;
        let items = chunk.get_or_init(|| (0..CHUNK).map(|_| OnceLock::new()).collect());
        Some(items.get(index % CHUNK)?.get_or_init(|| Box::new(decode())))
    }
}

/// A graph's actors and ties as a [`StoredGraph`] holds them.
#[derive(Clone, Debug)]
pub(super) struct Stored {
    pub(super) contents: Arc<dyn StoredGraph>,
    actors: Decoded<Actor>,
    ties: Decoded<Option<Tie>>,
    /// Every actor and tie, read whole the first time a question walks
    /// every tie (counting, exporting): ten million ties one by one
    /// through `ties` took twice as long as reading them in one pass, and
    /// the walk's lookups of the ties' actors are then as fast as a graph
    /// held in memory. Read before `actors` and `ties` from then on.
    whole: OnceLock<Network>,
    actor_count: usize,
    tie_count: usize,
    relations: usize,
    sources: usize,
}

impl Stored {
    pub(super) fn actor_count(&self) -> usize {
        self.actor_count
    }

    pub(super) fn tie_count(&self) -> usize {
        self.tie_count
    }

    pub(super) fn actor(&self, id: ActorId) -> Option<&Actor> {
        if let Some(network) = self.whole.get() {
            return network.node_weight(id);
        }
        let index = id.index();
        if index >= self.actor_count {
            return None;
        }
        self.actors.get(index, || self.decode_actor(index))
    }

    fn decode_actor(&self, index: usize) -> Actor {
        self.contents
            .actor(index)
            .unwrap_or_else(|| Actor::new(format!("#{index}"), "(unreadable)", ActorKind::Group))
    }

    /// The ends of tie `index`, when both are actors of the graph and differ.
    pub(super) fn ends(&self, index: usize) -> Option<(ActorId, ActorId)> {
        if let Some(network) = self.whole.get() {
            return network.edge_endpoints(TieId::new(index));
        }
        let (from, to) = self.contents.tie_ends(index)?;
        let fits = |end: u32| (end as usize) < self.actor_count;
        (fits(from) && fits(to) && from != to)
            .then(|| (ActorId::new(from as usize), ActorId::new(to as usize)))
    }

    pub(super) fn tie(&self, index: usize) -> Option<&Tie> {
        if let Some(network) = self.whole.get() {
            return network.edge_weight(TieId::new(index));
        }
        if index >= self.tie_count {
            return None;
        }
        self.ties.get(index, || self.decode_tie(index))?.as_ref()
    }

    fn decode_tie(&self, index: usize) -> Option<Tie> {
        self.contents.tie(index).filter(|tie| {
            tie.relation.index() < self.relations
                && tie.sources().iter().all(|s| s.index() < self.sources)
        })
    }

    /// Every actor and tie, read whole once and kept (see `whole`).
    pub(super) fn whole(&self) -> &Network {
        self.whole.get_or_init(|| self.read_whole())
    }

    /// Every actor and tie in a network, for a walk over all of them or a
    /// change to the graph. A tie that cannot be read (only a forger's
    /// bytes get past the checksum) is left out, and numbers after it move.
    fn read_whole(&self) -> Network {
        let mut network = Network::with_capacity(self.actor_count, self.tie_count);
        for index in 0..self.actor_count {
            network.add_node(self.decode_actor(index));
        }
        let slots = super::prefetch::ActorSlots::of(&network);
        for index in 0..self.tie_count {
            if let Some((from, to)) = self.contents.tie_ends(index + super::prefetch::AHEAD) {
                slots.prefetch(from);
                slots.prefetch(to);
            }
            if let (Some((from, to)), Some(tie)) = (self.ends(index), self.decode_tie(index)) {
                network.add_edge(from, to, tie);
            }
        }
        network
    }

    /// The network, for a change to the graph.
    pub(super) fn into_network(mut self) -> Network {
        self.whole.take().unwrap_or_else(|| self.read_whole())
    }
}

impl Graph {
    /// A graph read in place from `contents`, with `meta` decoded whole.
    /// Refuses contents whose events name actors or sources it lacks; all
    /// else is checked as it is read.
    pub fn stored(meta: StoredMeta, contents: Arc<dyn StoredGraph>) -> Result<Graph, String> {
        let actor_count = contents.actor_count();
        let sources = meta.sources.len();
        for event in &meta.events {
            if event.actors.iter().any(|a| a.index() >= actor_count)
                || event.sources.iter().any(|s| s.index() >= sources)
            {
                return Err("an event names an unknown actor or source".into());
            }
        }
        let tie_count = contents.tie_count();
        let stored = Stored {
            actors: Decoded::new(actor_count),
            ties: Decoded::new(tie_count),
            actor_count,
            tie_count,
            relations: meta.relations.len(),
            sources,
            contents: contents.clone(),
            whole: OnceLock::new(),
        };
        let mut graph = Graph {
            title: meta.title,
            as_of: meta.as_of,
            sources: meta.sources,
            events: meta.events,
            relations: meta.relations,
            ..Graph::default()
        };
        graph.body = super::Body::Stored(Box::new(stored));
        graph.names = super::name_table::NameTable::Stored(contents);
        Ok(graph)
    }

    /// True when the graph is read in place (from a snapshot) rather than
    /// held in memory; any change first reads it into memory whole.
    pub fn is_stored(&self) -> bool {
        matches!(self.body, super::Body::Stored(_))
    }
}
