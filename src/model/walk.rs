//! Walks over the graph that several questions share: ego networks,
//! shortest paths, and the subgroup-of hierarchy. Each walk starts from one
//! actor and reads only the adjacency of the actors it reaches.

use std::collections::VecDeque;

use rustc_hash::{FxHashMap, FxHashSet};

use super::graph::Graph;
use super::relation::RelationId;
use super::tie::{ActorId, TieFilter, TieId};
use super::time::{Bounds, Certainty, Day, Window, DAY_MAX, DAY_MIN};

/// Actors and ties around a focus, as a walk found them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Neighbors {
    /// Each reached actor with its hop distance from the focus (focus = 0), in BFS order.
    pub actors: Vec<(ActorId, usize)>,
    /// Every accepted tie walked over: those with at least one end closer than
    /// the depth limit. Ties between two actors at the limit are left out.
    pub ties: Vec<TieId>,
}

/// What a diagram or an export shows: the actors and ties of a selection.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// In the order found: by hops from the focus, or the graph's order.
    pub actors: Vec<ActorId>,
    /// The ties shown, each once.
    pub ties: Vec<TieId>,
}

/// The one selection diagrams and exports share: the ego network of
/// `focus` up to `depth` hops, or without a focus every tie `filter`
/// accepts, with its actors and the actors that have no ties at all and
/// may be alive in the filter's window.
pub fn select(
    graph: &Graph,
    focus: Option<ActorId>,
    depth: usize,
    filter: &TieFilter,
) -> Selection {
    match focus {
        Some(focus) => {
            let walk = ego_network(graph, focus, depth, filter);
            Selection {
                actors: walk.actors.into_iter().map(|(a, _)| a).collect(),
                ties: walk.ties,
            }
        }
        None => {
            let ties: Vec<TieId> = graph.ties(filter).map(|t| t.id).collect();
            let mut on_ties = FxHashSet::default();
            for tie in ties.iter().filter_map(|t| graph.tie(*t)) {
                on_ties.insert(tie.from);
                on_ties.insert(tie.to);
            }
            let actors = graph
                .actors()
                .filter(|(id, _)| {
                    on_ties.contains(id)
                        || (graph.degree(*id) == 0
                            && graph.life(*id).activity(filter.window) != Certainty::No)
                })
                .map(|(id, _)| id)
                .collect();
            Selection { actors, ties }
        }
    }
}

/// The ego network of `focus` up to `depth` hops over ties `filter` accepts,
/// direction ignored. Distances and seen ties live in arrays indexed by
/// actor and tie, so the walk does no hashing.
pub fn ego_network(graph: &Graph, focus: ActorId, depth: usize, filter: &TieFilter) -> Neighbors {
    let mut distance = vec![usize::MAX; graph.actor_bound()];
    let mut tie_seen = BitSet::new(graph.tie_bound());
    let mut result = Neighbors {
        actors: vec![(focus, 0)],
        ties: Vec::new(),
    };
    distance[focus.index()] = 0;
    let mut next = 0;
    while let Some(&(actor, d)) = result.actors.get(next) {
        next += 1;
        if d >= depth {
            continue;
        }
        for link in graph.links(actor, filter) {
            if tie_seen.insert(link.tie.index()) {
                result.ties.push(link.tie);
            }
            let other = &mut distance[link.other.index()];
            if *other == usize::MAX {
                *other = d + 1;
                result.actors.push((link.other, d + 1));
            }
        }
    }
    result
}

/// A fixed-size set of small integers.
struct BitSet {
    words: Vec<u64>,
}

impl BitSet {
    fn new(size: usize) -> Self {
        BitSet {
            words: vec![0; size.div_ceil(64)],
        }
    }

    /// Adds `i`; true when it was not there.
    fn insert(&mut self, i: usize) -> bool {
        let (word, bit) = (i / 64, 1u64 << (i % 64));
        let fresh = self.words[word] & bit == 0;
        self.words[word] |= bit;
        fresh
    }
}

/// The fewest-hop chain of ties from `from` to `to` over ties `filter`
/// accepts, direction ignored; `None` when they are not connected. Searches
/// from both ends at once, expanding the smaller frontier.
pub fn shortest_path(
    graph: &Graph,
    from: ActorId,
    to: ActorId,
    filter: &TieFilter,
) -> Option<Vec<TieId>> {
    if from == to {
        return Some(Vec::new());
    }
    // parent[actor] = (previous actor, tie) on each side.
    let mut forward: FxHashMap<ActorId, Option<(ActorId, TieId)>> = FxHashMap::default();
    let mut backward: FxHashMap<ActorId, Option<(ActorId, TieId)>> = FxHashMap::default();
    forward.insert(from, None);
    backward.insert(to, None);
    let mut forward_frontier = vec![from];
    let mut backward_frontier = vec![to];
    while !forward_frontier.is_empty() && !backward_frontier.is_empty() {
        let expand_forward = forward_frontier.len() <= backward_frontier.len();
        let (frontier, seen, other_seen) = if expand_forward {
            (&mut forward_frontier, &mut forward, &backward)
        } else {
            (&mut backward_frontier, &mut backward, &forward)
        };
        let mut next = Vec::new();
        let mut meeting: Option<ActorId> = None;
        // Finish the whole level so the tie order stays deterministic.
        for actor in frontier.drain(..) {
            for link in graph.links(actor, filter) {
                let other = link.other;
                if seen.contains_key(&other) {
                    continue;
                }
                seen.insert(other, Some((actor, link.tie)));
                if other_seen.contains_key(&other) && meeting.is_none() {
                    meeting = Some(other);
                }
                next.push(other);
            }
        }
        if let Some(middle) = meeting {
            return Some(join_path(&forward, &backward, middle));
        }
        *frontier = next;
    }
    None
}

fn join_path(
    forward: &FxHashMap<ActorId, Option<(ActorId, TieId)>>,
    backward: &FxHashMap<ActorId, Option<(ActorId, TieId)>>,
    middle: ActorId,
) -> Vec<TieId> {
    let mut path = Vec::new();
    let mut actor = middle;
    while let Some(Some((previous, tie))) = forward.get(&actor) {
        path.push(*tie);
        actor = *previous;
    }
    path.reverse();
    let mut actor = middle;
    while let Some(Some((next, tie))) = backward.get(&actor) {
        path.push(*tie);
        actor = *next;
    }
    path
}

/// Which way a hierarchy walk goes along a directed relation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Along {
    /// Against the ties' direction: to the members (subgroups) of the start.
    Down,
    /// With the ties' direction: to what the start belongs to (parents).
    Up,
}

/// One step of a hierarchy walk: the actor reached, its depth, and the tie
/// that led to it from the actor one level closer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    /// The actor reached.
    pub actor: ActorId,
    /// How many levels from where the walk began; 1 is a direct subgroup or parent.
    pub depth: usize,
    /// The tie that led to it.
    pub via: TieId,
    /// When the chain of ties that led to it held together.
    pub chain: Chain,
}

/// When every tie of a chain held at once, within a question's window: a
/// subgroup of a subgroup is one only while both memberships held. A chain
/// is possible when its ties may share a day in the window, certain when
/// they surely do, whatever their true dates within their bounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Chain {
    /// The days every tie may have held, within the window.
    possible: Window,
    /// The latest day any tie may have begun.
    latest_start: Day,
    /// The earliest day any tie may have ended.
    earliest_end: Day,
    /// False once two ties may not overlap: one may end before another begins.
    overlapping: bool,
    /// The question's window.
    window: Window,
}

impl Chain {
    /// No ties yet, asked about `window`.
    pub fn within(window: Window) -> Chain {
        Chain {
            possible: window,
            latest_start: DAY_MIN,
            earliest_end: DAY_MAX,
            overlapping: true,
            window,
        }
    }

    /// The chain with one more tie of these bounds, or `None` when the tie
    /// cannot have held together with the rest in the window.
    pub fn then(self, bounds: Bounds) -> Option<Chain> {
        let possible = self.possible.and(bounds.possible());
        if possible.is_empty() || bounds.is_impossible() {
            return None;
        }
        Some(Chain {
            possible,
            latest_start: self.latest_start.max(bounds.start.1),
            earliest_end: self.earliest_end.min(bounds.end.0),
            // The new tie surely begins before each earlier one ends, and ends after each begins.
            overlapping: self.overlapping
                && bounds.start.1 <= self.earliest_end
                && self.latest_start <= bounds.end.0,
            window: self.window,
        })
    }

    /// Certain when the ties surely share a day in the window; else possible.
    pub fn certainty(self) -> Certainty {
        if self.overlapping
            && self.latest_start <= self.window.last
            && self.earliest_end >= self.window.first
        {
            Certainty::Certainly
        } else {
            Certainty::Possibly
        }
    }
}

/// A breadth-first walk along one directed relation: downwards (ties into
/// each actor, e.g. every subgroup below) or upwards (ties out of it),
/// following only chains whose ties can have held together in the filter's
/// window. Each actor is listed once, at its shallowest depth, with the
/// surest chain found there; a deeper chain still leads on to others.
pub fn hierarchy(
    graph: &Graph,
    start: ActorId,
    filter: &TieFilter,
    relation: RelationId,
    along: Along,
) -> Vec<Step> {
    let down = along == Along::Down;
    let filter = TieFilter {
        relations: Some(vec![relation]),
        ..filter.clone()
    };
    // Where each reached actor's step is in `steps`.
    let mut step_of: FxHashMap<ActorId, usize> = FxHashMap::default();
    // Each actor is walked on from once per distinct chain state.
    let mut walked: FxHashSet<(ActorId, Chain)> = FxHashSet::default();
    let mut steps: Vec<Step> = Vec::new();
    let mut queue = VecDeque::from([(start, 0, Chain::within(filter.window))]);
    while let Some((actor, depth, chain)) = queue.pop_front() {
        // Links come sorted by start, then tie: a stable order.
        for link in graph.links(actor, &filter).filter(|l| l.outgoing != down) {
            let next = link.other;
            let Some(chain) = chain.then(link.bounds) else {
                continue;
            };
            if next == start
                || (filter.min_certainty == Certainty::Certainly
                    && chain.certainty() != Certainty::Certainly)
            {
                continue;
            }
            let step = Step {
                actor: next,
                depth: depth + 1,
                via: link.tie,
                chain,
            };
            match step_of.get(&next) {
                None => {
                    step_of.insert(next, steps.len());
                    steps.push(step);
                }
                // A surer chain of the same depth takes the place.
                Some(&at)
                    if steps[at].depth == step.depth
                        && steps[at].chain.certainty() < chain.certainty() =>
                {
                    steps[at] = step;
                }
                Some(_) => {}
            }
            if walked.insert((next, chain)) {
                queue.push_back((next, depth + 1, chain));
            }
        }
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Confidence, Tie};

    fn chain() -> (Graph, Vec<ActorId>) {
        let mut graph = Graph::new("t");
        let ids = crate::model::numbered_actors(&mut graph, 5);
        let sub = |g: &mut Graph, a: usize, b: usize| {
            g.add_tie(
                ids[a],
                ids[b],
                Tie::new(RelationId::SUBGROUP_OF, None, None, Confidence::Confirmed),
            );
        };
        sub(&mut graph, 1, 0);
        sub(&mut graph, 2, 1);
        sub(&mut graph, 3, 0);
        graph.add_tie(
            ids[4],
            ids[2],
            Tie::new(RelationId::ALLIANCE, None, None, Confidence::Likely),
        );
        (graph, ids)
    }

    #[test]
    fn subgroups_are_transitive_with_depth() {
        let (graph, ids) = chain();
        let steps = hierarchy(
            &graph,
            ids[0],
            &TieFilter::default(),
            RelationId::SUBGROUP_OF,
            Along::Down,
        );
        let found: Vec<(ActorId, usize)> = steps.iter().map(|s| (s.actor, s.depth)).collect();
        assert_eq!(found, vec![(ids[1], 1), (ids[3], 1), (ids[2], 2)]);
        let up: Vec<ActorId> = hierarchy(
            &graph,
            ids[2],
            &TieFilter::default(),
            RelationId::SUBGROUP_OF,
            Along::Up,
        )
        .iter()
        .map(|s| s.actor)
        .collect();
        assert_eq!(up, vec![ids[1], ids[0]]);
    }

    fn bounds(start: &str, end: &str) -> Bounds {
        let date = |text: &str| (!text.is_empty()).then(|| text.parse().unwrap());
        Bounds::of_tie(date(start), date(end), DAY_MAX)
    }

    #[test]
    fn a_chain_holds_only_while_all_its_ties_do() {
        let all = Chain::within(Window::ALL);
        let two = all.then(bounds("2012-03", "2016")).unwrap();
        assert_eq!(two.certainty(), Certainty::Certainly);
        // Over long before the first tie began: no chain at all.
        assert_eq!(two.then(bounds("2010", "2011")), None);
        // Surely overlapping: begun by 2015-12-31, the other ends 2016 at the earliest.
        let three = two.then(bounds("[2014..2015]", "")).unwrap();
        assert_eq!(three.certainty(), Certainty::Certainly);
        // Two ties each of "some time in 2022" may miss each other.
        let year = Window::new(bounds("2022", "").start.0, bounds("2022", "").start.1);
        let one = Chain::within(year).then(bounds("2022", "2022")).unwrap();
        assert_eq!(one.certainty(), Certainty::Certainly);
        let both = one.then(bounds("2022", "2022")).unwrap();
        assert_eq!(both.certainty(), Certainty::Possibly);
    }

    #[test]
    fn a_walk_does_not_chain_ties_that_never_held_together() {
        let mut graph = Graph::new("t");
        let ids = crate::model::numbered_actors(&mut graph, 4);
        let date = |text: &str| Some(text.parse().unwrap());
        let sub = |g: &mut Graph, a: usize, b: usize, start: &str, end: &str| {
            let end = (!end.is_empty()).then(|| end.parse().unwrap());
            g.add_tie(
                ids[a],
                ids[b],
                Tie::new(
                    RelationId::SUBGROUP_OF,
                    date(start),
                    end,
                    Confidence::Confirmed,
                ),
            );
        };
        sub(&mut graph, 1, 0, "2012-03", "2016");
        sub(&mut graph, 2, 1, "2010", "2011"); // before 1 joined 0
        sub(&mut graph, 3, 1, "2015", "");
        let window = Window::new(bounds("2010", "").start.0, bounds("2020", "").start.1);
        let filter = TieFilter::default().during(window);
        let down: Vec<(ActorId, usize)> = hierarchy(
            &graph,
            ids[0],
            &filter,
            RelationId::SUBGROUP_OF,
            Along::Down,
        )
        .iter()
        .map(|s| (s.actor, s.depth))
        .collect();
        assert_eq!(down, vec![(ids[1], 1), (ids[3], 2)]);
        // Upwards too: 2 was never under 0.
        let up: Vec<ActorId> =
            hierarchy(&graph, ids[2], &filter, RelationId::SUBGROUP_OF, Along::Up)
                .iter()
                .map(|s| s.actor)
                .collect();
        assert_eq!(up, vec![ids[1]]);
    }

    #[test]
    fn shortest_path_ignores_direction() {
        let (graph, ids) = chain();
        let path = shortest_path(&graph, ids[4], ids[3], &TieFilter::default()).unwrap();
        assert_eq!(path.len(), 4);
        let alliances_only = TieFilter::relation(RelationId::ALLIANCE);
        assert_eq!(shortest_path(&graph, ids[4], ids[3], &alliances_only), None);
        assert_eq!(
            shortest_path(&graph, ids[4], ids[4], &alliances_only),
            Some(vec![])
        );
    }

    #[test]
    fn ego_network_stops_at_depth() {
        let (graph, ids) = chain();
        let one = ego_network(&graph, ids[0], 1, &TieFilter::default());
        assert_eq!(one.actors.len(), 3);
        assert_eq!(one.ties.len(), 2);
        let two = ego_network(&graph, ids[0], 2, &TieFilter::default());
        assert_eq!(two.actors.len(), 4);
        assert_eq!(two.ties.len(), 3);
    }
}
