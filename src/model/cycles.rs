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
    // Kosaraju's walk keeps its own stack (petgraph's Tarjan recurses once
    // per actor on a chain and overflows on deep subgroup cycles).
    let mut components: Vec<Vec<petgraph::graph::NodeIndex>> =
        petgraph::algo::kosaraju_scc(&forest)
            .into_iter()
            .filter(|component| component.len() > 1)
            .collect();
    for component in &mut components {
        component.sort_unstable();
    }
    // Reported in the order the ties first name them, whatever the walk's order.
    components.sort_unstable_by_key(|component| component[0]);
    let mut component_of = vec![usize::MAX; forest.node_count()];
    for (index, component) in components.iter().enumerate() {
        for node in component {
            component_of[node.index()] = index;
        }
    }
    // Each component's ties, gathered in one pass over all ties.
    let mut inside_of: Vec<Vec<&(ActorId, ActorId, Window, usize)>> =
        vec![Vec::new(); components.len()];
    for tie in ties {
        let from = component_of[local[&tie.0].index()];
        if from != usize::MAX && from == component_of[local[&tie.1].index()] {
            inside_of[from].push(tie);
        }
    }
    for inside in inside_of {
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
                        format!("subgroup-of cycle {} {when}", cycle_text(&names, true)),
                    )
                    .with_help(Some("an actor cannot be its own subgroup; end one of these ties before the next begins".into())),
                );
                break;
            }
        }
    }
}

/// Cycles longer than this are named by their first few actors and a count.
const CYCLE_NAMES_SHOWN: usize = 8;

/// The actors of a cycle joined by arrows, back to the first when `closed`
/// asks for it; a long cycle is cut to its first actors and how many more
/// there are, so a message stays a line, not megabytes.
pub(crate) fn cycle_text(names: &[String], closed: bool) -> String {
    let mut text = if names.len() > CYCLE_NAMES_SHOWN {
        let shown = &names[..CYCLE_NAMES_SHOWN - 1];
        format!(
            "{} → … ({} more) → {}",
            shown.join(" → "),
            names.len() - shown.len() - 1,
            names[names.len() - 1]
        )
    } else {
        names.join(" → ")
    };
    if closed {
        if let Some(first) = names.first() {
            text.push_str(" → ");
            text.push_str(first);
        }
    }
    text
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
