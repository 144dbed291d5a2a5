//! The JSON export, for networkx: node-link JSON as
//! `networkx.node_link_graph` reads it (≥ 3.4 by default: `edges`, not
//! `links`), a directed multigraph whose edges carry a `key`.
//!
//! A node is an actor (`id`, `name`, `kind` and its other properties); an
//! edge is a tie. The graph's title, as-of date and events sit in `graph`.
//! Text properties that are empty are left out.

use std::io::Write;

use serde_json::{json, Map, Value};

use crate::model::Actor;

use super::selection::{actor, date, tie, Selection};

/// Sets `key` to `value` unless the value is empty.
fn optional(map: &mut Map<String, Value>, key: &str, value: String) {
    if !value.is_empty() {
        map.insert(key.into(), Value::String(value));
    }
}

/// A node: the actor's properties.
fn node(a: &Actor) -> Value {
    let mut node = Map::new();
    node.insert("id".into(), json!(a.id));
    node.insert("name".into(), json!(a.name));
    node.insert("kind".into(), json!(a.kind.as_str()));
    optional(&mut node, "aliases", actor::aliases(a));
    optional(&mut node, "tags", actor::tags(a));
    optional(&mut node, "note", actor::note(a));
    Value::Object(node)
}

/// The node-link JSON of a selection, pretty-printed, with a final newline.
pub(super) fn document(s: &Selection<'_>) -> String {
    let mut bytes = Vec::new();
    write(s, &mut bytes).expect("writing to memory");
    String::from_utf8(bytes).expect("serde_json writes UTF-8")
}

/// Writes the node-link JSON of a selection to `out`. The text is what
/// `serde_json::to_string_pretty` gives for the whole document (keys
/// sorted), but each node and edge is made and written in turn: a tree of
/// every value took 16 times the text's size on a hub of a million ties,
/// and the text itself is never held whole either.
pub(super) fn write(s: &Selection<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    // As GraphML and GEXF: symmetric ties only make an undirected graph
    // (networkx reads a MultiGraph), anything else a directed one.
    let directed = if s.undirected() { "false" } else { "true" };
    write!(out, "{{\n  \"directed\": {directed},\n")?;
    let edges = s.ties.iter().map(|t| {
        let mut edge = Map::new();
        edge.insert("source".into(), json!(s.id(t.from)));
        edge.insert("target".into(), json!(s.id(t.to)));
        edge.insert("key".into(), json!(t.id.index()));
        edge.insert("relation".into(), json!(s.relation(t)));
        edge.insert("directed".into(), json!(s.directed(t)));
        optional(&mut edge, "start", tie::start(s, t));
        optional(&mut edge, "end", tie::end(s, t));
        edge.insert("confidence".into(), json!(t.tie.confidence.as_str()));
        optional(&mut edge, "sources", tie::sources(s, t));
        optional(&mut edge, "note", tie::note(s, t));
        optional(&mut edge, "evidence", tie::evidence(s, t));
        if let Some(events) = t.tie.events() {
            edge.insert("events".into(), json!(events));
        }
        Value::Object(edge)
    });
    write_list(out, "edges", edges)?;
    out.write_all(b",\n")?;
    let graph = json!({
        "title": s.graph.title,
        "as_of": date(s.graph.as_of()),
        "events": s.events().collect::<Vec<_>>(),
    });
    out.write_all(b"  \"graph\": ")?;
    write_indented(out, &graph, "  ")?;
    out.write_all(b",\n  \"multigraph\": true,\n")?;
    write_list(out, "nodes", s.actors().map(node))?;
    out.write_all(b"\n}\n")
}

/// `  "key": [ ... ]`, each item pretty-printed in place.
fn write_list(
    out: &mut dyn Write,
    key: &str,
    items: impl Iterator<Item = Value>,
) -> std::io::Result<()> {
    write!(out, "  \"{key}\": [")?;
    let mut empty = true;
    for item in items {
        out.write_all(if empty { b"\n    " } else { b",\n    " })?;
        write_indented(out, &item, "    ")?;
        empty = false;
    }
    out.write_all(if empty { b"]" } else { b"\n  ]" })
}

/// `value` pretty-printed, its lines after the first indented by `indent`
/// (JSON strings hold no raw line breaks, so every break is the printer's).
fn write_indented(out: &mut dyn Write, value: &Value, indent: &str) -> std::io::Result<()> {
    let pretty = serde_json::to_string_pretty(value).unwrap_or_default();
    for (i, line) in pretty.split('\n').enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
            out.write_all(indent.as_bytes())?;
        }
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::selection::rendered_file;
    use super::super::ExportFormat;
    use super::*;

    fn parsed() -> Value {
        let text = rendered_file(ExportFormat::Json, "graph.json");
        assert!(text.ends_with("}\n"));
        serde_json::from_str(&text).unwrap()
    }

    /// Written a node and an edge at a time, the text is still exactly
    /// what serde_json prints for the whole document.
    #[test]
    fn the_text_is_serde_jsons_pretty_print() {
        let text = rendered_file(ExportFormat::Json, "graph.json");
        let whole = serde_json::to_string_pretty(&parsed()).unwrap();
        assert_eq!(text, format!("{whole}\n"));
    }

    #[test]
    fn node_link_with_edges_not_links() {
        let json = parsed();
        assert_eq!(json["directed"], true);
        assert_eq!(json["multigraph"], true);
        assert!(json.get("links").is_none());
        assert_eq!(json["edges"].as_array().unwrap().len(), 2);
        assert_eq!(json["nodes"].as_array().unwrap().len(), 4);
        assert_eq!(json["graph"]["title"], "Test & <sample>");
        assert_eq!(json["graph"]["as_of"], "2023-02");
        // Only the event whose actors are all selected; here all are.
        assert_eq!(json["graph"]["events"].as_array().unwrap().len(), 2);
    }

    #[test]
    fn empty_properties_are_left_out_and_values_keep_their_types() {
        let json = parsed();
        let jnim = &json["nodes"][0];
        assert_eq!(
            jnim,
            &json!({
                "id": "jnim",
                "name": "Jama'at \"Nusrat\"",
                "kind": "group",
                "aliases": "JNIM;GSIM",
                "tags": "al-qaeda",
            })
        );
        assert_eq!(json["nodes"][1]["note"], "line one\nline two");
        let subgroup = &json["edges"][0];
        assert_eq!(subgroup["source"], "jnim");
        assert_eq!(subgroup["target"], "aqim");
        assert_eq!(subgroup["key"], 0);
        assert_eq!(subgroup["directed"], true);
        assert_eq!(subgroup["sources"], "r1;r2");
        assert!(subgroup.get("end").is_none());
        assert!(subgroup.get("events").is_none());
        let hostility = &json["edges"][1];
        assert_eq!(hostility["directed"], false);
        assert_eq!(hostility["start"], "[..2015]");
        assert_eq!(hostility["events"], 3);
        assert!(hostility.get("sources").is_none());
    }

    #[test]
    fn symmetric_ties_only_make_an_undirected_graph() {
        let graph = super::super::selection::sample();
        let symmetric: Vec<_> = graph
            .all_ties()
            .filter(|t| !graph.relations().is_directed(t.tie.relation))
            .map(|t| t.id)
            .collect();
        let files = super::super::render(&graph, &symmetric, &[], ExportFormat::Json);
        let json: Value = serde_json::from_str(&files[0].1).unwrap();
        assert_eq!(json["directed"], false);
    }
}
