//! Every shortest connection between two actors, not just the first found:
//! an analyst asking how JNIM and the CMA are connected needs each route of
//! the fewest hops, and every tie on each hop.

use rustc_hash::FxHashMap;

use super::graph::Graph;
use super::tie::{ActorId, TieFilter};

/// The shortest connections between two actors.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Connections {
    /// Each route as the actors along it, from the first to the last;
    /// `[[a]]` when both are the same actor; empty when none joins them.
    pub routes: Vec<Vec<ActorId>>,
    /// True when more routes of the same length exist than were kept.
    pub more: bool,
}

/// What one side of the search knows of an actor: its hops from the side's
/// start, and every actor one hop closer that reaches it.
struct Reached {
    hops: usize,
    previous: Vec<ActorId>,
}

/// The routes of the fewest hops from `from` to `to` over ties the filter
/// accepts, at most `limit` of them, none longer than `max_hops`.
/// Searches from both ends at once, a level at a time, so it reads only
/// the neighbourhoods it must.
pub fn shortest_connections(
    graph: &Graph,
    from: ActorId,
    to: ActorId,
    filter: &TieFilter,
    max_hops: Option<usize>,
    limit: usize,
) -> Connections {
    if from == to {
        return Connections {
            routes: vec![vec![from]],
            more: false,
        };
    }
    let start = |actor| {
        FxHashMap::from_iter([(
            actor,
            Reached {
                hops: 0,
                previous: Vec::new(),
            },
        )])
    };
    let (mut forward, mut backward) = (start(from), start(to));
    let (mut forward_frontier, mut backward_frontier) = (vec![from], vec![to]);
    let (mut forward_hops, mut backward_hops) = (0, 0);
    loop {
        if forward_frontier.is_empty() || backward_frontier.is_empty() {
            return Connections::default();
        }
        if max_hops.is_some_and(|max| forward_hops + backward_hops >= max) {
            return Connections::default();
        }
        let expand_forward = forward_frontier.len() <= backward_frontier.len();
        let (frontier, seen, hops) = if expand_forward {
            (&mut forward_frontier, &mut forward, &mut forward_hops)
        } else {
            (&mut backward_frontier, &mut backward, &mut backward_hops)
        };
        *hops += 1;
        let mut next = Vec::new();
        for actor in std::mem::take(frontier) {
            for link in graph.links(actor, filter) {
                match seen.get_mut(&link.other) {
                    None => {
                        seen.insert(
                            link.other,
                            Reached {
                                hops: *hops,
                                previous: vec![actor],
                            },
                        );
                        next.push(link.other);
                    }
                    Some(reached) if reached.hops == *hops => {
                        if !reached.previous.contains(&actor) {
                            reached.previous.push(actor);
                        }
                    }
                    Some(_) => {}
                }
            }
        }
        *frontier = next;
        // Where the sides meet, with the fewest hops in all.
        let meeting: Vec<ActorId> = {
            let (newly, other) = if expand_forward {
                (&forward_frontier, &backward)
            } else {
                (&backward_frontier, &forward)
            };
            let mut meeting: Vec<ActorId> = newly
                .iter()
                .copied()
                .filter(|a| other.contains_key(a))
                .collect();
            let best = meeting
                .iter()
                .map(|a| forward[a].hops + backward[a].hops)
                .min();
            meeting.retain(|a| Some(forward[a].hops + backward[a].hops) == best);
            meeting
        };
        if meeting.is_empty() {
            continue;
        }
        let total = forward[&meeting[0]].hops + backward[&meeting[0]].hops;
        if max_hops.is_some_and(|max| total > max) {
            return Connections::default();
        }
        return routes_through(&forward, &backward, &meeting, limit);
    }
}

/// Every route through the meeting actors: each way back to the start on
/// the forward side, joined with each way on to the end on the backward side.
fn routes_through(
    forward: &FxHashMap<ActorId, Reached>,
    backward: &FxHashMap<ActorId, Reached>,
    meeting: &[ActorId],
    limit: usize,
) -> Connections {
    let mut connections = Connections::default();
    for middle in meeting {
        let heads = ways_back(forward, *middle, limit + 1);
        let tails = ways_back(backward, *middle, limit + 1);
        for head in &heads {
            for tail in &tails {
                if connections.routes.len() == limit {
                    connections.more = true;
                    return connections;
                }
                let mut route: Vec<ActorId> = head.iter().rev().copied().collect();
                route.extend(tail.iter().skip(1));
                connections.routes.push(route);
            }
        }
    }
    connections
}

/// Up to `limit` ways from `actor` back to the side's start, each starting
/// at `actor`. Iterative, so a long route cannot exhaust the stack, and
/// the way being walked is shared (cut back on each branch), so a long
/// route is copied once per way found rather than once per step.
fn ways_back(
    seen: &FxHashMap<ActorId, Reached>,
    actor: ActorId,
    limit: usize,
) -> Vec<Vec<ActorId>> {
    let mut ways = Vec::new();
    let mut way: Vec<ActorId> = Vec::new();
    // Each entry: an actor, and how many actors precede it on its way.
    let mut stack = vec![(actor, 0)];
    while let Some((at, steps)) = stack.pop() {
        way.truncate(steps);
        way.push(at);
        let previous = seen.get(&at).map_or(&[][..], |r| r.previous.as_slice());
        if previous.is_empty() {
            ways.push(way.clone());
            if ways.len() == limit {
                break;
            }
            continue;
        }
        // Pushed in reverse, so the first found is walked first.
        for before in previous.iter().rev() {
            stack.push((*before, steps + 1));
        }
    }
    ways
}
