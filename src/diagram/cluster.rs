//! Subgroup boxes: the subgroups of a parent are drawn inside a box
//! labelled "<parent> members", and the parent stands outside it, tied to
//! the box by one edge. A subgroup of a subgroup has its own box inside its
//! parent's box. Only an actor with exactly one parent that surely held on
//! the view's day is boxed; loops, actors with two parents, a state's
//! forces (a state is not a membership organisation, so its army is tied
//! to it rather than drawn inside it) and the focus of a view (which stays
//! in the middle) stay where they are.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::{FxHashMap, FxHashSet};

use crate::model::{ActorId, ActorKind, Certainty, Graph, RelationId, SourceId, TieRef};

use super::canvas::{Attrs, Cluster, Item, SceneNode};
use super::scene::{capped, source_ids, EdgeStyler};
use super::style::{Palette, TieState};
use super::view::{tie_state, ViewTime};

/// Whether subgroups are drawn inside their parents' boxes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Nesting {
    /// Each subgroup inside its parent's box.
    Subgroups,
    /// Every actor at the top level (pinned frames, which neato draws).
    Flat,
}

/// Whether actors of `kind` are drawn boxed as a parent's members: not
/// for a state, whose forces and offices are tied to it, not its members.
fn has_members(kind: ActorKind) -> bool {
    !matches!(kind, ActorKind::State)
}

/// Each boxed child's parent: an actor with exactly one subgroup-of parent among
/// `ties` surely running at `time` (a box asserts membership, so a tie that
/// may not have held then does not box), where that chain of parents does
/// not loop back, the parent has members ([`has_members`]) and the child
/// is not the `focus`, and the parent has two members or more. Running means surely still held on the view's day,
/// so every chain of boxes in boxes surely held together on that day.
pub fn parents(
    graph: &Graph,
    ties: &[TieRef<'_>],
    time: ViewTime,
    focus: Option<ActorId>,
) -> FxHashMap<ActorId, ActorId> {
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
        .filter(|(child, ps)| ps.len() == 1 && Some(*child) != focus)
        .filter_map(|(child, ps)| ps.first().map(|p| (child, *p)))
        .filter(|(_, p)| has_members(graph.actor(*p).kind))
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
    // A box of one says no more than its one tie: only two or more members box.
    let mut count: FxHashMap<ActorId, usize> = FxHashMap::default();
    for p in parent.values() {
        *count.entry(*p).or_default() += 1;
    }
    parent.retain(|_, p| count[p] >= 2);
    parent
}

/// The name of the box holding the members of the node named `parent`:
/// what an edge's `ltail` names.
pub fn box_name(parent: &str) -> String {
    format!("cluster:members:{parent}")
}

/// The top-level items of `actors` (in drawing order): each actor without
/// a parent, as a node, followed by the box of its members if it has any.
pub fn items(
    actors: &[ActorId],
    parents: &FxHashMap<ActorId, ActorId>,
    node_of: &FxHashMap<ActorId, usize>,
    nodes: &[SceneNode],
    palette: &Palette,
) -> Vec<Item> {
    let children = children(parents, node_of);
    let nest = Nest {
        nodes,
        children: &children,
        palette,
    };
    let mut items = Vec::new();
    for id in actors.iter().filter(|id| !parents.contains_key(id)) {
        let node = node_of[id];
        items.push(Item::Node(node));
        if children.contains_key(&node) {
            items.push(nest.members(node));
        }
    }
    items
}

/// Each parent's node with its children's nodes, in order.
pub fn children(
    parents: &FxHashMap<ActorId, ActorId>,
    node_of: &FxHashMap<ActorId, usize>,
) -> BTreeMap<usize, Vec<usize>> {
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
    children
}

/// What boxing one parent's members needs: the nodes, their children, the colors.
struct Nest<'a> {
    nodes: &'a [SceneNode],
    children: &'a BTreeMap<usize, Vec<usize>>,
    palette: &'a Palette,
}

impl Nest<'_> {
    /// The box of `parent`'s members, each followed by the box of its own
    /// members, built with a stack of the boxes still open: a chain of
    /// subgroups can be as deep as the graph is large.
    fn members(&self, parent: usize) -> Item {
        /// A box being filled: its parent, its next child, what it holds.
        struct Open {
            parent: usize,
            next: usize,
            items: Vec<Item>,
        }
        let open = |parent: usize| Open {
            parent,
            next: 0,
            items: Vec::new(),
        };
        let mut stack = vec![open(parent)];
        while let Some(top) = stack.last_mut() {
            let kids = self
                .children
                .get(&top.parent)
                .map_or(&[][..], Vec::as_slice);
            if let Some(&kid) = kids.get(top.next) {
                top.next += 1;
                top.items.push(Item::Node(kid));
                if self.children.contains_key(&kid) {
                    stack.push(open(kid));
                }
                continue;
            }
            let Some(done) = stack.pop() else { break };
            let cluster = self.cluster(done.parent, done.items);
            match stack.last_mut() {
                Some(up) => up.items.push(cluster),
                None => return cluster,
            }
        }
        self.cluster(parent, Vec::new())
    }

    /// The box of `parent`'s members holding `items`.
    fn cluster(&self, parent: usize, items: Vec<Item>) -> Item {
        let name = self.nodes[parent]
            .label
            .text()
            .unwrap_or_default()
            .replace('\n', " ");
        Item::Cluster(Box::new(Cluster {
            name: box_name(&self.nodes[parent].name),
            attrs: vec![
                ("label", format!("{name} members")),
                ("tooltip", format!("The subgroups of {name}")),
                ("labeljust", "l".into()),
                ("fontsize", super::style::LEGEND_FONT_SIZE.into()),
                ("style", "rounded,filled".into()),
                ("color", self.palette.cluster_border.into()),
                ("fillcolor", self.palette.cluster_fill.into()),
                ("penwidth", "1".into()),
            ],
            items,
        }))
    }
}

/// The one edge from a box of members to their parent: the look of the
/// least sure member's tie (one line speaks for every member, so it states
/// no more than the weakest: a likely member drawn at full strength read
/// as confirmed), each member's dates, confidence and sources in the
/// tooltip, the date label only when every member's says the same.
pub(super) fn box_attrs(
    graph: &Graph,
    ties: &[TieRef<'_>],
    styler: &EdgeStyler<'_>,
    box_name: String,
) -> Attrs {
    let relations = graph.relations();
    let weakest = ties
        .iter()
        .min_by_key(|t| t.tie.confidence)
        .copied()
        .unwrap_or(ties[0]);
    let mut attrs = styler.attrs(graph, weakest);
    let labels: BTreeSet<Option<String>> = ties
        .iter()
        .map(|t| {
            styler
                .attrs(graph, *t)
                .into_iter()
                .find(|(key, _)| *key == "label")
                .map(|(_, label)| label)
        })
        .collect();
    if labels.len() > 1 {
        attrs.retain(|(key, _)| !matches!(*key, "label" | "decorate"));
    }
    let parent = &graph.actor(ties[0].to).name;
    let mut tooltip = format!("{parent}'s members:");
    for tie in ties {
        tooltip.push_str(&format!(
            "\n{} {} {parent}, {}, {}",
            graph.actor(tie.from).name,
            relations.name(tie.tie.relation),
            tie.tie.span_label(),
            tie.tie.confidence
        ));
        let cited = tie.tie.sources();
        if !cited.is_empty() {
            let ids = source_ids(graph, cited.iter().copied()).replace(' ', ", ");
            tooltip.push_str(&format!(" (sources: {ids})"));
        }
    }
    let sources: BTreeSet<SourceId> = ties
        .iter()
        .flat_map(|t| t.tie.sources().iter().copied())
        .collect();
    attrs.retain(|(key, _)| *key != "sources");
    for (key, value) in attrs.iter_mut() {
        if *key == "tooltip" {
            *value = capped(tooltip.clone());
        }
    }
    if !sources.is_empty() {
        attrs.push(("sources", source_ids(graph, sources.iter().copied())));
    }
    attrs.push(("ltail", box_name));
    attrs
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
                    Item::SameRank { .. } => {}
                }
            }
        }
        let mut out = Vec::new();
        walk(scene, &scene.items, &[], &mut out);
        out.retain(|(name, _)| name.starts_with("a:"));
        for (_, path) in &mut out {
            path.retain(|c| c != "cluster:drawing");
        }
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
    fn a_boxs_one_line_is_drawn_as_sure_as_its_least_sure_member() {
        let mut s = Sketch::new("Weakest");
        let [top, sure, likely] =
            ["top", "a-sure", "z-likely"].map(|id| s.actor(id, ActorKind::Group, None));
        subgroup(&mut s, sure, top);
        s.tie(
            likely,
            top,
            RelationId::SUBGROUP_OF,
            (None, None),
            Confidence::Likely,
        );
        let scene = whole(&s.graph, Nesting::Subgroups);
        let attrs = &scene
            .edges
            .iter()
            .find(|e| e.attrs.iter().any(|(k, _)| *k == "ltail"))
            .expect("the box's line")
            .attrs;
        let class = attrs.iter().find(|(k, _)| *k == "class").unwrap();
        assert!(class.1.contains("likely"), "{attrs:?}");
    }

    #[test]
    fn members_are_boxed_and_their_parent_stands_outside() {
        let mut s = Sketch::new("Nest");
        let [top, mid, low, low2, side, other] = ["top", "mid", "low", "low2", "side", "other"]
            .map(|id| s.actor(id, ActorKind::Group, None));
        subgroup(&mut s, mid, top);
        subgroup(&mut s, low, mid);
        subgroup(&mut s, low2, mid);
        subgroup(&mut s, side, top);
        s.tie(
            other,
            top,
            RelationId::HOSTILITY,
            (None, None),
            Confidence::Confirmed,
        );
        let scene = whole(&s.graph, Nesting::Subgroups);
        let top_box = "cluster:members:a:top";
        assert!(clusters_around(&scene, "a:top").is_empty());
        assert_eq!(clusters_around(&scene, "a:side"), [top_box]);
        assert_eq!(clusters_around(&scene, "a:mid"), [top_box]);
        assert_eq!(
            clusters_around(&scene, "a:low"),
            [top_box, "cluster:members:a:mid"]
        );
        assert!(clusters_around(&scene, "a:other").is_empty());
        // One tie from each box to its parent, named by `ltail`.
        let ltails: Vec<&str> = scene
            .edges
            .iter()
            .flat_map(|e| e.attrs.iter())
            .filter(|(k, _)| *k == "ltail")
            .map(|(_, v)| v.as_str())
            .collect();
        assert_eq!(ltails, ["cluster:members:a:mid", top_box]);
        let labels: Vec<String> = scene
            .items
            .iter()
            .flat_map(|i| match i {
                Item::Cluster(c) => c.items.iter().collect::<Vec<_>>(),
                _ => Vec::new(),
            })
            .filter_map(|i| match i {
                Item::Cluster(c) => Some(c.attrs[0].1.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(labels, ["TOP members"]);

        let flat = whole(&s.graph, Nesting::Flat);
        for (name, path) in places(&flat) {
            assert!(path.is_empty(), "{name} is in {path:?} when flat");
        }
    }

    #[test]
    fn a_states_forces_one_member_and_the_focus_are_not_boxed() {
        let mut s = Sketch::new("State");
        let mali = s.actor("mali", ActorKind::State, None);
        let [army, police] = ["army", "police"].map(|id| s.actor(id, ActorKind::StateForce, None));
        let group = s.actor("group", ActorKind::Group, None);
        let [cell, cell2] = ["cell", "cell2"].map(|id| s.actor(id, ActorKind::Group, None));
        let lone = s.actor("lone", ActorKind::Group, None);
        let solo = s.actor("solo", ActorKind::Group, None);
        subgroup(&mut s, army, mali);
        subgroup(&mut s, police, mali);
        subgroup(&mut s, cell, group);
        subgroup(&mut s, cell2, group);
        subgroup(&mut s, solo, lone);
        let ties: Vec<TieRef<'_>> = s.graph.all_ties().collect();
        let time = ViewTime::of(&s.graph, &crate::model::TieFilter::default());
        assert_eq!(
            parents(&s.graph, &ties, time, None),
            FxHashMap::from_iter([(cell, group), (cell2, group)])
        );
        assert_eq!(
            parents(&s.graph, &ties, time, Some(cell)),
            FxHashMap::default(),
            "with cell at the focus, cell2 alone is left: no box of one"
        );
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
        let [old, new, child, twin] =
            ["old", "new", "child", "twin"].map(|id| s.actor(id, ActorKind::Group, None));
        for kid in [child, twin] {
            s.tie(
                kid,
                old,
                RelationId::SUBGROUP_OF,
                (Some(2010), Some(2015)),
                Confidence::Confirmed,
            );
            s.tie(
                kid,
                new,
                RelationId::SUBGROUP_OF,
                (Some(2016), None),
                Confidence::Confirmed,
            );
        }
        let ties: Vec<TieRef<'_>> = s.graph.all_ties().collect();
        let on = |year| ViewTime::of(&s.graph, &crate::diagram::sketch::during(year));
        assert_eq!(
            parents(&s.graph, &ties, on(2020), None),
            FxHashMap::from_iter([(child, new), (twin, new)])
        );
        assert_eq!(
            parents(&s.graph, &ties, on(2012), None),
            FxHashMap::from_iter([(child, old), (twin, old)])
        );
        // In June 2016 the move, dated only "2016", may not have happened
        // yet, and the old tie is over: neither box is sure.
        let june: crate::model::PartialDate = "2016-06".parse().unwrap();
        let filter = crate::model::TieFilter::default()
            .during(crate::model::Window::new(june.first_day(), june.last_day()));
        let time = ViewTime::of(&s.graph, &filter);
        assert_eq!(parents(&s.graph, &ties, time, None), FxHashMap::default());
    }
}
