//! Cells of spreadsheets: trimming and HTML entity decoding for files from
//! elsewhere, and list cells (aliases, tags, source ids) with their escapes.

use std::borrow::Cow;

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

/// A cell as the import reads it: exactly as written when `exact` (a file
/// actorgraph's CSV export wrote), otherwise [`clean`]ed.
pub fn read(cell: &str, exact: bool) -> Cow<'_, str> {
    if exact {
        Cow::Borrowed(cell)
    } else {
        clean(cell)
    }
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
        assert_eq!(read(" A &amp; B ", true), " A &amp; B ");
        assert_eq!(read(" A &amp; B ", false), "A & B");
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
}
