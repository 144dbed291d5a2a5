//! The GEXF 1.2 export, for Gephi (and networkx's `read_gexf`): a dynamic
//! graph whose ties carry their dates as spells, so Gephi's timeline can
//! play the graph. Properties are static attributes; empty ones are left out.
//!
//! GEXF 1.2 (`1.2draft`), not 1.3: it is the version networkx reads by
//! default and the one whose schema the tests check the document against
//! (`tests/data/schemas/gexf.xsd`); what is written here, spells included,
//! means the same in 1.3, and Gephi reads both.
//!
//! Directedness: networkx reads one kind of edge a graph (it refuses an
//! `undirected` edge in a directed graph, and reads a `mutual` one as two
//! edges). So a selection of symmetric ties only is an undirected graph;
//! any other is a directed graph with one edge a tie, in which a symmetric
//! tie's `directed` attribute is `false` (`docs/EXPORTS.md`).

use std::fmt::Write as _;

use crate::model::time::{DAY_MAX, DAY_MIN};
use crate::model::{PartialDate, TieRef};

use super::selection::{actor, tie, ActorCell, Selection, TieCell};
use super::xml::{escape, in_memory, pass_on, Key, DECLARATION};

/// The node attributes, numbered in order; the name is the node's label.
const NODE_ATTRIBUTES: &[Key<ActorCell>] = &[
    Key::string("kind", actor::kind),
    Key::string("aliases", actor::aliases),
    Key::string("tags", actor::tags),
    Key::string("note", actor::note),
];

/// The edge attributes, numbered in order; the relation is also the label.
const EDGE_ATTRIBUTES: &[Key<TieCell>] = &[
    Key::string("relation", tie::relation),
    Key::new("directed", "boolean", tie::directed),
    Key::string("start", tie::start),
    Key::string("end", tie::end),
    Key::string("confidence", tie::confidence),
    Key::string("sources", tie::sources),
    Key::string("note", tie::note),
    Key::new("events", "integer", tie::events),
];

/// Declares the attributes of a class (`node` or `edge`), numbered from 0.
fn declare<C>(out: &mut String, class: &str, keys: &[Key<C>]) {
    let _ = writeln!(out, "    <attributes class=\"{class}\" mode=\"static\">");
    for (i, key) in keys.iter().enumerate() {
        let (title, kind) = (key.column.name, key.kind);
        let _ = writeln!(
            out,
            "      <attribute id=\"{i}\" title=\"{title}\" type=\"{kind}\"/>"
        );
    }
    out.push_str("    </attributes>\n");
}

/// The `<attvalues>` of the attributes whose value (read by `value`) is not
/// empty; nothing when all are empty.
fn values<C>(out: &mut String, keys: &[Key<C>], value: impl Fn(&C) -> String) {
    let values: Vec<(usize, String)> = keys
        .iter()
        .map(|key| value(&key.column.cell))
        .enumerate()
        .filter(|(_, v)| !v.is_empty())
        .collect();
    if values.is_empty() {
        return;
    }
    out.push_str("        <attvalues>\n");
    for (i, value) in values {
        let _ = writeln!(
            out,
            "          <attvalue for=\"{i}\" value=\"{}\"/>",
            escape(&value)
        );
    }
    out.push_str("        </attvalues>\n");
}

/// The spell of a tie: the days it is active. An unknown start or an
/// ongoing end leaves that side open; an uncertain date gives the widest
/// span it allows, and a side with no bound (`[..2023-02]` as a start)
/// stays open too. Nothing when both sides are open.
fn spells(out: &mut String, t: &TieRef<'_>) {
    let day = |d: i32| PartialDate::from_day(d).to_string();
    let window = t.tie.window();
    let open_start = window.first == DAY_MIN;
    let open_end = window.last == DAY_MAX;
    if open_start && open_end {
        return;
    }
    out.push_str("        <spells>\n          <spell");
    if !open_start {
        let _ = write!(out, " start=\"{}\"", day(window.first));
    }
    if !open_end {
        let _ = write!(out, " end=\"{}\"", day(window.last));
    }
    out.push_str("/>\n        </spells>\n");
}

/// The GEXF document of a selection.
pub(super) fn document(s: &Selection<'_>) -> String {
    in_memory(s, write)
}

/// Writes the GEXF document of a selection to `to`, a node or an edge at
/// a time.
pub(super) fn write(s: &Selection<'_>, to: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut out = String::from(DECLARATION);
    out.push_str("<gexf xmlns=\"http://www.gexf.net/1.2draft\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd\" version=\"1.2\">\n");
    let _ = writeln!(
        out,
        "  <meta>\n    <creator>actorgraph</creator>\n    <description>{}</description>\n  </meta>",
        escape(&s.graph.title)
    );
    let edges = if s.undirected() {
        "undirected"
    } else {
        "directed"
    };
    let _ = writeln!(
        out,
        "  <graph mode=\"dynamic\" defaultedgetype=\"{edges}\" timeformat=\"date\">"
    );
    declare(&mut out, "node", NODE_ATTRIBUTES);
    declare(&mut out, "edge", EDGE_ATTRIBUTES);
    out.push_str("    <nodes>\n");
    for a in s.actors() {
        let _ = writeln!(
            out,
            "      <node id=\"{}\" label=\"{}\">",
            escape(&a.id),
            escape(&a.name)
        );
        values(&mut out, NODE_ATTRIBUTES, |cell| cell(a));
        out.push_str("      </node>\n");
        pass_on(&mut out, to)?;
    }
    out.push_str("    </nodes>\n    <edges>\n");
    for t in &s.ties {
        let _ = writeln!(
            out,
            "      <edge id=\"t{}\" source=\"{}\" target=\"{}\" type=\"{edges}\" label=\"{}\">",
            t.id.index(),
            escape(s.id(t.from)),
            escape(s.id(t.to)),
            escape(s.relation(t))
        );
        values(&mut out, EDGE_ATTRIBUTES, |cell| cell(s, t));
        spells(&mut out, t);
        out.push_str("      </edge>\n");
        pass_on(&mut out, to)?;
    }
    out.push_str("    </edges>\n  </graph>\n</gexf>\n");
    pass_on(&mut out, to)
}

#[cfg(test)]
mod tests {
    use super::super::selection::rendered_file;
    use super::super::ExportFormat;

    fn text() -> String {
        rendered_file(ExportFormat::Gexf, "graph.gexf")
    }

    /// The text of the edge whose id is `id`.
    fn edge(text: &str, id: &str) -> String {
        let start = text.find(&format!("<edge id=\"{id}\"")).unwrap();
        let end = start + text[start..].find("</edge>").unwrap();
        text[start..end].to_string()
    }

    #[test]
    fn attributes_are_numbered_in_declaration_order() {
        let text = text();
        assert!(text.contains("version=\"1.2\""));
        assert!(text.contains("<description>Test &amp; &lt;sample&gt;</description>"));
        assert!(text.contains(
            "    <attributes class=\"node\" mode=\"static\">\n      <attribute id=\"0\" title=\"kind\" type=\"string\"/>\n"
        ));
        assert!(text.contains("<attribute id=\"7\" title=\"events\" type=\"integer\"/>"));
        let jnim = "      <node id=\"jnim\" label=\"Jama&apos;at &quot;Nusrat&quot;\">\n        <attvalues>\n          <attvalue for=\"0\" value=\"group\"/>\n          <attvalue for=\"1\" value=\"JNIM;GSIM\"/>\n          <attvalue for=\"2\" value=\"al-qaeda\"/>\n        </attvalues>\n      </node>\n";
        assert!(text.contains(jnim), "{text}");
        assert!(edge(&text, "t1").contains("<attvalue for=\"7\" value=\"3\"/>"));
        assert!(text.ends_with("    </edges>\n  </graph>\n</gexf>\n"));
    }

    #[test]
    fn open_ended_spells_omit_the_open_side() {
        let text = text();
        // From March 2017, still running: no end.
        let subgroup = edge(&text, "t0");
        assert!(subgroup.contains("type=\"directed\" label=\"subgroup-of\""));
        assert!(subgroup
            .contains("<spells>\n          <spell start=\"2017-03-01\"/>\n        </spells>"));
        // A start with no lower bound (`[..2015]`): no start.
        let hostility = edge(&text, "t1");
        // A mixed graph is directed: the symmetric tie is one edge whose
        // `directed` attribute says so (networkx refuses an `undirected`
        // edge in a directed graph and reads `mutual` as two edges).
        assert!(hostility.contains("type=\"directed\""));
        assert!(hostility.contains("<attvalue for=\"1\" value=\"false\"/>"));
        assert!(!text.contains("mutual"));
        assert!(
            hostility.contains("<spell end=\"2022-11-30\"/>"),
            "{hostility}"
        );
    }

    #[test]
    fn a_graph_of_symmetric_ties_only_is_undirected() {
        let graph = super::super::selection::sample();
        let symmetric: Vec<_> = graph
            .all_ties()
            .filter(|t| !graph.relations().is_directed(t.tie.relation))
            .map(|t| t.id)
            .collect();
        let files = super::super::render(&graph, &symmetric, &[], ExportFormat::Gexf);
        let text = &files[0].1;
        assert!(text.contains("defaultedgetype=\"undirected\""));
        assert!(edge(text, "t1").contains("type=\"undirected\""));
        assert!(!text.contains("type=\"directed\""));
    }
}
