//! The actor graph: actors, ties, sources and relations, with the indexes
//! every question goes through.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::actor::{Actor, Source};
use super::adjacency::{Adjacency, Limits, Link, Packed};
use super::event::Event;
use super::names::normalize;
use super::relation::Relations;
use super::tie::{ActorId, SourceId, Tie, TieFilter, TieId, TieRef};
use super::time::{Bounds, Certainty, Day, PartialDate, DAY_MAX};

pub use super::network::Network;

mod counts;
mod iter;
mod name_table;
mod parts;
mod prefetch;
mod stored;
mod suggestions;

pub use stored::{NameEntry, StoredGraph, StoredMeta};

use counts::ActiveDays;
use name_table::NameTable;
use suggestions::NameIndex;

/// An actor graph.
#[derive(Clone, Debug, Default)]
pub struct Graph {
    /// What the graph covers, such as "Salafi-jihadi actors in northern Mali".
    pub title: String,
    /// The date the graph's knowledge runs to: its "now".
    as_of: Option<PartialDate>,
    sources: Vec<Source>,
    events: Vec<Event>,
    relations: Relations,
    /// The actors and ties, in memory or read in place.
    body: Body,
    /// Normalised id, name and alias → actor.
    names: NameTable,
    /// Per relation, the first and the last days of its ties, each sorted:
    /// how many ties are active in a window is then two binary searches.
    /// Built on first use; every change to ties resets it.
    active_days: OnceLock<Vec<ActiveDays>>,
    /// Each actor's ties packed for scanning; built on first use, reset by
    /// any change to ties.
    adjacency: OnceLock<Adjacency>,
    /// The name keys indexed for suggestions; built on first use, reset by
    /// any change to names.
    name_index: OnceLock<NameIndex>,
}

/// Where a graph's actors and ties are: in a petgraph network, or read in
/// place from a [`StoredGraph`] until the first change.
#[derive(Clone, Debug)]
enum Body {
    Owned(Network),
    Stored(Box<stored::Stored>),
}

impl Default for Body {
    fn default() -> Self {
        Body::Owned(Network::default())
    }
}

/// A name that matches no actor, with the nearest ones.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("no actor is called `{name}`{}", did_you_mean(.suggestions))]
pub struct UnknownActor {
    /// The name as asked.
    pub name: String,
    /// Display names of the nearest actors, best first.
    pub suggestions: Vec<String>,
}

/// " (did you mean A or B?)", or nothing.
pub fn did_you_mean(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}?", super::names::or_list(suggestions))
    }
}

/// Why an actor could not be added.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ActorError {
    /// The actor's id is empty.
    #[error("an actor needs an id")]
    EmptyId,
    /// The actor with this id has an empty name.
    #[error("actor `{0}` needs a name")]
    EmptyName(String),
    #[error("`{name}` is already a name of {owner}")]
    /// One of the actor's names (id, name or alias) already belongs to another actor.
    NameTaken {
        /// The name claimed twice.
        name: String,
        /// The display name of the actor that has it.
        owner: String,
    },
}

impl Graph {
    /// An empty graph with this title.
    pub fn new(title: impl Into<String>) -> Self {
        Graph {
            title: title.into(),
            ..Graph::default()
        }
    }

    /// The date the graph is current as of: what a question with no time
    /// asks about. `None` for a graph without one (an imported dataset).
    pub fn as_of(&self) -> Option<PartialDate> {
        self.as_of
    }

    /// Sets the as-of date; ongoing ties are certain up to it.
    pub fn set_as_of(&mut self, as_of: Option<PartialDate>) {
        // The stored links and day index hold bounds computed up to the
        // old date: they are rebuilt from a network.
        self.network_mut();
        self.indexes_changed();
        self.as_of = as_of;
    }

    /// The last day the graph's knowledge covers: ongoing ties are certain
    /// up to it and only possible after it. Unbounded without an as-of date.
    pub fn known_until(&self) -> Day {
        self.as_of.map_or(DAY_MAX, PartialDate::last_day)
    }

    // ---- events ----

    /// Every dated one-off event, in document order.
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// Adds an event; its actors must be in the graph.
    pub fn add_event(&mut self, event: Event) -> bool {
        if event.actors.is_empty() || !event.actors.iter().all(|a| self.get_actor(*a).is_some()) {
            return false;
        }
        self.events.push(event);
        true
    }

    // ---- actors ----

    /// Adds an actor, claiming its id, name and aliases.
    pub fn add_actor(&mut self, actor: Actor) -> Result<ActorId, ActorError> {
        if normalize(&actor.id).is_empty() {
            return Err(ActorError::EmptyId);
        }
        if normalize(&actor.name).is_empty() {
            return Err(ActorError::EmptyName(actor.id));
        }
        let keys: Vec<String> = actor
            .all_names()
            .map(normalize)
            .filter(|k| !k.is_empty())
            .collect();
        if let Some((name, owner)) = actor
            .all_names()
            .find_map(|name| self.names.get(&normalize(name)).map(|owner| (name, owner)))
        {
            return Err(ActorError::NameTaken {
                name: name.to_string(),
                owner: self.actor(owner).name.clone(),
            });
        }
        let id = self.network_mut().add_node(actor);
        self.name_index = OnceLock::new();
        let names = self.names.map_mut();
        for key in keys {
            names.insert(key, id);
        }
        Ok(id)
    }

    /// Removes an actor and its ties.
    pub fn remove_actor(&mut self, id: ActorId) -> Option<Actor> {
        self.indexes_changed();
        let actor = self.network_mut().remove_node(id)?;
        self.events.retain(|e| !e.involves(id));
        self.name_index = OnceLock::new();
        for name in actor.all_names() {
            let key = normalize(name);
            if self.names.get(&key) == Some(id) {
                self.names.map_mut().remove(&key);
            }
        }
        Some(actor)
    }

    /// The actor `id` names; panics when `id` is not of this graph.
    pub fn actor(&self, id: ActorId) -> &Actor {
        match &self.body {
            Body::Owned(network) => &network[id],
            Body::Stored(stored) => stored.actor(id).expect("an actor of this graph"),
        }
    }

    /// The actor `id` names, or `None` when it is not in this graph.
    pub fn get_actor(&self, id: ActorId) -> Option<&Actor> {
        match &self.body {
            Body::Owned(network) => network.node_weight(id),
            Body::Stored(stored) => stored.actor(id),
        }
    }

    /// Every actor, in the order they were added.
    pub fn actors(&self) -> impl Iterator<Item = (ActorId, &Actor)> + '_ {
        iter::actors(self)
    }

    /// How many actors the graph holds.
    pub fn actor_count(&self) -> usize {
        match &self.body {
            Body::Owned(network) => network.node_count(),
            Body::Stored(stored) => stored.actor_count(),
        }
    }

    /// One more than the highest actor index: how long a table indexed
    /// by actor must be.
    pub fn actor_bound(&self) -> usize {
        match &self.body {
            Body::Owned(network) => petgraph::visit::NodeIndexable::node_bound(network),
            Body::Stored(stored) => stored.actor_count(),
        }
    }

    /// One more than the highest tie index: how long a table indexed by
    /// tie must be.
    pub fn tie_bound(&self) -> usize {
        match &self.body {
            Body::Owned(network) => petgraph::visit::EdgeIndexable::edge_bound(network),
            Body::Stored(stored) => stored.tie_count(),
        }
    }

    /// The actor whose id, name or alias is `name` under the name rules.
    pub fn find(&self, name: &str) -> Option<ActorId> {
        self.names.get(&normalize(name))
    }

    /// Like [`Graph::find`], but an unknown name comes back with suggestions.
    pub fn resolve(&self, name: &str) -> Result<ActorId, UnknownActor> {
        self.find(name).ok_or_else(|| UnknownActor {
            name: name.to_string(),
            suggestions: self
                .suggest(name, 3)
                .into_iter()
                .map(|id| self.actor(id).name.clone())
                .collect(),
        })
    }

    /// Up to `limit` actors whose names are nearest to `name`, best first.
    pub fn suggest(&self, name: &str, limit: usize) -> Vec<ActorId> {
        self.name_index
            .get_or_init(|| NameIndex::new(self.name_keys()))
            .nearest(&normalize(name), limit)
    }

    /// Every normalised-name key with its actor (for completion).
    pub fn name_keys(&self) -> impl Iterator<Item = (&str, ActorId)> {
        self.names.iter()
    }

    // ---- ties ----

    /// Adds a tie from `from` to `to`. Ties to oneself are refused.
    pub fn add_tie(&mut self, from: ActorId, to: ActorId, tie: Tie) -> Option<TieId> {
        if from == to || self.get_actor(from).is_none() || self.get_actor(to).is_none() {
            return None;
        }
        self.indexes_changed();
        Some(self.network_mut().add_edge(from, to, tie))
    }

    /// Removes a tie, giving it back; `None` when there is no such tie.
    pub fn remove_tie(&mut self, id: TieId) -> Option<Tie> {
        self.indexes_changed();
        self.network_mut().remove_edge(id)
    }

    /// The tie `id` names, with its ends; `None` when there is no such tie.
    pub fn tie(&self, id: TieId) -> Option<TieRef<'_>> {
        let ((from, to), tie) = match &self.body {
            Body::Owned(network) => (network.edge_endpoints(id)?, &network[id]),
            Body::Stored(stored) => (stored.ends(id.index())?, stored.tie(id.index())?),
        };
        Some(TieRef { id, from, to, tie })
    }

    /// The tie `id` names, without its ends.
    fn tie_weight(&self, id: TieId) -> Option<&Tie> {
        match &self.body {
            Body::Owned(network) => network.edge_weight(id),
            Body::Stored(stored) => stored.tie(id.index()),
        }
    }

    /// The tie `id` names, to change it; `None` when there is no such tie.
    pub fn tie_mut(&mut self, id: TieId) -> Option<&mut Tie> {
        self.indexes_changed();
        self.network_mut().edge_weight_mut(id)
    }

    /// How many ties the graph holds.
    pub fn tie_count(&self) -> usize {
        match &self.body {
            Body::Owned(network) => network.edge_count(),
            Body::Stored(stored) => stored.tie_count(),
        }
    }

    /// Every tie, in the order they were added.
    pub fn all_ties(&self) -> impl Iterator<Item = TieRef<'_>> + '_ {
        iter::ties(self)
    }

    /// When an actor may and must have existed, as the graph knows it, for
    /// questions about the actor itself: an unknown start may be any day (so
    /// an undated actor is only possibly alive in a bounded window), and an
    /// actor with no end is certain up to the graph's as-of date and only
    /// possible after it, as an ongoing tie is. Ties are narrowed by the
    /// looser [`Actor::life`], which bounds nothing where nothing is written.
    pub fn life(&self, actor: ActorId) -> Bounds {
        let actor = self.actor(actor);
        let mut life = actor.life();
        if actor.active.is_none_or(|period| period.start.is_none()) {
            life.start.1 = DAY_MAX;
        }
        if actor.active.is_none_or(|period| period.end.is_none()) {
            life.end.0 = life.end.0.min(self.known_until());
        }
        life.consistent()
    }

    /// A tie's effective bounds: its own dates within both actors'
    /// lifespans, an ongoing tie certain up to the graph's as-of date.
    pub fn bounds(&self, tie: TieRef<'_>) -> Bounds {
        tie.tie.bounds_between(
            self.known_until(),
            &[self.actor(tie.from).life(), self.actor(tie.to).life()],
        )
    }

    /// The first of a tie's actors to end, and when, for a tie that gives
    /// no end of its own: a tie cannot outlive its actors, so it ended
    /// then at the latest, whatever its sources leave open.
    pub fn ended_with(&self, tie: TieRef<'_>) -> Option<(ActorId, PartialDate)> {
        if tie.tie.end().is_some() {
            return None;
        }
        [tie.from, tie.to]
            .into_iter()
            .filter_map(|id| Some((id, self.actor(id).active?.end?)))
            .min_by_key(|(_, end)| end.last_day())
    }

    /// How sure `filter` is that `tie` was active in its window; `No` when
    /// the filter refuses the tie. Every time question goes through this.
    pub fn certainty(&self, tie: TieRef<'_>, filter: &TieFilter) -> Certainty {
        if !filter.accepts_sources(tie.tie.sources()) {
            return Certainty::No;
        }
        filter.certainty(tie.tie.relation, self.bounds(tie), tie.tie.confidence)
    }

    /// The ties `filter` accepts, over the whole graph.
    pub fn ties<'g, 'f>(
        &'g self,
        filter: &'f TieFilter,
    ) -> impl Iterator<Item = TieRef<'g>> + use<'g, 'f> {
        self.all_ties()
            .filter(move |t| self.certainty(*t, filter) != Certainty::No)
    }

    /// The ties of `actor` that `filter` accepts, either way round, read
    /// from the actor's packed links: never a scan of the whole graph.
    pub fn ties_of<'g, 'f>(
        &'g self,
        actor: ActorId,
        filter: &'f TieFilter,
    ) -> impl Iterator<Item = TieRef<'g>> + use<'g, 'f> {
        self.links(actor, filter).filter_map(move |link| {
            let (from, to) = if link.outgoing {
                (actor, link.other)
            } else {
                (link.other, actor)
            };
            Some(TieRef {
                id: link.tie,
                from,
                to,
                tie: self.tie_weight(link.tie)?,
            })
        })
    }

    /// The links of `actor` whose ties `filter` accepts: what walks read
    /// when they need the other end and the tie's id but not the tie itself.
    pub fn links<'g, 'f>(
        &'g self,
        actor: ActorId,
        filter: &'f TieFilter,
    ) -> impl Iterator<Item = Link> + use<'g, 'f> {
        let adjacency = self.adjacency();
        // One relation asked for: read only its run of the sorted links.
        let links = match filter.relations.as_deref() {
            Some([relation]) => adjacency.links_of(actor, *relation),
            _ => adjacency.links(actor),
        };
        let limits = self.limits();
        links.iter().filter_map(move |packed| {
            let link = packed.unpack(limits)?;
            (link.certainty(filter) != Certainty::No
                && (filter.source.is_none()
                    || self
                        .tie_weight(link.tie)
                        .is_some_and(|tie| filter.accepts_sources(tie.sources()))))
            .then_some(link)
        })
    }

    /// What a link must point inside.
    fn limits(&self) -> Limits {
        Limits {
            actors: self.actor_bound(),
            ties: self.tie_bound(),
            relations: self.relations.len(),
        }
    }

    /// The packed links, built now if need be, or read in place.
    fn adjacency(&self) -> Packed<'_> {
        match &self.body {
            Body::Owned(network) => self
                .adjacency
                .get_or_init(|| Adjacency::build(network, self.known_until()))
                .parts(),
            Body::Stored(stored) => Packed {
                offsets: stored.contents.link_offsets(),
                links: stored.contents.links(),
            },
        }
    }

    /// Builds the lookup indexes now rather than on the first question, so
    /// that a timed load includes them and the first answer is as fast as the rest.
    pub fn build_indexes(&self) {
        self.adjacency();
        if !self.is_stored() {
            self.active_days.get_or_init(|| self.build_active_days());
        }
    }

    /// Bytes the lookup indexes hold (zero until built).
    pub fn index_bytes(&self) -> usize {
        self.adjacency.get().map_or(0, Adjacency::heap_bytes)
            + self.active_days.get().map_or(0, |days| {
                days.iter()
                    .map(|d| (d.firsts.capacity() + d.lasts.capacity()) * 4)
                    .sum()
            })
    }

    fn indexes_changed(&mut self) {
        self.active_days = OnceLock::new();
        self.adjacency = OnceLock::new();
    }

    /// The number of ties an actor has, of any kind and time.
    pub fn degree(&self, actor: ActorId) -> usize {
        self.adjacency().links(actor).len()
    }

    // ---- relations and sources ----

    /// The relations the graph knows: the four built in and those it declares.
    pub fn relations(&self) -> &Relations {
        &self.relations
    }

    /// The relations, to declare more.
    pub fn relations_mut(&mut self) -> &mut Relations {
        self.network_mut();
        self.indexes_changed();
        &mut self.relations
    }

    /// Every source, in the order they were added.
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// The source `id` names; panics when `id` is not of this graph.
    pub fn source(&self, id: SourceId) -> &Source {
        &self.sources[id.index()]
    }

    /// The ids of the sources `tie` cites, in order.
    pub fn source_ids<'g, 't>(
        &'g self,
        tie: &'t Tie,
    ) -> impl Iterator<Item = &'g str> + use<'g, 't> {
        tie.sources().iter().map(|s| self.source(*s).id.as_str())
    }

    /// The source with this id, if the graph has one.
    pub fn find_source(&self, id: &str) -> Option<SourceId> {
        self.sources
            .iter()
            .position(|s| s.id == id)
            .map(|i| SourceId(i as u32))
    }

    /// Adds a source, or returns the one that already has its id.
    pub fn add_source(&mut self, source: Source) -> SourceId {
        if let Some(id) = self.find_source(&source.id) {
            return id;
        }
        self.sources.push(source);
        SourceId((self.sources.len() - 1) as u32)
    }

    /// The network, to change it: a graph read in place is read into
    /// memory whole first (its indexes stay valid: numbering is kept).
    fn network_mut(&mut self) -> &mut Network {
        if let Body::Stored(_) = &self.body {
            let Body::Stored(stored) = std::mem::take(&mut self.body) else {
                unreachable!("matched just above")
            };
            self.body = Body::Owned(stored.into_network());
            self.names.map_mut();
        }
        match &mut self.body {
            Body::Owned(network) => network,
            Body::Stored(_) => unreachable!("read into memory just above"),
        }
    }
}

/// Two graphs are equal when their documents are: same metadata, actors and
/// ties in the same order.
impl PartialEq for Graph {
    fn eq(&self, other: &Self) -> bool {
        self.to_spec() == other.to_spec()
    }
}

/// Lets the builder fill a graph's private parts.
pub(crate) struct GraphParts<'a> {
    pub names: &'a mut FxHashMap<String, ActorId>,
    pub network: &'a mut Network,
}

impl Graph {
    pub(crate) fn parts(&mut self) -> GraphParts<'_> {
        self.indexes_changed();
        self.name_index = OnceLock::new();
        self.network_mut();
        let Body::Owned(network) = &mut self.body else {
            unreachable!("network_mut reads the graph into memory")
        };
        GraphParts {
            names: self.names.map_mut(),
            network,
        }
    }
}
