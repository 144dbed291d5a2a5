//! The GraphML export, for yEd, Cytoscape and networkx (`read_graphml`):
//! one `<node>` an actor and one `<edge>` a tie, their properties as
//! `<data>` under typed `<key>`s. Empty values are left out. The document
//! is valid against the GraphML 1.0 schema (`tests/data/schemas/`).
//!
//! Ids are `NMTOKEN`s in the schema: a node's id is its actor's id with
//! every other character written as `.HEX.` ([`node_id`]), and the exact
//! actor id is also the node's `id` data. The graph's title is data too.
//!
//! Directedness: networkx reads one kind of edge a graph and refuses a
//! per-edge `directed` that differs from `edgedefault`. So a selection of
//! symmetric ties only is an undirected graph; any other is a directed
//! graph in which a symmetric tie is an edge from one end to the other
//! whose `directed` data is `false` (`docs/EXPORTS.md`).

use std::fmt::Write as _;

use crate::model::Graph;

use super::selection::{actor, date, tie, ActorCell, Cell, Selection, TieCell};
use super::xml::{escape, in_memory, pass_on, Key, DECLARATION};

/// A node id: the actor id, with each character that is not an ASCII
/// letter, digit, `-` or `_` written as `.` + its code point in hex + `.`
/// (`islamic-state-(sahel)` → `islamic-state-.28.sahel.29.`). Every result
/// is an XML `NMTOKEN`, and distinct ids stay distinct: `.` itself is
/// written `.2e.`, so the id can be read back. An empty id is `.`.
pub(super) fn node_id(id: &str) -> String {
    if id.is_empty() {
        return ".".into();
    }
    let mut out = String::with_capacity(id.len());
    for c in id.chars() {
        if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
            out.push(c);
        } else {
            let _ = write!(out, ".{:x}.", c as u32);
        }
    }
    out
}

/// The graph keys, declared as `g_<name>`.
const GRAPH_KEYS: &[Key<Cell<Graph>>] = &[
    Key::string("title", |g| g.title.clone()),
    Key::string("as_of", |g| date(g.as_of())),
];

/// The node keys, declared as `n_<name>`.
const NODE_KEYS: &[Key<ActorCell>] = &[
    Key::string("id", actor::id),
    Key::string("name", actor::name),
    Key::string("kind", actor::kind),
    Key::string("aliases", actor::aliases),
    Key::string("tags", actor::tags),
    Key::string("note", actor::note),
];

/// The edge keys, declared as `e_<name>`.
const EDGE_KEYS: &[Key<TieCell>] = &[
    Key::string("relation", tie::relation),
    Key::new("directed", "boolean", tie::directed),
    Key::string("start", tie::start),
    Key::string("end", tie::end),
    Key::string("confidence", tie::confidence),
    Key::string("sources", tie::sources),
    Key::string("note", tie::note),
    Key::new("events", "int", tie::events),
];

/// Declares `keys` for nodes or edges (`domain`), each id `prefix` + name.
fn declare<C>(out: &mut String, keys: &[Key<C>], prefix: &str, domain: &str) {
    for key in keys {
        let (name, kind) = (key.column.name, key.kind);
        let _ = writeln!(
            out,
            "  <key id=\"{prefix}{name}\" for=\"{domain}\" attr.name=\"{name}\" attr.type=\"{kind}\"/>"
        );
    }
}

/// The `<data>` of every key whose value (read by `value`) is not empty,
/// each line indented by `indent`.
fn data<C>(
    out: &mut String,
    keys: &[Key<C>],
    prefix: &str,
    indent: &str,
    value: impl Fn(&C) -> String,
) {
    for key in keys {
        let text = value(&key.column.cell);
        if !text.is_empty() {
            let name = key.column.name;
            let _ = writeln!(
                out,
                "{indent}<data key=\"{prefix}{name}\">{}</data>",
                escape(&text)
            );
        }
    }
}

/// The GraphML document of a selection.
pub(super) fn document(s: &Selection<'_>) -> String {
    in_memory(s, write)
}

/// Writes the GraphML document of a selection to `to`, a node or an edge
/// at a time.
pub(super) fn write(s: &Selection<'_>, to: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut out = String::from(DECLARATION);
    out.push_str("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
    declare(&mut out, GRAPH_KEYS, "g_", "graph");
    declare(&mut out, NODE_KEYS, "n_", "node");
    declare(&mut out, EDGE_KEYS, "e_", "edge");
    let edges = if s.undirected() {
        "undirected"
    } else {
        "directed"
    };
    let _ = writeln!(out, "  <graph edgedefault=\"{edges}\">");
    data(&mut out, GRAPH_KEYS, "g_", "    ", |cell| cell(s.graph));
    for a in s.actors() {
        let _ = writeln!(out, "    <node id=\"{}\">", node_id(&a.id));
        data(&mut out, NODE_KEYS, "n_", "      ", |cell| cell(a));
        out.push_str("    </node>\n");
        pass_on(&mut out, to)?;
    }
    for t in &s.ties {
        let _ = writeln!(
            out,
            "    <edge id=\"t{}\" source=\"{}\" target=\"{}\">",
            t.id.index(),
            node_id(s.id(t.from)),
            node_id(s.id(t.to))
        );
        data(&mut out, EDGE_KEYS, "e_", "      ", |cell| cell(s, t));
        out.push_str("    </edge>\n");
        pass_on(&mut out, to)?;
    }
    out.push_str("  </graph>\n</graphml>\n");
    pass_on(&mut out, to)
}

#[cfg(test)]
mod tests {
    use super::super::selection::rendered_file;
    use super::super::ExportFormat;
    use super::node_id;

    fn text() -> String {
        rendered_file(ExportFormat::GraphMl, "graph.graphml")
    }

    #[test]
    fn keys_are_declared_with_their_types_before_the_graph() {
        let text = text();
        assert!(text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml "));
        assert!(text.contains(
            "  <key id=\"n_name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n"
        ));
        assert!(text.contains(
            "  <key id=\"e_directed\" for=\"edge\" attr.name=\"directed\" attr.type=\"boolean\"/>\n"
        ));
        assert!(text.contains(
            "  <key id=\"e_events\" for=\"edge\" attr.name=\"events\" attr.type=\"int\"/>\n"
        ));
        assert_eq!(text.matches("<key ").count(), 2 + 6 + 8);
        let graph = text.find("<graph ").unwrap();
        assert!(text.rfind("<key ").unwrap() < graph);
        // The title is data: an id must be an NMTOKEN, with no spaces.
        assert!(text.contains(
            "  <graph edgedefault=\"directed\">\n    <data key=\"g_title\">Test &amp; &lt;sample&gt;</data>\n    <data key=\"g_as_of\">2023-02</data>\n"
        ));
        assert!(text.ends_with("  </graph>\n</graphml>\n"));
    }

    #[test]
    fn nodes_and_edges_carry_escaped_non_empty_data() {
        let text = text();
        assert!(text.contains(
            "    <node id=\"jnim\">\n      <data key=\"n_id\">jnim</data>\n      <data key=\"n_name\">Jama&apos;at &quot;Nusrat&quot;</data>\n      <data key=\"n_kind\">group</data>\n      <data key=\"n_aliases\">JNIM;GSIM</data>\n      <data key=\"n_tags\">al-qaeda</data>\n    </node>\n"
        ));
        assert!(text.contains("<data key=\"n_note\">line one&#10;line two</data>"));
        assert!(text.contains("    <edge id=\"t0\" source=\"jnim\" target=\"aqim\">\n"));
        assert!(text.contains("<data key=\"e_note\">O&apos;Neil said so</data>"));
        assert!(text.contains("<data key=\"e_directed\">false</data>"));
        assert!(text.contains("<data key=\"e_events\">3</data>"));
        // Empty values (the subgroup tie's end and events) are left out.
        assert_eq!(text.matches("<data key=\"e_end\">").count(), 1);
        assert_eq!(text.matches("<data key=\"e_events\">").count(), 1);
        assert_eq!(text.matches("<node ").count(), 4);
        assert_eq!(text.matches("<edge ").count(), 2);
    }

    #[test]
    fn node_ids_are_nmtokens_and_stay_distinct() {
        assert_eq!(node_id("jnim"), "jnim");
        assert_eq!(node_id("state_force-2"), "state_force-2");
        assert_eq!(
            node_id("islamic-state-(sahel)"),
            "islamic-state-.28.sahel.29."
        );
        assert_eq!(node_id("a b"), "a.20.b");
        assert_eq!(node_id("a.20.b"), "a.2e.20.2e.b");
        assert_eq!(node_id("Ménaka"), "M.e9.naka");
        assert_eq!(node_id("new\nline"), "new.a.line");
        assert_eq!(node_id(""), ".");
        let ids = ["a(b", "a.28.b", "a b", "a_b", "a-b", "a.b"];
        let encoded: std::collections::BTreeSet<String> = ids.iter().map(|i| node_id(i)).collect();
        assert_eq!(encoded.len(), ids.len());
    }

    #[test]
    fn a_graph_of_symmetric_ties_only_is_undirected() {
        let graph = super::super::selection::sample();
        let hostility: Vec<_> = graph
            .all_ties()
            .filter(|t| !graph.relations().is_directed(t.tie.relation))
            .map(|t| t.id)
            .collect();
        let files = super::super::render(&graph, &hostility, &[], ExportFormat::GraphMl);
        assert!(files[0].1.contains("<graph edgedefault=\"undirected\">"));
        assert!(!files[0].1.contains(" directed="), "no per-edge override");
    }
}
