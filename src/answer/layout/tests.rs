//! The layout's behaviour at every width: words kept whole, rows that fit,
//! columns moved under their rows, colour that moves nothing.

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
    let meaning = "both are parties to the same peace accord; implies nothing about cooperation";
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

/// Issue 14, item 7: on a pipe one 100 MB name padded every other row to
/// its width (2.3 GB of output). Columns are now padded to at most
/// [`PIPE_COLUMN_CAP`]; the long cell is written whole on its own row.
#[test]
fn one_huge_cell_does_not_pad_every_row_on_a_pipe() {
    let huge = "x".repeat(100_000);
    let mut table = Table {
        headers: vec!["actor", "kind"],
        ..Table::default()
    };
    table.push(vec![huge.clone(), "group".into()], Vec::new());
    for i in 0..1_000 {
        table.push(vec![format!("A{i}"), "group".into()], Vec::new());
    }
    let text = render_table(&table, false, None);
    assert!(text.len() < 300_000, "{} bytes", text.len());
    assert_eq!(text.lines().count(), 1_002, "every row on one line");
    assert!(
        text.lines().any(|line| line == format!("{huge}  group")),
        "the huge cell is written whole"
    );
    let short = text.lines().nth(2).unwrap_or_default();
    assert_eq!(
        short.len(),
        PIPE_COLUMN_CAP + GAP + "group".len(),
        "{short:?}"
    );
}
