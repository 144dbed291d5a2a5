//! Issue 12: storyboard frames are slide pictures. Each frame is measured
//! on the SVG Graphviz renders: its shape and size on the page, its node
//! text once scaled, the focus layout, its legend; and the run reports the
//! text size once, with the warning a single picture gives.

use super::slide::{measure, SLIDE};
use super::*;
use std::collections::BTreeSet;

/// Where each actor's label is drawn in an SVG frame: (x, y) by node name.
fn places(svg: &str) -> BTreeMap<String, (f64, f64)> {
    let mut places = BTreeMap::new();
    for block in svg.split("class=\"node\"").skip(1) {
        let title = block
            .split("<title>")
            .nth(1)
            .unwrap()
            .split("</title>")
            .next()
            .unwrap();
        if !title.starts_with("a:") {
            continue;
        }
        let text = block.split("<text ").nth(1).unwrap();
        let at = |key: &str| -> f64 {
            text.split(key)
                .nth(1)
                .and_then(|s| s.split('"').next())
                .unwrap()
                .parse()
                .unwrap()
        };
        places.insert(title.replace("&#45;", "-"), (at(" x=\""), at(" y=\"")));
    }
    places
}

/// The SVG of the node titled `title`, up to the next node or edge.
fn node_block<'s>(svg: &'s str, title: &str) -> &'s str {
    let at = svg
        .find(&format!("<title>{title}</title>"))
        .unwrap_or_else(|| panic!("no {title} drawn"));
    let rest = &svg[at..];
    let end = rest[1..].find("<title>").map_or(rest.len(), |e| e + 1);
    &rest[..end]
}

#[test]
fn storyboard_frames_are_slide_pictures_laid_out_by_role() {
    if !graphviz() {
        return;
    }
    let output = Test::new()
        .words("export dot JNIM depth 2 frames 2012..2023 step 2 to $TMP/frames/")
        // JNIM's life begins in 2017: the years before it are skipped.
        .stdout_matches(|out| {
            out.starts_with("wrote 3 frames:")
                && out.contains("note: no frame for 2012–2016: JNIM is not active then")
        })
        .run();
    // One report for the run, with the single picture's warning.
    let report = &output.stdout;
    assert_eq!(
        report.matches("frames sized for a 16:9 slide").count(),
        1,
        "{report}"
    );
    let reported: f64 = report
        .split("node text ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{report}"));
    assert!(
        reported < 14.0,
        "the union of three years is dense: {report}"
    );
    assert!(report.contains("warning: node text is"), "{report}");
    assert!(report.contains("in every frame"), "{report}");

    let mut canvases = BTreeSet::new();
    let mut first_places: BTreeMap<String, (f64, f64)> = BTreeMap::new();
    for year in (2018..=2022).step_by(2) {
        let svg = std::fs::read_to_string(output.path(&format!("frames/jnim-{year}.svg"))).unwrap();
        assert!(
            svg.contains("Ties drawn in 2018–2022"),
            "{year}: the legend says it is the run's"
        );
        assert!(
            svg.contains("Sources of the ties drawn in 2018–2022: "),
            "{year}: the footer says its sources are the run's"
        );
        let drawn = places(&svg);
        for (node, at) in &drawn {
            let first = first_places.entry(node.clone()).or_insert(*at);
            assert_eq!(first, at, "{node} moves in {year}");
        }
        assert_eq!(drawn.contains_key("a:jnim"), year >= 2017, "JNIM in {year}");
        // The junta began "on or before 2021": before 2021 it may not exist
        // yet, and the frame says so on the actor, not on its ties alone.
        let junta = node_block(&svg, "a:malian&#45;junta");
        let unsure = year < 2021;
        assert_eq!(junta.contains(">Malian junta?<"), unsure, "{year}: {junta}");
        assert_eq!(
            junta.contains("stroke-dasharray"),
            unsure,
            "{year}: {junta}"
        );
        assert_eq!(
            junta.contains("xlink:title=\"may not exist then: began on or before 2021,"),
            unsure,
            "{year}: {junta}"
        );
        assert!(
            svg.contains("dotted outline: may not exist then"),
            "{year}: the run's legend explains it"
        );
        if drawn.is_empty() {
            continue;
        }
        let frame = measure(svg);
        // The page's shape, filling the slide.
        assert!(
            frame.width <= SLIDE.0 && frame.height <= SLIDE.1,
            "{year}: {} × {}",
            frame.width,
            frame.height
        );
        assert!(
            (frame.width / frame.height - 13.33 / 7.5).abs() < 0.01,
            "{year}: {} × {} is not 16:9",
            frame.width,
            frame.height
        );
        assert!(frame.width > SLIDE.0 - 3.0, "{year}: fills the slide");
        assert!(
            (frame.text_points - reported).abs() < 0.1,
            "{year}: node text {} pt, reported {reported}",
            frame.text_points
        );
        canvases.insert(format!("{} × {}", frame.width, frame.height));
        // By role: the focus's camp on its left, its enemies on its right.
        if year >= 2018 {
            let x = |actor: &str| drawn[actor].0;
            assert!(
                x("a:ansar-al-din") < x("a:jnim"),
                "{year}: a member on the left"
            );
            assert!(x("a:mali") > x("a:jnim"), "{year}: an enemy on the right");
            assert!(
                x("a:malian-junta") > x("a:jnim"),
                "{year}: an enemy on the right"
            );
        }
    }
    assert_eq!(canvases.len(), 1, "every frame the same size: {canvases:?}");
}

#[test]
fn every_kind_of_text_of_every_frame_is_measured_as_a_pictures_is() {
    if !graphviz() {
        return;
    }
    // The storyboard of docs/DIAGRAMS.md.
    let output = Test::new()
        .words("export dot JNIM depth 1 frames 2017..2023 step 3 to $TMP/frames/")
        .stdout_matches(|out| out.starts_with("wrote 3 frames:"))
        .run();
    let report = &output.stdout;
    // Each kind's smallest size on the slide in any frame, read from the SVGs.
    let mut smallest: BTreeMap<&str, f64> = BTreeMap::new();
    for year in [2017, 2020, 2023] {
        let svg = std::fs::read_to_string(output.path(&format!("frames/jnim-{year}.svg"))).unwrap();
        for (kind, sizes) in super::text::read(&svg).sizes {
            let least = sizes.iter().copied().fold(f64::MAX, f64::min);
            let slot = smallest.entry(kind).or_insert(least);
            *slot = slot.min(least);
        }
    }
    let sizes = report.lines().nth(4).unwrap_or_else(|| panic!("{report}"));
    assert!(sizes.ends_with(" in every frame"), "{report}");
    // The warning's own line: the notes after it may name a legend too.
    let warning = report
        .split("\nwarning: ")
        .nth(1)
        .and_then(|rest| rest.lines().next())
        .unwrap_or_default();
    for (kind, floor) in super::text::FLOORS {
        let drawn = smallest[kind];
        let said: f64 = sizes
            .split(&format!("{kind} "))
            .nth(1)
            .and_then(|r| r.split(" pt").next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("the report names no {kind}: {report}"));
        // The SVG's scale is rounded to the hundredth.
        assert!(
            (said - drawn).abs() <= 0.25,
            "{kind} said {said}, drawn {drawn:.2}: {report}"
        );
        assert_eq!(
            warning.contains(&format!("{kind} ")),
            said + 0.05 < floor,
            "{kind} at {said} against {floor}: {report}"
        );
    }
    if !warning.is_empty() {
        assert!(warning.contains("in every frame, under the"), "{report}");
        assert!(warning.contains("fewer years"), "{report}");
    }
}

#[test]
fn frames_take_the_page_asked_for() {
    if !graphviz() {
        return;
    }
    let output = Test::new()
        .words("export dot JNIM depth 1 frames 2021..2023 page 4:3 to $TMP/frames/*.svg")
        .stdout_matches(|out| out.contains("frames sized for a 4:3 slide (10 × 7.5 in)"))
        .run();
    for year in 2021..=2023 {
        let svg = std::fs::read_to_string(output.path(&format!("frames/jnim-{year}.svg"))).unwrap();
        let frame = measure(svg);
        assert!(
            (frame.width / frame.height - 4.0 / 3.0).abs() < 0.01,
            "{year}: {} × {}",
            frame.width,
            frame.height
        );
        assert!(frame.width <= 721.0, "{year}: {}", frame.width);
    }
}

#[test]
fn a_storyboard_steps_through_its_years() {
    if !graphviz() {
        return;
    }
    Test::new()
        .words("export dot JNIM depth 1 frames 2017..2023 step 3 to $TMP/frames/*.dot")
        .stdout_matches(|out| {
            out.starts_with("wrote 3 frames:")
                && out.contains("jnim-2017.dot")
                && out.contains("jnim-2020.dot")
                && out.contains("jnim-2023.dot")
        })
        .run();
}

#[test]
fn a_step_of_zero_is_refused() {
    // Too many frames is judged on the years with something to draw (a
    // unit test of query::eval::frames; the bundled graph's data spans 12
    // years); a range reaching outside them is drawn within them, as
    // tests/diagram/empty.rs shows.
    Test::new()
        .words("export dot JNIM frames 2012..2023 step 0 to $TMP/frames/")
        .failure()
        .stderr_matches(|err| err.contains("a step is at least 1 year"))
        .run();
}

#[test]
fn frames_outside_the_graphs_data_are_refused() {
    for (words, side) in [
        ("frames 1950..1960", "before"),
        ("frames 2030..2035", "after"),
    ] {
        Test::new()
            .words(&format!("export dot JNIM {words} to $TMP/frames/"))
            .failure()
            .stderr_matches(move |err| {
                err.contains(&format!(
                    "falls {side} the graph's data, which runs from 2012 to 2023"
                )) && err.contains("`frames 2012..2023`")
            })
            .run();
    }
}

/// Flipping a storyboard's frames, a tie's date stays where it stood: one
/// that moved would read as a change where there is none. Placed frame by
/// frame, 11 of the 17 dates drawn in two running frames of the Verdan
/// storyboard moved (up to 250 pt), and 5 of 20 of ISGS's. A date whose
/// words change ("new: since 2020", then "since 2020") keeps its side by
/// its line: its middle may shift by half the change of its width.
#[test]
fn a_ties_date_stays_where_it_stood_from_frame_to_frame() {
    if !graphviz() {
        return;
    }
    for (graph, words, stem, years) in [
        (
            Some(super::arrows::VERDAN),
            "\"Salt Brotherhood\" depth 1 frames 2017..2023 step 3",
            "brotherhood",
            vec![2017, 2020, 2023],
        ),
        (
            None,
            "ISGS depth 1 frames 2016..2024 step 2",
            "isgs",
            vec![],
        ),
    ] {
        let mut test = Test::new();
        if let Some(graph) = graph {
            test = test.args(&["-g", graph]);
        }
        let output = test
            .words(&format!("export dot {words} to $TMP/frames/"))
            .stdout_matches(|out| out.starts_with("wrote "))
            .run();
        let mut paths: Vec<PathBuf> = std::fs::read_dir(output.path("frames"))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| {
                path.file_name()
                    .is_some_and(|name| name.to_string_lossy().starts_with(stem))
            })
            .collect();
        paths.sort();
        if !years.is_empty() {
            assert_eq!(paths.len(), years.len(), "{paths:?}");
        }
        assert!(paths.len() >= 3, "{words}: {paths:?}");
        let frames: Vec<super::text::Drawn> = paths
            .iter()
            .map(|path| super::text::read(&std::fs::read_to_string(path).unwrap()))
            .collect();
        let mut compared = 0;
        for (pair, frames) in frames.windows(2).enumerate() {
            let (before, after) = (frames[0].labels_by_id(), frames[1].labels_by_id());
            for (id, (text, at, size)) in &before {
                let Some((now, then, _)) = after.get(id) else {
                    continue;
                };
                compared += 1;
                let changed = text.chars().count().abs_diff(now.chars().count()) as f64;
                let forgiven = 1.0 + changed * 0.3 * size;
                let moved = (at[0] - then[0]).hypot(at[1] - then[1]);
                assert!(
                    moved <= forgiven,
                    "{words}: {id} {text:?} moved {moved:.0} to {now:?} from {:?} to {:?}",
                    paths[pair],
                    paths[pair + 1]
                );
            }
        }
        assert!(
            compared >= 15,
            "{words}: only {compared} dates in two frames"
        );
    }
}

/// A tie is marked new in the frame of the start its source gives. Tarn's
/// TLF–Ahl al-Tarn alliance began "c. Jan 2023": the 2022 frame may draw
/// it, as possible, but marked it new there and not in 2023, which read as
/// an alliance of 2022.
#[test]
fn a_rough_start_is_new_in_the_frame_its_source_gives() {
    if !graphviz() {
        return;
    }
    let output = Test::new()
        .args(&["-g", super::arrows::TARN])
        .words(
            "export dot \"Tarn Liberation Front\" depth 1 frames 2021..2024 to $TMP/frames/*.dot",
        )
        .stdout_matches(|out| out.starts_with("wrote 4 frames:"))
        .run();
    let classes: Vec<String> = (2021..=2024)
        .map(|year| {
            let dot =
                std::fs::read_to_string(output.path(&format!("frames/tlf-{year}.dot"))).unwrap();
            dot.lines()
                .find(|line| {
                    line.contains("\"a:tlf\" -> \"a:ahl-tarn\"")
                        && line.contains("class=\"alliance")
                })
                .and_then(|line| line.split("class=\"").nth(1))
                .and_then(|rest| rest.split('"').next())
                .unwrap_or("not drawn")
                .to_string()
        })
        .collect();
    assert_eq!(
        classes,
        [
            "not drawn",
            "alliance uncertain possible",
            "alliance possible new",
            "alliance possible"
        ]
    );
}

/// A frame of a year the data does not reach the end of says so in its
/// title: the Sahel graph runs to February 2023, so its "2023" frame shows
/// two months of knowledge, not a year's.
#[test]
fn a_frame_past_the_datas_date_says_how_far_the_data_goes() {
    if !graphviz() {
        return;
    }
    let output = Test::new()
        .words("export dot JNIM depth 1 frames 2022..2023 to $TMP/frames/*.dot")
        .stdout_matches(|out| out.starts_with("wrote 2 frames:"))
        .run();
    let frame = |year: i32| {
        std::fs::read_to_string(output.path(&format!("frames/jnim-{year}.dot"))).unwrap()
    };
    assert!(
        frame(2022).contains("JNIM and its ties, 1 hop, in 2022\""),
        "{}",
        frame(2022)
    );
    assert!(
        frame(2023).contains("JNIM and its ties, 1 hop, in 2023 (data to Feb 2023)\""),
        "{}",
        frame(2023)
    );
}
