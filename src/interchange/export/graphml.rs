//! The GraphML export, for yEd, Cytoscape and networkx (`read_graphml`):
//! one `<node>` an actor and one `<edge>` a tie, their properties as
//! `<data>` under typed `<key>`s. Empty values are left out.

use std::fmt::Write as _;

use super::selection::{actor, tie, ActorCell, Selection, TieCell};
use super::xml::{escape, Key, DECLARATION};

/// The node keys, declared as `n_<name>`.
const NODE_KEYS: &[Key<ActorCell>] = &[
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

/// The `<data>` of every key whose value (read by `value`) is not empty.
fn data<C>(out: &mut String, keys: &[Key<C>], prefix: &str, value: impl Fn(&C) -> String) {
    for key in keys {
        let text = value(&key.column.cell);
        if !text.is_empty() {
            let name = key.column.name;
            let _ = writeln!(
                out,
                "      <data key=\"{prefix}{name}\">{}</data>",
                escape(&text)
            );
        }
    }
}

/// The GraphML document of a selection.
pub(super) fn document(s: &Selection<'_>) -> String {
    let mut out = String::from(DECLARATION);
    out.push_str("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
    declare(&mut out, NODE_KEYS, "n_", "node");
    declare(&mut out, EDGE_KEYS, "e_", "edge");
    let _ = writeln!(
        out,
        "  <graph id=\"{}\" edgedefault=\"directed\">",
        escape(&s.graph.title)
    );
    for a in s.actors() {
        let _ = writeln!(out, "    <node id=\"{}\">", escape(&a.id));
        data(&mut out, NODE_KEYS, "n_", |cell| cell(a));
        out.push_str("    </node>\n");
    }
    for t in &s.ties {
        let _ = writeln!(
            out,
            "    <edge id=\"t{}\" source=\"{}\" target=\"{}\">",
            t.id.index(),
            escape(s.id(t.from)),
            escape(s.id(t.to))
        );
        data(&mut out, EDGE_KEYS, "e_", |cell| cell(s, t));
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::super::selection::rendered_file;
    use super::super::ExportFormat;

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
        assert_eq!(text.matches("<key ").count(), 5 + 8);
        let graph = text.find("<graph ").unwrap();
        assert!(text.rfind("<key ").unwrap() < graph);
        assert!(text.contains("<graph id=\"Test &amp; &lt;sample&gt;\" edgedefault=\"directed\">"));
        assert!(text.ends_with("  </graph>\n</graphml>\n"));
    }

    #[test]
    fn nodes_and_edges_carry_escaped_non_empty_data() {
        let text = text();
        assert!(text.contains(
            "    <node id=\"jnim\">\n      <data key=\"n_name\">Jama&apos;at &quot;Nusrat&quot;</data>\n      <data key=\"n_kind\">group</data>\n      <data key=\"n_aliases\">JNIM;GSIM</data>\n      <data key=\"n_tags\">al-qaeda</data>\n    </node>\n"
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
}
