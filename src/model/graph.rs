//! The actor graph: actors, ties, sources and relations, with the indexes
//! every question goes through.

use petgraph::stable_graph::StableGraph;
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use petgraph::Direction;
use rustc_hash::FxHashMap;

use super::actor::{Actor, Source};
use super::names::{normalize, similarity, SUGGESTION_THRESHOLD};
use super::relation::Relations;
use super::spec::{GraphSpec, Problem, Site, TieSpec};
use super::tie::{ActorId, SourceId, Tie, TieFilter, TieId, TieRef};
use super::time::PartialDate;

/// The network itself. `StableGraph` because actors and ties can be removed
/// (imports merge, sessions edit) while the indices already handed out, and
/// the name index, stay valid; it also allows the parallel edges that two
/// actors with several dated ties need. Indices are never written to files:
/// files name actors by id.
pub type Network = StableGraph<Actor, Tie, petgraph::Directed, u32>;

/// An actor graph.
#[derive(Clone, Debug, Default)]
pub struct Graph {
    pub title: String,
    pub as_of: Option<PartialDate>,
    sources: Vec<Source>,
    relations: Relations,
    network: Network,
    /// Normalised id, name and alias → actor.
    names: FxHashMap<String, ActorId>,
}

/// A name that matches no actor, with the nearest ones.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("no actor is called `{name}`{}", did_you_mean(.suggestions))]
pub struct UnknownActor {
    pub name: String,
    /// Display names of the nearest actors, best first.
    pub suggestions: Vec<String>,
}

/// " (did you mean A or B?)", or nothing.
pub fn did_you_mean(suggestions: &[String]) -> String {
    match suggestions {
        [] => String::new(),
        [one] => format!("; did you mean {one}?"),
        [init @ .., last] => format!("; did you mean {} or {last}?", init.join(", ")),
    }
}

/// Why an actor could not be added.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ActorError {
    #[error("an actor needs an id")]
    EmptyId,
    #[error("actor `{0}` needs a name")]
    EmptyName(String),
    #[error("`{name}` is already a name of {owner}")]
    NameTaken { name: String, owner: String },
}

impl Graph {
    pub fn new(title: impl Into<String>) -> Self {
        Graph {
            title: title.into(),
            ..Graph::default()
        }
    }

    /// Validates a document into a graph, reporting every problem at once.
    pub fn build(spec: GraphSpec) -> Result<Graph, Vec<Problem>> {
        super::build::build(spec)
    }

    /// The document form, in the graph's order; `build(to_spec())` gives an equal graph.
    pub fn to_spec(&self) -> GraphSpec {
        GraphSpec {
            title: self.title.clone(),
            as_of: self.as_of,
            sources: self.sources.clone(),
            relations: self.relations.declared().to_vec(),
            actors: self.network.node_weights().cloned().collect(),
            ties: self.all_ties().map(|tie| self.tie_spec(tie)).collect(),
        }
    }

    /// One tie in document form.
    pub fn tie_spec(&self, tie: TieRef<'_>) -> TieSpec {
        TieSpec {
            from: self.actor(tie.from).id.clone(),
            to: self.actor(tie.to).id.clone(),
            relation: self.relations.name(tie.tie.relation).to_string(),
            start: tie.tie.start(),
            end: tie.tie.end(),
            confidence: tie.tie.confidence,
            sources: tie
                .tie
                .sources
                .iter()
                .map(|s| self.source(*s).id.clone())
                .collect(),
            note: tie.tie.note.clone(),
            events: tie.tie.events,
        }
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
            .find_map(|name| self.names.get(&normalize(name)).map(|owner| (name, *owner)))
        {
            return Err(ActorError::NameTaken {
                name: name.to_string(),
                owner: self.actor(owner).name.clone(),
            });
        }
        let id = self.network.add_node(actor);
        for key in keys {
            self.names.insert(key, id);
        }
        Ok(id)
    }

    /// Removes an actor and its ties.
    pub fn remove_actor(&mut self, id: ActorId) -> Option<Actor> {
        let actor = self.network.remove_node(id)?;
        for name in actor.all_names() {
            let key = normalize(name);
            if self.names.get(&key) == Some(&id) {
                self.names.remove(&key);
            }
        }
        Some(actor)
    }

    pub fn actor(&self, id: ActorId) -> &Actor {
        &self.network[id]
    }

    pub fn get_actor(&self, id: ActorId) -> Option<&Actor> {
        self.network.node_weight(id)
    }

    /// Every actor, in the order they were added.
    pub fn actors(&self) -> impl Iterator<Item = (ActorId, &Actor)> + '_ {
        self.network
            .node_indices()
            .map(move |id| (id, &self.network[id]))
    }

    pub fn actor_count(&self) -> usize {
        self.network.node_count()
    }

    /// The actor whose id, name or alias is `name` under the name rules.
    pub fn find(&self, name: &str) -> Option<ActorId> {
        self.names.get(&normalize(name)).copied()
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
        nearest(
            &normalize(name),
            self.names.iter().map(|(key, id)| (key.as_str(), *id)),
            limit,
        )
    }

    /// Every normalised-name key with its actor (for completion).
    pub fn name_keys(&self) -> impl Iterator<Item = (&str, ActorId)> {
        self.names.iter().map(|(k, v)| (k.as_str(), *v))
    }

    // ---- ties ----

    /// Adds a tie from `from` to `to`. Ties to oneself are refused.
    pub fn add_tie(&mut self, from: ActorId, to: ActorId, tie: Tie) -> Option<TieId> {
        if from == to || !self.network.contains_node(from) || !self.network.contains_node(to) {
            return None;
        }
        Some(self.network.add_edge(from, to, tie))
    }

    pub fn remove_tie(&mut self, id: TieId) -> Option<Tie> {
        self.network.remove_edge(id)
    }

    pub fn tie(&self, id: TieId) -> Option<TieRef<'_>> {
        let (from, to) = self.network.edge_endpoints(id)?;
        Some(TieRef {
            id,
            from,
            to,
            tie: &self.network[id],
        })
    }

    pub fn tie_mut(&mut self, id: TieId) -> Option<&mut Tie> {
        self.network.edge_weight_mut(id)
    }

    pub fn tie_count(&self) -> usize {
        self.network.edge_count()
    }

    /// Every tie, in the order they were added.
    pub fn all_ties(&self) -> impl Iterator<Item = TieRef<'_>> + '_ {
        self.network.edge_references().map(|e| TieRef {
            id: e.id(),
            from: e.source(),
            to: e.target(),
            tie: e.weight(),
        })
    }

    /// The ties `filter` accepts, over the whole graph.
    pub fn ties<'g>(&'g self, filter: &'g TieFilter) -> impl Iterator<Item = TieRef<'g>> + 'g {
        self.all_ties().filter(move |t| filter.accepts(t.tie))
    }

    /// The ties of `actor` that `filter` accepts, either way round. Walks the
    /// actor's own adjacency lists only, never the whole graph.
    pub fn ties_of<'g>(
        &'g self,
        actor: ActorId,
        filter: &'g TieFilter,
    ) -> impl Iterator<Item = TieRef<'g>> + 'g {
        let outgoing = self.network.edges_directed(actor, Direction::Outgoing);
        let incoming = self.network.edges_directed(actor, Direction::Incoming);
        outgoing
            .chain(incoming)
            .filter(move |e| filter.accepts(e.weight()))
            .map(|e| TieRef {
                id: e.id(),
                from: e.source(),
                to: e.target(),
                tie: e.weight(),
            })
    }

    /// The ties of `actor` that `filter` accepts and that end at `actor`
    /// when their relation is directed (who pledges to it, its subgroups).
    pub fn ties_into<'g>(
        &'g self,
        actor: ActorId,
        filter: &'g TieFilter,
    ) -> impl Iterator<Item = TieRef<'g>> + 'g {
        self.ties_of(actor, filter)
            .filter(move |t| t.to == actor || !self.relations.is_directed(t.tie.relation))
    }

    /// The ties of `actor` that `filter` accepts and that start at `actor`
    /// when their relation is directed (what it pledges to, its parents).
    pub fn ties_out_of<'g>(
        &'g self,
        actor: ActorId,
        filter: &'g TieFilter,
    ) -> impl Iterator<Item = TieRef<'g>> + 'g {
        self.ties_of(actor, filter)
            .filter(move |t| t.from == actor || !self.relations.is_directed(t.tie.relation))
    }

    /// The number of ties an actor has, of any kind and time.
    pub fn degree(&self, actor: ActorId) -> usize {
        self.network
            .edges_directed(actor, Direction::Outgoing)
            .count()
            + self
                .network
                .edges_directed(actor, Direction::Incoming)
                .count()
    }

    // ---- relations and sources ----

    pub fn relations(&self) -> &Relations {
        &self.relations
    }

    pub fn relations_mut(&mut self) -> &mut Relations {
        &mut self.relations
    }

    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    pub fn source(&self, id: SourceId) -> &Source {
        &self.sources[id.index()]
    }

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

    /// The petgraph network, for algorithms the graph does not wrap.
    pub fn network(&self) -> &Network {
        &self.network
    }
}

/// Two graphs are equal when their documents are: same metadata, actors and
/// ties in the same order.
impl PartialEq for Graph {
    fn eq(&self, other: &Self) -> bool {
        self.to_spec() == other.to_spec()
    }
}

/// The `limit` candidates nearest to `wanted`, each actor once, best first.
pub(crate) fn nearest<'a>(
    wanted: &str,
    candidates: impl Iterator<Item = (&'a str, ActorId)>,
    limit: usize,
) -> Vec<ActorId> {
    let mut best: FxHashMap<ActorId, f64> = FxHashMap::default();
    for (key, id) in candidates {
        let score = similarity(wanted, key);
        if score >= SUGGESTION_THRESHOLD {
            let entry = best.entry(id).or_insert(0.0);
            *entry = entry.max(score);
        }
    }
    let mut ranked: Vec<(ActorId, f64)> = best.into_iter().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.into_iter().take(limit).map(|(id, _)| id).collect()
}

/// Helper for the builder: a site on a tie field.
pub(crate) fn tie_site(index: usize, field: &'static str) -> Site {
    Site::Tie {
        index,
        field,
        item: None,
    }
}

/// Lets the builder fill a graph's private parts.
pub(crate) struct GraphParts<'a> {
    pub names: &'a mut FxHashMap<String, ActorId>,
    pub network: &'a mut Network,
}

impl Graph {
    pub(crate) fn parts(&mut self) -> GraphParts<'_> {
        GraphParts {
            names: &mut self.names,
            network: &mut self.network,
        }
    }
}
