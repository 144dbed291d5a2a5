//! Tables as aligned columns, and the lines under their rows.
//!
//! On a pipe (no width) every row is one line and each column is as wide
//! as its widest cell. For a terminal the table fits its width: cells wrap
//! at spaces, a source list is cut short with `…`, and when even the
//! narrowest columns are too wide, the rightmost columns move under their
//! row as `header: value` — as does a column of names or prose that
//! would get under 20 columns. A word is never split — `ctp-2023-02` and
//! `confidence` are single words — so no column is narrower than its
//! longest word; only when the first column and the arrows alone are wider
//! than the terminal does a row run past its edge.

use unicode_width::UnicodeWidthStr;

use super::paint::{self, tone_of, Tone};
use super::text::{printable, wrap_indented};
use super::{Table, DEFAULT_WIDTH};

/// Spaces between columns.
const GAP: usize = 2;
/// What ends a shortened source list, with the space before it.
const MORE: &str = " …";
/// The narrowest a column of several words gets (unless all of it is
/// narrower): below this, names and prose read a word a line, and moving
/// the column under its row reads better.
const NARROWEST_TEXT: usize = 20;
/// The indent of the lines under a row, and of their continuations.
const UNDER: &str = "    ";
const UNDER_CONTINUED: &str = "      ";

/// How a column's cells give way when the column is narrower than they are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Give {
    /// Onto more lines, at spaces.
    Wrap,
    /// Cut short after a whole word, marked `…`: source lists, whose full
    /// form `why A and B` and the other formats give.
    Shorten,
}

fn give(header: &str) -> Give {
    if header == "sources" {
        Give::Shorten
    } else {
        Give::Wrap
    }
}

/// What a column needs: its width with every cell on one line, and the
/// least it can take without splitting a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Needs {
    whole: usize,
    least: usize,
}

/// Where each column goes.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Plan {
    /// Per column: its width in the grid, or `None` when it is not there
    /// (empty, or moved under the row).
    widths: Vec<Option<usize>>,
    /// Columns shown under each row instead, left to right.
    under: Vec<usize>,
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(' ').filter(|word| !word.is_empty())
}

/// Leading spaces: how deep a nested row is.
fn indent(text: &str) -> &str {
    &text[..text.len() - text.trim_start_matches(' ').len()]
}

/// The least width `cell` can take in a column that gives way as `give`.
fn least_width(cell: &str, give: Give) -> usize {
    match give {
        Give::Wrap => indent(cell).len() + words(cell).map(str::width).max().unwrap_or(0),
        Give::Shorten => {
            let mut all = words(cell);
            let first = all.next().map_or(0, str::width);
            first
                + if all.next().is_some() {
                    MORE.width()
                } else {
                    0
                }
        }
    }
}

fn needs(header: &str, cells: &[&str]) -> Needs {
    let give = give(header);
    let mut whole = header.width();
    let mut least = least_width(header, Give::Wrap);
    for cell in cells {
        whole = whole.max(cell.width());
        least = least.max(least_width(cell, give));
    }
    if give == Give::Wrap {
        least = least.max(NARROWEST_TEXT);
    }
    Needs {
        whole,
        least: least.min(whole),
    }
}

/// Decides each column's width for `width` columns of terminal, or for a
/// pipe (`None`).
fn plan(headers: &[&str], rows: &[Vec<String>], width: Option<usize>) -> Plan {
    let cell = |row: &Vec<String>, c: usize| row.get(c).map_or("", String::as_str).to_string();
    let columns: Vec<Vec<String>> = (0..headers.len())
        .map(|c| rows.iter().map(|row| cell(row, c)).collect())
        .collect();
    let needs: Vec<Needs> = headers
        .iter()
        .zip(&columns)
        .map(|(header, cells)| {
            let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
            needs(header, &cells)
        })
        .collect();
    // Columns with neither a header nor a cell take no room.
    let mut shown: Vec<usize> = (0..headers.len())
        .filter(|&c| !headers[c].is_empty() || columns[c].iter().any(|s| !s.is_empty()))
        .collect();
    let mut under = Vec::new();
    let widths_of = |shown: &[usize], widths: &[usize]| {
        let mut all = vec![None; headers.len()];
        for (&c, &w) in shown.iter().zip(widths) {
            all[c] = Some(w);
        }
        all
    };
    let Some(width) = width else {
        let whole: Vec<usize> = shown.iter().map(|&c| needs[c].whole).collect();
        return Plan {
            widths: widths_of(&shown, &whole),
            under,
        };
    };
    loop {
        let gaps = GAP * shown.len().saturating_sub(1);
        let room = width.saturating_sub(gaps);
        let shown_needs: Vec<Needs> = shown.iter().map(|&c| needs[c]).collect();
        let least: usize = shown_needs.iter().map(|n| n.least).sum();
        if least <= room {
            return Plan {
                widths: widths_of(&shown, &share(room, &shown_needs)),
                under,
            };
        }
        // The rightmost named column past the first moves under the row;
        // the first names the row, and an unnamed one (an arrow) belongs
        // to its neighbours.
        let movable = (1..shown.len())
            .rev()
            .find(|&i| !headers[shown[i]].is_empty());
        match movable {
            Some(i) => under.insert(0, shown.remove(i)),
            None => {
                let least: Vec<usize> = shown_needs.iter().map(|n| n.least).collect();
                return Plan {
                    widths: widths_of(&shown, &least),
                    under,
                };
            }
        }
    }
}

/// Widths for columns sharing `room` (which holds at least their least):
/// each gets at least its least and at most its whole, and the wide ones
/// are levelled at one common width, as high as the room allows.
fn share(room: usize, needs: &[Needs]) -> Vec<usize> {
    let at = |level: usize| -> Vec<usize> {
        needs
            .iter()
            .map(|n| level.max(n.least).min(n.whole))
            .collect()
    };
    let total = |widths: &[usize]| widths.iter().sum::<usize>();
    let (mut low, mut high) = (0, needs.iter().map(|n| n.whole).max().unwrap_or(0));
    while low < high {
        let mid = (low + high).div_ceil(2);
        if total(&at(mid)) <= room {
            low = mid;
        } else {
            high = mid - 1;
        }
    }
    let mut widths = at(low);
    // What the level leaves over goes one column to each still short of whole.
    let mut spare = room.saturating_sub(total(&widths));
    for (w, n) in widths.iter_mut().zip(needs) {
        if spare == 0 {
            break;
        }
        if *w < n.whole {
            *w += 1;
            spare -= 1;
        }
    }
    widths
}

/// `cell` as lines no wider than `width` (unless one word is).
fn cell_lines(cell: &str, width: usize, give: Give) -> Vec<String> {
    if cell.width() <= width {
        return vec![cell.to_string()];
    }
    match give {
        Give::Shorten => {
            let mut kept = String::new();
            for word in words(cell) {
                let joined = if kept.is_empty() {
                    word.to_string()
                } else {
                    format!("{kept} {word}")
                };
                if !kept.is_empty() && joined.width() + MORE.width() > width {
                    break;
                }
                kept = joined;
            }
            vec![format!("{kept}{MORE}")]
        }
        Give::Wrap => {
            let indent = indent(cell);
            let options = textwrap::Options::new(width)
                .initial_indent(indent)
                .subsequent_indent(indent)
                .break_words(false)
                .word_separator(textwrap::WordSeparator::AsciiSpace)
                .word_splitter(textwrap::WordSplitter::NoHyphenation);
            textwrap::wrap(cell.trim_start_matches(' '), options)
                .into_iter()
                .map(|line| line.trim_end().to_string())
                .collect()
        }
    }
}

/// One row (or the headers) as lines of the grid: each shown column padded
/// to its width by the plain text's width, then painted.
fn grid_lines(headers: &[&str], cells: &[String], plan: &Plan, color: bool) -> Vec<String> {
    let columns: Vec<(usize, Vec<String>, Tone)> = plan
        .widths
        .iter()
        .enumerate()
        .filter_map(|(c, width)| {
            let width = (*width)?;
            let cell = cells.get(c).map_or("", String::as_str);
            let lines = cell_lines(cell, width, give(headers[c]));
            Some((width, lines, tone_of(headers[c], cell)))
        })
        .collect();
    let height = columns.iter().map(|(_, lines, _)| lines.len()).max();
    (0..height.unwrap_or(1).max(1))
        .map(|i| {
            let mut line = String::new();
            for (width, lines, tone) in &columns {
                let text = lines.get(i).map_or("", String::as_str);
                line.push_str(&paint::paint(text, *tone, color));
                line.push_str(&" ".repeat(width.saturating_sub(text.width()) + GAP));
            }
            line.trim_end().to_string()
        })
        .collect()
}

/// The columns moved under a row, as one `header: value; …` line.
fn under_line(headers: &[&str], cells: &[String], plan: &Plan, color: bool) -> Option<String> {
    let parts: Vec<String> = plan
        .under
        .iter()
        .filter_map(|&c| {
            let cell = cells.get(c).filter(|cell| !cell.is_empty())?;
            let value = paint::paint(cell, tone_of(headers[c], cell), color);
            Some(format!("{}: {value}", headers[c]))
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// The table as text: headers in bold, aligned columns, and under each row
/// the columns that did not fit and its detail lines (notes, evidence),
/// wrapped to `width` — or, on a pipe, to [`DEFAULT_WIDTH`] with rows whole.
pub fn render_table(table: &Table, color: bool, width: Option<usize>) -> String {
    // Graph text reaches the terminal here: control characters would move
    // the cursor or clear the screen, and line breaks would break the rows.
    let rows: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|row| row.iter().map(|cell| printable(cell, false)).collect())
        .collect();
    let headers = &table.headers;
    let plan = plan(headers, &rows, width);
    let detail_width = width.unwrap_or(DEFAULT_WIDTH);
    let header_cells: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
    let mut out = String::new();
    for line in grid_lines(headers, &header_cells, &plan, false) {
        out.push_str(&paint::bold(&line, color));
        out.push('\n');
    }
    for (i, row) in rows.iter().enumerate() {
        for line in grid_lines(headers, row, &plan, color) {
            out.push_str(&line);
            out.push('\n');
        }
        let moved = under_line(headers, row, &plan, color);
        let details = table.details.get(i).into_iter().flatten();
        for detail in moved
            .into_iter()
            .chain(details.map(|d| printable(d, false)))
        {
            out.push_str(&wrap_indented(
                &format!("{UNDER}{detail}"),
                UNDER_CONTINUED,
                detail_width,
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::answer::paint::unpainted;

    /// A card-like table: ids with hyphens, long names, a long source list,
    /// a note under a row.
    fn ties() -> Table {
        let mut table = Table {
            headers: vec![
                "relation",
                "",
                "actor",
                "dates",
                "now",
                "confidence",
                "sources",
            ],
            ..Table::default()
        };
        let row = |cells: [&str; 7]| cells.map(str::to_string).to_vec();
        table.push(
            row([
                "subgroup-of",
                "←",
                "Pro-separatist rebels",
                "[2023-01..2023-01-23]–",
                "possibly active",
                "confirmed",
                "ctp-2023-02 ap-2017-03-02 africanews-2017-03-03 newarab-2017-03-03",
            ]),
            vec!["note: The report attests the affiliation in February 2023 (\"remains\").".into()],
        );
        table.push(
            row([
                "hostility",
                "—",
                "Northern Malian communities",
                "[..2022-11]–2022-11",
                "ended",
                "possible",
                "ctp-2023-02",
            ]),
            Vec::new(),
        );
        table
    }

    fn words_of(text: &str) -> HashSet<String> {
        text.split_whitespace().map(str::to_string).collect()
    }

    /// Every word on screen is a whole word of the pipe's rendering (or a
    /// label and `…` the narrow layout adds).
    fn assert_no_word_split(table: &Table, width: usize) {
        let whole = words_of(&render_table(table, false, None));
        let fitted = render_table(table, false, Some(width));
        for word in words_of(&fitted) {
            let bare = word.trim_end_matches([':', ';']);
            assert!(
                whole.contains(&word)
                    || whole.contains(bare)
                    || table.headers.contains(&bare)
                    || word == "…",
                "`{word}` is not a word of the table, at width {width}:\n{fitted}"
            );
        }
        for line in fitted.lines() {
            assert!(
                line.width() <= width,
                "too wide at {width}: {line:?}\n{fitted}"
            );
        }
    }

    #[test]
    fn no_word_is_split_at_any_width() {
        for width in [40, 60, 80, 100, 120] {
            assert_no_word_split(&ties(), width);
        }
    }

    #[test]
    fn on_a_pipe_each_row_is_one_line() {
        let text = render_table(&ties(), false, None);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 1 + 2 + 1, "{text}");
        assert!(lines[1].ends_with("newarab-2017-03-03"), "{text}");
        // Columns line up: every row's dates start where the header's do.
        let at = lines[0].find("dates").unwrap();
        assert_eq!(
            lines[1].chars().count() - lines[1][..].chars().skip(at).count(),
            at
        );
        assert!(lines[1]
            .chars()
            .skip(at)
            .collect::<String>()
            .starts_with("[2023-01"));
    }

    #[test]
    fn a_wide_terminal_shows_the_pipe_layout() {
        let table = ties();
        let whole = render_table(&table, false, None);
        let widest = whole.lines().map(str::width).max().unwrap();
        assert_eq!(render_table(&table, false, Some(widest)), whole);
    }

    #[test]
    fn long_source_lists_are_cut_after_a_whole_word() {
        let text = render_table(&ties(), false, Some(110));
        assert!(text.lines().nth(1).unwrap().ends_with(" …"), "{text}");
        assert!(text.contains("ctp-2023-02"), "{text}");
        assert_eq!(
            cell_lines("ctp-2023-02 site-2023-01-23", 16, Give::Shorten),
            ["ctp-2023-02 …"]
        );
    }

    #[test]
    fn columns_that_do_not_fit_go_under_their_row() {
        let text = render_table(&ties(), false, Some(60));
        assert!(
            text.contains("\n    now: possibly active; confidence: confirmed; sources:\n"),
            "{text}"
        );
        // The moved columns come before the row's note.
        let moved = text.find("confidence: confirmed").unwrap();
        assert!(moved < text.find("note:").unwrap(), "{text}");
        assert!(!text.lines().next().unwrap().contains("sources"), "{text}");
    }

    #[test]
    fn a_word_wider_than_its_share_widens_its_column() {
        let mut table = Table {
            headers: vec!["source", "citation"],
            ..Table::default()
        };
        table.push(
            vec![
                "a-very-long-source-identifier-2023".into(),
                "short words that wrap easily".into(),
            ],
            Vec::new(),
        );
        let text = render_table(&table, false, Some(50));
        assert!(
            text.contains("a-very-long-source-identifier-2023"),
            "{text}"
        );
        assert!(text.lines().all(|l| l.width() <= 50), "{text}");
    }

    #[test]
    fn prose_too_squeezed_to_read_goes_under_its_row() {
        let mut table = Table {
            headers: vec!["relation", "direction", "ties", "possibly", "meaning"],
            ..Table::default()
        };
        let meaning =
            "both are parties to the same peace accord; implies nothing about cooperation";
        let cells = ["peace-agreement", "symmetric", "2", "0", meaning];
        table.push(cells.map(str::to_string).to_vec(), Vec::new());
        // At 60 the meaning would get 16 columns: it goes under instead.
        let text = render_table(&table, false, Some(60));
        assert!(
            text.starts_with("relation         direction  ties  possibly\n"),
            "{text}"
        );
        assert!(text.contains("\n    meaning: both are parties"), "{text}");
        // At 80 it keeps a column of its own.
        let text = render_table(&table, false, Some(80));
        assert!(text.contains("  possibly  meaning\n"), "{text}");
    }

    #[test]
    fn only_a_first_column_too_wide_for_the_terminal_runs_past_it() {
        let mut table = Table {
            headers: vec!["actor", "kind"],
            ..Table::default()
        };
        table.push(
            vec![
                "Jama'at-Nusrat-al-Islam-wal-Muslimeen".into(),
                "group".into(),
            ],
            Vec::new(),
        );
        let text = render_table(&table, false, Some(20));
        assert!(
            text.contains("Jama'at-Nusrat-al-Islam-wal-Muslimeen"),
            "{text}"
        );
        assert!(text.contains("kind: group"), "{text}");
    }

    #[test]
    fn nested_rows_keep_their_indent_when_they_wrap() {
        assert_eq!(
            cell_lines("    Daoussak leaders in Ménaka", 14, Give::Wrap),
            ["    Daoussak", "    leaders in", "    Ménaka"]
        );
    }

    #[test]
    fn colour_never_moves_a_column() {
        for width in [None, Some(40), Some(60), Some(80), Some(110)] {
            let plain = render_table(&ties(), false, width);
            let painted = render_table(&ties(), true, width);
            assert_ne!(plain, painted);
            assert_eq!(unpainted(&painted), plain, "at {width:?}");
        }
    }

    proptest::proptest! {
        /// Any table at any width: no panic, no word split or lost from
        /// the grid, colour that moves nothing.
        #[test]
        fn any_table_at_any_width_keeps_its_words(
            rows in proptest::collection::vec(
                proptest::collection::vec("( ?[a-zé…→\\-]{1,12}){0,5}", 3),
                0..4,
            ),
            width in 0usize..130,
        ) {
            let mut table = Table {
                headers: vec!["actor", "", "sources"],
                ..Table::default()
            };
            for row in rows {
                table.push(row, vec!["note: a caveat-with-hyphens under the row".into()]);
            }
            let whole = words_of(&render_table(&table, false, None));
            let fitted = render_table(&table, false, Some(width));
            for word in words_of(&fitted) {
                let bare = word.trim_end_matches([':', ';']);
                proptest::prop_assert!(
                    whole.contains(&word) || whole.contains(bare) || word == "…",
                    "`{}` split at {}:\n{}", word, width, fitted
                );
            }
            let painted = render_table(&table, true, Some(width));
            proptest::prop_assert_eq!(unpainted(&painted), fitted);
        }
    }

    #[test]
    fn shares_level_the_wide_columns() {
        let needs = |least, whole| Needs { least, whole };
        let widths = share(30, &[needs(3, 5), needs(4, 40), needs(6, 40)]);
        assert_eq!(widths, [5, 13, 12]);
        assert_eq!(
            share(12, &[needs(3, 5), needs(4, 40), needs(5, 40)]),
            [3, 4, 5]
        );
    }
}
