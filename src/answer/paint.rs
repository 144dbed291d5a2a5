//! Colour in text answers. How sure a row is shows by weight and hue —
//! bold, plain, yellow, dim — never by red against green, so it reads for
//! colour-blind readers and on any background. Whether to colour at all is
//! the caller's choice: nothing here looks at the terminal.

/// How a cell is painted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tone {
    /// As it is.
    Plain,
    /// Bold: confirmed, certain, active.
    Strong,
    /// Yellow: possible, possibly active — worth a second look.
    Caution,
    /// Dim: ended, no longer in force.
    Faded,
}

/// The tone of `cell` in the column headed `header`: confidence and
/// certainty words are painted, everything else is plain.
pub(crate) fn tone_of(header: &str, cell: &str) -> Tone {
    match (header, cell) {
        ("confidence", "confirmed") | ("certainty", "certain") | ("now", "active") => Tone::Strong,
        ("confidence", "possible") | ("certainty", "possible") | ("now", "possibly active") => {
            Tone::Caution
        }
        ("now", "ended") => Tone::Faded,
        _ => Tone::Plain,
    }
}

/// `text` in `tone`, or unchanged without `color`. The escapes take no
/// columns on screen, so callers measure and pad the plain text.
pub(crate) fn paint(text: &str, tone: Tone, color: bool) -> String {
    let start = match tone {
        _ if !color || text.is_empty() => return text.to_string(),
        Tone::Plain => return text.to_string(),
        Tone::Strong => "\x1b[1m",
        Tone::Caution => "\x1b[33m",
        Tone::Faded => "\x1b[2m",
    };
    format!("{start}{text}\x1b[0m")
}

/// `text` in bold (titles, headers), or unchanged without `color`.
pub(crate) fn bold(text: &str, color: bool) -> String {
    paint(text, Tone::Strong, color)
}

/// `text` without the escapes [`paint`] adds: what the screen shows.
#[cfg(test)]
pub(crate) fn unpainted(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            // CSI: ESC [ parameters, up to a final byte in @..~.
            for c in chars.by_ref() {
                if ('@'..='~').contains(&c) && c != '[' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sureness_is_painted_by_weight_and_hue() {
        assert_eq!(tone_of("confidence", "confirmed"), Tone::Strong);
        assert_eq!(tone_of("confidence", "likely"), Tone::Plain);
        assert_eq!(tone_of("confidence", "possible"), Tone::Caution);
        assert_eq!(tone_of("certainty", "certain"), Tone::Strong);
        assert_eq!(tone_of("certainty", "possible"), Tone::Caution);
        assert_eq!(tone_of("now", "possibly active"), Tone::Caution);
        assert_eq!(tone_of("now", "ended"), Tone::Faded);
        // The same word elsewhere is data, not a judgement.
        assert_eq!(tone_of("actor", "confirmed"), Tone::Plain);
    }

    #[test]
    fn without_color_nothing_is_added() {
        assert_eq!(paint("confirmed", Tone::Strong, false), "confirmed");
        assert_eq!(bold("JNIM", false), "JNIM");
        assert_eq!(paint("", Tone::Strong, true), "");
        let painted = paint("possible", Tone::Caution, true);
        assert_eq!(painted, "\x1b[33mpossible\x1b[0m");
        assert_eq!(unpainted(&painted), "possible");
    }
}
