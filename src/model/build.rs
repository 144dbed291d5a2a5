//! Validation of a [`GraphSpec`] into a [`Graph`]: every rule a graph must
//! keep, every problem reported at once with the item and field it sits on.

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use super::actor::Actor;
use super::cycles::check_subgroup_cycles;
use super::event::Event;
use super::graph::{did_you_mean, Graph};
use super::names::normalize;
use super::relation::{RelationId, Relations};
use super::spec::tie_site;
use super::spec::{EventSpec, GraphSpec, Problem, Site, TieSpec};
use super::tie::{ActorId, SourceId, Tie, TieDetails};
use super::time::{PartialDate, Window};

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
    subgroup_ties: Vec<(ActorId, ActorId, Window, usize)>,
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
            sources_seen: 0,
            relations_seen: 0,
            actors_seen: 0,
            ties_seen: 0,
            events_seen: 0,
        }
    }

    /// A builder that adds to an existing graph (its sources are known by id).
    pub fn from_graph(graph: Graph) -> Self {
        let mut builder = GraphBuilder::new(graph.title.clone(), graph.as_of());
        builder.source_ids = graph
            .sources()
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), SourceId(i as u32)))
            .collect();
        builder.events_seen = graph.events().len();
        builder.graph = graph;
        builder
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

    /// Adds an actor, or records why it cannot be added.
    pub fn actor(&mut self, actor: Actor) {
        let index = self.actors_seen;
        self.actors_seen += 1;
        let graph = &mut self.graph;
        let problems = &mut self.problems;
        let site = |field, item| Site::Actor { index, field, item };
        let id_key = key_of(&actor.id).into_owned();
        if id_key.is_empty() {
            problems.push(Problem::new(site("id", None), "an actor needs an id"));
            return;
        }
        if let Some(owner) = graph.find(&id_key) {
            let owner = graph.actor(owner);
            let message = if key_of(&owner.id) == id_key.as_str() {
                format!("actor id `{}` is used twice", actor.id)
            } else {
                format!(
                    "id `{}` is already a name of {} (`{}`)",
                    actor.id, owner.name, owner.id
                )
            };
            problems.push(Problem::new(site("id", None), message));
            return;
        }
        if normalize(&actor.name).is_empty() {
            problems.push(Problem::new(
                site("name", None),
                format!("actor `{}` needs a name", actor.id),
            ));
        }
        if let Some(period) = actor.active {
            if let (Some(start), Some(end)) = (period.start, period.end) {
                if end.last_day() < start.first_day() {
                    problems.push(Problem::new(
                        site("active", None),
                        format!(
                            "actor `{}` ends ({end}) before it starts ({start})",
                            actor.id
                        ),
                    ));
                }
            }
        }
        // Claim every name; a name another actor holds is a problem, not a crash.
        let mut keys: Vec<(String, &'static str, Option<usize>)> = vec![(id_key, "id", None)];
        keys.push((normalize(&actor.name), "name", None));
        for (item, alias) in actor.aliases.iter().enumerate() {
            let key = normalize(alias);
            if key.is_empty() {
                problems.push(Problem::new(
                    site("aliases", Some(item)),
                    "an alias cannot be empty",
                ));
                continue;
            }
            keys.push((key, "aliases", Some(item)));
        }
        let mut claimed: Vec<String> = Vec::with_capacity(keys.len());
        for (key, field, item) in keys {
            if key.is_empty() || claimed.contains(&key) {
                continue;
            }
            if let Some(owner) = graph.find(&key) {
                let owner = graph.actor(owner);
                problems.push(Problem::new(
                    site(field, item),
                    format!(
                        "the name `{key}` of `{}` is already claimed by {} (`{}`)",
                        actor.id, owner.name, owner.id
                    ),
                ));
                continue;
            }
            claimed.push(key);
        }
        let parts = graph.parts();
        let node = parts.network.add_node(actor);
        for key in claimed {
            parts.names.insert(key, node);
        }
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
        check_span(spec.start, spec.end, index, problems);
        if let (Some(from), Some(to)) = (from, to) {
            if from == to {
                problems.push(Problem::new(
                    tie_site(index, "to"),
                    format!("tie from `{}` to itself", spec.from),
                ));
            }
        }
        for actor in [from, to].into_iter().flatten() {
            check_within_life(graph.actor(actor), spec.start, spec.end, index, problems);
        }
        if spec.evidence.is_some() && spec.sources.is_empty() {
            problems.push(
                Problem::new(
                    tie_site(index, "evidence"),
                    "a tie quotes evidence but cites no source",
                )
                .with_help(Some(
                    "evidence quotes the first source in `sources`: cite it there".into(),
                )),
            );
        }
        if problems.len() != before {
            return;
        }
        let (Some(from), Some(to), Some(relation)) = (from, to, relation) else {
            return;
        };
        let tie =
            Tie::new(relation, spec.start, spec.end, spec.confidence).with_details(TieDetails {
                sources,
                note: spec.note,
                evidence: spec.evidence,
                events: spec.events,
            });
        // A cycle is refused only on days its ties surely all held.
        let surely_held = tie.surely_held();
        graph.add_tie(from, to, tie);
        if relation == RelationId::SUBGROUP_OF {
            self.subgroup_ties.push((from, to, surely_held, index));
        }
    }

    /// Counts an event that could not be read (a problem says why).
    pub fn skip_event(&mut self) {
        self.events_seen += 1;
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

/// The name key without allocating when the name is already a key
/// (lowercase ASCII letters and digits), as generated ids are.
fn key_of(name: &str) -> Cow<'_, str> {
    if !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        Cow::Borrowed(name)
    } else {
        Cow::Owned(normalize(name))
    }
}

fn resolve_end(
    graph: &Graph,
    id: &str,
    index: usize,
    field: &'static str,
    problems: &mut Vec<Problem>,
) -> Option<ActorId> {
    let site = tie_site(index, field);
    match graph.find(&key_of(id)) {
        Some(actor) if graph.actor(actor).id == id => Some(actor),
        Some(actor) => {
            let actor = graph.actor(actor);
            problems.push(
                Problem::new(site, format!("`{id}` is not an actor id")).with_help(Some(format!(
                    "ties name actors by id: write `{}` for {}",
                    actor.id, actor.name
                ))),
            );
            None
        }
        None => {
            let ids: Vec<String> = graph
                .suggest(id, 3)
                .into_iter()
                .map(|a| format!("`{}`", graph.actor(a).id))
                .collect();
            problems.push(
                Problem::new(
                    site,
                    format!("tie names actor `{id}`, which the graph does not have"),
                )
                .with_help(
                    (!ids.is_empty())
                        .then(|| did_you_mean(&ids).trim_start_matches("; ").to_string()),
                ),
            );
            None
        }
    }
}

fn unknown_relation(relations: &Relations, name: &str, index: usize) -> Problem {
    let known: Vec<&str> = relations.names().collect();
    Problem::new(
        tie_site(index, "relation"),
        format!("relation `{name}` is not declared"),
    )
    .with_help(Some(format!(
        "known relations are {}; declare others under `relations`",
        known.join(", ")
    )))
}

fn declared_sources_help(source_ids: &FxHashMap<String, SourceId>, wanted: &str) -> Option<String> {
    let mut ids: Vec<&String> = source_ids.keys().collect();
    ids.sort_by(|a, b| strsim::jaro_winkler(wanted, b).total_cmp(&strsim::jaro_winkler(wanted, a)));
    let shown: Vec<String> = ids.iter().take(3).map(|id| format!("`{id}`")).collect();
    (!shown.is_empty()).then(|| format!("declared sources include {}", shown.join(", ")))
}

fn check_span(
    start: Option<PartialDate>,
    end: Option<PartialDate>,
    index: usize,
    problems: &mut Vec<Problem>,
) {
    if let (Some(start), Some(end)) = (start, end) {
        if end.last_day() < start.first_day() {
            problems.push(Problem::new(
                tie_site(index, "end"),
                format!("tie ends ({end}) before it starts ({start})"),
            ));
        }
    }
}

/// A tie cannot begin before one of its actors exists, nor run on after
/// one has ceased: reported when the dates make it certain, on the field.
fn check_within_life(
    actor: &Actor,
    start: Option<PartialDate>,
    end: Option<PartialDate>,
    index: usize,
    problems: &mut Vec<Problem>,
) {
    for (field, message) in actor.outside_life(start, end) {
        problems.push(Problem::new(tie_site(index, field), message).with_help(Some(
            "a tie lives within both actors' lives: correct the date, or the actor's `active` span"
                .into(),
        )));
    }
}
