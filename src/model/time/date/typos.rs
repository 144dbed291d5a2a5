//! Ranges of dates written almost right: three dots, spaces around the
//! dots, no brackets, a dash or slash between two dates. Read as a plain
//! date, such a text fails on a fragment (`.2022-06` is not a date); read
//! as the range it was meant to be, the error points at the mistake and
//! says how a range is written (`[A..B]`, see docs/QUERIES.md).

use super::*;

/// The mistake in a range almost written right, if `text` is one: the
/// error points at the mistaken part and shows the range as written right
/// when that reads.
pub(super) fn range_typo(text: &str) -> Option<DateError> {
    let inner = text.trim_start_matches('[').trim_end_matches(']');
    let offset = text.len() - text.trim_start_matches('[').len();
    let (start, end, advice) = if let Some(at) = inner.find("...") {
        let dots = inner[at..].bytes().take_while(|&b| b == b'.').count();
        let (first, last) = (&inner[..at], &inner[at + dots..]);
        (
            at,
            at + dots,
            fixed(first, last).map(|f| format!("write `..` (two dots): `{f}`")),
        )
    } else if let Some((at, dash)) = inner
        .char_indices()
        .find(|(_, c)| matches!(c, '–' | '—' | '/'))
    {
        let (first, last) = (&inner[..at], &inner[at + dash.len_utf8()..]);
        (
            at,
            at + dash.len_utf8(),
            fixed(first.trim(), last.trim()).map(|f| {
                format!(
                    "a date is one day: write `{f}` for one day between the two, or give \
                     the tie a `start` and an `end` for a span"
                )
            }),
        )
    } else if let Some(at) = inner.find("..") {
        let (first, last) = (&inner[..at], &inner[at + 2..]);
        let spaced = first.ends_with(' ') || last.starts_with(' ');
        if spaced {
            let start = first.trim_end().len();
            let end = at + 2 + (last.len() - last.trim_start().len());
            (
                start,
                end,
                fixed(first.trim(), last.trim())
                    .map(|f| format!("write a range without spaces: `{f}`")),
            )
        } else if !(text.starts_with('[') && text.ends_with(']')) {
            (
                at,
                at + 2,
                fixed(first, last).map(|f| format!("a range goes in square brackets: `{f}`")),
            )
        } else {
            return None;
        }
    } else if is_year_dash_year(inner) {
        let (first, last) = inner.split_at(4);
        (
            4,
            5,
            fixed(first, &last[1..]).map(|f| {
                format!(
                    "a date is one day: write `{f}` for one day between the two years, or \
                     give the tie a `start` and an `end` for a span"
                )
            }),
        )
    } else {
        return None;
    };
    Some(DateError::Range {
        text: text.to_string(),
        mistake: text[offset + start..offset + end].to_string(),
        start: offset + start,
        end: offset + end,
        advice: advice.unwrap_or_else(|| {
            "write a range as `[A..B]` (one day between A and B), `[..B]` or `[A..]`".to_string()
        }),
    })
}

/// The range as it should be written, when that reads as a date.
fn fixed(first: &str, last: &str) -> Option<String> {
    let written = format!("[{first}..{last}]");
    written.parse::<PartialDate>().ok().map(|_| written)
}

/// `2022-2023`: two years joined by a hyphen.
/// (Also read by questions, which ask such a range in words.)
pub(crate) fn is_year_dash_year(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 9
        && bytes[4] == b'-'
        && bytes[..4].iter().chain(&bytes[5..]).all(u8::is_ascii_digit)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The mistake pointed at, and the message.
    fn typo(text: &str) -> (String, String) {
        match text.parse::<PartialDate>() {
            Err(error @ DateError::Range { .. }) => {
                let (start, end) = error.within().expect("a range typo has a place");
                (text[start..end].to_string(), error.to_string())
            }
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn three_dots_are_pointed_at_with_the_two_to_write() {
        let (mistake, message) = typo("[2022-03...2022-06]");
        assert_eq!(mistake, "...");
        assert_eq!(
            message,
            "`...` in `[2022-03...2022-06]` is not how a range is written: write `..` (two dots): `[2022-03..2022-06]`"
        );
        assert_eq!(typo("2022-03....2022-06").0, "....");
    }

    #[test]
    fn spaces_dashes_slashes_and_missing_brackets_are_each_pointed_at() {
        let cases = [
            ("[2022-03 .. 2022-06]", " .. ", "[2022-03..2022-06]"),
            ("2022-03..2022-06", "..", "[2022-03..2022-06]"),
            ("2022-03..", "..", "[2022-03..]"),
            ("..2022-06", "..", "[..2022-06]"),
            ("[2022-03..2022-06", "..", "[2022-03..2022-06]"),
            ("2022-03–2022-06", "–", "[2022-03..2022-06]"),
            ("[2022-03 — 2022-06]", "—", "[2022-03..2022-06]"),
            ("2022-03/2022-06", "/", "[2022-03..2022-06]"),
            ("2022-2023", "-", "[2022..2023]"),
        ];
        for (text, mistake, right) in cases {
            let (found, message) = typo(text);
            assert_eq!(found, mistake, "{text}");
            assert!(message.contains(&format!("`{right}`")), "{text}: {message}");
            assert!(right.parse::<PartialDate>().is_ok(), "{right}");
        }
    }

    #[test]
    fn dates_and_ranges_written_right_are_no_typos() {
        for text in [
            "[2022-03..2022-06]",
            "[..2020]",
            "[2020..]",
            "2022-06~",
            "201X",
        ] {
            assert!(text.parse::<PartialDate>().is_ok(), "{text}");
        }
        // A backwards range is its own mistake, not a typo.
        assert!(matches!(
            "[2023..2022]".parse::<PartialDate>(),
            Err(DateError::Backwards(_))
        ));
        // Nothing like a range: the usual message.
        assert!(matches!(
            "June".parse::<PartialDate>(),
            Err(DateError::Shape(_))
        ));
    }
}
