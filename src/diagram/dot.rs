//! Scenes to DOT text through graphviz-rust's structures and printer, with
//! every id and value quoted by [`quote`].

use std::collections::BTreeMap;

use graphviz_rust::dot_structures::Id;

use crate::model::Graph;

use super::canvas::{Key, Scene};
use super::cluster::Nesting;
use super::escape::escape;
use super::printer::write_dot as write_scene;
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
    to_dot_with_rows(graph, spec, None)
}

/// [`to_dot`] with the focus layout's columns holding `rows` actors
/// (`None` chooses by the view's size).
pub(crate) fn to_dot_with_rows(graph: &Graph, spec: &DiagramSpec, rows: Option<usize>) -> String {
    let mut text = Vec::new();
    // Writing into memory cannot fail, and the printer writes only strings.
    let _ = write_dot_with_rows(graph, spec, rows, &mut text);
    String::from_utf8(text).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Writes the DOT text of the diagram to `out` as it is made: the ties'
/// edges are styled one at a time, so a million of them are never all held.
pub fn write_dot(
    graph: &Graph,
    spec: &DiagramSpec,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    write_dot_with_rows(graph, spec, None, out)
}

fn write_dot_with_rows(
    graph: &Graph,
    spec: &DiagramSpec,
    rows: Option<usize>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let view = View::select(graph, spec, &spec.filter);
    let (scene, deferred) = scene::build_deferred(graph, spec, &view, Nesting::Subgroups, rows);
    super::header::write(out, graph, spec, &view)?;
    let nodes = scene::NodeStyler::new(graph, spec, &view);
    // The scene and its deferred edges hold what is left to print.
    drop(view);
    let scene::Deferred { ties, mut styled } = deferred;
    let styler = scene::EdgeStyler::new(graph, spec);
    let mut previous = None;
    let mut edges = ties.into_iter().filter_map(|edge| {
        let (from, to, mut attrs) = match edge {
            scene::DeferredTie::Tie(from, to, id) => {
                let mut attrs = styler.attrs(graph, graph.tie(id)?);
                attrs.push(("id", scene::tie_key(id)));
                (from as usize, to as usize, attrs)
            }
            scene::DeferredTie::Styled(index) => {
                let edge = styled.get_mut(index as usize)?;
                (edge.from, edge.to, std::mem::take(&mut edge.attrs))
            }
        };
        scene::say_dates_once(&mut previous, from, to, &mut attrs);
        // Streamed edges are not counted: a flat tie's date sits at its head.
        scene::label_beside_flat(&scene, from, to, &mut attrs, &|_| 0);
        Some((from, to, attrs))
    });
    let actor_attrs = |id| nodes.attrs(graph, id);
    super::printer::write_dot_with(
        out,
        &scene,
        &Naming::Names,
        None,
        Some(&actor_attrs),
        &mut edges,
    )
}

/// How scene nodes are named in the DOT: by their stable names, or `n0`,
/// `n1`, ... (for reading a layout back without parsing quoted names).
pub(crate) enum Naming {
    /// By stable names, quoted.
    Names,
    /// `n0`, `n1`, ... by index into the scene's nodes.
    Indexes,
}

/// Where the union's layout drew a tie's edge: its spline (Graphviz's
/// `pos`) and where its label stood (`lp`, or `xlp` for an external one).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct EdgeAt {
    /// The spline, as Graphviz writes it.
    pub pos: String,
    /// The label's attribute (`lp` or `xlp`) and its place.
    pub label: Option<(&'static str, String)>,
    /// Whether a leader joins the label to its line, where the ties crowd
    /// too closely for it to stand by its own alone.
    pub leader: bool,
}

/// Pinned positions (points) and the extras a pinned frame needs.
pub(crate) struct Pinned<'a> {
    /// Where each node is, by key; nodes without a position are left out.
    pub positions: &'a BTreeMap<Key, (f64, f64)>,
    /// Where each tie's edge is drawn, by the edge's `id`: an edge routed
    /// once, around every node of the union, is drawn the same in each frame.
    pub edges: &'a BTreeMap<String, EdgeAt>,
    /// Corners of the union's drawing, as invisible anchor nodes, so every
    /// frame has the same extent.
    pub corners: [(f64, f64); 2],
}

/// The DOT text of `scene`, its nodes named by `naming`, at the `pinned`
/// positions (flat, for neato) or free (clustered, for dot).
pub(crate) fn print(scene: &Scene, naming: &Naming, pinned: Option<&Pinned<'_>>) -> String {
    let mut text = Vec::new();
    // Writing into memory cannot fail, and the printer writes only strings.
    let _ = write_scene(&mut text, scene, naming, pinned);
    String::from_utf8(text).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// [`quote`] as plain text.
pub(crate) fn quoted(text: &str) -> String {
    match quote(text) {
        Id::Html(s) | Id::Escaped(s) | Id::Plain(s) => s,
        Id::Anonymous(s) => s,
    }
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

    /// Streaming (actors' nodes and ties' edges styled as they are printed)
    /// writes what printing the scene built whole writes: boxes of members,
    /// networks' fills, the focus's border and columns, ties within a column.
    #[test]
    fn streamed_dot_is_the_scene_built_whole() {
        use crate::diagram::sketch::Sketch;
        use crate::model::{ActorKind, Confidence, RelationId};

        let mut s = Sketch::new("Streamed");
        let hub = s.actor("hub", ActorKind::Group, Some("north"));
        let ids: Vec<_> = (0..14)
            .map(|i| s.actor(&format!("s{i:02}"), ActorKind::Militia, Some("south")))
            .collect();
        let lone = s.actor("lone", ActorKind::Person, None);
        let years = (Some(2015), None);
        for (i, &id) in ids.iter().enumerate() {
            let relation = match i % 3 {
                0 => RelationId::ALLIANCE,
                1 => RelationId::HOSTILITY,
                _ => RelationId::SUBGROUP_OF,
            };
            s.tie(id, hub, relation, years, Confidence::Likely);
        }
        s.tie(
            ids[0],
            ids[3],
            RelationId::ALLIANCE,
            years,
            Confidence::Confirmed,
        );
        s.tie(
            ids[1],
            ids[2],
            RelationId::SUBGROUP_OF,
            years,
            Confidence::Confirmed,
        );
        s.tie(
            lone,
            ids[4],
            RelationId::HOSTILITY,
            (Some(2010), Some(2012)),
            Confidence::Confirmed,
        );
        let graph = s.graph;
        for focus in [None, Some(hub), Some(ids[1])] {
            let spec = DiagramSpec {
                focus,
                depth: 2,
                ..DiagramSpec::default()
            };
            let view = View::select(&graph, &spec, &spec.filter);
            let mut whole = Vec::new();
            crate::diagram::header::write(&mut whole, &graph, &spec, &view).unwrap();
            let built = scene::build(&graph, &spec, &view, Nesting::Subgroups);
            whole.extend(print(&built, &Naming::Names, None).into_bytes());
            let whole = String::from_utf8(whole).unwrap();
            assert!(whole.contains("ltail="), "{focus:?}: a box's edge");
            assert_eq!(to_dot(&graph, &spec), whole, "{focus:?}");
        }
    }
}
