//! Subgroup-of cycles: an actor cannot be its own subgroup, at any one time.
//! Only cycles whose ties surely held on the same day are errors; dates that
//! merely may overlap (left in 2016, joined in 2016) are not.

use petgraph::graph::DiGraph;
use rustc_hash::FxHashMap;

use super::graph::Graph;
use super::spec::tie_site;
use super::spec::Problem;
use super::tie::ActorId;
use super::time::{PartialDate, Window};

/// A subgroup-of cycle is an error only when its ties surely held at the
/// same time (each tie comes with the days it surely held). Cycles can only live inside a strongly connected component, so the
/// (usually empty) set of such components is checked day by day at each
/// tie's first day, the only days on which a new cycle can appear.
pub(crate) fn check_subgroup_cycles(
    graph: &Graph,
    ties: &[(ActorId, ActorId, Window, usize)],
    problems: &mut Vec<Problem>,
) {
    if ties.is_empty() {
        return;
    }
    let mut local: FxHashMap<ActorId, petgraph::graph::NodeIndex> = FxHashMap::default();
    let mut forest: DiGraph<ActorId, usize> = DiGraph::new();
    for (tie_index, (from, to, _, _)) in ties.iter().enumerate() {
        let a = *local.entry(*from).or_insert_with(|| forest.add_node(*from));
        let b = *local.entry(*to).or_insert_with(|| forest.add_node(*to));
        forest.add_edge(a, b, tie_index);
    }
    for component in petgraph::algo::tarjan_scc(&forest) {
        if component.len() < 2 {
            continue;
        }
        let members: Vec<ActorId> = component.iter().map(|n| forest[*n]).collect();
        let inside: Vec<&(ActorId, ActorId, Window, usize)> = ties
            .iter()
            .filter(|(from, to, _, _)| members.contains(from) && members.contains(to))
            .collect();
        let mut days: Vec<i32> = inside.iter().map(|t| t.2.first).collect();
        days.sort_unstable();
        days.dedup();
        for day in days {
            let mut snapshot: DiGraph<ActorId, usize> = DiGraph::new();
            let mut nodes = FxHashMap::default();
            for (from, to, window, index) in inside.iter().filter(|t| t.2.contains(day)) {
                let a = *nodes
                    .entry(*from)
                    .or_insert_with(|| snapshot.add_node(*from));
                let b = *nodes.entry(*to).or_insert_with(|| snapshot.add_node(*to));
                let _ = window;
                snapshot.add_edge(a, b, *index);
            }
            if let Some(cycle) = find_cycle(&snapshot) {
                let names: Vec<String> = cycle
                    .iter()
                    .map(|(actor, _)| format!("`{}`", graph.actor(*actor).id))
                    .collect();
                let first_tie = cycle.iter().map(|(_, tie)| *tie).min().unwrap_or(0);
                let when = if day == i32::MIN {
                    "at an unknown start".to_string()
                } else {
                    format!("on {}", PartialDate::from_day(day))
                };
                problems.push(
                    Problem::new(
                        tie_site(first_tie, "relation"),
                        format!("subgroup-of cycle {} → {} {when}", names.join(" → "), names[0]),
                    )
                    .with_help(Some("an actor cannot be its own subgroup; end one of these ties before the next begins".into())),
                );
                break;
            }
        }
    }
}

/// One cycle of a small directed graph, as (actor, tie index of the edge leaving it).
fn find_cycle(graph: &DiGraph<ActorId, usize>) -> Option<Vec<(ActorId, usize)>> {
    use petgraph::visit::EdgeRef;
    // Depth-first search with colors; the grey stack holds the current path.
    let n = graph.node_count();
    let mut color = vec![0u8; n];
    for root in graph.node_indices() {
        if color[root.index()] != 0 {
            continue;
        }
        let mut path: Vec<(petgraph::graph::NodeIndex, usize)> = Vec::new();
        let mut stack = vec![(
            root,
            graph
                .edges(root)
                .map(|e| (e.target(), *e.weight()))
                .collect::<Vec<_>>(),
        )];
        color[root.index()] = 1;
        while let Some((node, pending)) = stack.last_mut() {
            let node = *node;
            match pending.pop() {
                Some((next, tie)) => match color[next.index()] {
                    0 => {
                        color[next.index()] = 1;
                        path.push((node, tie));
                        let edges = graph
                            .edges(next)
                            .map(|e| (e.target(), *e.weight()))
                            .collect();
                        stack.push((next, edges));
                    }
                    1 => {
                        path.push((node, tie));
                        let start = path.iter().position(|(n, _)| *n == next).unwrap_or(0);
                        return Some(path[start..].iter().map(|(n, t)| (graph[*n], *t)).collect());
                    }
                    _ => {}
                },
                None => {
                    color[node.index()] = 2;
                    stack.pop();
                    path.pop();
                }
            }
        }
    }
    None
}
