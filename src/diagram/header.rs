//! The comment that opens a DOT file, for the person who opens it: which
//! graph, which statement and view, the data's date, and the sources of the
//! ties drawn.

use std::collections::BTreeSet;
use std::io::{self, Write};

use crate::model::Graph;

use super::title::title;
use super::view::View;
use super::DiagramSpec;

/// Writes the header comment of the diagram `spec` draws as `view`.
pub fn write(
    out: &mut dyn Write,
    graph: &Graph,
    spec: &DiagramSpec,
    view: &View,
) -> io::Result<()> {
    let graph_title = if graph.title.trim().is_empty() {
        "an untitled graph"
    } else {
        graph.title.as_str()
    };
    writeln!(out, "// actorgraph diagram of {}", one_line(graph_title))?;
    if let Some(statement) = &spec.statement {
        writeln!(out, "// statement: {}", one_line(statement))?;
    }
    writeln!(out, "// view: {}", one_line(&title(graph, spec)))?;
    match graph.as_of() {
        Some(date) => writeln!(out, "// data as of {date}")?,
        None => writeln!(out, "// data undated (the graph has no as_of)")?,
    }
    let cited: BTreeSet<_> = view
        .ties
        .iter()
        .filter_map(|t| graph.tie(*t))
        .filter(|t| view.actors.contains(&t.from) && view.actors.contains(&t.to))
        .flat_map(|t| t.tie.sources().iter().copied())
        .collect();
    if cited.is_empty() {
        writeln!(out, "// sources: none cited by the ties drawn")?;
    } else {
        writeln!(out, "// sources of the ties drawn:")?;
        for id in cited {
            let source = graph.source(id);
            writeln!(
                out,
                "//   {}: {}",
                one_line(&source.id),
                one_line(&source.citation)
            )?;
        }
    }
    writeln!(
        out,
        "// Each edge's class is its relation (and ended, uncertain, likely, possible, new): restyle by it."
    )
}

/// `text` on one comment line: line breaks and other control characters
/// become spaces, so nothing after them can be read as DOT.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{85}') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::one_line;

    #[test]
    fn a_comment_line_cannot_be_broken_out_of() {
        assert_eq!(one_line("a\nb\r\nc\u{2028}d"), "a b  c d");
    }
}
