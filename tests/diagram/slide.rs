//! Issue 12: pictures go straight onto a 16:9 slide. Each is measured on
//! the SVG Graphviz renders: its size on the page, and its node text once
//! Graphviz has scaled the drawing to fit.

use super::*;

/// A picture as drawn: its size in points and its smallest node text in
/// points once scaled onto the page.
pub(super) struct Measured {
    pub(super) width: f64,
    pub(super) height: f64,
    pub(super) text_points: f64,
    pub(super) svg: String,
}

/// The number after `key="` in `text`, read up to the next quote, without a
/// unit.
fn number_after(text: &str, key: &str) -> f64 {
    let start = text.find(key).unwrap_or_else(|| panic!("no {key}")) + key.len();
    let value: String = text[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    value
        .parse()
        .unwrap_or_else(|_| panic!("{key} is {value:?}"))
}

/// Measures the SVG `svg`: the page size from `width`/`height`, the scale
/// from the drawing's `transform`, and the smallest font of an actor node.
pub(super) fn measure(svg: String) -> Measured {
    let width = number_after(&svg, "<svg width=\"");
    let height = number_after(&svg, " height=\"");
    let scale = number_after(&svg, "transform=\"scale(");
    let mut smallest = f64::MAX;
    for node in svg.split("class=\"node\"").skip(1) {
        let node = node.split("</g>").next().unwrap();
        if !node.contains("<title>a:") {
            continue;
        }
        for text in node.split("<text ").skip(1) {
            smallest = smallest.min(number_after(text, "font-size=\""));
        }
    }
    assert!(smallest < f64::MAX, "no actor node in the picture");
    Measured {
        width,
        height,
        text_points: smallest * scale,
        svg,
    }
}

/// `export dot WORDS to slide.svg` with the binary, on the bundled graph:
/// what it reported and the picture it drew.
fn export_svg(words: &str) -> (String, Measured) {
    let output = Test::new()
        .words(&format!("export dot {words} to $TMP/slide.svg"))
        .stdout_matches(|out| out.starts_with("wrote "))
        .run();
    let svg = std::fs::read_to_string(output.path("slide.svg")).unwrap();
    (output.stdout, measure(svg))
}

/// 13.33 × 7.5 in, in points (Graphviz rounds to the point).
pub(super) const SLIDE: (f64, f64) = (13.33 * 72.0 + 1.0, 7.5 * 72.0 + 1.0);

#[test]
fn each_picture_fits_a_slide_with_text_of_at_least_14_pt() {
    if !graphviz() {
        return;
    }
    for words in PICTURES {
        let (report, picture) = export_svg(words);
        assert!(
            picture.width <= SLIDE.0 && picture.height <= SLIDE.1,
            "{words}: {} × {} pt is larger than the slide",
            picture.width,
            picture.height
        );
        assert!(
            picture.text_points >= 14.0,
            "{words}: node text is {:.1} pt on the slide",
            picture.text_points
        );
        // The report says what was measured here (the SVG's scale is
        // rounded), and warns of nothing.
        assert!(
            report.contains("sized for a 16:9 slide (13.33 × 7.5 in)"),
            "{report}"
        );
        let said = number_after(&report, "node text ");
        assert!(
            (said - picture.text_points).abs() <= 0.25,
            "{words}: {report} (measured {:.2} pt)",
            picture.text_points
        );
        assert!(!report.contains("warning"), "{words}: {report}");
    }
}

#[test]
fn the_whole_graph_warns_and_says_how_to_narrow_it() {
    if !graphviz() {
        return;
    }
    let (report, picture) = export_svg("all");
    assert!(picture.width <= SLIDE.0 && picture.height <= SLIDE.1);
    if picture.text_points < 14.0 {
        assert!(report.contains("\nwarning: node text is"), "{report}");
        for advice in ["`via`", "`depth`", "time window"] {
            assert!(report.contains(advice), "{report}");
        }
    } else {
        assert!(!report.contains("warning"), "{report}");
    }
}

#[test]
fn every_picture_carries_its_sources_and_the_datas_date() {
    if !graphviz() {
        return;
    }
    for words in [
        "JNIM depth 1",
        "JNIM depth 2 as of 2023-02",
        "AQIM depth 2",
        "all via alliance, hostility as of 2023-02",
        "all",
    ] {
        let (_, picture) = export_svg(words);
        let svg = &picture.svg;
        assert!(svg.contains(">Sources: "), "{words}: no sources footer");
        assert!(
            svg.contains("Critical Threats Project, Feb 2023"),
            "{words}: the report is not cited"
        );
        assert!(
            svg.contains("Data as of February 2023."),
            "{words}: no data date"
        );
    }
}

#[test]
fn the_page_options_size_the_picture() {
    if !graphviz() {
        return;
    }
    for (words, page, inches) in [
        ("page A4", "an A4 page (11.69 × 8.27 in)", (11.69, 8.27)),
        ("page 4:3", "a 4:3 slide (10 × 7.5 in)", (10.0, 7.5)),
        ("size 6,4", "a page (6 × 4 in)", (6.0, 4.0)),
    ] {
        let (report, picture) = export_svg(&format!("JNIM depth 2 {words}"));
        assert!(report.contains(&format!("sized for {page}")), "{report}");
        assert!(
            picture.width <= inches.0 * 72.0 + 1.0 && picture.height <= inches.1 * 72.0 + 1.0,
            "{words}: {} × {} pt",
            picture.width,
            picture.height
        );
    }
    // A page that small for two hops says so.
    let (report, _) = export_svg("JNIM depth 2 size 6,4");
    assert!(report.contains("warning: node text is"), "{report}");
    // DOT text stays unsized unless a page is asked for.
    let dot = Test::new()
        .words("export dot JNIM")
        .stdout_matches(|out| out.contains("\ndigraph"))
        .run()
        .stdout;
    assert!(!dot.contains(" size="), "unsized DOT");
    let dot = Test::new()
        .words("export dot JNIM page A4")
        .stdout_matches(|out| out.contains("\ndigraph"))
        .run()
        .stdout;
    assert!(dot.contains(" size=\"11.69,8.27\""), "sized DOT");
}

#[test]
fn a_bad_page_is_refused_at_its_word() {
    for (words, message) in [
        (
            "page B5",
            "expected a page: `A4`, `4:3` or `16:9`, found `B5`",
        ),
        ("size 0,4", "a width between 1 and 200 inches, found `0`"),
        (
            "size 10",
            "expected a width and height in inches, such as 10,5.63",
        ),
        ("page A4 size 5,5", "`size`"),
    ] {
        Test::new()
            .words(&format!("export dot JNIM {words} to $TMP/x.svg"))
            .stderr_matches(move |err| err.contains(message))
            .status(1)
            .run();
    }
}

/// Each actor's column in a focus view's DOT, from its `rank=same` lines.
fn columns(text: &str) -> BTreeMap<String, i32> {
    let mut columns = BTreeMap::new();
    for line in text.lines().filter(|l| l.contains("rank=same")) {
        let names: Vec<&str> = line
            .split('"')
            .enumerate()
            .filter(|(i, _)| i % 2 == 1)
            .map(|(_, n)| n)
            .collect();
        let column: i32 = names
            .iter()
            .find_map(|n| n.strip_prefix("column:"))
            .expect("a column anchor")
            .parse()
            .unwrap();
        for name in names.iter().filter(|n| n.starts_with("a:")) {
            columns.insert(name.to_string(), column);
        }
    }
    columns
}

fn focus_view(focus: &str, depth: usize) -> String {
    let graph = sahel();
    let spec = DiagramSpec {
        focus: Some(graph.resolve(focus).unwrap()),
        depth,
        filter: TieFilter::default().during(as_of("2023-02")),
        ..DiagramSpec::default()
    };
    to_dot(&graph, &spec)
}

#[test]
fn a_focus_view_reads_camp_left_allies_beside_enemies_right() {
    let text = focus_view("jnim", 1);
    assert!(text.contains("rankdir=\"LR\""));
    let column = columns(&text);
    assert_eq!(column["a:jnim"], 0);
    // Members, leaders and patrons on the left.
    for camp in [
        "a:ansar-al-din",
        "a:mlf",
        "a:iyad-ag-ghali",
        "a:al-qaeda",
        "a:aqim",
    ] {
        assert!(column[camp] < 0, "{camp} is in column {}", column[camp]);
    }
    // Allies and courted actors beside the focus, in its column.
    for near in [
        "a:daoussak",
        "a:daoussak-militias",
        "a:northern-communities",
    ] {
        assert_eq!(column[near], 0, "{near}");
    }
    // Enemies and targets on the right; rivals too, though JNIM also
    // courts them: never among its members.
    for enemy in [
        "a:fama",
        "a:malian-junta",
        "a:isgs",
        "a:wagner",
        "a:pro-separatist-rebels",
    ] {
        assert!(column[enemy] > 0, "{enemy} is in column {}", column[enemy]);
    }
    // No column runs off the page: at most eight actors, a box aside.
    let mut sizes: BTreeMap<i32, usize> = BTreeMap::new();
    for c in column.values() {
        *sizes.entry(*c).or_default() += 1;
    }
    assert!(sizes.values().all(|n| *n <= 8), "{sizes:?}");
}

#[test]
fn the_second_ring_stands_outside_the_first_and_the_focus_stays_central() {
    // AQIM's own ties are all of its camp; its camp's enemies at two hops
    // stand on the other side, so AQIM is not pushed to the edge.
    let text = focus_view("aqim", 2);
    let column = columns(&text);
    assert_eq!(column["a:aqim"], 0);
    let (left, right) = (
        *column.values().min().unwrap(),
        *column.values().max().unwrap(),
    );
    assert!(left < 0 && right > 0, "AQIM is at an edge: {left}..{right}");
    assert!(column["a:jnim"] < 0);
    assert!(
        column["a:malian-junta"] > 0,
        "JNIM's enemy faces AQIM's camp"
    );
    // In JNIM's two-hop view, Islamic State (ISGS's parent, two hops out)
    // stands no nearer than ISGS.
    let column = columns(&focus_view("jnim", 2));
    assert!(column["a:islamic-state"] >= column["a:isgs"]);
}

#[test]
fn storyboard_frames_fit_the_slide_at_one_scale() {
    if !graphviz() {
        return;
    }
    let output = Test::new()
        .words("export dot JNIM depth 1 frames 2021..2023 to $TMP/frames/")
        .stdout_matches(|out| out.starts_with("wrote 3 frames:"))
        .run();
    let mut sizes = Vec::new();
    for year in 2021..=2023 {
        let svg = std::fs::read_to_string(output.path(&format!("frames/jnim-{year}.svg"))).unwrap();
        let width = number_after(&svg, "<svg width=\"");
        let height = number_after(&svg, " height=\"");
        assert!(
            width <= SLIDE.0 && height <= SLIDE.1,
            "{year}: {width} × {height}"
        );
        sizes.push((width, height, number_after(&svg, "transform=\"scale(")));
    }
    assert!(sizes.windows(2).all(|w| w[0] == w[1]), "{sizes:?}");
}
