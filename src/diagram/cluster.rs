//! Subgroup nesting: an actor that is a subgroup of exactly one drawn parent
//! is drawn inside that parent's cluster, clusters inside clusters down the
//! chain; loops and actors with two parents stay where they are.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::{FxHashMap, FxHashSet};

use crate::model::{ActorId, Certainty, Graph, RelationId, TieRef};

use super::canvas::{Cluster, Item, SceneNode};
use super::style::{Palette, TieState};
use super::view::{tie_state, ViewTime};

/// Whether subgroups are drawn inside their parents' clusters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Nesting {
    /// Each subgroup inside its parent's cluster.
    Subgroups,
    /// Every actor at the top level (pinned frames, which neato draws).
    Flat,
}

/// Each child's parent: an actor with exactly one subgroup-of parent among
/// `ties` surely running at `time` (a box asserts membership, so a tie that
/// may not have held then does not nest), where that chain of parents does
/// not loop back. Running means surely still held on the view's day, so
/// every chain of boxes in boxes surely held together on that day.
pub fn parents(graph: &Graph, ties: &[TieRef<'_>], time: ViewTime) -> FxHashMap<ActorId, ActorId> {
    let mut all: BTreeMap<ActorId, BTreeSet<ActorId>> = BTreeMap::new();
    for tie in ties {
        if tie.tie.relation == RelationId::SUBGROUP_OF
            && graph.bounds(*tie).activity(time.window) == Certainty::Certainly
            && tie_state(graph, *tie, time) == TieState::Running
        {
            all.entry(tie.from).or_default().insert(tie.to);
        }
    }
    let mut parent: FxHashMap<ActorId, ActorId> = all
        .into_iter()
        .filter(|(_, ps)| ps.len() == 1)
        .filter_map(|(child, ps)| ps.first().map(|p| (child, *p)))
        .collect();
    // Break loops (A in B in A): nobody on a loop, or leading into one,
    // nests. Each actor is settled once, so a deep chain costs its length.
    let mut settled: FxHashMap<ActorId, bool> = FxHashMap::default();
    let mut on_loop: FxHashSet<ActorId> = FxHashSet::default();
    for &start in parent.keys() {
        let mut path: Vec<ActorId> = Vec::new();
        let mut on_path: FxHashSet<ActorId> = FxHashSet::default();
        let mut at = start;
        // Up the chain until a top, an actor already settled, or a loop.
        let looped = loop {
            if let Some(&looped) = settled.get(&at) {
                break looped;
            }
            if !on_path.insert(at) {
                break true;
            }
            path.push(at);
            match parent.get(&at) {
                Some(&up) => at = up,
                None => break false,
            }
        };
        for actor in path {
            settled.insert(actor, looped);
            if looped {
                on_loop.insert(actor);
            }
        }
    }
    parent.retain(|child, _| !on_loop.contains(child));
    parent
}

/// The top-level items of `actors` (in drawing order): each actor without
/// a parent, as a node, or as a cluster holding it and its subgroups.
pub fn items(
    actors: &[ActorId],
    parents: &FxHashMap<ActorId, ActorId>,
    node_of: &FxHashMap<ActorId, usize>,
    nodes: &[SceneNode],
    palette: &Palette,
) -> Vec<Item> {
    let mut children: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (child, parent) in parents {
        children
            .entry(node_of[parent])
            .or_default()
            .push(node_of[child]);
    }
    for list in children.values_mut() {
        list.sort_unstable();
    }
    let nest = Nest {
        nodes,
        children: &children,
        palette,
    };
    actors
        .iter()
        .filter(|id| !parents.contains_key(id))
        .map(|id| nest.item(node_of[id]))
        .collect()
}

/// What nesting one node needs: the nodes, their children, the colors.
struct Nest<'a> {
    nodes: &'a [SceneNode],
    children: &'a BTreeMap<usize, Vec<usize>>,
    palette: &'a Palette,
}

impl Nest<'_> {
    /// `node` alone, or a cluster of it and its subgroups, built with a
    /// stack of the clusters still open: a chain of subgroups can be as
    /// deep as the graph is large.
    fn item(&self, node: usize) -> Item {
        /// A cluster being filled: its node, its next child, what it holds.
        struct Open {
            node: usize,
            next: usize,
            items: Vec<Item>,
        }
        let open = |node: usize| Open {
            node,
            next: 0,
            items: vec![Item::Node(node)],
        };
        if !self.children.contains_key(&node) {
            return Item::Node(node);
        }
        let mut stack = vec![open(node)];
        while let Some(top) = stack.last_mut() {
            let kids = self.children.get(&top.node).map_or(&[][..], Vec::as_slice);
            if let Some(&kid) = kids.get(top.next) {
                top.next += 1;
                if self.children.contains_key(&kid) {
                    stack.push(open(kid));
                } else {
                    top.items.push(Item::Node(kid));
                }
                continue;
            }
            let Some(done) = stack.pop() else { break };
            let cluster = self.cluster(done.node, done.items);
            match stack.last_mut() {
                Some(parent) => parent.items.push(cluster),
                None => return cluster,
            }
        }
        Item::Node(node)
    }

    /// The cluster of `node` holding `items`.
    fn cluster(&self, node: usize, items: Vec<Item>) -> Item {
        let label = self.nodes[node].label.text().unwrap_or_default();
        Item::Cluster(Cluster {
            name: format!("cluster:{}", self.nodes[node].name),
            attrs: vec![
                ("label", String::new()),
                ("tooltip", format!("{label} and its subgroups")),
                ("style", "rounded,filled".into()),
                ("color", self.palette.cluster_border.into()),
                ("fillcolor", self.palette.cluster_fill.into()),
                ("penwidth", "1".into()),
            ],
            items,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagram::canvas::Scene;
    use crate::diagram::scene;
    use crate::diagram::sketch::Sketch;
    use crate::diagram::view::View;
    use crate::diagram::DiagramSpec;
    use crate::model::{ActorKind, Confidence, Graph};

    /// Every node's name with the clusters around it, outermost first, in
    /// drawing order; a node drawn twice is listed twice.
    fn places(scene: &Scene) -> Vec<(String, Vec<String>)> {
        fn walk(
            scene: &Scene,
            items: &[Item],
            path: &[String],
            out: &mut Vec<(String, Vec<String>)>,
        ) {
            for item in items {
                match item {
                    Item::Node(i) => out.push((scene.nodes[*i].name.clone(), path.to_vec())),
                    Item::Cluster(c) => {
                        let mut inner = path.to_vec();
                        inner.push(c.name.clone());
                        walk(scene, &c.items, &inner, out);
                    }
                    Item::Rank { items, .. } => walk(scene, items, path, out),
                }
            }
        }
        let mut out = Vec::new();
        walk(scene, &scene.items, &[], &mut out);
        out.retain(|(name, _)| name.starts_with("a:"));
        out
    }

    fn clusters_around(scene: &Scene, node: &str) -> Vec<String> {
        let found: Vec<Vec<String>> = places(scene)
            .into_iter()
            .filter(|(name, _)| name == node)
            .map(|(_, path)| path)
            .collect();
        assert_eq!(found.len(), 1, "{node} is drawn once: {found:?}");
        found.into_iter().next().unwrap()
    }

    fn whole(graph: &Graph, nesting: Nesting) -> Scene {
        let spec = DiagramSpec::default();
        let view = View::select(graph, &spec, &spec.filter);
        scene::build(graph, &spec, &view, nesting)
    }

    fn subgroup(s: &mut Sketch, child: ActorId, parent: ActorId) {
        s.tie(
            child,
            parent,
            RelationId::SUBGROUP_OF,
            (None, None),
            Confidence::Confirmed,
        );
    }

    #[test]
    fn a_subgroup_is_drawn_inside_its_parents_cluster() {
        let mut s = Sketch::new("Nest");
        let [top, mid, low, side, other] =
            ["top", "mid", "low", "side", "other"].map(|id| s.actor(id, ActorKind::Group, None));
        subgroup(&mut s, mid, top);
        subgroup(&mut s, low, mid);
        subgroup(&mut s, side, top);
        s.tie(
            other,
            top,
            RelationId::HOSTILITY,
            (None, None),
            Confidence::Confirmed,
        );
        let scene = whole(&s.graph, Nesting::Subgroups);
        assert_eq!(clusters_around(&scene, "a:top"), ["cluster:a:top"]);
        assert_eq!(clusters_around(&scene, "a:side"), ["cluster:a:top"]);
        assert_eq!(
            clusters_around(&scene, "a:mid"),
            ["cluster:a:top", "cluster:a:mid"]
        );
        assert_eq!(
            clusters_around(&scene, "a:low"),
            ["cluster:a:top", "cluster:a:mid"]
        );
        assert!(clusters_around(&scene, "a:other").is_empty());

        let flat = whole(&s.graph, Nesting::Flat);
        for (name, path) in places(&flat) {
            assert!(path.is_empty(), "{name} is in {path:?} when flat");
        }
    }

    #[test]
    fn loops_and_children_of_two_parents_are_drawn_once_at_the_top() {
        let mut s = Sketch::new("Tangle");
        let [x, y, z, kid, mum, dad] =
            ["x", "y", "z", "kid", "mum", "dad"].map(|id| s.actor(id, ActorKind::Group, None));
        subgroup(&mut s, x, y);
        subgroup(&mut s, y, x);
        subgroup(&mut s, z, x);
        subgroup(&mut s, kid, mum);
        subgroup(&mut s, kid, dad);
        let scene = whole(&s.graph, Nesting::Subgroups);
        assert_eq!(places(&scene).len(), 6, "{:?}", places(&scene));
        for node in ["a:x", "a:y", "a:z", "a:kid", "a:mum", "a:dad"] {
            assert!(clusters_around(&scene, node).is_empty(), "{node} is nested");
        }
    }

    #[test]
    fn only_subgroup_ties_running_on_the_day_nest() {
        let mut s = Sketch::new("Then");
        let [old, new, child] =
            ["old", "new", "child"].map(|id| s.actor(id, ActorKind::Group, None));
        let before = s.tie(
            child,
            old,
            RelationId::SUBGROUP_OF,
            (Some(2010), Some(2015)),
            Confidence::Confirmed,
        );
        let after = s.tie(
            child,
            new,
            RelationId::SUBGROUP_OF,
            (Some(2016), None),
            Confidence::Confirmed,
        );
        let ties: Vec<TieRef<'_>> = [before, after]
            .iter()
            .filter_map(|t| s.graph.tie(*t))
            .collect();
        let on = |year| ViewTime::of(&s.graph, &crate::diagram::sketch::during(year));
        assert_eq!(
            parents(&s.graph, &ties, on(2020)),
            FxHashMap::from_iter([(child, new)])
        );
        assert_eq!(
            parents(&s.graph, &ties, on(2012)),
            FxHashMap::from_iter([(child, old)])
        );
        // In June 2016 the move, dated only "2016", may not have happened
        // yet, and the old tie is over: neither box is sure.
        let june: crate::model::PartialDate = "2016-06".parse().unwrap();
        let filter = crate::model::TieFilter::default()
            .during(crate::model::Window::new(june.first_day(), june.last_day()));
        let time = ViewTime::of(&s.graph, &filter);
        assert_eq!(parents(&s.graph, &ties, time), FxHashMap::default());
    }
}
