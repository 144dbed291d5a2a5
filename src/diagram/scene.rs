//! What a diagram draws, before it is DOT: the actors and ties of a
//! [`View`], styled and sorted, nested into subgroup clusters
//! ([`super::cluster`]), under a title ([`super::title`]) and beside a
//! legend of what appears ([`super::legend`]). Attribute values here are raw
//! text; quoting is the printer's job ([`super::dot`]).

use rustc_hash::FxHashMap;

use crate::model::{ActorId, Graph, TieId, TieRef};

use super::canvas::*;
use super::cluster::{self, Nesting};
use super::legend;
use super::style::{self, Color, Palette, TieLook};
use super::title::title;
use super::view::{tie_state, View, ViewTime};
use super::DiagramSpec;

/// Builds the scene of `view`, with a legend of what it draws.
#[cfg(test)]
pub fn build(graph: &Graph, spec: &DiagramSpec, view: &View, nesting: Nesting) -> Scene {
    let networks = style::network_indexes(graph);
    let time = ViewTime::of(graph, &spec.filter);
    let legend = legend::Contents::of(graph, view, &networks, time);
    build_with_legend(graph, spec, view, &legend, nesting)
}

/// Builds the scene of `view` with the legend of `legend`: a storyboard
/// gives every frame the legend of them all, so none moves.
pub fn build_with_legend(
    graph: &Graph,
    spec: &DiagramSpec,
    view: &View,
    legend: &legend::Contents<'_>,
    nesting: Nesting,
) -> Scene {
    build_parts(graph, spec, view, legend, nesting, false).0
}

/// A tie whose edge is styled only when it is printed: its nodes' indexes
/// and its id, 12 bytes (a million of them are held while the nodes print).
pub(crate) type DeferredTie = (u32, u32, TieId);

/// Like [`build`], but the ties' edges are left out of the scene and given
/// back, to be styled one by one as they are printed ([`tie_edge_attrs`]):
/// a million ties' attributes need not all be held at once.
pub(crate) fn build_deferred(
    graph: &Graph,
    spec: &DiagramSpec,
    view: &View,
    nesting: Nesting,
) -> (Scene, Vec<DeferredTie>) {
    let networks = style::network_indexes(graph);
    let time = ViewTime::of(graph, &spec.filter);
    let legend = legend::Contents::of(graph, view, &networks, time);
    build_parts(graph, spec, view, &legend, nesting, true)
}

/// A tie's edge attributes in the scene `spec` draws.
pub(crate) fn tie_edge_attrs(graph: &Graph, tie: TieRef<'_>, spec: &DiagramSpec) -> Attrs {
    let time = ViewTime::of(graph, &spec.filter);
    tie_attrs(graph, tie, time, style::palette(spec.theme))
}

fn build_parts(
    graph: &Graph,
    spec: &DiagramSpec,
    view: &View,
    legend: &legend::Contents<'_>,
    nesting: Nesting,
    defer: bool,
) -> (Scene, Vec<DeferredTie>) {
    let palette = style::palette(spec.theme);
    let networks = style::network_indexes(graph);
    let mut scene = Scene::empty(&title(graph, spec), palette);

    // Actors, sorted by id (then index, for graphs built in code with equal ids).
    let mut actors: Vec<ActorId> = view.actors.iter().copied().collect();
    actors.sort_by(|a, b| graph.actor(*a).id.cmp(&graph.actor(*b).id).then(a.cmp(b)));
    let mut node_of: FxHashMap<ActorId, usize> = FxHashMap::default();
    for &id in &actors {
        let actor = graph.actor(id);
        let mut attrs: Attrs = vec![
            (
                "tooltip",
                capped(
                    actor
                        .note
                        .clone()
                        .unwrap_or_else(|| format!("{} ({})", actor.name, actor.kind.describe())),
                ),
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
            label: Label::Text(wrap(&actor.name)),
            attrs,
        });
    }

    let ties = drawn_ties(graph, view, &node_of);
    let time = ViewTime::of(graph, &spec.filter);
    let mut deferred = Vec::new();
    for tie in &ties {
        let (from, to) = (node_of[&tie.from], node_of[&tie.to]);
        if defer {
            deferred.push((from as u32, to as u32, tie.id));
        } else {
            scene.edges.push(SceneEdge {
                from,
                to,
                attrs: tie_attrs(graph, *tie, time, palette),
            });
        }
    }

    let parents = match nesting {
        Nesting::Subgroups => cluster::parents(graph, &ties, time),
        Nesting::Flat => FxHashMap::default(),
    };
    scene.items = cluster::items(&actors, &parents, &node_of, &scene.nodes, palette);

    legend::add(graph, &mut scene, legend, palette);
    (scene, deferred)
}

impl Scene {
    /// A scene with no nodes yet: the title and the defaults of `palette`.
    fn empty(title: &str, palette: &Palette) -> Scene {
        Scene {
            graph_attrs: vec![
                ("label", title.to_string()),
                ("labelloc", "t".into()),
                ("fontname", style::FONT.into()),
                ("fontsize", style::TITLE_FONT_SIZE.into()),
                ("fontcolor", palette.text.into()),
                ("bgcolor", palette.background.into()),
                ("tooltip", title.to_string()),
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
fn capped(text: String) -> String {
    match text.char_indices().nth(TOOLTIP_CHARS) {
        None => text,
        Some((at, _)) => {
            let cut = text[..at].rfind(' ').filter(|i| *i > at / 2).unwrap_or(at);
            format!("{}…", &text[..cut])
        }
    }
}

/// A tie's edge attributes: its dates, a tooltip, and its look at `time`.
fn tie_attrs(graph: &Graph, tie: TieRef<'_>, time: ViewTime, palette: &Palette) -> Attrs {
    let relations = graph.relations();
    let relation = style::relation_style(palette, relations, tie.tie.relation);
    let look = TieLook::new(&relation, tie.tie.confidence, tie_state(graph, tie, time));
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
    attrs.push(("tooltip", capped(tooltip)));
    attrs.push(("color", look.color_list()));
    attrs.push(("style", look.line.as_str().into()));
    attrs.push(("penwidth", look.penwidth.to_string()));
    match look.arrowhead {
        Some(arrowhead) => {
            attrs.push(("dir", "forward".into()));
            attrs.push(("arrowhead", arrowhead.into()));
        }
        None => attrs.push(("dir", "none".into())),
    }
    let text = Color {
        rgb: palette.text,
        alpha: look.color.alpha,
    };
    attrs.push(("fontcolor", text.to_string()));
    attrs
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
