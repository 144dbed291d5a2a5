//! Issue 12: where a date found no clear place beside its own line, the
//! export draws a number there and lists the date under the legend. Each
//! picture's SVG is read back (as `labels.rs` reads it) and its numbers
//! matched with the list.

use super::labels::{actorgraph, read, reported_crowded, VIEWS};
use super::*;
use std::collections::BTreeSet;

/// The numbers `[n]` in `text`, in order.
fn numbers_in(text: &str) -> Vec<u32> {
    text.split('[')
        .skip(1)
        .filter_map(|rest| rest.split_once(']')?.0.parse().ok())
        .collect()
}

/// A picture's legend text, and the numbers its list of dates by number
/// holds.
fn legend_and_list(picture: &super::labels::Picture) -> (String, Vec<u32>) {
    let legend: Vec<&str> = picture
        .texts
        .iter()
        .filter(|text| text.edge.is_none())
        .map(|text| text.words.trim())
        .collect();
    let legend = legend.join(" ");
    let listed = legend
        .split_once("Dates by number: ")
        .map(|(_, rest)| numbers_in(rest.split("Sources").next().unwrap_or(rest)))
        .unwrap_or_default();
    (legend, listed)
}

/// Where a date found no clear place beside its own line, the export draws
/// a number there and lists the date under the legend: each number on the
/// drawing is listed once, each listed number is on exactly one edge, and
/// the views whose dates crowd (JNIM's and AQIM's hubs) do number some.
#[test]
fn dates_drawn_as_numbers_are_listed_under_the_legend() {
    if !graphviz() {
        return;
    }
    let mut numbered_views = Vec::new();
    for (graph, view, _) in VIEWS {
        let output = actorgraph(graph, &format!("export dot {view} to $TMP/x.svg")).run();
        let svg = std::fs::read_to_string(output.path("x.svg")).unwrap();
        let picture = read(&svg);
        let mut on_edges: Vec<u32> = picture
            .edges
            .iter()
            .filter(|edge| edge.label.is_some())
            .flat_map(|edge| {
                let words = edge.words.trim();
                let number = numbers_in(words);
                assert!(
                    number.is_empty() || format!("[{}]", number[0]) == words,
                    "{view}: a number stands alone on its edge: `{words}`"
                );
                number
            })
            .collect();
        let (legend, mut listed) = legend_and_list(&picture);
        // Numbers whose dates read alike share them ("[5], [7] by Feb
        // 2023"): each is listed once, and together they run from 1.
        listed.sort_unstable();
        let in_order: Vec<u32> = (1..=listed.len() as u32).collect();
        assert_eq!(
            listed, in_order,
            "{view}: numbered from 1, once each: {legend}"
        );
        on_edges.sort_unstable();
        assert_eq!(
            on_edges, listed,
            "{view}: each number on one edge: {legend}"
        );
        // A crowded date drawn as a number is named by it in the note.
        let named = output.stdout.split("check the dates of ").nth(1);
        for tie in named
            .unwrap_or_default()
            .lines()
            .next()
            .unwrap_or_default()
            .split("; ")
        {
            if tie.starts_with('[') {
                let number = numbers_in(tie)[0];
                assert!(
                    listed.contains(&number),
                    "{view}: `{tie}` not listed: {legend}"
                );
            }
        }
        if !listed.is_empty() {
            numbered_views.push(view);
        }
    }
    assert!(
        numbered_views.contains(&"JNIM depth 1") && numbered_views.contains(&"AQIM depth 2"),
        "numbered: {numbered_views:?}"
    );
}

/// A storyboard numbers the dates crowded in its frames as a single
/// picture does (a cold check found a readable frame with 6 of its 10
/// dates crowded, one on another tie's line): a number marks one tie, the
/// same in every frame, so flipping frames a line keeps its mark; each
/// frame lists the numbers it draws; every frame keeps one canvas; and
/// fewer dates are left crowded than with none numbered.
#[test]
fn a_storyboard_numbers_its_crowded_dates_alike_in_every_frame() {
    if !graphviz() {
        return;
    }
    let words = "export dot NLA depth 1 frames 2019..2023 step 2 to $TMP/frames/";
    let output = actorgraph(Some(super::labels::KARSOVIA), words).run();
    let mut tie_of: BTreeMap<u32, String> = BTreeMap::new();
    let mut canvases = BTreeSet::new();
    for year in [2019, 2021, 2023] {
        let name = format!("frames/nla-{year}.svg");
        let svg = std::fs::read_to_string(output.path(&name)).unwrap();
        let picture = read(&svg);
        let view_box = svg
            .split("viewBox=\"")
            .nth(1)
            .and_then(|v| v.split('"').next());
        canvases.insert(view_box.unwrap_or_default().to_string());
        let mut on_edges = Vec::new();
        for edge in picture.edges.iter().filter(|edge| edge.label.is_some()) {
            let words = edge.words.trim();
            let Some(&number) = numbers_in(words).first() else {
                continue;
            };
            assert!(
                [format!("[{number}]"), format!("new: [{number}]")].contains(&words.to_string()),
                "{name}: a number stands alone on its edge: `{words}`"
            );
            let first = tie_of.entry(number).or_insert_with(|| edge.name.clone());
            assert_eq!(*first, edge.name, "{name}: [{number}] marks one tie");
            on_edges.push(number);
        }
        let (legend, mut listed) = legend_and_list(&picture);
        listed.sort_unstable();
        on_edges.sort_unstable();
        assert_eq!(
            on_edges, listed,
            "{name}: each number drawn is listed: {legend}"
        );
    }
    assert_eq!(canvases.len(), 1, "one canvas: {canvases:?}");
    let numbered = tie_of.len();
    assert!(numbered > 0, "no date numbered: {}", output.stdout);
    let note = format!("{numbered} dates found no clear place beside their ties, so they are drawn as [1]–[{numbered}]");
    assert!(
        output.stdout.contains(&note),
        "{note}\nnot in: {}",
        output.stdout
    );
    // Unnumbered, 16 of this storyboard's dates were crowded.
    let crowded = reported_crowded(&output.stdout);
    assert!(crowded < 12, "{crowded} crowded: {}", output.stdout);
}
