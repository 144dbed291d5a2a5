//! What a diagram draws, before it is DOT: the actors and ties a view
//! selects, styled, sorted, nested into subgroup clusters, with a title and a
//! legend of what appears. Attribute values here are raw text; quoting is
//! the printer's job ([`super::dot`]).

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::{FxHashMap, FxHashSet};

use crate::model::walk::ego_network;
use crate::model::{ActorId, ActorKind, Confidence, Graph, RelationId, TieFilter, TieId};

use super::html::{Cell, Html, Line, Table};
use super::style::{self, Palette};
use super::DiagramSpec;

/// The actors and ties a view selects.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct View {
    pub actors: BTreeSet<ActorId>,
    pub ties: BTreeSet<TieId>,
}

impl View {
    /// The actors and ties of `spec` with `filter` in place of its own.
    pub fn select(graph: &Graph, spec: &DiagramSpec, filter: &TieFilter) -> View {
        match spec.focus {
            Some(focus) => {
                let walk = ego_network(graph, focus, spec.depth, filter);
                View {
                    actors: walk.actors.into_iter().map(|(a, _)| a).collect(),
                    ties: walk.ties.into_iter().collect(),
                }
            }
            None => {
                let mut view = View::default();
                for tie in graph.ties(filter) {
                    view.ties.insert(tie.id);
                    view.actors.insert(tie.from);
                    view.actors.insert(tie.to);
                }
                // Actors with no ties at all are still part of the whole
                // graph, when they are active in the window.
                for (id, actor) in graph.actors() {
                    let active = actor
                        .active
                        .is_none_or(|period| period.window().overlaps(filter.window));
                    if graph.degree(id) == 0 && active {
                        view.actors.insert(id);
                    }
                }
                view
            }
        }
    }

    pub fn union(&mut self, other: &View) {
        self.actors.extend(other.actors.iter().copied());
        self.ties.extend(other.ties.iter().copied());
    }
}

/// What a scene node stands for; positions are kept per key across frames.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Key {
    Actor(ActorId),
    Legend(usize),
}

pub type Attrs = Vec<(&'static str, String)>;

#[derive(Clone, Debug)]
pub struct SceneNode {
    pub key: Key,
    /// The DOT node name, before quoting.
    pub name: String,
    pub attrs: Attrs,
    /// An HTML-like label, written in place of any `label` in `attrs`.
    pub html: Option<Html>,
}

#[derive(Clone, Debug)]
pub enum Item {
    /// Index into [`Scene::nodes`].
    Node(usize),
    Cluster(Cluster),
    /// Nodes that share a rank (`rank` is `same`, `min` or `max`).
    Rank {
        name: String,
        rank: &'static str,
        items: Vec<Item>,
    },
}

#[derive(Clone, Debug)]
pub struct Cluster {
    /// The subgraph name before quoting; starts with `cluster`.
    pub name: String,
    pub attrs: Attrs,
    pub items: Vec<Item>,
}

#[derive(Clone, Debug)]
pub struct SceneEdge {
    pub from: usize,
    pub to: usize,
    pub attrs: Attrs,
}

#[derive(Clone, Debug)]
pub struct Scene {
    pub graph_attrs: Attrs,
    pub node_defaults: Attrs,
    pub edge_defaults: Attrs,
    pub nodes: Vec<SceneNode>,
    pub items: Vec<Item>,
    pub edges: Vec<SceneEdge>,
}

/// Builds the scene of `view`, with a legend of what `legend_view` holds
/// (the same view, or the union of a storyboard's frames).
pub fn build(
    graph: &Graph,
    spec: &DiagramSpec,
    view: &View,
    legend_view: &View,
    nest: bool,
) -> Scene {
    let palette = style::palette(spec.theme);
    let networks = network_indexes(graph);
    let title = title(graph, spec);
    let mut scene = Scene {
        graph_attrs: vec![
            ("label", title.clone()),
            ("labelloc", "t".into()),
            ("fontname", style::FONT.into()),
            ("fontsize", style::TITLE_FONT_SIZE.into()),
            ("fontcolor", palette.text.into()),
            ("bgcolor", palette.background.into()),
            ("tooltip", title),
            ("rankdir", "TB".into()),
            ("nodesep", "0.3".into()),
            ("ranksep", "0.45".into()),
            ("pad", "0.3".into()),
            ("newrank", "true".into()),
            ("outputorder", "edgesfirst".into()),
        ],
        node_defaults: vec![
            ("fontname", style::FONT.into()),
            ("fontsize", style::NODE_FONT_SIZE.into()),
            ("fontcolor", palette.text.into()),
            ("color", palette.border.into()),
            ("fillcolor", palette.untagged.into()),
            ("style", "filled".into()),
            ("penwidth", "1.2".into()),
            ("margin", "0.15,0.08".into()),
        ],
        edge_defaults: vec![
            ("fontname", style::FONT.into()),
            ("fontsize", style::EDGE_FONT_SIZE.into()),
            ("fontcolor", palette.text.into()),
            ("arrowsize", "0.9".into()),
        ],
        nodes: Vec::new(),
        items: Vec::new(),
        edges: Vec::new(),
    };

    // Actors, sorted by id (then index, for graphs built in code with equal ids).
    let mut actors: Vec<ActorId> = view.actors.iter().copied().collect();
    actors.sort_by(|a, b| graph.actor(*a).id.cmp(&graph.actor(*b).id).then(a.cmp(b)));
    let mut node_of: FxHashMap<ActorId, usize> = FxHashMap::default();
    for &id in &actors {
        let actor = graph.actor(id);
        let mut attrs: Attrs = vec![
            ("label", wrap(&actor.name)),
            (
                "tooltip",
                actor
                    .note
                    .clone()
                    .unwrap_or_else(|| format!("{} ({})", actor.name, actor.kind.describe())),
            ),
            ("shape", style::kind_shape(actor.kind).into()),
            ("style", style::kind_style(actor.kind).into()),
        ];
        if let Some(index) = actor.tags.first().and_then(|t| networks.get(t.as_str())) {
            attrs.push(("fillcolor", style::network_fill(palette, *index).into()));
        }
        if spec.focus == Some(id) {
            attrs.push(("color", palette.focus_border.into()));
            attrs.push(("penwidth", "3".into()));
        }
        node_of.insert(id, scene.nodes.len());
        scene.nodes.push(SceneNode {
            key: Key::Actor(id),
            name: format!("a:{}", actor.id),
            attrs,
            html: None,
        });
    }

    // Ties, sorted by (from id, to id, relation, start, end, confidence).
    let mut ties: Vec<_> = view.ties.iter().filter_map(|t| graph.tie(*t)).collect();
    ties.retain(|t| node_of.contains_key(&t.from) && node_of.contains_key(&t.to));
    ties.sort_by(|a, b| {
        let key = |t: &crate::model::TieRef<'_>| {
            (
                graph.actor(t.from).id.clone(),
                graph.actor(t.to).id.clone(),
                t.tie.relation,
                t.tie.start(),
                t.tie.end(),
                t.tie.confidence,
            )
        };
        key(a).cmp(&key(b)).then(a.id.cmp(&b.id))
    });
    let relations = graph.relations();
    let view_day = view_day(graph, &spec.filter);
    for tie in &ties {
        let ended = has_ended(graph, *tie, view_day);
        let rel = style::relation_style(palette, tie.tie.relation);
        let alpha = style::alpha(tie.tie.confidence, ended);
        let directed = relations.is_directed(tie.tie.relation);
        let mut attrs: Attrs = Vec::new();
        if tie.tie.start().is_some() || tie.tie.end().is_some() {
            attrs.push(("xlabel", tie.tie.span_label()));
        }
        let mut tooltip = format!(
            "{} {} {}, {}, {}",
            graph.actor(tie.from).name,
            relations.name(tie.tie.relation),
            graph.actor(tie.to).name,
            tie.tie.span_label(),
            tie.tie.confidence
        );
        if let Some(note) = tie.tie.note() {
            tooltip.push('\n');
            tooltip.push_str(note);
        }
        attrs.push(("tooltip", tooltip));
        attrs.extend(edge_look(&rel, alpha, tie.tie.confidence, ended, directed));
        attrs.push(("fontcolor", format!("{}{}", palette.text, alpha)));
        scene.edges.push(SceneEdge {
            from: node_of[&tie.from],
            to: node_of[&tie.to],
            attrs,
        });
    }

    // Subgroup clusters.
    let parent = if nest {
        nesting(graph, spec, &ties)
    } else {
        FxHashMap::default()
    };
    let mut children: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (child, parent) in &parent {
        children
            .entry(node_of[parent])
            .or_default()
            .push(node_of[child]);
    }
    for list in children.values_mut() {
        list.sort_unstable();
    }
    for &id in &actors {
        if !parent.contains_key(&id) {
            let item = nest_item(&scene.nodes, node_of[&id], &children, palette);
            scene.items.push(item);
        }
    }

    legend(graph, &mut scene, legend_view, palette, &networks, view_day);
    scene
}

/// Labels longer than this many characters are broken into two lines.
const WRAP_AT: usize = 16;

/// A node label broken at the space nearest its middle when it is long and
/// on one line, so long names do not widen the picture.
fn wrap(name: &str) -> String {
    let count = name.chars().count();
    if count <= WRAP_AT || name.contains(['\n', '\r']) {
        return name.to_string();
    }
    let middle = count / 2;
    let best = name
        .char_indices()
        .enumerate()
        .filter(|(_, (_, c))| *c == ' ')
        .min_by_key(|(n, _)| n.abs_diff(middle));
    match best {
        Some((_, (at, _))) => format!("{}\n{}", &name[..at], &name[at + 1..]),
        None => name.to_string(),
    }
}

/// Edge attributes for a relation's look at a confidence and ending.
fn edge_look(
    rel: &style::RelationStyle,
    alpha: &str,
    confidence: Confidence,
    ended: bool,
    directed: bool,
) -> Attrs {
    let mut attrs: Attrs = vec![
        ("color", style::edge_color(rel.color, alpha, rel.double)),
        ("style", style::line_style(confidence, ended).into()),
        ("penwidth", rel.penwidth.into()),
    ];
    if directed {
        attrs.push(("dir", "forward".into()));
        attrs.push(("arrowhead", rel.arrowhead.into()));
    } else {
        attrs.push(("dir", "none".into()));
    }
    attrs
}

fn nest_item(
    nodes: &[SceneNode],
    node: usize,
    children: &BTreeMap<usize, Vec<usize>>,
    palette: &Palette,
) -> Item {
    match children.get(&node) {
        None => Item::Node(node),
        Some(kids) => {
            let mut items = vec![Item::Node(node)];
            items.extend(
                kids.iter()
                    .map(|kid| nest_item(nodes, *kid, children, palette)),
            );
            let label = nodes[node]
                .attrs
                .iter()
                .find(|(k, _)| *k == "label")
                .map(|(_, v)| v.clone())
                .unwrap_or_default();
            Item::Cluster(Cluster {
                name: format!("cluster:{}", nodes[node].name),
                attrs: vec![
                    ("label", String::new()),
                    ("tooltip", format!("{label} and its subgroups")),
                    ("style", "rounded,filled".into()),
                    ("color", palette.cluster_border.into()),
                    ("fillcolor", palette.cluster_fill.into()),
                    ("penwidth", "1".into()),
                ],
                items,
            })
        }
    }
}

/// Which actor nests inside which: an actor with exactly one subgroup-of
/// parent among the drawn ties active at the end of the view, where that
/// chain of parents does not loop back.
fn nesting(
    graph: &Graph,
    spec: &DiagramSpec,
    ties: &[crate::model::TieRef<'_>],
) -> FxHashMap<ActorId, ActorId> {
    let day = spec.filter.window.last;
    let mut parents: BTreeMap<ActorId, BTreeSet<ActorId>> = BTreeMap::new();
    for tie in ties {
        if tie.tie.relation == RelationId::SUBGROUP_OF && tie.tie.window().contains(day) {
            parents.entry(tie.from).or_default().insert(tie.to);
        }
    }
    let mut parent: FxHashMap<ActorId, ActorId> = parents
        .into_iter()
        .filter(|(_, ps)| ps.len() == 1)
        .filter_map(|(child, ps)| ps.first().map(|p| (child, *p)))
        .collect();
    // Break loops (A in B in A): nobody on a loop nests.
    let mut on_loop: FxHashSet<ActorId> = FxHashSet::default();
    for &start in parent.keys() {
        let mut seen: FxHashSet<ActorId> = FxHashSet::default();
        let mut at = start;
        while let Some(&up) = parent.get(&at) {
            if !seen.insert(at) {
                on_loop.extend(seen.iter().copied());
                break;
            }
            at = up;
        }
    }
    parent.retain(|child, _| !on_loop.contains(child));
    let _ = graph;
    parent
}

/// Each first tag (network) of the graph with its order of first appearance,
/// so a network keeps its fill in every view of the same graph.
fn network_indexes(graph: &Graph) -> BTreeMap<&str, usize> {
    let mut indexes: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, actor) in graph.actors() {
        if let Some(tag) = actor.tags.first() {
            let next = indexes.len();
            indexes.entry(tag.as_str()).or_insert(next);
        }
    }
    indexes
}

/// "JNIM and its ties, 2 hops, as of 2023-02".
pub fn title(graph: &Graph, spec: &DiagramSpec) -> String {
    let relations = spec.filter.relations.as_ref().map(|ids| {
        let mut ids = ids.clone();
        ids.sort();
        ids.dedup();
        let names: Vec<&str> = ids.iter().map(|r| graph.relations().name(*r)).collect();
        match names.as_slice() {
            [] => String::new(),
            [one] => (*one).to_string(),
            [init @ .., last] => format!("{} and {last}", init.join(", ")),
        }
    });
    let mut title = match spec.focus {
        Some(focus) => {
            let name = &graph.actor(focus).name;
            let ties = match &relations {
                Some(r) => format!("{r} ties"),
                None => "ties".to_string(),
            };
            let hops = if spec.depth == 1 { "hop" } else { "hops" };
            format!("{name} and its {ties}, {} {hops}", spec.depth)
        }
        None => {
            let base = if graph.title.trim().is_empty() {
                "All actors and ties".to_string()
            } else {
                graph.title.clone()
            };
            match &relations {
                Some(r) => format!("{base}: {r} ties"),
                None => base,
            }
        }
    };
    match spec.filter.min_confidence {
        Confidence::Possible => {}
        Confidence::Likely => title.push_str(", likely or confirmed"),
        Confidence::Confirmed => title.push_str(", confirmed only"),
    }
    if let Some(label) = &spec.time_label {
        title.push_str(", ");
        title.push_str(label);
    }
    title
}

/// The legend: a table of the relations and tie states `view` holds, a
/// table of its networks, and a sample node of each actor kind, stacked in
/// one column at the side of the diagram (the last rank).
/// The day a view shows: its window's last day, or the graph's date when
/// the window runs on without end.
fn view_day(graph: &Graph, filter: &TieFilter) -> crate::model::Day {
    if filter.window.last == crate::model::time::DAY_MAX {
        graph.known_until()
    } else {
        filter.window.last
    }
}

/// A tie is drawn as ended only when it had surely ended by the view's day,
/// not merely because it ends some time later.
fn has_ended(graph: &Graph, tie: crate::model::TieRef<'_>, day: crate::model::Day) -> bool {
    graph.bounds(tie).end.1 < day
}

fn legend(
    graph: &Graph,
    scene: &mut Scene,
    view: &View,
    palette: &Palette,
    networks: &BTreeMap<&str, usize>,
    view_day: crate::model::Day,
) {
    let mut relations: BTreeSet<RelationId> = BTreeSet::new();
    let (mut ended, mut likely, mut possible) = (false, false, false);
    for tie in view.ties.iter().filter_map(|t| graph.tie(*t)) {
        relations.insert(tie.tie.relation);
        ended |= has_ended(graph, tie, view_day);
        likely |= tie.tie.confidence == Confidence::Likely;
        possible |= tie.tie.confidence == Confidence::Possible;
    }
    let mut kinds: BTreeSet<ActorKind> = BTreeSet::new();
    let mut tags: BTreeSet<(usize, &str)> = BTreeSet::new();
    for &actor in &view.actors {
        let actor = graph.actor(actor);
        kinds.insert(actor.kind);
        if let Some(tag) = actor.tags.first() {
            if let Some(index) = networks.get(tag.as_str()) {
                tags.insert((*index, tag.as_str()));
            }
        }
    }
    if relations.is_empty() && kinds.is_empty() {
        return;
    }
    let table = |rows: Vec<Vec<Cell>>| {
        Table {
            font: style::FONT,
            size: style::LEGEND_FONT_SIZE,
            text_color: palette.text,
            rows,
        }
        .build()
    };

    // Entries: a line sample and a name for each relation and tie state,
    // a chip for each network.
    let mut ties: Vec<(Cell, String)> = Vec::new();
    for relation in &relations {
        let rel = style::relation_style(palette, *relation);
        let name = graph.relations().name(*relation).to_string();
        let sample = Cell::Sample {
            color: format!(
                "{}{}",
                rel.color,
                style::alpha(Confidence::Confirmed, false)
            ),
            line: Line::Solid,
            double: rel.double,
            arrow: graph.relations().is_directed(*relation),
            thick: rel.penwidth.parse::<f64>().is_ok_and(|w| w >= 2.5),
        };
        ties.push((sample, name));
    }
    for (present, label, confidence, is_ended) in [
        (ended, "ended", Confidence::Confirmed, true),
        (likely, "likely", Confidence::Likely, false),
        (possible, "possible", Confidence::Possible, false),
    ] {
        if present {
            let line = match style::line_style(confidence, is_ended) {
                "dotted" => Line::Dotted,
                "dashed" => Line::Dashed,
                _ => Line::Solid,
            };
            let sample = Cell::Sample {
                color: format!("{}{}", palette.neutral, style::alpha(confidence, is_ended)),
                line,
                double: false,
                arrow: false,
                thick: false,
            };
            ties.push((sample, label.to_string()));
        }
    }

    // The legend is a column of slots, one rank each, so that no slot is
    // taller than a row of the diagram and the column sits beside it
    // without stretching its ranks: two rows of two tie entries, two rows
    // of two networks, or two kind samples side by side.
    let mut slots: Vec<Vec<usize>> = Vec::new();
    let mut counter = 0;
    let mut add_node = |scene: &mut Scene, name: String, attrs: Attrs, html: Option<Html>| {
        let index = scene.nodes.len();
        scene.nodes.push(SceneNode {
            key: Key::Legend(counter),
            name: format!("legend:{name}"),
            attrs,
            html,
        });
        counter += 1;
        index
    };
    let plain = |tooltip: String| -> Attrs {
        vec![
            ("tooltip", tooltip),
            ("shape", "plain".into()),
            ("style", "solid".into()),
        ]
    };
    for (n, chunk) in ties.chunks(4).enumerate() {
        let names: Vec<&str> = chunk.iter().map(|(_, name)| name.as_str()).collect();
        let rows = chunk
            .chunks(2)
            .map(|pair| {
                pair.iter()
                    .flat_map(|(sample, name)| [sample.clone(), Cell::Text(name.clone())])
                    .collect()
            })
            .collect();
        let node = add_node(
            scene,
            format!("ties:{n}"),
            plain(format!("Ties: {}", names.join(", "))),
            Some(table(rows)),
        );
        slots.push(vec![node]);
    }
    let tags: Vec<(usize, &str)> = tags.into_iter().collect();
    for (n, chunk) in tags.chunks(4).enumerate() {
        let names: Vec<&str> = chunk.iter().map(|(_, tag)| *tag).collect();
        let rows = chunk
            .chunks(2)
            .map(|pair| {
                pair.iter()
                    .map(|(index, tag)| Cell::Chip {
                        fill: style::network_fill(palette, *index).into(),
                        text: (*tag).to_string(),
                    })
                    .collect()
            })
            .collect();
        let node = add_node(
            scene,
            format!("networks:{n}"),
            plain(format!("Networks: {}", names.join(", "))),
            Some(table(rows)),
        );
        slots.push(vec![node]);
    }
    let kinds: Vec<ActorKind> = kinds.into_iter().collect();
    for pair in kinds.chunks(2) {
        let slot = pair
            .iter()
            .map(|kind| {
                add_node(
                    scene,
                    format!("kind:{}", kind.as_str()),
                    vec![
                        ("label", kind.describe().to_string()),
                        ("tooltip", kind.describe().to_string()),
                        ("shape", style::kind_shape(*kind).into()),
                        ("style", style::kind_style(*kind).into()),
                        ("fontsize", style::LEGEND_FONT_SIZE.into()),
                        ("margin", "0.06,0.03".into()),
                    ],
                    None,
                )
            })
            .collect();
        slots.push(slot);
    }

    // Invisible edges hold the slots one below the other.
    let invisible = || -> Attrs { vec![("style", "invis".into()), ("dir", "none".into())] };
    for pair in slots.windows(2) {
        scene.edges.push(SceneEdge {
            from: pair[0][0],
            to: pair[1][0],
            attrs: invisible(),
        });
    }
    let mut items = Vec::new();
    for (n, slot) in slots.iter().enumerate() {
        if slot.len() == 1 {
            items.push(Item::Node(slot[0]));
        } else {
            for pair in slot.windows(2) {
                scene.edges.push(SceneEdge {
                    from: pair[0],
                    to: pair[1],
                    attrs: invisible(),
                });
            }
            items.push(Item::Rank {
                name: format!("legend:row{n}"),
                rank: "same",
                items: slot.iter().map(|i| Item::Node(*i)).collect(),
            });
        }
    }
    scene.items.push(Item::Cluster(Cluster {
        name: "cluster:legend".into(),
        attrs: vec![
            ("label", "Legend".into()),
            ("tooltip", "Legend".into()),
            ("fontsize", style::LEGEND_FONT_SIZE.into()),
            ("style", "rounded".into()),
            ("color", palette.cluster_border.into()),
            ("penwidth", "1".into()),
        ],
        items,
    }));
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn long_names_break_at_the_middle_space() {
        assert_eq!(wrap("JNIM"), "JNIM");
        assert_eq!(
            wrap("Daoussak leaders in Ménaka"),
            "Daoussak leaders\nin Ménaka"
        );
        assert_eq!(
            wrap("Northern Malian communities"),
            "Northern Malian\ncommunities"
        );
        assert_eq!(
            wrap("Averyveryverylongsingleword"),
            "Averyveryverylongsingleword"
        );
        assert_eq!(wrap("Two\nlines already here"), "Two\nlines already here");
    }
}
