//! Cells of spreadsheets: trimming and HTML entity decoding for files from
//! elsewhere, list cells (aliases, tags, source ids) with their escapes, and
//! the confidence cell every table spells the same way.

use std::borrow::Cow;

use crate::model::Confidence;

/// The cell trimmed, with HTML entities (`&amp;`, `&#233;`, `&eacute;`, ...)
/// decoded and inner runs of whitespace kept as they are.
pub fn clean(cell: &str) -> Cow<'_, str> {
    let trimmed = cell.trim();
    if !trimmed.contains('&') {
        return Cow::Borrowed(trimmed);
    }
    let decoded = html_escape::decode_html_entities(trimmed);
    match decoded {
        Cow::Borrowed(text) => Cow::Borrowed(text),
        Cow::Owned(text) => Cow::Owned(text.trim().to_string()),
    }
}

/// How the import reads a table's cells: files actorgraph's CSV export
/// wrote round-trip exactly; files from elsewhere carry stray spaces and
/// HTML entities.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CellReading {
    /// As written: no trimming, no entity decoding.
    Exact,
    /// As written, less the apostrophe actorgraph's CSV export puts before
    /// a cell a spreadsheet would read as a formula (and before a cell that
    /// begins with an apostrophe itself, so none is lost).
    Guarded,
    /// [`clean`]ed: trimmed and entity-decoded.
    #[default]
    Cleaned,
}

impl CellReading {
    /// The cell as the import reads it.
    pub fn read(self, cell: &str) -> Cow<'_, str> {
        match self {
            CellReading::Exact => Cow::Borrowed(cell),
            CellReading::Guarded => Cow::Borrowed(cell.strip_prefix('\'').unwrap_or(cell)),
            CellReading::Cleaned => clean(cell),
        }
    }

    /// An item split from a list cell: trimmed unless read exactly.
    pub fn item(self, item: &str) -> &str {
        match self {
            CellReading::Exact | CellReading::Guarded => item,
            CellReading::Cleaned => item.trim(),
        }
    }
}

/// A confidence cell: `confirmed`, `likely` or `possible` (as
/// [`Confidence::parse`] reads them); empty is `default`.
pub fn confidence(cell: &str, default: Confidence) -> Result<Confidence, String> {
    if cell.is_empty() {
        return Ok(default);
    }
    Confidence::parse(cell)
        .ok_or_else(|| format!("unknown confidence `{cell}` (confirmed, likely or possible)"))
}

/// List items joined into one cell with `separator` between them. A
/// backslash in an item is written `\\` and a separator `\` + separator, so
/// that [`split_list`] gives the items back.
pub fn join_list<S: AsRef<str>>(items: &[S], separator: &str) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        let mut rest = item.as_ref();
        while let Some(c) = rest.chars().next() {
            if let Some(after) = rest
                .strip_prefix(separator)
                .filter(|_| !separator.is_empty())
            {
                out.push('\\');
                out.push_str(separator);
                rest = after;
                continue;
            }
            if c == '\\' {
                out.push('\\');
            }
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// The items of a list cell, split at each `separator` not escaped by a
/// backslash: `\\` reads as one backslash and `\` + separator as the
/// separator itself; any other backslash is kept as it is. Items are not
/// trimmed and may be empty.
pub fn split_list(cell: &str, separator: &str) -> Vec<String> {
    if separator.is_empty() {
        return vec![cell.to_string()];
    }
    let mut items = Vec::new();
    let mut item = String::new();
    let mut rest = cell;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix('\\') {
            if let Some(after) = after.strip_prefix('\\') {
                item.push('\\');
                rest = after;
            } else if let Some(after) = after.strip_prefix(separator) {
                item.push_str(separator);
                rest = after;
            } else {
                item.push('\\');
                rest = after;
            }
        } else if let Some(after) = rest.strip_prefix(separator) {
            items.push(std::mem::take(&mut item));
            rest = after;
        } else {
            item.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    items.push(item);
    items
}

/// The items of a list cell, as [`split_list`]; an empty cell has none
/// rather than one empty item.
pub fn list_items(cell: &str, separator: &str) -> Vec<String> {
    if cell.is_empty() {
        Vec::new()
    } else {
        split_list(cell, separator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_decodes() {
        assert_eq!(clean("  Ansar al-Din "), "Ansar al-Din");
        assert_eq!(clean("Al-Qa&#39;ida &amp; co"), "Al-Qa'ida & co");
        assert_eq!(clean("M&eacute;naka"), "Ménaka");
        assert_eq!(clean("&#x4D;ali"), "Mali");
        assert_eq!(clean("AT&T"), "AT&T");
        assert_eq!(clean(" &nbsp;x"), "x");
        assert_eq!(CellReading::Exact.read(" A &amp; B "), " A &amp; B ");
        assert_eq!(CellReading::Cleaned.read(" A &amp; B "), "A & B");
        assert_eq!(CellReading::Exact.item(" x "), " x ");
        assert_eq!(CellReading::Guarded.read("'=1+1"), "=1+1");
        assert_eq!(CellReading::Guarded.read("''quoted"), "'quoted");
        assert_eq!(CellReading::Guarded.read("plain"), "plain");
        assert_eq!(CellReading::Cleaned.item(" x "), "x");
    }

    #[test]
    fn list_cells_escape_the_separator_and_the_backslash() {
        let items = ["a;b", "c\\", "\\;", "plain", "", "é;;"];
        let cell = join_list(&items, ";");
        assert_eq!(cell, "a\\;b;c\\\\;\\\\\\;;plain;;é\\;\\;");
        assert_eq!(split_list(&cell, ";"), items);
        assert_eq!(split_list("x;y", ";"), ["x", "y"]);
        // A backslash before anything else is kept: Windows paths survive.
        assert_eq!(split_list("C:\\dir;b", ";"), ["C:\\dir", "b"]);
        assert_eq!(split_list("trailing\\", ";"), ["trailing\\"]);
        let items = ["a || b", "c"];
        assert_eq!(split_list(&join_list(&items, "||"), "||"), items);
        assert_eq!(split_list("a;b", ""), ["a;b"]);
    }

    #[test]
    fn an_empty_list_cell_has_no_items() {
        assert!(list_items("", ";").is_empty());
        assert_eq!(list_items(";", ";"), ["", ""]);
        assert_eq!(list_items("s1;s2", ";"), ["s1", "s2"]);
    }

    #[test]
    fn confidence_cells_read_the_three_words_and_default_when_empty() {
        assert_eq!(confidence("", Confidence::Likely), Ok(Confidence::Likely));
        assert_eq!(
            confidence("possible", Confidence::Confirmed),
            Ok(Confidence::Possible)
        );
        let error = confidence("sure", Confidence::Confirmed).unwrap_err();
        assert!(error.contains("unknown confidence `sure`"), "{error}");
    }
}
