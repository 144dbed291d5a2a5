//! Cleaning spreadsheet cells: trimming and HTML entity decoding.

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
    }
}
