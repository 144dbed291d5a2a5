//! The subgroup-of cycle check: an actor cannot be, through subgroups, its
//! own subgroup while those ties surely hold at once. Of the ties that close such
//! a cycle, the earliest row is rejected, as the model's validation blames it.
//!
//! One pass instead of rebuilding and validating the whole graph until no
//! cycle is left: only ties inside a strongly connected part of the
//! subgroup-of graph can be on a cycle, and those are taken latest row
//! first, each kept unless it closes a cycle with the ties kept so far.

use std::collections::BTreeSet;

use petgraph::graph::{DiGraph, NodeIndex};
use rustc_hash::FxHashMap;

use super::importer::Importer;
use crate::model::time::DAY_MIN;
use crate::model::{ActorId, Day, Graph, PartialDate, RelationId, TieId, Window};

/// A subgroup-of tie: `from` is surely a subgroup of `to` during `window`.
#[derive(Clone, Copy)]
struct Subgroup {
    id: TieId,
    from: ActorId,
    to: ActorId,
    window: Window,
}

impl Importer<'_> {
    /// Removes and rejects the ties this import added that close a
    /// subgroup-of cycle; ties the graph had before are never removed.
    pub(crate) fn reject_subgroup_cycles(&mut self) {
        let mut kept = Kept::default();
        let mut added: Vec<Subgroup> = Vec::new();
        for tie in ties_on_cycles(self.graph) {
            match self.tie_lines.line_of(tie.id) {
                Some(_) => added.push(tie),
                None => kept.push(tie),
            }
        }
        let mut rejected = Vec::new();
        for tie in added.into_iter().rev() {
            match closed_cycle(self.graph, &kept, tie) {
                Some(message) => rejected.push((tie.id, message)),
                None => kept.push(tie),
            }
        }
        for (id, message) in rejected.into_iter().rev() {
            let line = self.tie_lines.line_of(id).unwrap_or(0);
            if self.graph.remove_tie(id).is_some() {
                self.report.ties_added -= 1;
                self.reject_tie(u64::from(line), message);
            }
        }
    }
}

/// The subgroup-of ties whose ends lie in one strongly connected part of
/// the subgroup-of graph (dates aside), in the graph's order: the only ties
/// that can be on a cycle. Usually none.
fn ties_on_cycles(graph: &Graph) -> Vec<Subgroup> {
    let ties: Vec<Subgroup> = graph
        .all_ties()
        .filter(|t| t.tie.relation == RelationId::SUBGROUP_OF)
        .map(|t| Subgroup {
            id: t.id,
            from: t.from,
            to: t.to,
            window: t.tie.surely_held(),
        })
        .collect();
    let mut forest: DiGraph<(), ()> = DiGraph::new();
    let mut nodes: FxHashMap<ActorId, NodeIndex> = FxHashMap::default();
    for tie in &ties {
        let a = *nodes.entry(tie.from).or_insert_with(|| forest.add_node(()));
        let b = *nodes.entry(tie.to).or_insert_with(|| forest.add_node(()));
        forest.add_edge(a, b, ());
    }
    let mut part = vec![usize::MAX; forest.node_count()];
    // Kosaraju's walk keeps its own stack; petgraph's Tarjan recurses once
    // per actor and overflows on a deep cycle.
    for (index, component) in petgraph::algo::kosaraju_scc(&forest).iter().enumerate() {
        if component.len() > 1 {
            for node in component {
                part[node.index()] = index;
            }
        }
    }
    let part_of = |actor: ActorId| part[nodes[&actor].index()];
    ties.into_iter()
        .filter(|t| part_of(t.from) != usize::MAX && part_of(t.from) == part_of(t.to))
        .collect()
}

/// The ties kept so far, indexed so that a walk from an actor looks only at
/// its own ties and the days to try are a range lookup: scanning every kept
/// tie at each step made a long cycle quadratic per tie.
#[derive(Default)]
struct Kept {
    ties: Vec<Subgroup>,
    /// Each actor's kept ties out of it, as indexes into `ties`.
    out_of: FxHashMap<ActorId, Vec<usize>>,
    /// The kept ties' first days, each once.
    first_days: BTreeSet<Day>,
}

impl Kept {
    fn push(&mut self, tie: Subgroup) {
        self.out_of
            .entry(tie.from)
            .or_default()
            .push(self.ties.len());
        self.first_days.insert(tie.window.first);
        self.ties.push(tie);
    }

    /// The kept ties out of `actor` that hold on `day`.
    fn out_on(&self, actor: ActorId, day: Day) -> impl Iterator<Item = &Subgroup> {
        self.out_of
            .get(&actor)
            .into_iter()
            .flatten()
            .map(|i| &self.ties[*i])
            .filter(move |t| t.window.contains(day))
    }
}

/// Whether `tie` closes a cycle with `kept` on some day they all hold: the
/// message naming the cycle and its first such day. A cycle's ties hold
/// together from the latest of their first days, so those are the days to try.
fn closed_cycle(graph: &Graph, kept: &Kept, tie: Subgroup) -> Option<String> {
    if tie.window.first > tie.window.last {
        // A tie that surely held on no day closes no cycle.
        return None;
    }
    let mut days: Vec<Day> = kept
        .first_days
        .range(tie.window.first..=tie.window.last)
        .copied()
        .chain([tie.window.first])
        .collect();
    days.sort_unstable();
    days.dedup();
    days.into_iter().find_map(|day| {
        let path = path_on(kept, day, tie.to, tie.from)?;
        let names: Vec<String> = std::iter::once(tie.from)
            .chain(path)
            .map(|actor| format!("`{}`", graph.actor(actor).id))
            .collect();
        let when = if day == DAY_MIN {
            "at an unknown start".to_string()
        } else {
            format!("on {}", PartialDate::from_day(day))
        };
        Some(format!(
            "subgroup-of cycle {} {when}",
            crate::model::cycle_text(&names, false)
        ))
    })
}

/// The actors on a path of `ties` holding on `day` from `start` to `goal`,
/// both included; breadth first, so the shortest.
fn path_on(kept: &Kept, day: Day, start: ActorId, goal: ActorId) -> Option<Vec<ActorId>> {
    let mut came_from: FxHashMap<ActorId, ActorId> = FxHashMap::default();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(actor) = queue.pop_front() {
        if actor == goal {
            let mut path = vec![goal];
            while let Some(previous) = came_from.get(path.last().expect("not empty")) {
                path.push(*previous);
            }
            path.reverse();
            return Some(path);
        }
        for next in kept.out_on(actor, day) {
            if next.to != start && !came_from.contains_key(&next.to) {
                came_from.insert(next.to, actor);
                queue.push_back(next.to);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, ActorKind, Confidence, Tie};

    fn graph_with_subgroups(ties: &[(&str, &str, &str, &str)]) -> Graph {
        let mut graph = Graph::new("t");
        for (from, to, start, end) in ties {
            let mut actor = |id: &str| {
                graph.find(id).unwrap_or_else(|| {
                    graph
                        .add_actor(Actor::new(id, id, ActorKind::Group))
                        .unwrap()
                })
            };
            let (from, to) = (actor(from), actor(to));
            let date = |text: &str| (!text.is_empty()).then(|| text.parse().unwrap());
            let tie = Tie::new(
                RelationId::SUBGROUP_OF,
                date(start),
                date(end),
                Confidence::Confirmed,
            );
            graph.add_tie(from, to, tie).unwrap();
        }
        graph
    }

    /// The cycle check on `graph`, its ties from line 2 on counted as this
    /// import's except the first `before`: the rejections' lines and reasons.
    fn check(graph: &mut Graph, before: usize) -> Vec<(u64, String)> {
        let options = crate::interchange::ImportOptions::default();
        let ids: Vec<TieId> = graph.all_ties().map(|t| t.id).collect();
        let mut importer = Importer::new(graph, &options);
        for (line, id) in (2..).zip(ids).skip(before) {
            importer.tie_lines.record(id, line);
        }
        importer.report.ties_added = importer.graph.tie_count() - before;
        let report = importer.finish();
        report
            .rejections
            .into_iter()
            .map(|r| (r.line, r.reason))
            .collect()
    }

    #[test]
    fn the_earliest_row_of_a_cycle_is_rejected_once() {
        let mut graph = graph_with_subgroups(&[
            ("a", "b", "2010", ""),
            ("b", "c", "2010", ""),
            ("c", "a", "2011", ""),
            ("d", "a", "2011", ""),
        ]);
        let rejected = check(&mut graph, 0);
        assert_eq!(
            rejected,
            [(
                2,
                "subgroup-of cycle `a` → `b` → `c` → `a` on 2011-12-31".to_string()
            )]
        );
        assert_eq!(graph.tie_count(), 3);
        assert!(Graph::build(graph.to_spec()).is_ok());
    }

    #[test]
    fn a_cycle_at_different_times_is_kept() {
        let mut graph = graph_with_subgroups(&[("a", "b", "2010", "2012"), ("b", "a", "2013", "")]);
        assert!(check(&mut graph, 0).is_empty());
        assert_eq!(graph.tie_count(), 2);
    }

    #[test]
    fn two_cycles_through_one_pair_reject_one_row_each_time_they_overlap() {
        let mut graph = graph_with_subgroups(&[
            ("a", "b", "", ""),
            ("b", "a", "", ""),
            ("b", "c", "2015", ""),
            ("c", "a", "2015", ""),
        ]);
        let rejected = check(&mut graph, 0);
        let lines: Vec<u64> = rejected.iter().map(|(line, _)| *line).collect();
        assert_eq!(lines, [2], "{rejected:?}");
        assert!(
            rejected[0].1.ends_with("at an unknown start"),
            "{rejected:?}"
        );
        assert!(Graph::build(graph.to_spec()).is_ok());
    }

    #[test]
    fn a_tie_the_graph_had_before_is_never_the_one_removed() {
        let mut graph = graph_with_subgroups(&[("a", "b", "", ""), ("b", "a", "2020", "")]);
        let rejected = check(&mut graph, 1);
        assert_eq!(rejected.len(), 1, "{rejected:?}");
        assert_eq!(rejected[0].0, 3);
        assert_eq!(
            rejected[0].1,
            "subgroup-of cycle `b` → `a` → `b` on 2020-12-31"
        );
        assert_eq!(graph.tie_count(), 1);
        assert_eq!(graph.all_ties().next().unwrap().tie.start(), None);
    }
}
