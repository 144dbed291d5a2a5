//! The importer's hash indexes: actor ids to actors, ties by the key that
//! makes two rows the same tie, and the line each new tie came from.

use std::hash::BuildHasher;

use hashbrown::{DefaultHashBuilder, HashTable};
use rustc_hash::FxHashMap;

use crate::model::{ActorId, Graph, PartialDate, RelationId, Relations, TieId};

/// The hasher of the importer's tables. foldhash, not Fx: Fx spreads ids
/// such as `a000123` badly over hashbrown's control bytes.
fn hasher() -> &'static DefaultHashBuilder {
    static HASHER: std::sync::OnceLock<DefaultHashBuilder> = std::sync::OnceLock::new();
    HASHER.get_or_init(DefaultHashBuilder::default)
}

/// A tie's ends as its key holds them: as given for a directed relation,
/// in index order for a symmetric one (`a–b` is `b–a`).
pub(crate) fn key_ends(
    relations: &Relations,
    relation: RelationId,
    from: ActorId,
    to: ActorId,
) -> (ActorId, ActorId) {
    if relations.is_directed(relation) || from < to {
        (from, to)
    } else {
        (to, from)
    }
}

/// The identity of a tie for merging: ends (ordered for symmetric
/// relations), relation and dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct TieKey {
    from: ActorId,
    to: ActorId,
    relation: RelationId,
    start: Option<PartialDate>,
    end: Option<PartialDate>,
}

impl TieKey {
    /// The key of a tie with these ends, relation and dates.
    pub(crate) fn new(
        relations: &Relations,
        (from, to): (ActorId, ActorId),
        relation: RelationId,
        start: Option<PartialDate>,
        end: Option<PartialDate>,
    ) -> TieKey {
        let (from, to) = key_ends(relations, relation, from, to);
        TieKey {
            from,
            to,
            relation,
            start,
            end,
        }
    }

    /// The key of a tie in the graph; `None` once it is removed.
    fn of_tie(graph: &Graph, id: TieId) -> Option<TieKey> {
        let tie = graph.tie(id)?;
        let ends = (tie.from, tie.to);
        Some(TieKey::new(
            graph.relations(),
            ends,
            tie.tie.relation,
            tie.tie.start(),
            tie.tie.end(),
        ))
    }
}

/// The graph's ties by [`TieKey`], so that a repeated row finds its tie.
/// Holds tie ids only; keys are recomputed from the graph when needed.
#[derive(Default)]
pub(crate) struct TieIndex {
    table: HashTable<TieId>,
}

fn hash_of_tie(graph: &Graph, id: TieId) -> u64 {
    hasher().hash_one(TieKey::of_tie(graph, id).expect("indexed ties exist"))
}

impl TieIndex {
    /// Every tie the graph has.
    pub(crate) fn of_graph(graph: &Graph) -> TieIndex {
        let mut index = TieIndex {
            table: HashTable::with_capacity(graph.tie_count()),
        };
        for tie in graph.all_ties() {
            let key = TieKey::of_tie(graph, tie.id).expect("listed");
            index.insert(graph, key, tie.id);
        }
        index
    }

    /// Room for `additional` more ties without rehashing.
    pub(crate) fn reserve(&mut self, graph: &Graph, additional: usize) {
        self.table.reserve(additional, |t| hash_of_tie(graph, *t));
    }

    /// The tie with this key.
    pub(crate) fn find(&self, graph: &Graph, key: TieKey) -> Option<TieId> {
        self.table
            .find(hasher().hash_one(key), |t| {
                TieKey::of_tie(graph, *t) == Some(key)
            })
            .copied()
    }

    /// Adds a tie not yet indexed, under its key.
    pub(crate) fn insert(&mut self, graph: &Graph, key: TieKey, id: TieId) {
        self.table
            .insert_unique(hasher().hash_one(key), id, |t| hash_of_tie(graph, *t));
    }
}

/// The ties a graph had before an import, by ends and relation (dates
/// aside): a row for one of them with overlapping dates merges into it
/// rather than standing beside it as a parallel tie.
#[derive(Default)]
pub(crate) struct PriorTies {
    by_pair: FxHashMap<(ActorId, ActorId, RelationId), Vec<TieId>>,
}

impl PriorTies {
    /// Every tie `graph` has.
    pub(crate) fn of_graph(graph: &Graph) -> PriorTies {
        let mut by_pair: FxHashMap<_, Vec<TieId>> = FxHashMap::default();
        for tie in graph.all_ties() {
            let relation = tie.tie.relation;
            let (from, to) = key_ends(graph.relations(), relation, tie.from, tie.to);
            by_pair
                .entry((from, to, relation))
                .or_default()
                .push(tie.id);
        }
        PriorTies { by_pair }
    }

    /// The graph's tie with these ends and relation whose dates may
    /// overlap `start`–`end`.
    pub(crate) fn overlapping(
        &self,
        graph: &Graph,
        (from, to): (ActorId, ActorId),
        relation: RelationId,
        start: Option<PartialDate>,
        end: Option<PartialDate>,
    ) -> Option<TieId> {
        if self.by_pair.is_empty() {
            return None;
        }
        let (from, to) = key_ends(graph.relations(), relation, from, to);
        let window = crate::model::Window::of_span(start, end);
        self.by_pair
            .get(&(from, to, relation))?
            .iter()
            .copied()
            .find(|id| {
                graph
                    .tie(*id)
                    .is_some_and(|t| t.tie.window().overlaps(window))
            })
    }
}

/// An actor id as a hash key, held inline when short (ids usually are), so
/// that a lookup compares bytes in the table instead of chasing the graph.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct InlineId {
    len: u8,
    bytes: [u8; 23],
}

impl InlineId {
    fn new(id: &str) -> Option<InlineId> {
        let len = id.len();
        (len <= 23).then(|| {
            let mut bytes = [0u8; 23];
            bytes[..len].copy_from_slice(id.as_bytes());
            InlineId {
                len: len as u8,
                bytes,
            }
        })
    }
}

/// Actor ids to actors, exact (no name rules: ids are ids).
#[derive(Default)]
pub(crate) struct IdIndex {
    short: hashbrown::HashMap<InlineId, ActorId, DefaultHashBuilder>,
    long: FxHashMap<String, ActorId>,
}

impl IdIndex {
    /// Every actor the graph has, by id.
    pub(crate) fn of_graph(graph: &Graph) -> IdIndex {
        let mut ids = IdIndex::default();
        for (id, actor) in graph.actors() {
            ids.insert(&actor.id, id);
        }
        ids
    }

    /// The actor with exactly this id.
    pub(crate) fn get(&self, id: &str) -> Option<ActorId> {
        match InlineId::new(id) {
            Some(key) => self.short.get(&key).copied(),
            None => self.long.get(id).copied(),
        }
    }

    /// Records an actor's id.
    pub(crate) fn insert(&mut self, id: &str, actor: ActorId) {
        match InlineId::new(id) {
            Some(key) => self.short.insert(key, actor),
            None => self.long.insert(id.to_string(), actor),
        };
    }
}

/// The line each tie this import added came from, for rejecting it later
/// (the subgroup-of cycle check) with its place in the file. Ties are
/// added at the end of the graph's slots, so a vector by position holds
/// most; slots the graph had freed are reused and kept aside.
pub(crate) struct TieLines {
    /// The first slot past every tie the graph had before the import.
    first_new: usize,
    /// Lines by slot, from `first_new` on.
    lines: Vec<u32>,
    /// Ties added into slots below `first_new`, with their line.
    reused: FxHashMap<TieId, u32>,
}

impl TieLines {
    /// No lines yet, for a graph that may have ties already.
    pub(crate) fn new(graph: &Graph) -> TieLines {
        let first_new = graph
            .all_ties()
            .map(|t| t.id.index() + 1)
            .max()
            .unwrap_or(0);
        TieLines {
            first_new,
            lines: Vec::new(),
            reused: FxHashMap::default(),
        }
    }

    /// Records that this import added `id` from `line`.
    pub(crate) fn record(&mut self, id: TieId, line: u64) {
        let line = line as u32;
        let Some(position) = id.index().checked_sub(self.first_new) else {
            self.reused.insert(id, line);
            return;
        };
        if self.lines.len() <= position {
            self.lines.resize(position + 1, 0);
        }
        self.lines[position] = line;
    }

    /// The line `id` came from; `None` for a tie the graph had before.
    pub(crate) fn line_of(&self, id: TieId) -> Option<u32> {
        match id.index().checked_sub(self.first_new) {
            Some(position) => Some(self.lines.get(position).copied().unwrap_or(0)),
            None => self.reused.get(&id).copied(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, ActorKind, Confidence, Tie};

    fn graph_of(ids: &[&str]) -> (Graph, Vec<ActorId>) {
        let mut graph = Graph::new("t");
        let actors = ids
            .iter()
            .map(|id| {
                graph
                    .add_actor(Actor::new(*id, *id, ActorKind::Group))
                    .unwrap()
            })
            .collect();
        (graph, actors)
    }

    #[test]
    fn ids_short_and_long_are_found_exactly() {
        let long = "an-actor-id-well-past-twenty-three-bytes";
        let (graph, actors) = graph_of(&["a1", long]);
        let ids = IdIndex::of_graph(&graph);
        assert_eq!(ids.get("a1"), Some(actors[0]));
        assert_eq!(ids.get(long), Some(actors[1]));
        assert_eq!(ids.get("A1"), None);
        assert_eq!(ids.get(&long[..23]), None);
    }

    #[test]
    fn a_symmetric_tie_has_one_key_either_way_a_directed_one_two() {
        let (graph, a) = graph_of(&["a", "b"]);
        let relations = graph.relations();
        let key = |ends, relation| TieKey::new(relations, ends, relation, None, None);
        assert_eq!(
            key((a[0], a[1]), RelationId::ALLIANCE),
            key((a[1], a[0]), RelationId::ALLIANCE)
        );
        assert_ne!(
            key((a[0], a[1]), RelationId::SUBGROUP_OF),
            key((a[1], a[0]), RelationId::SUBGROUP_OF)
        );
        let dated = TieKey::new(
            relations,
            (a[0], a[1]),
            RelationId::ALLIANCE,
            Some("2012".parse().unwrap()),
            None,
        );
        assert_ne!(dated, key((a[0], a[1]), RelationId::ALLIANCE));
    }

    #[test]
    fn the_tie_index_finds_a_tie_by_its_key() {
        let (mut graph, a) = graph_of(&["a", "b"]);
        let tie = Tie::new(RelationId::HOSTILITY, None, None, Confidence::Confirmed);
        let id = graph.add_tie(a[1], a[0], tie).unwrap();
        let mut index = TieIndex::of_graph(&graph);
        let key = TieKey::new(
            graph.relations(),
            (a[0], a[1]),
            RelationId::HOSTILITY,
            None,
            None,
        );
        assert_eq!(index.find(&graph, key), Some(id));
        let alliance = Tie::new(RelationId::ALLIANCE, None, None, Confidence::Likely);
        let other = graph.add_tie(a[0], a[1], alliance).unwrap();
        let key = TieKey::new(
            graph.relations(),
            (a[0], a[1]),
            RelationId::ALLIANCE,
            None,
            None,
        );
        assert_eq!(index.find(&graph, key), None);
        index.insert(&graph, key, other);
        index.reserve(&graph, 100);
        assert_eq!(index.find(&graph, key), Some(other));
    }

    #[test]
    fn tie_lines_know_which_ties_this_import_added() {
        let (mut graph, a) = graph_of(&["a", "b"]);
        let tie = || Tie::new(RelationId::ALLIANCE, None, None, Confidence::Confirmed);
        let before = graph.add_tie(a[0], a[1], tie()).unwrap();
        let mut lines = TieLines::new(&graph);
        let added = graph.add_tie(a[1], a[0], tie()).unwrap();
        lines.record(added, 7);
        assert_eq!(lines.line_of(before), None);
        assert_eq!(lines.line_of(added), Some(7));
    }
}
