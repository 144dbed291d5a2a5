//! Scenes to DOT text through graphviz-rust's structures and printer, with
//! every id and value quoted by [`quote`].

use std::collections::BTreeMap;

use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph as DotGraph, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph,
    Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

use crate::model::Graph;

use super::canvas::{Attrs, Item, Key, Label, Scene};
use super::cluster::Nesting;
use super::escape::escape;
use super::scene;
use super::view::View;
use super::DiagramSpec;

/// The one way text enters DOT: a double-quoted string in which `"` and `\`
/// get a backslash, line breaks become `\n`, `&` becomes `&amp;` (Graphviz
/// reads entities in labels, so a literal `&amp;` must survive), and other
/// control characters become spaces. Always quoted, so a leading `<` is
/// never read as an HTML label and no keyword or attribute can slip out.
pub fn quote(text: &str) -> Id {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    escape(text, "\\n", &mut out, |c, out| match c {
        '"' => out.push_str("\\\""),
        '\\' => out.push_str("\\\\"),
        '&' => out.push_str("&amp;"),
        c if c.is_control() && c != '\t' => out.push(' '),
        c => out.push(c),
    });
    out.push('"');
    Id::Escaped(out)
}

/// Deterministic DOT text (byte-identical for the same graph and spec).
pub fn to_dot(graph: &Graph, spec: &DiagramSpec) -> String {
    let view = View::select(graph, spec, &spec.filter);
    let scene = scene::build(graph, spec, &view, Nesting::Subgroups);
    print(&scene, &Naming::Names, None)
}

/// How scene nodes are named in the DOT: by their stable names, or `n0`,
/// `n1`, ... (for reading a layout back without parsing quoted names).
pub(crate) enum Naming {
    /// By stable names, quoted.
    Names,
    /// `n0`, `n1`, ... by index into the scene's nodes.
    Indexes,
}

/// Pinned positions (points) and the extras a pinned frame needs.
pub(crate) struct Pinned<'a> {
    /// Where each node is, by key; nodes without a position are left out.
    pub positions: &'a BTreeMap<Key, (f64, f64)>,
    /// Corners of the union's drawing, as invisible anchor nodes, so every
    /// frame has the same extent.
    pub corners: [(f64, f64); 2],
}

/// The DOT text of `scene`, its nodes named by `naming`, at the `pinned`
/// positions (flat, for neato) or free (clustered, for dot).
pub(crate) fn print(scene: &Scene, naming: &Naming, pinned: Option<&Pinned<'_>>) -> String {
    let name = |index: usize| -> Id {
        match naming {
            Naming::Names => quote(&scene.nodes[index].name),
            Naming::Indexes => Id::Plain(format!("n{index}")),
        }
    };
    let mut stmts: Vec<Stmt> = Vec::new();
    let mut graph_attrs = scene.graph_attrs.clone();
    if pinned.is_some() {
        graph_attrs.push(("layout", "neato".into()));
        graph_attrs.push(("inputscale", "72".into()));
        graph_attrs.push(("splines", "curved".into()));
    }
    stmts.push(Stmt::GAttribute(GraphAttributes::Graph(attrs(
        &graph_attrs,
    ))));
    stmts.push(Stmt::GAttribute(GraphAttributes::Node(attrs(
        &scene.node_defaults,
    ))));
    stmts.push(Stmt::GAttribute(GraphAttributes::Edge(attrs(
        &scene.edge_defaults,
    ))));
    let node_stmt = |index: usize| -> Option<Stmt> {
        let node = &scene.nodes[index];
        let mut list = node.attrs.clone();
        if let Some(pinned) = pinned {
            let (x, y) = *pinned.positions.get(&node.key)?;
            list.push(("pos", format!("{x:.2},{y:.2}!")));
        }
        let label = match &node.label {
            Label::Text(text) => quote(text),
            Label::Html(html) => Id::Html(html.to_dot()),
        };
        let mut attributes = vec![Attribute(Id::Plain("label".into()), label)];
        attributes.extend(attrs(&list));
        Some(Stmt::Node(Node::new(NodeId(name(index), None), attributes)))
    };
    fn items_to_stmts(
        items: &[Item],
        flat: bool,
        node_stmt: &dyn Fn(usize) -> Option<Stmt>,
        out: &mut Vec<Stmt>,
    ) {
        for item in items {
            match item {
                Item::Node(index) => out.extend(node_stmt(*index)),
                Item::Cluster(cluster) if flat => {
                    items_to_stmts(&cluster.items, flat, node_stmt, out)
                }
                Item::Cluster(cluster) => {
                    let mut inner = vec![Stmt::GAttribute(GraphAttributes::Graph(attrs(
                        &cluster.attrs,
                    )))];
                    items_to_stmts(&cluster.items, flat, node_stmt, &mut inner);
                    out.push(Stmt::Subgraph(Subgraph {
                        id: quote(&cluster.name),
                        stmts: inner,
                    }));
                }
                Item::Rank { items, .. } if flat => items_to_stmts(items, flat, node_stmt, out),
                Item::Rank { name, rank, items } => {
                    let mut inner = vec![Stmt::GAttribute(GraphAttributes::Graph(attrs(&vec![(
                        "rank",
                        (*rank).to_string(),
                    )])))];
                    items_to_stmts(items, flat, node_stmt, &mut inner);
                    out.push(Stmt::Subgraph(Subgraph {
                        id: quote(name),
                        stmts: inner,
                    }));
                }
            }
        }
    }
    // Neato does not draw clusters, so pinned frames are flat.
    items_to_stmts(&scene.items, pinned.is_some(), &node_stmt, &mut stmts);
    if let Some(pinned) = pinned {
        for (i, (x, y)) in pinned.corners.iter().enumerate() {
            let list: Attrs = vec![
                ("label", String::new()),
                ("shape", "point".into()),
                ("style", "invis".into()),
                ("width", "0.01".into()),
                ("pos", format!("{x:.2},{y:.2}!")),
            ];
            let id = match naming {
                Naming::Names => quote(&format!("frame:corner{i}")),
                Naming::Indexes => Id::Plain(format!("c{i}")),
            };
            stmts.push(Stmt::Node(Node::new(NodeId(id, None), attrs(&list))));
        }
    }
    for edge in &scene.edges {
        if let Some(pinned) = pinned {
            let present = |i: usize| pinned.positions.contains_key(&scene.nodes[i].key);
            if !present(edge.from) || !present(edge.to) {
                continue;
            }
        }
        stmts.push(Stmt::Edge(Edge {
            ty: EdgeTy::Pair(
                Vertex::N(NodeId(name(edge.from), None)),
                Vertex::N(NodeId(name(edge.to), None)),
            ),
            attributes: attrs(&edge.attrs),
        }));
    }
    let graph = DotGraph::DiGraph {
        id: Id::Plain("actorgraph".into()),
        strict: false,
        stmts,
    };
    let mut text = graph.print(&mut PrinterContext::default());
    text.push('\n');
    text
}

fn attrs(list: &Attrs) -> Vec<Attribute> {
    list.iter()
        .map(|(key, value)| Attribute(Id::Plain((*key).to_string()), quote(value)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> String {
        match quote(text) {
            Id::Escaped(s) => s,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn quote_escapes_what_dot_reads() {
        assert_eq!(quoted("JNIM"), "\"JNIM\"");
        assert_eq!(quoted("a \"b\""), "\"a \\\"b\\\"\"");
        assert_eq!(quoted("back\\slash"), "\"back\\\\slash\"");
        assert_eq!(quoted("two\nlines\r\nthree"), "\"two\\nlines\\nthree\"");
        assert_eq!(quoted("<b>html</b>"), "\"<b>html</b>\"");
        assert_eq!(quoted("A & B"), "\"A &amp; B\"");
        assert_eq!(quoted("bell\u{7}"), "\"bell \"");
        assert_eq!(quoted("جماعة نصرة"), "\"جماعة نصرة\"");
        assert_eq!(quoted("\\"), "\"\\\\\"");
    }
}
