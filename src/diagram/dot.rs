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
    let (scene, ties) = scene::build_deferred(graph, spec, &view, Nesting::Subgroups, rows);
    super::header::write(out, graph, spec, &view)?;
    // The scene holds what the printer needs: the view's sets can go.
    drop(view);
    let styler = scene::EdgeStyler::new(graph, spec);
    let mut edges = ties.into_iter().filter_map(|edge| {
        let (from, to, mut attrs) = match edge {
            scene::DeferredTie::Tie(from, to, id) => {
                (from, to, styler.attrs(graph, graph.tie(id)?))
            }
            scene::DeferredTie::Styled(from, to, attrs) => (from, to, *attrs),
        };
        let (from, to) = (from as usize, to as usize);
        scene::label_beside_flat(&scene, from, to, &mut attrs);
        Some((from, to, attrs))
    });
    super::printer::write_dot_with(out, &scene, &Naming::Names, None, &mut edges)
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
}
