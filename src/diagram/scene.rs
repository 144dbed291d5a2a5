//! What a diagram draws, before it is DOT: the actors and ties of a
//! [`View`], styled and sorted, members boxed ([`super::cluster`]), laid
//! out by role around a focus ([`super::focus`]), under a title
//! ([`super::title`]) and above a legend strip and source footer
//! ([`super::legend`]). Attribute values here are raw
//! text; quoting is the printer's job ([`super::dot`]).

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap;

use crate::model::{ActorId, Graph, RelationId, SourceId, TieId, TieRef};

use super::canvas::*;
use super::cluster::{self, Nesting};
use super::focus;
use super::legend;
use super::style::{self, Palette};
use super::title::title;
use super::view::{View, ViewTime};
use super::DiagramSpec;

pub(crate) use super::labels::{label_beside_flat, say_dates_once, with_labels_at_ends};
pub(crate) use super::styler::{EdgeStyler, NodeStyler};
pub use super::widest::WidestLabels;

/// Builds the scene of `view`, with a legend of what it draws.
#[cfg(test)]
pub fn build(graph: &Graph, spec: &DiagramSpec, view: &View, nesting: Nesting) -> Scene {
    build_with_legend(graph, spec, view, &legend_of(graph, spec, view), nesting)
}

/// What the legend of a single picture of `view` explains: what it draws,
/// and the dates it draws as numbers.
fn legend_of<'g>(graph: &'g Graph, spec: &DiagramSpec, view: &View) -> legend::Contents<'g> {
    let networks = style::network_indexes(graph);
    let time = ViewTime::of(graph, &spec.filter);
    let mut legend = legend::Contents::of(graph, view, &networks, time);
    legend.dates_by_number = super::styler::dates_by_number(graph, spec);
    legend
}

/// Builds the scene of `view` with the legend of `legend`.
#[cfg(test)]
pub fn build_with_legend(
    graph: &Graph,
    spec: &DiagramSpec,
    view: &View,
    legend: &legend::Contents<'_>,
    nesting: Nesting,
) -> Scene {
    let build = Build {
        nesting,
        defer: false,
        new: None,
        rows: None,
        pinned: None,
    };
    build_parts(graph, spec, view, legend, build).0
}

/// A storyboard frame's scene: the scene of `view` with the run's legend, flat and unlaid-out
/// (the frame is drawn where the union's layout put each actor and tie),
/// each tie's edge named by its tie, with the ties in `new` (not in the
/// previous frame) highlighted.
pub fn build_frame(
    graph: &Graph,
    spec: &DiagramSpec,
    view: &View,
    legend: &legend::Contents<'_>,
    new: &BTreeSet<TieId>,
) -> Scene {
    let build = Build {
        nesting: Nesting::Flat,
        defer: false,
        new: Some(new),
        rows: None,
        pinned: Some(Pinning {
            lay_out: false,
            labels: None,
        }),
    };
    build_parts(graph, spec, view, legend, build).0
}

/// The scene a storyboard lays out once for all its frames: the union of
/// their views, flat, laid out by role around a focus with columns of
/// `rows`, each tie's edge named by its tie, with the `widest` labels of
/// any frame.
pub fn build_union(
    graph: &Graph,
    spec: &DiagramSpec,
    view: &View,
    legend: &legend::Contents<'_>,
    rows: usize,
    widest: &WidestLabels,
) -> Scene {
    let build = Build {
        nesting: Nesting::Flat,
        defer: false,
        new: None,
        rows: Some(rows),
        pinned: Some(Pinning {
            lay_out: true,
            labels: Some(widest),
        }),
    };
    build_parts(graph, spec, view, legend, build).0
}

/// The `id` a storyboard gives a tie's edge, to find its layout again.
pub fn tie_key(tie: TieId) -> String {
    format!("tie{}", tie.index())
}

/// The tie whose edge is named `key` by [`tie_key`].
pub fn tie_of_key(key: &str) -> Option<TieId> {
    Some(TieId::new(key.strip_prefix("tie")?.parse().ok()?))
}

/// A tie whose edge is styled only when it is printed, by its nodes'
/// indexes: 16 bytes, as a million of them are held while the nodes print.
/// (Node indexes fit in `u32`: the deferred ties join actors' nodes, one an
/// actor, and actor indexes are `u32`.)
#[derive(Clone, Copy)]
pub(crate) enum DeferredTie {
    /// A tie between two nodes, styled when it is printed.
    Tie(u32, u32, TieId),
    /// An edge styled already (a box's one tie to its parent), by its
    /// index into [`Deferred::styled`].
    Styled(u32),
}

/// The ties' edges of a scene, left out of it to be styled as printed.
pub(crate) struct Deferred {
    /// Every edge, in drawing order.
    pub ties: Vec<DeferredTie>,
    /// The edges styled already, which [`DeferredTie::Styled`] refers to.
    pub styled: Vec<SceneEdge>,
}

/// Like [`build`], but the ties' edges are left out of the scene and given
/// back, and the actors' nodes hold no attributes ([`NodeStyler`]), to be
/// styled one by one as they are printed ([`EdgeStyler`]): a million ties'
/// and actors' attributes need not all be held at once.
pub(crate) fn build_deferred(
    graph: &Graph,
    spec: &DiagramSpec,
    view: &View,
    nesting: Nesting,
    rows: Option<usize>,
) -> (Scene, Deferred) {
    let legend = legend_of(graph, spec, view);
    let build = Build {
        nesting,
        defer: true,
        new: None,
        rows,
        pinned: None,
    };
    build_parts(graph, spec, view, &legend, build)
}

/// How a scene is built besides what it shows.
struct Build<'a> {
    /// Subgroups boxed, or every actor at the top.
    nesting: Nesting,
    /// The ties' edges given back to be styled as they are printed.
    defer: bool,
    /// In a storyboard frame, the ties the previous frame did not draw.
    new: Option<&'a BTreeSet<TieId>>,
    /// The actors a focus layout's column holds; `None` chooses.
    rows: Option<usize>,
    /// For a storyboard: each tie's edge named by its tie.
    pinned: Option<Pinning<'a>>,
}

/// How a storyboard's scenes differ from a single picture's.
#[derive(Clone, Copy)]
struct Pinning<'a> {
    /// Laid out by role around a focus (the union), or not (a frame, drawn
    /// where the union's layout put things).
    lay_out: bool,
    /// Each tie's date label, replacing its own (the union's).
    labels: Option<&'a WidestLabels>,
}

fn build_parts<'g>(
    graph: &'g Graph,
    spec: &DiagramSpec,
    view: &View,
    legend: &legend::Contents<'_>,
    build: Build<'_>,
) -> (Scene, Deferred) {
    let Build {
        nesting,
        defer,
        new,
        rows,
        pinned,
    } = build;
    let palette = style::palette(spec.theme);
    let mut scene = Scene::empty(&title(graph, spec), palette, spec);

    // Actors, sorted by id (then index, for graphs built in code with equal ids).
    let mut actors: Vec<ActorId> = view.actors.iter().copied().collect();
    actors.sort_by(|a, b| graph.actor(*a).id.cmp(&graph.actor(*b).id).then(a.cmp(b)));
    let mut node_of: FxHashMap<ActorId, usize> = FxHashMap::default();
    let node_styler = NodeStyler::new(graph, spec, view);
    scene.nodes.reserve_exact(actors.len());
    for &id in &actors {
        let actor = graph.actor(id);
        node_of.insert(id, scene.nodes.len());
        let name = format!("a:{}", actor.id);
        // A storyboard's union is as wide as its widest frame's actor.
        let label = pinned
            .and_then(|p| p.labels)
            .and_then(|widest| widest.names.get(&name).cloned())
            .unwrap_or_else(|| wrap(&node_styler.name(graph, id)));
        scene.nodes.push(SceneNode {
            key: Key::Actor(id),
            name,
            label: Label::Text(label),
            // Printed as they are made when deferred: a million actors'
            // attributes need not all be held at once.
            attrs: if defer {
                Vec::new()
            } else {
                node_styler.attrs(graph, id)
            },
        });
    }

    let ties = drawn_ties(graph, view, &node_of);
    let time = ViewTime::of(graph, &spec.filter);
    let parents = match nesting {
        Nesting::Subgroups => cluster::parents(graph, &ties, time, spec.focus),
        Nesting::Flat => FxHashMap::default(),
    };
    // A boxed member's tie to its parent is drawn once for the whole box,
    // where the first member's tie would have been.
    let mut members: BTreeMap<ActorId, Vec<TieRef<'g>>> = BTreeMap::new();
    let is_member = |tie: &TieRef<'_>| {
        tie.tie.relation == RelationId::SUBGROUP_OF && parents.get(&tie.from) == Some(&tie.to)
    };
    for tie in ties.iter().filter(|t| is_member(t)) {
        members.entry(tie.to).or_default().push(*tie);
    }
    let children = cluster::children(&parents, &node_of);
    let styler = EdgeStyler::new(graph, spec);
    let styler = match new {
        Some(new) => styler.with_new(new),
        None => styler,
    };
    let mut deferred = Deferred {
        ties: Vec::new(),
        styled: Vec::new(),
    };
    for tie in &ties {
        let (from, to) = (node_of[&tie.from], node_of[&tie.to]);
        if is_member(tie) {
            let Some(member_ties) = members.remove(&tie.to) else {
                continue;
            };
            let Some(&first) = children.get(&to).and_then(|c| c.first()) else {
                continue;
            };
            let name = cluster::box_name(&scene.nodes[to].name);
            let attrs = cluster::box_attrs(graph, &member_ties, &styler, name);
            let edge = SceneEdge {
                from: first,
                to,
                attrs,
            };
            if defer {
                let index = deferred.styled.len() as u32;
                deferred.ties.push(DeferredTie::Styled(index));
                deferred.styled.push(edge);
            } else {
                scene.edges.push(edge);
            }
        } else if defer {
            deferred
                .ties
                .push(DeferredTie::Tie(from as u32, to as u32, tie.id));
        } else {
            let mut attrs = styler.attrs(graph, *tie);
            if let Some(pinning) = pinned {
                if let Some(labels) = pinning.labels {
                    attrs.retain(|(key, _)| !matches!(*key, "label" | "decorate"));
                    if let Some(label) = labels.dates.get(&tie.id) {
                        attrs.push(("label", label.clone()));
                        attrs.push(("decorate", "true".into()));
                    }
                }
            }
            attrs.push(("id", tie_key(tie.id)));
            scene.edges.push(SceneEdge { from, to, attrs });
        }
    }

    let mut previous = None;
    for edge in &mut scene.edges {
        say_dates_once(&mut previous, edge.from, edge.to, &mut edge.attrs);
    }
    let mut items = cluster::items(&actors, &parents, &node_of, &scene.nodes, palette);
    let laid_out = actors.len() <= focus::MAX_ACTORS && pinned.is_none_or(|p| p.lay_out);
    if let Some(focus) = spec.focus.filter(|f| laid_out && node_of.contains_key(f)) {
        let rows = rows.unwrap_or_else(|| focus::default_rows(actors.len()));
        let columns = focus::columns(graph, focus, &actors, &ties, &parents, time, rows);
        lay_out_columns(&mut scene, &mut items, &columns, &node_of);
    }
    scene.items = vec![Item::Cluster(Box::new(Cluster {
        name: "cluster:drawing".into(),
        attrs: vec![
            ("label", scene.title.clone()),
            ("labelloc", "t".into()),
            ("fontsize", style::TITLE_FONT_SIZE.into()),
            ("penwidth", "0".into()),
            ("margin", "4".into()),
        ],
        items,
    }))];
    scene.legend = legend::strip(graph, legend, palette);
    (scene, deferred)
}

/// Holds each column of `columns` on one rank, the columns in order left
/// to right through invisible anchors, and the focus's column in order top
/// to bottom through invisible edges.
fn lay_out_columns(
    scene: &mut Scene,
    items: &mut Vec<Item>,
    columns: &focus::Columns,
    node_of: &FxHashMap<ActorId, usize>,
) {
    let mut by_column: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
    for (actor, column) in &columns.column {
        if let Some(node) = node_of.get(actor) {
            by_column.entry(*column).or_default().push(*node);
            scene.columns.insert(*node, *column);
        }
    }
    let placed = std::mem::take(&mut scene.edges);
    let mut degrees: FxHashMap<usize, usize> = FxHashMap::default();
    for edge in &placed {
        *degrees.entry(edge.from).or_default() += 1;
        *degrees.entry(edge.to).or_default() += 1;
    }
    let degree = |node: usize| degrees.get(&node).copied().unwrap_or(0);
    scene.edges = placed
        .into_iter()
        .map(|mut edge| {
            label_beside_flat(scene, edge.from, edge.to, &mut edge.attrs, &degree);
            edge
        })
        .collect();
    // Only the anchors rank the columns: every tie leaves ranking alone
    // (its default), so a tie drawn right to left cannot pull its ends over.
    scene.edge_defaults.push(("constraint", "false".into()));
    let invisible = || -> Attrs {
        vec![
            ("style", "invis".into()),
            ("dir", "none".into()),
            ("constraint", "true".into()),
        ]
    };
    let mut previous: Option<usize> = None;
    for (column, mut nodes) in by_column {
        nodes.sort_unstable();
        let anchor = scene.nodes.len();
        scene.nodes.push(SceneNode {
            key: Key::Column(column),
            name: format!("column:{column}"),
            label: Label::Text(String::new()),
            attrs: vec![
                ("shape", "point".into()),
                ("style", "invis".into()),
                ("width", "0".into()),
                ("height", "0".into()),
            ],
        });
        items.push(Item::Node(anchor));
        if let Some(before) = previous {
            scene.edges.push(SceneEdge {
                from: before,
                to: anchor,
                attrs: invisible(),
            });
        }
        previous = Some(anchor);
        nodes.push(anchor);
        items.push(Item::SameRank { nodes });
    }
    let order: Vec<usize> = columns
        .focus_column
        .iter()
        .filter_map(|a| node_of.get(a).copied())
        .collect();
    for pair in order.windows(2) {
        scene.edges.push(SceneEdge {
            from: pair[0],
            to: pair[1],
            attrs: invisible(),
        });
    }
}

/// The ids of `sources`, space-separated, as the graph file writes them.
pub(super) fn source_ids(graph: &Graph, sources: impl Iterator<Item = SourceId>) -> String {
    let ids: Vec<&str> = sources.map(|s| graph.source(s).id.as_str()).collect();
    ids.join(" ")
}

impl Scene {
    /// A scene with no nodes yet: the title and the defaults of `palette`,
    /// read left to right around a focus, top to bottom otherwise.
    fn empty(title: &str, palette: &Palette, spec: &DiagramSpec) -> Scene {
        let rankdir = if spec.focus.is_some() { "LR" } else { "TB" };
        let mut graph_attrs: Attrs = vec![
            ("labelloc", "b".into()),
            ("labeljust", "l".into()),
            ("fontname", style::FONT.into()),
            ("fontsize", style::LEGEND_FONT_SIZE.into()),
            ("fontcolor", palette.text.into()),
            ("bgcolor", palette.background.into()),
            ("tooltip", title.to_string()),
            ("rankdir", rankdir.into()),
            ("nodesep", "0.12".into()),
            ("ranksep", "0.25".into()),
            ("pad", "0.3".into()),
            ("newrank", "true".into()),
            ("compound", "true".into()),
            ("outputorder", "edgesfirst".into()),
        ];
        if let Some(page) = spec.page {
            // Scaled down to fit the page, never up: a small view keeps its
            // text size instead of filling the page with giant labels.
            graph_attrs.push(("size", page.size_attribute()));
        }
        Scene {
            title: title.to_string(),
            legend: None,
            graph_attrs,
            node_defaults: vec![
                ("fontname", style::FONT.into()),
                ("fontsize", style::NODE_FONT_SIZE.into()),
                ("fontcolor", palette.text.into()),
                ("color", palette.border.into()),
                ("fillcolor", palette.untagged.into()),
                ("style", "filled".into()),
                ("penwidth", "1.2".into()),
                ("margin", "0.12,0.04".into()),
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
            columns: FxHashMap::default(),
        }
    }
}

/// The view's ties between drawn actors, sorted by (from id, to id,
/// relation, start, end, confidence).
fn drawn_ties<'g>(
    graph: &'g Graph,
    view: &View,
    node_of: &FxHashMap<ActorId, usize>,
) -> Vec<TieRef<'g>> {
    let mut ties: Vec<_> = view.ties.iter().filter_map(|t| graph.tie(*t)).collect();
    ties.retain(|t| node_of.contains_key(&t.from) && node_of.contains_key(&t.to));
    ties.sort_by(|a, b| {
        let key = |t: &TieRef<'g>| {
            (
                graph.actor(t.from).id.as_str(),
                graph.actor(t.to).id.as_str(),
                t.tie.relation,
                t.tie.start(),
                t.tie.end(),
                t.tie.confidence,
            )
        };
        key(a).cmp(&key(b)).then(a.id.cmp(&b.id))
    });
    ties
}

/// The most characters of a tooltip: Graphviz 2.43 fails to write an SVG,
/// PNG or PDF with a label of about 16 KB, and no one reads more on hover.
pub const TOOLTIP_CHARS: usize = 2_000;

/// `text` cut to [`TOOLTIP_CHARS`] at a space, ending in `…`.
pub(super) fn capped(text: String) -> String {
    match text.char_indices().nth(TOOLTIP_CHARS) {
        None => text,
        Some((at, _)) => {
            let cut = text[..at].rfind(' ').filter(|i| *i > at / 2).unwrap_or(at);
            format!("{}…", &text[..cut])
        }
    }
}

/// Labels longer than this many characters are broken into two lines.
const WRAP_AT: usize = 16;

/// A node label broken at the space nearest its middle when it is long and
/// on one line, so long names do not widen the picture.
pub(super) fn wrap(name: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::wrap;

    /// A focus view of more actors than the layout holds is drawn without
    /// its columns; one of fewer keeps them.
    #[test]
    fn only_views_up_to_the_limit_are_laid_out_by_role() {
        use super::{build, focus, Nesting, View};
        use crate::diagram::sketch::Sketch;
        use crate::diagram::DiagramSpec;
        use crate::model::{ActorKind, Confidence, RelationId};

        let mut s = Sketch::new("Hub");
        let hub = s.actor("hub", ActorKind::Group, None);
        for i in 0..focus::MAX_ACTORS {
            let spoke = s.actor(&format!("s{i}"), ActorKind::Militia, None);
            s.tie(
                spoke,
                hub,
                RelationId::ALLIANCE,
                (None, None),
                Confidence::Confirmed,
            );
        }
        let spec = DiagramSpec {
            focus: Some(hub),
            depth: 1,
            ..DiagramSpec::default()
        };
        let view = View::select(&s.graph, &spec, &spec.filter);
        assert_eq!(view.actors.len(), focus::MAX_ACTORS + 1);
        let scene = build(&s.graph, &spec, &view, Nesting::Subgroups);
        assert!(scene.columns.is_empty());
        let mut small = view.clone();
        small.actors = small.actors.into_iter().take(20).collect();
        let scene = build(&s.graph, &spec, &small, Nesting::Subgroups);
        assert_eq!(scene.columns.len(), 20, "each actor in a column");
    }

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
