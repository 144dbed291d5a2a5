//! Subgroup-of cycles: an actor cannot be its own subgroup, at any one time.
//! Only cycles whose ties surely held on the same day are errors; dates that
//! merely may overlap (left in 2016, joined in 2016) are not.
//!
//! One search serves both callers: a graph file's check reports the first
//! cycle of each tangle, and an import into a graph drops the newest row of
//! each cycle it would close (never a tie the graph had), with the same
//! message, so what an import keeps is what `check` accepts.

use petgraph::graph::DiGraph;
use rustc_hash::FxHashMap;

use super::graph::Graph;
use super::spec::tie_site;
use super::spec::Problem;
use super::tie::{ActorId, TieId};
use super::time::{PartialDate, Window};

/// A subgroup-of tie as the cycle search sees it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct SubgroupTie {
    pub(crate) from: ActorId,
    pub(crate) to: ActorId,
    /// The days the tie surely held.
    pub(crate) surely_held: Window,
    /// Its place in the document (or import), from 0.
    pub(crate) index: usize,
    /// The tie in the graph.
    pub(crate) id: TieId,
}

/// What to do with a cycle found on a day.
enum Verdict {
    /// Stop looking in this tangle of ties.
    Stop,
    /// Drop this tie (by index into the search's ties) and look again.
    Drop(usize),
}

/// Reports the first cycle of each tangle of subgroup-of ties, placed on
/// its earliest tie.
pub(crate) fn check_subgroup_cycles(
    graph: &Graph,
    ties: &[SubgroupTie],
    problems: &mut Vec<Problem>,
) {
    search(ties, |cycle, day| {
        let names: Vec<String> = cycle
            .iter()
            .map(|(actor, _)| format!("`{}`", graph.actor(*actor).id))
            .collect();
        let first_tie = cycle
            .iter()
            .map(|(_, tie)| ties[*tie].index)
            .min()
            .unwrap_or(0);
        problems.push(
            Problem::new(tie_site(first_tie, "relation"), cycle_message(&names, day))
                .with_help(Some(CYCLE_HELP.into())),
        );
        Verdict::Stop
    });
}

/// Breaks every cycle by dropping, from each, the latest tie whose index is
/// at least `first_new` (ties before it are the graph's own and stay). The
/// dropped ties with why, in the order found; the caller removes them.
pub(crate) fn break_subgroup_cycles(
    graph: &Graph,
    ties: &[SubgroupTie],
    first_new: usize,
) -> Vec<(SubgroupTie, Problem)> {
    let mut dropped = Vec::new();
    search(ties, |cycle, day| {
        let Some(position) = (0..cycle.len())
            .filter(|i| ties[cycle[*i].1].index >= first_new)
            .max_by_key(|i| ties[cycle[*i].1].index)
        else {
            return Verdict::Stop;
        };
        // Named from the dropped tie's subgroup on, round to it again.
        let names: Vec<String> = cycle[position..]
            .iter()
            .chain(&cycle[..position])
            .map(|(actor, _)| format!("`{}`", graph.actor(*actor).id))
            .collect();
        let tie = ties[cycle[position].1];
        dropped.push((
            tie,
            Problem::new(tie_site(tie.index, "relation"), cycle_message(&names, day))
                .with_help(Some(CYCLE_HELP.into())),
        ));
        Verdict::Drop(cycle[position].1)
    });
    dropped
}

const CYCLE_HELP: &str =
    "an actor cannot be its own subgroup; end one of these ties before the next begins";

/// "subgroup-of cycle `a` → `b` → `a` on 2015-12-31".
fn cycle_message(names: &[String], day: i32) -> String {
    let when = if day == i32::MIN {
        "at an unknown start".to_string()
    } else {
        format!("on {}", PartialDate::from_day(day))
    };
    format!("subgroup-of cycle {} {when}", cycle_text(names, true))
}

/// Finds cycles whose ties surely held on one day and asks `verdict` what
/// to do with each (given as actor and index into `ties` of the tie leaving
/// it). Cycles can only live inside a strongly connected component, so the
/// (usually empty) set of such components is searched day by day at each
/// tie's first day, the only days on which a new cycle can appear.
fn search(ties: &[SubgroupTie], mut verdict: impl FnMut(&[(ActorId, usize)], i32) -> Verdict) {
    if ties.is_empty() {
        return;
    }
    let mut local: FxHashMap<ActorId, petgraph::graph::NodeIndex> = FxHashMap::default();
    let mut forest: DiGraph<ActorId, usize> = DiGraph::new();
    for (tie_index, tie) in ties.iter().enumerate() {
        let a = *local
            .entry(tie.from)
            .or_insert_with(|| forest.add_node(tie.from));
        let b = *local
            .entry(tie.to)
            .or_insert_with(|| forest.add_node(tie.to));
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
    // Each component's ties (as indexes into `ties`), gathered in one pass.
    let mut inside_of: Vec<Vec<usize>> = vec![Vec::new(); components.len()];
    for (tie_index, tie) in ties.iter().enumerate() {
        let from = component_of[local[&tie.from].index()];
        if from != usize::MAX && from == component_of[local[&tie.to].index()] {
            inside_of[from].push(tie_index);
        }
    }
    'components: for mut inside in inside_of {
        let mut days: Vec<i32> = inside.iter().map(|t| ties[*t].surely_held.first).collect();
        days.sort_unstable();
        days.dedup();
        for day in days {
            loop {
                let mut snapshot: DiGraph<ActorId, usize> = DiGraph::new();
                let mut nodes = FxHashMap::default();
                for &tie_index in inside
                    .iter()
                    .filter(|t| ties[**t].surely_held.contains(day))
                {
                    let tie = &ties[tie_index];
                    let a = *nodes
                        .entry(tie.from)
                        .or_insert_with(|| snapshot.add_node(tie.from));
                    let b = *nodes
                        .entry(tie.to)
                        .or_insert_with(|| snapshot.add_node(tie.to));
                    snapshot.add_edge(a, b, tie_index);
                }
                let Some(cycle) = find_cycle(&snapshot) else {
                    break;
                };
                match verdict(&cycle, day) {
                    Verdict::Stop => continue 'components,
                    Verdict::Drop(tie_index) => inside.retain(|t| *t != tie_index),
                }
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
