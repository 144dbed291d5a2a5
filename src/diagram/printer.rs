//! Writes a scene as DOT text, line by line, into any writer.
//!
//! The text is what graphviz-rust's printer wrote (two spaces a level,
//! attributes inline), but produced with an explicit stack: clusters nest
//! as deep as subgroup chains go, and a recursive printer that builds each
//! level's text before the next one up overflowed the stack on a
//! 30,000-deep chain and copied the text once per level. Indentation stops
//! growing after [`DEEPEST_INDENT`] levels so a deep chain's text stays
//! linear in its size.

use std::borrow::Cow;
use std::io::{self, Write};

use crate::model::ActorId;

use super::canvas::{Attrs, Item, Key, Label, Scene};
use super::dot::{quoted, Naming, Pinned};

/// Levels of nesting that are indented; deeper levels share the last indent.
pub(crate) const DEEPEST_INDENT: usize = 16;

/// What is left to write: an item at a nesting level, or the brace that
/// closes a cluster at that level.
enum Step<'s> {
    Open(&'s Item, usize),
    Close(usize),
}

/// Writes the DOT text of `scene` to `out`, its nodes named by `naming`,
/// at the `pinned` positions (flat, for neato) or free (clustered, for dot).
pub(crate) fn write_dot(
    out: &mut dyn Write,
    scene: &Scene,
    naming: &Naming,
    pinned: Option<&Pinned<'_>>,
) -> io::Result<()> {
    write_dot_with(out, scene, naming, pinned, None, &mut std::iter::empty())
}

/// [`write_dot`], with the attributes of the actors' nodes made by
/// `actor_attrs` as they are printed (when given, the scene holds none),
/// and `deferred` edges (node indexes and attributes, made as they are
/// asked for) written before the scene's own.
pub(crate) fn write_dot_with(
    out: &mut dyn Write,
    scene: &Scene,
    naming: &Naming,
    pinned: Option<&Pinned<'_>>,
    actor_attrs: Option<&dyn Fn(ActorId) -> Attrs>,
    deferred: &mut dyn Iterator<Item = (usize, usize, Attrs)>,
) -> io::Result<()> {
    let name = |index: usize| -> String {
        match naming {
            Naming::Names => quoted(&scene.nodes[index].name),
            Naming::Indexes => format!("n{index}"),
        }
    };
    writeln!(out, "digraph actorgraph {{")?;
    let mut graph_attrs = scene.graph_attrs.clone();
    if pinned.is_some() {
        graph_attrs.push(("layout", "neato".into()));
        graph_attrs.push(("inputscale", "72".into()));
        // Edges come with their routes; any without one is routed around
        // the nodes, not through them.
        graph_attrs.push(("splines", "true".into()));
    }
    let top = indent(1);
    match &scene.legend {
        // The legend strip is the graph's own label, an indented HTML-like label.
        Some(legend) => {
            let rest = attribute_list(&graph_attrs);
            let rest = rest
                .strip_prefix('[')
                .map_or(String::from("]"), |r| format!(" {r}"));
            let label = legend.to_dot().replace('\n', &format!("\n{top}  "));
            writeln!(out, "{top}graph[label={label}{rest}")?;
        }
        None => writeln!(out, "{top}graph{}", attribute_list(&graph_attrs))?,
    }
    writeln!(out, "{top}node{}", attribute_list(&scene.node_defaults))?;
    writeln!(out, "{top}edge{}", attribute_list(&scene.edge_defaults))?;

    // Neato does not draw clusters, so pinned frames are flat.
    let flat = pinned.is_some();
    let mut stack: Vec<Step<'_>> = scene.items.iter().rev().map(|i| Step::Open(i, 1)).collect();
    while let Some(step) = stack.pop() {
        match step {
            Step::Close(level) => writeln!(out, "{}}}", indent(level))?,
            Step::Open(Item::Node(index), level) => {
                let node = &scene.nodes[*index];
                let mut list = match (actor_attrs, node.key) {
                    (Some(attrs), Key::Actor(id)) => attrs(id),
                    _ => node.attrs.clone(),
                };
                if let Some(pinned) = pinned {
                    let Some((x, y)) = pinned.positions.get(&node.key) else {
                        continue;
                    };
                    list.push(("pos", format!("{x:.2},{y:.2}!")));
                }
                let label = match &node.label {
                    Label::Text(text) => quoted(text),
                };
                let rest = attribute_list(&list);
                let rest = rest
                    .strip_prefix('[')
                    .map_or(String::from("]"), |r| format!(" {r}"));
                writeln!(out, "{}{}[label={label}{rest}", indent(level), name(*index))?;
            }
            Step::Open(Item::Cluster(cluster), level) if flat => {
                stack.extend(cluster.items.iter().rev().map(|i| Step::Open(i, level)));
            }
            Step::Open(Item::SameRank { .. }, _) if flat => {}
            Step::Open(Item::Cluster(cluster), level) => {
                open_subgraph(out, &cluster.name, &cluster.attrs, level)?;
                stack.push(Step::Close(level));
                stack.extend(cluster.items.iter().rev().map(|i| Step::Open(i, level + 1)));
            }
            Step::Open(Item::SameRank { nodes }, level) => {
                let names: Vec<String> = nodes.iter().map(|n| name(*n)).collect();
                writeln!(
                    out,
                    "{}{{ rank=same; {} }}",
                    indent(level),
                    names.join("; ")
                )?;
            }
        }
    }
    if let Some(pinned) = pinned {
        // The title, which a clustered drawing carries as its box's label,
        // stands centred above the pinned drawing.
        let [(left, _), (right, high)] = pinned.corners;
        let title: Attrs = vec![
            ("label", scene.title.clone()),
            ("shape", "plaintext".into()),
            ("style", "solid".into()),
            ("fontsize", super::style::TITLE_FONT_SIZE.into()),
            (
                "pos",
                format!("{:.2},{:.2}!", (left + right) / 2.0, high + 20.0),
            ),
        ];
        let id = match naming {
            Naming::Names => quoted("frame:title"),
            Naming::Indexes => "t0".to_string(),
        };
        writeln!(out, "{top}{id}{}", attribute_list(&title))?;
        for (i, (x, y)) in pinned.corners.iter().enumerate() {
            let list: Attrs = vec![
                ("label", String::new()),
                ("shape", "point".into()),
                ("style", "invis".into()),
                ("width", "0.01".into()),
                ("pos", format!("{x:.2},{y:.2}!")),
            ];
            let id = match naming {
                Naming::Names => quoted(&format!("frame:corner{i}")),
                Naming::Indexes => format!("c{i}"),
            };
            writeln!(out, "{top}{id}{}", attribute_list(&list))?;
        }
    }
    let own = scene
        .edges
        .iter()
        .map(|edge| (edge.from, edge.to, Cow::Borrowed(&edge.attrs)));
    let deferred = deferred.map(|(from, to, attrs)| (from, to, Cow::Owned(attrs)));
    // Every edge has an id, so its label can be placed after layout
    // (`super::placement`) and a stylesheet can find it.
    let mut unnamed = 0;
    for (from, to, mut attrs) in deferred.chain(own) {
        if !attrs.iter().any(|(key, _)| *key == "id") {
            unnamed += 1;
            attrs.to_mut().push(("id", format!("edge{unnamed}")));
        }
        if let Some(pinned) = pinned {
            let present = |i: usize| pinned.positions.contains_key(&scene.nodes[i].key);
            if !present(from) || !present(to) {
                continue;
            }
            let routed = attrs
                .iter()
                .find(|(key, _)| *key == "id")
                .and_then(|(_, id)| pinned.edges.get(id));
            if let Some(at) = routed {
                let extra = routed_attrs(&attrs, at);
                attrs.to_mut().extend(extra);
                if let Some(("lp", _)) = at.label {
                    // Placed beside its own edge, nothing need tie it
                    // there; placed apart, a leader does.
                    attrs.to_mut().retain(|(key, _)| *key != "decorate");
                    if at.leader {
                        attrs.to_mut().push(("decorate", "true".to_string()));
                    }
                }
                if let Some(("xlp", _)) = at.label {
                    // Where the union drew the label outside the edge.
                    for (key, _) in attrs.to_mut().iter_mut() {
                        if *key == "label" {
                            *key = "xlabel";
                        }
                    }
                    attrs.to_mut().retain(|(key, _)| *key != "decorate");
                }
            }
        }
        let (from, to) = (name(from), name(to));
        match attribute_list(&attrs) {
            list if list.is_empty() => writeln!(out, "{top}{from} -> {to}")?,
            list => writeln!(out, "{top}{from} -> {to} {list}")?,
        }
    }
    writeln!(out, "}}")
}

/// The spline of an edge the union's layout routed, and its label's place
/// when the edge has a label.
fn routed_attrs(attrs: &Attrs, at: &super::dot::EdgeAt) -> Attrs {
    let value = |name: &str| {
        attrs
            .iter()
            .find(|(key, _)| *key == name)
            .map(|(_, v)| v.as_str())
    };
    // A directed tie `dot` routed as an arc without its arrowhead gets one.
    let pos = super::placement::arrowed(&at.pos, value("dir"), value("arrowsize"));
    let mut extra: Attrs = vec![("pos", pos.unwrap_or_else(|| at.pos.clone()))];
    let labelled = attrs.iter().any(|(key, _)| *key == "label");
    if let (true, Some((key, place))) = (labelled, &at.label) {
        extra.push((key, place.clone()));
    }
    extra
}

/// The first lines of a subgraph: its name and its own attributes.
fn open_subgraph(out: &mut dyn Write, name: &str, attrs: &Attrs, level: usize) -> io::Result<()> {
    writeln!(out, "{}subgraph {} {{", indent(level), quoted(name))?;
    writeln!(out, "{}graph{}", indent(level + 1), attribute_list(attrs))
}

/// Two spaces a level, up to [`DEEPEST_INDENT`] levels.
fn indent(level: usize) -> &'static str {
    const SPACES: &str = "                                ";
    const _: () = assert!(SPACES.len() == 2 * DEEPEST_INDENT);
    &SPACES[..2 * level.min(DEEPEST_INDENT)]
}

/// `[key="value" ...]`, or nothing for no attributes.
fn attribute_list(list: &Attrs) -> String {
    if list.is_empty() {
        return String::new();
    }
    let pairs: Vec<String> = list
        .iter()
        .map(|(key, value)| format!("{key}={}", quoted(value)))
        .collect();
    format!("[{}]", pairs.join(" "))
}
