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

/// On a pipe no column is padded wider than this: a longer cell is written
/// whole and pushes the rest of its own row along, so one huge name cannot
/// pad every other row to its width.
pub(crate) const PIPE_COLUMN_CAP: usize = 100;
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
        let whole: Vec<usize> = shown
            .iter()
            .map(|&c| needs[c].whole.min(PIPE_COLUMN_CAP))
            .collect();
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
fn grid_lines(
    headers: &[&str],
    cells: &[String],
    plan: &Plan,
    color: bool,
    wrap: bool,
) -> Vec<String> {
    let columns: Vec<(usize, Vec<String>, Tone)> = plan
        .widths
        .iter()
        .enumerate()
        .filter_map(|(c, width)| {
            let width = (*width)?;
            let cell = cells.get(c).map_or("", String::as_str);
            // On a pipe a row stays on one line, whatever its cells' widths.
            let lines = if wrap {
                cell_lines(cell, width, give(headers[c]))
            } else {
                vec![cell.to_string()]
            };
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
    let wrap = width.is_some();
    for line in grid_lines(headers, &header_cells, &plan, false, wrap) {
        out.push_str(&paint::bold(&line, color));
        out.push('\n');
    }
    for (i, row) in rows.iter().enumerate() {
        for line in grid_lines(headers, row, &plan, color, wrap) {
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
mod tests;
