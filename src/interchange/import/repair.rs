//! Names that went through Windows-1252 on their way here: C1 control
//! characters where a spreadsheet meant a curly quote (U+0092 for ’), and
//! UTF-8 read as Windows-1252 ("MÃ©naka" for "Ménaka", "â€™" for ’). Such
//! a name cannot be typed and matches nothing, so the import repairs it and
//! says so.

use std::borrow::Cow;

/// The Windows-1252 characters at bytes 0x80–0x9F; `None` where the code
/// page leaves a byte undefined.
const CP1252_HIGH: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

/// The byte Windows-1252 writes `c` as, if it has one.
fn cp1252_byte(c: char) -> Option<u8> {
    let code = u32::from(c);
    if code < 0x80 || (0xA0..=0xFF).contains(&code) {
        return Some(code as u8);
    }
    CP1252_HIGH
        .iter()
        .position(|high| *high == Some(c))
        .map(|i| 0x80 + i as u8)
}

/// The text with mojibake and C1 control characters repaired; borrowed
/// (unchanged) in the common case, including all ASCII text.
pub(crate) fn repair(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    // UTF-8 read as Windows-1252: every character has a 1252 byte and the
    // bytes are valid UTF-8 that is not plain ASCII.
    let bytes: Option<Vec<u8>> = text.chars().map(cp1252_byte).collect();
    if let Some(bytes) = bytes {
        if let Ok(decoded) = String::from_utf8(bytes) {
            if decoded != text && !decoded.is_ascii() {
                return Cow::Owned(decoded);
            }
        }
    }
    // C1 controls a Windows-1252 file meant as characters.
    if text.chars().any(is_c1) {
        let fixed: String = text
            .chars()
            .filter_map(|c| {
                if is_c1(c) {
                    CP1252_HIGH[(u32::from(c) - 0x80) as usize]
                } else {
                    Some(c)
                }
            })
            .collect();
        return Cow::Owned(fixed);
    }
    Cow::Borrowed(text)
}

fn is_c1(c: char) -> bool {
    ('\u{80}'..='\u{9F}').contains(&c)
}

/// The text with control characters written out (`\u{92}`), so a report
/// shows what was in the file instead of printing it invisibly.
pub(crate) fn visible(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                format!("\\u{{{:x}}}", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_become_what_windows_1252_meant() {
        assert_eq!(repair("Jama\u{92}at"), "Jama’at");
        assert_eq!(repair("\u{93}quoted\u{94}"), "“quoted”");
        // Undefined in the code page: dropped rather than kept invisible.
        assert_eq!(repair("a\u{81}b"), "ab");
        assert_eq!(visible("Jama\u{92}at"), "Jama\\u{92}at");
    }

    #[test]
    fn utf8_read_as_windows_1252_is_decoded_again() {
        assert_eq!(repair("MÃ©naka"), "Ménaka");
        assert_eq!(repair("Jamaâ€™at"), "Jama’at");
        assert_eq!(repair("CÃ´te dâ€™Ivoire"), "Côte d’Ivoire");
    }

    #[test]
    fn good_text_is_left_alone() {
        for text in [
            "Ménaka",
            "Jama’at",
            "plain",
            "المرابطون",
            "Ã alone",
            "naïve café",
        ] {
            assert!(matches!(repair(text), Cow::Borrowed(_)), "{text}");
        }
    }
}
