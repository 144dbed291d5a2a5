//! What the two XML exports share: escaping, the XML declaration, and the
//! typed keys both declare before their nodes and edges. GraphML (yEd,
//! Cytoscape, networkx) and GEXF (Gephi, networkx) read the output.

use super::selection::Column;

/// The first line of both XML documents.
pub(super) const DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

/// Text escaped for XML attributes and content; characters XML 1.0 cannot
/// hold are dropped.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\t' => out.push_str("&#9;"),
            '\r' => out.push_str("&#13;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes the text made so far to `out` and empties it: a document is made
/// a node or an edge at a time and never held whole.
pub(super) fn pass_on(text: &mut String, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.write_all(text.as_bytes())?;
    text.clear();
    Ok(())
}

/// The text `write` writes to memory.
pub(super) fn in_memory<S>(
    s: &S,
    write: fn(&S, &mut dyn std::io::Write) -> std::io::Result<()>,
) -> String {
    let mut bytes = Vec::new();
    write(s, &mut bytes).expect("writing to memory");
    String::from_utf8(bytes).expect("UTF-8 in, UTF-8 out")
}

/// A GraphML key or GEXF attribute: the column it reads, and the type it
/// declares. The declaration and the values come from the same list.
pub(super) struct Key<C> {
    /// The name and the cell of every node or edge.
    pub column: Column<C>,
    /// The declared type, in the format's own words (`int`, `integer`…).
    pub kind: &'static str,
}

impl<C> Key<C> {
    /// A key of type `kind`.
    pub const fn new(name: &'static str, kind: &'static str, cell: C) -> Self {
        Key {
            column: Column::new(name, cell),
            kind,
        }
    }

    /// A key of type `string`.
    pub const fn string(name: &'static str, cell: C) -> Self {
        Key::new(name, "string", cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_whitespace_and_drops_what_xml_cannot_hold() {
        assert_eq!(escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
        assert_eq!(escape("O'Neil > x"), "O&apos;Neil &gt; x");
        assert_eq!(escape("a\nb\tc\rd"), "a&#10;b&#9;c&#13;d");
        assert_eq!(escape("x\u{FFFE}\u{FFFF}\u{0}y"), "xy");
        assert_eq!(escape("Ménaka"), "Ménaka");
    }
}
