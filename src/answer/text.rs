//! Answers as text for people: aligned columns, notes wrapped under their
//! rows, the summary line, and nothing from the data that could steer the
//! terminal.

use unicode_width::UnicodeWidthStr;

use super::layout::render_table;
use super::paint::bold;
use super::table::citation;
use super::*;

impl Answer<'_> {
    /// The readable rendering for a pipe: rows whole, notes wrapped at
    /// [`DEFAULT_WIDTH`]; `color` paints headers and sureness.
    pub fn to_text(&self, color: bool) -> String {
        self.to_text_width(color, None)
    }

    /// The readable rendering. For a terminal `width` columns wide, every
    /// line fits it: cells wrap at spaces, source lists are shortened, and
    /// columns that cannot fit go under their row; no word is ever split.
    pub fn to_text_width(&self, color: bool, width: Option<usize>) -> String {
        let mut out = self.body.to_text(color, width);
        if matches!(self.body, Body::Text { .. } | Body::Check { .. }) {
            return out;
        }
        // The summary line says which time the answer is for: a verdict
        // leads with its answer, the others end with their summary.
        let (summary_start, summary_end) = match self.body {
            Body::Verdict { .. } => (0, out.find('\n').map_or(out.len(), |at| at + 1)),
            _ => (out.trim_end().rfind('\n').map_or(0, |at| at + 1), out.len()),
        };
        let rest = out.split_off(summary_end);
        let mut summary = out.split_off(summary_start).trim_end().to_string();
        if let Some(time) = &self.time {
            summary.push_str(&format!(" · {}", printable(time, false)));
        }
        out.push_str(&fitted(&summary, "  ", width));
        out.push_str(&rest);
        for note in &self.notes {
            out.push_str(&wrap_indented(
                &format!("note: {}", printable(note, false)),
                "      ",
                width.unwrap_or(DEFAULT_WIDTH),
            ));
        }
        out
    }
}

impl Body<'_> {
    /// The closing line: a count, or a plain word that nothing was found.
    fn summary(&self) -> String {
        let n = self.len();
        let count =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let plural = |one: &str, many: &str| count(n, one, many);
        let possibly = self.possibly();
        // A record across all time judges its ties as of the graph's date.
        let when = if self.is_record() { " active now" } else { "" };
        let of_them = if possibly > 0 {
            format!(", {possibly} of them possibly{when}")
        } else {
            String::new()
        };
        let line = match self {
            Body::Actors { .. } if n == 0 => "no actors match".into(),
            Body::Actors { .. } => {
                return format!(
                    "{}{of_them}{}",
                    plural("actor", "actors"),
                    self.unconfirmed_words()
                )
            }
            Body::Ties { .. } if n == 0 => "no ties match".into(),
            Body::Ties { .. } => plural("tie", "ties"),
            Body::Card { actor, .. } => count(actor.ties.len(), "tie", "ties"),
            Body::Path { from, to, .. } if n == 0 => {
                format!("no path from {} to {}", from.name, to.name)
            }
            Body::Path { paths, .. } if paths[0].is_empty() => "the same actor: no hops".into(),
            Body::Path { paths, more, .. } => {
                let hops = count(paths[0].len(), "hop", "hops");
                let shortest = if *more {
                    format!("the first {n} shortest paths")
                } else if n == 1 {
                    "1 shortest path".to_string()
                } else {
                    format!("{n} shortest paths")
                };
                let possibly = if possibly > 0 {
                    format!(", {possibly} of them possibly")
                } else {
                    String::new()
                };
                return format!("{shortest} of {hops}{possibly}{}", self.unconfirmed_words());
            }
            Body::Verdict {
                sentence,
                answer,
                because,
                ties,
                others,
                other_way,
                ..
            } => {
                let word = answer.word();
                let why = match (answer, ties.len()) {
                    (Verdict::No, _) if *other_way => {
                        " (no tie reads that way; the one below runs the other way)".to_string()
                    }
                    (Verdict::No, 0) => {
                        " (the graph holds no such tie; its sources may be silent)".to_string()
                    }
                    // `certainly` turned a possible tie into a no: say so.
                    (Verdict::No, _) if ties.iter().any(|t| t.certainty == Certainty::Possibly) => {
                        let possible = ties
                            .iter()
                            .filter(|t| t.certainty == Certainty::Possibly)
                            .count();
                        format!(
                            ", not certainly: {} possibly held then",
                            count(possible, "tie", "ties")
                        )
                    }
                    (Verdict::No, _) => {
                        format!(", not then ({})", count(ties.len(), "tie", "ties"))
                    }
                    // A hedged answer says why it is no "yes".
                    (_, _) => because
                        .as_ref()
                        .map_or_else(String::new, |because| format!(" ({because})")),
                };
                let others = if others.is_empty() {
                    String::new()
                } else {
                    format!("; other ties between them then: {}", others.join(", "))
                };
                return format!("{word}: {sentence}{why}{others}");
            }
            // Actors and ties each say how many are only possible.
            Body::Network { actors, ties, .. } => {
                let part = |n: usize, possibly: usize, one: &str, many: &str| {
                    let text = count(n, one, many);
                    if possibly > 0 {
                        format!("{text} ({possibly} of them possibly)")
                    } else {
                        text
                    }
                };
                let ties_possibly = ties
                    .iter()
                    .filter(|t| t.certainty == Certainty::Possibly)
                    .count();
                return format!(
                    "{}, {}",
                    part(actors.len(), possibly, "actor", "actors"),
                    part(ties.len(), ties_possibly, "tie", "ties")
                );
            }
            Body::Events { .. } if n == 0 => "no events match".into(),
            Body::Events { .. } => plural("event", "events"),
            Body::Stats {
                actors,
                actors_possibly,
                ..
            } => {
                let of_actors = if *actors_possibly > 0 {
                    format!(" ({actors_possibly} of them possibly)")
                } else {
                    String::new()
                };
                format!(
                    "{}{of_actors}; {}",
                    count(*actors, "actor", "actors"),
                    plural("active tie", "active ties")
                )
            }
            Body::Relations { .. } => plural("relation", "relations"),
            Body::Sources { .. } => plural("source", "sources"),
            Body::Why { a, b, .. } if n == 0 && a.id == b.id => {
                format!("no ties: {} and {} are one actor", a.name, b.name)
            }
            Body::Why { a, b, .. } if n == 0 => {
                format!(
                    "no ties between {} and {}; `how is {} connected to {}` looks further",
                    a.name,
                    b.name,
                    quoted_if_spaced(a.name),
                    quoted_if_spaced(b.name)
                )
            }
            Body::Why {
                a,
                b,
                other_way: true,
                ..
            } => format!(
                "{}, the other way round: none reads {} … {}",
                plural("tie", "ties"),
                a.name,
                b.name
            ),
            Body::Why { .. } => plural("tie", "ties"),
            Body::Text { .. } | Body::Check { .. } => String::new(),
        };
        format!("{line}{of_them}")
    }

    /// `, 2 rated only likely`: the results that rest on ties their
    /// sources do not confirm, so a count is not read as fact.
    fn unconfirmed_words(&self) -> String {
        let (count, ratings) = self.unconfirmed();
        if count == 0 {
            return String::new();
        }
        let ratings: Vec<&str> = ratings.iter().map(|c| c.as_str()).collect();
        let rated = format!("rated only {}", ratings.join(" or "));
        match (count == self.len(), count) {
            (true, 1) => format!(", {rated}"),
            (true, _) => format!(", all {rated}"),
            (false, n) => format!(", {n} {rated}"),
        }
    }

    /// The answer as text: for a terminal `width` columns wide, or for a
    /// pipe (`None`), where rows stay whole and only notes wrap, at
    /// [`DEFAULT_WIDTH`].
    pub(crate) fn to_text(&self, color: bool, width: Option<usize>) -> String {
        let note_width = width.unwrap_or(DEFAULT_WIDTH);
        let mut out = String::new();
        match self {
            Body::Text { text } => {
                return match width {
                    Some(width) => wrap_block(text.trim_end(), width),
                    None => format!("{}\n", text.trim_end()),
                }
            }
            Body::Check { passed, message } => {
                let verdict = if *passed { "ok:" } else { "FAILED:" };
                return fitted(&format!("{verdict} {message}"), "  ", width);
            }
            Body::Card { actor, .. } => {
                let p = |text: &str| printable(text, false);
                let title = format!("{} ({})", p(actor.actor.name), p(actor.actor.id));
                out.push_str(&bold(fitted(&title, "  ", width).trim_end(), color));
                out.push('\n');
                out.push_str(&format!("  kind:    {}\n", actor.kind.describe()));
                const HANG: &str = "           ";
                if !actor.aliases.is_empty() {
                    let aliases = format!("  aliases: {}", p(&actor.aliases.join("; ")));
                    out.push_str(&fitted(&aliases, HANG, width));
                }
                if !actor.tags.is_empty() {
                    let tags = format!("  tags:    {}", p(&actor.tags.join(", ")));
                    out.push_str(&fitted(&tags, HANG, width));
                }
                if let Some(active) = &actor.active {
                    out.push_str(&format!("  active:  {active}\n"));
                }
                if let Some(note) = &actor.note {
                    out.push_str(&wrap_indented(
                        &format!("  note:    {}", printable(note, false)),
                        HANG,
                        note_width,
                    ));
                }
                out.push('\n');
            }
            Body::Network { actors, .. } => {
                let mut table = Table {
                    headers: vec!["hops", "actor", "kind", "certainty"],
                    ..Table::default()
                };
                for a in actors {
                    table.push(
                        vec![
                            a.depth.unwrap_or(0).to_string(),
                            a.actor.name.to_string(),
                            a.kind.to_string(),
                            a.certainty.to_string(),
                        ],
                        Vec::new(),
                    );
                }
                out.push_str(&render_table(&table, color, width));
                out.push('\n');
            }
            Body::Verdict { ties, .. } => {
                // The answer first; the ties that decide it below.
                out.push_str(&bold(&printable(&self.summary(), false), color));
                out.push('\n');
                if ties.is_empty() {
                    return out;
                }
            }
            Body::Why { a, b, .. } => {
                let title = format!(
                    "{} and {}",
                    printable(a.name, false),
                    printable(b.name, false)
                );
                out.push_str(&bold(fitted(&title, "  ", width).trim_end(), color));
                out.push('\n');
            }
            _ => {}
        }
        if let Some(table) = self.table() {
            if !table.rows.is_empty() {
                out.push_str(&render_table(&table, color, width));
            }
        }
        if let Body::Why { sources, .. } = self {
            if !sources.is_empty() {
                out.push_str("\nsources:\n");
                for s in sources {
                    out.push_str(&wrap_indented(
                        &format!(
                            "  {}  {}",
                            printable(s.id, false),
                            printable(&citation(s), false)
                        ),
                        "    ",
                        note_width,
                    ));
                }
                out.push('\n');
            }
        }
        // Unwrapped: the caller adds the time the answer is for, then fits
        // it. A verdict leads with its answer instead.
        if !matches!(self, Body::Verdict { .. }) {
            out.push_str(&self.summary());
            out.push('\n');
        }
        out
    }
}

/// `text` wrapped at word boundaries to `width` columns, continuation lines
/// indented by `indent`; one line per output line, each ending in `\n`.
pub fn wrap_indented(text: &str, indent: &str, width: usize) -> String {
    let options = textwrap::Options::new(width.max(indent.len() + 20))
        .subsequent_indent(indent)
        .break_words(false)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    let mut out = String::new();
    for line in textwrap::wrap(text, options) {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// `text` as lines for a terminal `width` columns wide, continuations
/// under `indent`; for a pipe (`None`), one line as it is.
pub(crate) fn fitted(text: &str, indent: &str, width: Option<usize>) -> String {
    match width {
        Some(width) => wrap_indented(text, indent, width),
        None => format!("{text}\n"),
    }
}

/// Lines of text laid out by hand (`help`) wrapped to `width`. A line of
/// two columns (`  form      example`) continues under its second column
/// while that leaves the column room; past that, the second column goes
/// on a line of its own, further in. Other lines continue two spaces in.
pub(crate) fn wrap_block(text: &str, width: usize) -> String {
    /// The least room worth keeping a second column beside the first.
    const ROOM: usize = 20;
    /// Where an example stands when it goes under its form.
    const STACKED: usize = 6;
    let mut out = String::new();
    for line in text.lines() {
        let line = line.trim_end();
        let lead = line.len() - line.trim_start().len();
        if line.width() <= width {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        if lead + ROOM > width {
            // A hand-made continuation under a second column that no longer
            // fits: it continues the example, which now stands on its own.
            let inset = " ".repeat(STACKED);
            out.push_str(&wrap_indented(
                &format!("{inset}{}", line.trim_start()),
                &inset,
                width,
            ));
            continue;
        }
        if lead >= ROOM {
            // Already under a second column: it goes on there.
            out.push_str(&wrap_indented(line, &" ".repeat(lead), width));
            continue;
        }
        let columns = line[lead..].find("  ").map(|gap| {
            let (first, second) = line.split_at(lead + gap);
            (first, second.trim_start())
        });
        match columns {
            Some((_, second)) if line.width() - second.width() + ROOM <= width => {
                let hang = line.width() - second.width();
                out.push_str(&wrap_indented(line, &" ".repeat(hang), width));
            }
            Some((first, second)) => {
                let hang = " ".repeat(lead + 2);
                out.push_str(&wrap_indented(first, &hang, width));
                let inset = " ".repeat(lead + STACKED - 2);
                out.push_str(&wrap_indented(
                    &format!("{inset}{second}"),
                    &format!("{inset}  "),
                    width,
                ));
            }
            None => out.push_str(&wrap_indented(line, &" ".repeat(lead + 2), width)),
        }
    }
    out
}

pub use crate::safe_text::printable;

/// A name as a question would write it: quoted when it holds spaces.
fn quoted_if_spaced(name: &str) -> String {
    if name.contains(' ') {
        format!("\"{name}\"")
    } else {
        name.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HELP: &str = "\
Questions (ACTOR is a name, id or alias; quote names with spaces: \"Wagner Group\")
  ties of ACTOR [via REL, ...] [TIME]    ties of JNIM via alliance, hostility since 2022
  stats [TIME]                           stats as of 2022-06
";

    #[test]
    fn help_on_a_pipe_is_as_written() {
        let help = Answer::text(HELP);
        assert_eq!(help.to_text_width(false, None), HELP);
    }

    #[test]
    fn help_wraps_under_its_second_column() {
        let text = Answer::text(HELP).to_text_width(false, Some(80));
        assert_eq!(
            text,
            "\
Questions (ACTOR is a name, id or alias; quote names with spaces: \"Wagner
  Group\")
  ties of ACTOR [via REL, ...] [TIME]    ties of JNIM via alliance, hostility
                                         since 2022
  stats [TIME]                           stats as of 2022-06
"
        );
    }

    #[test]
    fn narrow_help_puts_the_example_under_its_form() {
        let text = wrap_block(HELP, 50);
        assert!(
            text.contains(
                "  ties of ACTOR [via REL, ...] [TIME]\n      ties of JNIM via alliance, hostility since\n        2022\n"
            ),
            "{text}"
        );
        assert!(text.lines().all(|line| line.width() <= 50), "{text}");
    }

    #[test]
    fn a_continued_example_stays_with_its_example() {
        let help = format!(
            "  {:<39}{}\n{:41}{}\n",
            "is ACTOR VERB ACTOR [TIME]",
            "is Wagner fighting JNIM   was France",
            "",
            "allied with MLF in 2021  (yes, no or possibly)"
        );
        assert_eq!(
            wrap_block(&help, 80),
            format!(
                "  {:<39}{}\n{:41}{}\n{:41}{}\n",
                "is ACTOR VERB ACTOR [TIME]",
                "is Wagner fighting JNIM   was France",
                "",
                "allied with MLF in 2021  (yes, no or",
                "",
                "possibly)"
            )
        );
        assert_eq!(
            wrap_block(&help, 60),
            "  is ACTOR VERB ACTOR [TIME]\n      is Wagner fighting JNIM   was France\n      \
             allied with MLF in 2021  (yes, no or possibly)\n"
        );
    }

    #[test]
    fn the_summary_and_its_time_fit_the_terminal() {
        let answer = Answer::from(Body::Actors { actors: Vec::new() }).at(
            Some("as of 2023-02 (the graph's date)".into()),
            vec!["the graph's knowledge ends at 2023-02".into()],
        );
        assert_eq!(
            answer.to_text_width(false, None),
            "no actors match · as of 2023-02 (the graph's date)\n\
             note: the graph's knowledge ends at 2023-02\n"
        );
        assert_eq!(
            answer.to_text_width(false, Some(30)),
            "no actors match · as of\n  2023-02 (the graph's date)\n\
             note: the graph's knowledge\n      ends at 2023-02\n"
        );
    }
}
