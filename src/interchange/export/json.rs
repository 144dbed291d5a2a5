//! The JSON export, for networkx: node-link JSON as
//! `networkx.node_link_graph` reads it (≥ 3.4 by default: `edges`, not
//! `links`), a directed multigraph whose edges carry a `key`.
//!
//! A node is an actor (`id`, `name`, `kind` and its other properties); an
//! edge is a tie. The graph's title, as-of date and events sit in `graph`.
//! Text properties that are empty are left out.

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
/// The text is what `serde_json::to_string_pretty` gives for the whole
/// document (keys sorted), but each node and edge is made and written in
/// turn: a tree of every value took 16 times the text's size on a hub of a
/// million ties.
pub(super) fn document(s: &Selection<'_>) -> String {
    let mut text = String::from("{\n  \"directed\": true,\n");
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
    push_list(&mut text, "edges", edges);
    let graph = json!({
        "title": s.graph.title,
        "as_of": date(s.graph.as_of()),
        "events": s.events().collect::<Vec<_>>(),
    });
    text.push_str("  \"graph\": ");
    push_indented(&mut text, &graph, "  ");
    text.push_str(",\n  \"multigraph\": true,\n");
    push_list(&mut text, "nodes", s.actors().map(node));
    // The last member takes no comma.
    text.truncate(text.len() - 2);
    text.push_str("\n}\n");
    text
}

/// `  "key": [ ... ],` and a line break, each item pretty-printed in place.
fn push_list(text: &mut String, key: &str, items: impl Iterator<Item = Value>) {
    text.push_str(&format!("  \"{key}\": ["));
    let mut empty = true;
    for item in items {
        text.push_str(if empty { "\n    " } else { ",\n    " });
        push_indented(text, &item, "    ");
        empty = false;
    }
    text.push_str(if empty { "],\n" } else { "\n  ],\n" });
}

/// `value` pretty-printed, its lines after the first indented by `indent`
/// (JSON strings hold no raw line breaks, so every break is the printer's).
fn push_indented(text: &mut String, value: &Value, indent: &str) {
    let pretty = serde_json::to_string_pretty(value).unwrap_or_default();
    for (i, line) in pretty.split('\n').enumerate() {
        if i > 0 {
            text.push('\n');
            text.push_str(indent);
        }
        text.push_str(line);
    }
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
}
