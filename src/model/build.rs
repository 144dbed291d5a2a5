//! Validation of a [`GraphSpec`] into a [`Graph`]: every rule a graph must
//! keep, every problem reported at once with the item and field it sits on.

use rustc_hash::FxHashMap;

use super::actor::Actor;
use super::cycles::{break_subgroup_cycles, check_subgroup_cycles, SubgroupTie};
use super::event::Event;
use super::graph::{did_you_mean, Graph};
use super::relation::RelationId;
use super::spec::{EventSpec, GraphSpec, Problem, Site, TieSpec};
use super::tie::{ActorId, SourceId, Tie, TieDetails, TieId};
use super::time::PartialDate;

use super::rules::{
    actor_problems, declared_sources_help, key_of, resolve_end, tie_problems, unknown_relation,
};

impl Graph {
    /// Validates a document into a graph, reporting every problem at once.
    pub fn build(spec: GraphSpec) -> Result<Graph, Vec<Problem>> {
        build(spec)
    }
}

fn build(spec: GraphSpec) -> Result<Graph, Vec<Problem>> {
    let mut builder = GraphBuilder::new(spec.title, None);
    builder.set_as_of(spec.as_of);
    for source in spec.sources {
        builder.source(source);
    }
    for relation in spec.relations {
        builder.relation(relation);
    }
    for actor in spec.actors {
        builder.actor(actor);
    }
    for tie in spec.ties {
        builder.tie(tie);
    }
    for event in spec.events {
        builder.event(event);
    }
    builder.finish()
}

/// Builds a graph one item at a time, in document order (sources and
/// relations, then actors, then ties), checking each as it comes, so a
/// reader can stream a large file into it without holding the whole
/// document. [`GraphBuilder::finish`] runs the checks that need everything
/// and gives the graph, or every problem found.
pub struct GraphBuilder {
    graph: Graph,
    problems: Vec<Problem>,
    source_ids: FxHashMap<String, SourceId>,
    relation_cache: FxHashMap<String, RelationId>,
    /// Subgroup-of ties with the days they surely held and their document
    /// index, for the cycle check.
    subgroup_ties: Vec<SubgroupTie>,
    /// The index of the first tie this builder added: ties before it were
    /// the graph's own (see [`GraphBuilder::from_graph`]).
    first_new_tie: usize,
    sources_seen: usize,
    relations_seen: usize,
    actors_seen: usize,
    ties_seen: usize,
    events_seen: usize,
}

impl GraphBuilder {
    /// A builder for an empty graph with this title and as-of date.
    pub fn new(title: String, as_of: Option<PartialDate>) -> Self {
        let mut graph = Graph::new(title);
        graph.set_as_of(as_of);
        GraphBuilder {
            graph,
            problems: Vec::new(),
            source_ids: FxHashMap::default(),
            relation_cache: FxHashMap::default(),
            subgroup_ties: Vec::new(),
            first_new_tie: 0,
            sources_seen: 0,
            relations_seen: 0,
            actors_seen: 0,
            ties_seen: 0,
            events_seen: 0,
        }
    }

    /// A builder that adds to an existing graph, which it takes to keep its
    /// rules: its sources are known by id, and its subgroup-of ties count in
    /// the cycle check (as ties [`GraphBuilder::break_subgroup_cycles`]
    /// never drops). Actors, ties and events added get the indexes after
    /// the graph's own.
    pub fn from_graph(graph: Graph) -> Self {
        let mut builder = GraphBuilder::new(graph.title.clone(), graph.as_of());
        builder.source_ids = graph
            .sources()
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), SourceId(i as u32)))
            .collect();
        builder.subgroup_ties = graph
            .all_ties()
            .enumerate()
            .filter(|(_, t)| t.tie.relation == RelationId::SUBGROUP_OF)
            .map(|(index, t)| SubgroupTie {
                from: t.from,
                to: t.to,
                surely_held: t.tie.surely_held(),
                index,
                id: t.id,
            })
            .collect();
        builder.actors_seen = graph.actor_count();
        builder.ties_seen = graph.tie_count();
        builder.first_new_tie = builder.ties_seen;
        builder.events_seen = graph.events().len();
        builder.graph = graph;
        builder
    }

    /// The graph as built so far.
    pub fn graph(&self) -> &Graph {
        &self.graph
    }

    /// The graph, to change what the builder's rules do not cover (a tie's
    /// facts, declared relations); actors and ties go through the builder.
    pub(crate) fn graph_mut(&mut self) -> &mut Graph {
        &mut self.graph
    }

    /// Adds a source the graph lacks, or gives the one with its id.
    pub(crate) fn add_source(&mut self, source: super::actor::Source) -> SourceId {
        if let Some(id) = self.source_ids.get(&source.id) {
            return *id;
        }
        let id = source.id.clone();
        let source_id = self.graph.add_source(source);
        self.source_ids.insert(id, source_id);
        source_id
    }

    /// The graph as built so far, and the problems found, without the
    /// whole-graph checks of [`GraphBuilder::finish`].
    pub fn into_parts(self) -> (Graph, Vec<Problem>) {
        (self.graph, self.problems)
    }

    /// The problems found so far, in the order found.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// Sets the graph's title.
    pub fn set_title(&mut self, title: String) {
        self.graph.title = title;
    }

    /// Sets the graph's as-of date, which must be a plain date: it is the
    /// day the graph's "now" stands on.
    pub fn set_as_of(&mut self, as_of: Option<PartialDate>) {
        if let Some(date) = as_of.filter(|d| !d.is_plain()) {
            self.problems.push(
                Problem::new(
                    Site::Document { field: "as_of" },
                    format!("as_of `{date}` is not a plain date"),
                )
                .with_help(Some(
                    "write the day, month or year the graph is current as of, e.g. \"2023-02\""
                        .into(),
                )),
            );
        }
        self.graph.set_as_of(as_of);
    }

    /// How many ties have been read so far (for progress reports).
    pub fn ties_seen(&self) -> usize {
        self.ties_seen
    }

    /// True once any tie has been read: later sources, relations or actors
    /// come too late for those ties to use.
    pub fn has_ties(&self) -> bool {
        self.ties_seen > 0
    }

    /// Records a problem found by the reader itself.
    pub fn problem(&mut self, problem: Problem) {
        self.problems.push(problem);
    }

    /// Adds a source, or records why it cannot be added (no id, a duplicate id).
    pub fn source(&mut self, source: super::actor::Source) {
        let index = self.sources_seen;
        self.sources_seen += 1;
        if source.id.trim().is_empty() {
            self.problems.push(Problem::new(
                Site::Source { index, field: "id" },
                "a source needs an id",
            ));
            return;
        }
        if self.source_ids.contains_key(&source.id) {
            self.problems.push(Problem::new(
                Site::Source { index, field: "id" },
                format!("source `{}` is declared twice", source.id),
            ));
            return;
        }
        let id = source.id.clone();
        let source_id = self.graph.add_source(source);
        self.source_ids.insert(id, source_id);
    }

    /// Declares a relation, or records why it cannot be declared.
    pub fn relation(&mut self, relation: super::relation::Relation) {
        let index = self.relations_seen;
        self.relations_seen += 1;
        if let Err(error) = self.graph.relations_mut().declare(relation) {
            let field = match error {
                super::relation::RelationError::Look(_) => "style",
                _ => "name",
            };
            self.problems.push(Problem::new(
                Site::Relation { index, field },
                error.to_string(),
            ));
        }
    }

    /// Adds an actor, or records why it cannot be added. An actor whose id
    /// is usable is added even when another of its names is not, so that
    /// its ties are checked too.
    pub fn actor(&mut self, actor: Actor) {
        let index = self.actors_seen;
        self.actors_seen += 1;
        match actor_problems(&self.graph, &actor, index) {
            Err(problem) => self.problems.push(problem),
            Ok((problems, claimed)) => {
                self.problems.extend(problems);
                self.claim(actor, claimed);
            }
        }
    }

    /// Adds an actor that keeps every rule (its id, name and aliases free,
    /// its active span in order); otherwise adds nothing and gives every
    /// problem. The importer's way in, with the same rules and messages as
    /// a graph file's.
    pub fn try_actor(&mut self, actor: Actor) -> Result<ActorId, Vec<Problem>> {
        let index = self.actors_seen;
        match actor_problems(&self.graph, &actor, index) {
            Err(problem) => Err(vec![problem]),
            Ok((problems, _)) if !problems.is_empty() => Err(problems),
            Ok((_, claimed)) => {
                self.actors_seen += 1;
                Ok(self.claim(actor, claimed))
            }
        }
    }

    fn claim(&mut self, actor: Actor, claimed: Vec<String>) -> ActorId {
        let parts = self.graph.parts();
        let node = parts.network.add_node(actor);
        for key in claimed {
            parts.names.insert(key, node);
        }
        node
    }

    /// Adds a tie, or records every problem with it (unknown actors, relation or sources, bad dates).
    pub fn tie(&mut self, spec: TieSpec) {
        let index = self.ties_seen;
        self.ties_seen += 1;
        let before = self.problems.len();
        let graph = &mut self.graph;
        let problems = &mut self.problems;
        let from = resolve_end(graph, &spec.from, index, "from", problems);
        let to = resolve_end(graph, &spec.to, index, "to", problems);
        let relation = match self.relation_cache.get(&spec.relation) {
            Some(id) => Some(*id),
            None => match graph.relations().find(&spec.relation) {
                Some(id) => {
                    self.relation_cache.insert(spec.relation.clone(), id);
                    Some(id)
                }
                None => {
                    problems.push(unknown_relation(graph.relations(), &spec.relation, index));
                    None
                }
            },
        };
        let mut sources = Vec::with_capacity(spec.sources.len());
        for (item, source) in spec.sources.iter().enumerate() {
            match self.source_ids.get(source) {
                Some(id) => sources.push(*id),
                None => problems.push(
                    Problem::new(
                        Site::Tie {
                            index,
                            field: "sources",
                            item: Some(item),
                        },
                        format!("tie cites source `{source}`, which the graph does not declare"),
                    )
                    .with_help(declared_sources_help(&self.source_ids, source)),
                ),
            }
        }
        let tie = Tie::new(
            relation.unwrap_or(RelationId::ALLIANCE),
            spec.start,
            spec.end,
            spec.confidence,
        )
        .with_details(TieDetails {
            sources,
            note: spec.note,
            evidence: spec.evidence,
            events: spec.events,
            fatalities: spec.fatalities,
        });
        let cited = !spec.sources.is_empty();
        tie_problems(graph, [from, to], &tie, cited, index, problems);
        if problems.len() != before {
            return;
        }
        let (Some(from), Some(to), Some(_)) = (from, to, relation) else {
            return;
        };
        self.add_checked_tie(from, to, tie, index);
    }

    /// Adds a tie between actors of the graph when it keeps every rule a
    /// graph file's tie keeps (dates in order and within both actors'
    /// lives, not to itself, evidence with a source); otherwise adds
    /// nothing and gives every problem, in the graph file's words. The
    /// subgroup-of cycle check needs every tie: see
    /// [`GraphBuilder::break_subgroup_cycles`].
    pub fn try_tie(&mut self, from: ActorId, to: ActorId, tie: Tie) -> Result<TieId, Vec<Problem>> {
        let index = self.ties_seen;
        let mut problems = Vec::new();
        let cited = !tie.sources().is_empty();
        tie_problems(
            &self.graph,
            [Some(from), Some(to)],
            &tie,
            cited,
            index,
            &mut problems,
        );
        if !problems.is_empty() {
            return Err(problems);
        }
        self.ties_seen += 1;
        Ok(self.add_checked_tie(from, to, tie, index))
    }

    /// The problems [`GraphBuilder::try_tie`] would find with `tie`
    /// between these actors (for a tie changed in place, such as one that
    /// rows merged into).
    pub fn tie_problems(&self, from: ActorId, to: ActorId, tie: &Tie) -> Vec<Problem> {
        let mut problems = Vec::new();
        let cited = !tie.sources().is_empty();
        tie_problems(
            &self.graph,
            [Some(from), Some(to)],
            tie,
            cited,
            self.ties_seen,
            &mut problems,
        );
        problems
    }

    fn add_checked_tie(&mut self, from: ActorId, to: ActorId, tie: Tie, index: usize) -> TieId {
        // A cycle is refused only on days its ties surely all held.
        let surely_held = tie.surely_held();
        let relation = tie.relation;
        let id = self
            .graph
            .add_tie(from, to, tie)
            .expect("checked: both ends exist and differ");
        if relation == RelationId::SUBGROUP_OF {
            self.subgroup_ties.push(SubgroupTie {
                from,
                to,
                surely_held,
                index,
                id,
            });
        }
        id
    }

    /// Removes the ties added through this builder that close a subgroup-of
    /// cycle, the latest tie of each cycle, until none is left; the graph's
    /// own ties (those it had when [`GraphBuilder::from_graph`] took it)
    /// stay. Gives each removed tie with the problem `check` would report.
    pub fn break_subgroup_cycles(&mut self) -> Vec<(TieId, Problem)> {
        let dropped = break_subgroup_cycles(&self.graph, &self.subgroup_ties, self.first_new_tie);
        if dropped.is_empty() {
            return Vec::new();
        }
        let gone: Vec<TieId> = dropped.iter().map(|(tie, _)| tie.id).collect();
        self.subgroup_ties.retain(|t| !gone.contains(&t.id));
        for id in &gone {
            self.graph.remove_tie(*id);
        }
        dropped
            .into_iter()
            .map(|(tie, problem)| (tie.id, problem))
            .collect()
    }

    /// Counts an event that could not be read (a problem says why).
    pub fn skip_event(&mut self) {
        self.events_seen += 1;
    }

    /// Counts a tie that could not be read (a problem says why), so the
    /// ties after it keep their places in the file.
    pub fn skip_tie(&mut self) {
        self.ties_seen += 1;
    }

    /// Counts an actor that could not be read (a problem says why).
    pub fn skip_actor(&mut self) {
        self.actors_seen += 1;
    }

    /// Counts a source that could not be read (a problem says why).
    pub fn skip_source(&mut self) {
        self.sources_seen += 1;
    }

    /// Counts a relation that could not be read (a problem says why).
    pub fn skip_relation(&mut self) {
        self.relations_seen += 1;
    }

    /// How many actors, ties and events have been read so far: the index
    /// the next of each will have.
    pub fn seen(&self) -> (usize, usize, usize) {
        (self.actors_seen, self.ties_seen, self.events_seen)
    }

    /// Checks and adds a dated one-off event.
    pub fn event(&mut self, spec: EventSpec) {
        let index = self.events_seen;
        self.events_seen += 1;
        let site = |field, item| Site::Event { index, field, item };
        let before = self.problems.len();
        if spec.actors.is_empty() {
            self.problems.push(Problem::new(
                site("actors", None),
                "an event needs at least one actor",
            ));
        }
        if spec.what.trim().is_empty() {
            self.problems.push(Problem::new(
                site("what", None),
                "an event needs a `what`: what happened",
            ));
        }
        let mut actors = Vec::with_capacity(spec.actors.len());
        for (item, id) in spec.actors.iter().enumerate() {
            match self.graph.find(&key_of(id)) {
                Some(actor) if self.graph.actor(actor).id == *id => {
                    let life = self.graph.actor(actor).life();
                    let (first, last) = (spec.date.first_day(), spec.date.last_day());
                    if last < life.start.0 || first > life.end.1 {
                        self.problems.push(Problem::new(
                            site("date", None),
                            format!(
                                "event dated {} lies outside the life of `{id}` (active {})",
                                spec.date,
                                self.graph.actor(actor).active.unwrap_or_default()
                            ),
                        ));
                    }
                    actors.push(actor);
                }
                _ => {
                    let ids: Vec<String> = self
                        .graph
                        .suggest(id, 3)
                        .into_iter()
                        .map(|a| format!("`{}`", self.graph.actor(a).id))
                        .collect();
                    self.problems.push(
                        Problem::new(
                            site("actors", Some(item)),
                            format!("event names actor `{id}`, which the graph does not have"),
                        )
                        .with_help(
                            (!ids.is_empty())
                                .then(|| did_you_mean(&ids).trim_start_matches("; ").to_string()),
                        ),
                    );
                }
            }
        }
        let mut sources = Vec::with_capacity(spec.sources.len());
        for (item, source) in spec.sources.iter().enumerate() {
            match self.source_ids.get(source) {
                Some(id) => sources.push(*id),
                None => self.problems.push(
                    Problem::new(
                        site("sources", Some(item)),
                        format!("event cites source `{source}`, which the graph does not declare"),
                    )
                    .with_help(declared_sources_help(&self.source_ids, source)),
                ),
            }
        }
        if self.problems.len() != before {
            return;
        }
        self.graph.add_event(Event {
            date: spec.date,
            actors,
            what: spec.what,
            confidence: spec.confidence,
            sources,
            evidence: spec.evidence,
            note: spec.note,
        });
    }

    /// Runs the checks that need the whole graph; the graph, or every problem.
    pub fn finish(mut self) -> Result<Graph, Vec<Problem>> {
        check_subgroup_cycles(&self.graph, &self.subgroup_ties, &mut self.problems);
        if self.problems.is_empty() {
            Ok(self.graph)
        } else {
            Err(self.problems)
        }
    }
}
