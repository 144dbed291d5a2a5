//! Issue 12: every text a picture carries, read from the SVG Graphviz
//! renders: each kind (node names, date labels, titles and box labels, the
//! legend, the sources footer) at or above its floor once the picture is
//! scaled onto the slide, and each date label on its own edge, in every
//! `dates` mode.

use super::font::{ASCENT, DESCENT};
use super::slides::spline_points;
use super::*;

/// The least size of each kind of text on the slide, in points, as
/// docs/DIAGRAMS.md gives them.
pub(super) const FLOORS: [(&str, f64); 5] = [
    ("node text", 14.0),
    ("date labels", 12.0),
    ("titles", 12.0),
    ("legend", 10.0),
    ("sources", 10.0),
];

/// A point of the drawing, in the SVG's units.
type Point = [f64; 2];

/// One edge as drawn: the two actors it joins, the points along its
/// strokes, its labels, and whether a leader joins its label to it.
#[derive(Default)]
struct Edge {
    /// Its SVG `id`: a storyboard frame's is its tie's.
    id: String,
    ends: (String, String),
    strokes: Vec<Point>,
    labels: Vec<Label>,
    leader: bool,
}

/// A date label: its words, the middle of its lines and the size of its
/// letters, in the SVG's units.
struct Label {
    text: String,
    centre: Point,
    size: f64,
}

/// What the SVG draws: the scale onto the page, the size on the page of
/// every text of each kind, and the edges.
pub(super) struct Drawn {
    pub(super) sizes: BTreeMap<&'static str, Vec<f64>>,
    edges: Vec<Edge>,
}

/// The value of `key="…"` in an SVG element.
fn attribute<'s>(element: &'s str, key: &str) -> Option<&'s str> {
    let start = element.find(&format!(" {key}=\""))? + key.len() + 3;
    let end = element[start..].find('"')? + start;
    Some(&element[start..end])
}

/// `x,y` pairs separated by spaces; `M` and `C` of a path are separators.
fn pairs(text: &str) -> Vec<Point> {
    text.replace(['M', 'C'], " ")
        .split_whitespace()
        .filter_map(|pair| {
            let (x, y) = pair.split_once(',')?;
            Some([x.parse().ok()?, y.parse().ok()?])
        })
        .collect()
}

/// Each element named `tag` in `section`, from its name to its end.
fn elements<'s>(section: &'s str, tag: &str) -> Vec<&'s str> {
    section
        .split(&format!("<{tag} "))
        .skip(1)
        .map(|e| e.split("</").next().unwrap_or(e))
        .collect()
}

/// Reads the picture: Graphviz writes the graph's label (legend and
/// footer) in the group `a_graph0`, then one group per cluster, node and
/// edge, each with its own anchors (`a_…`) nested inside.
pub(super) fn read(svg: &str) -> Drawn {
    let scale: f64 = attribute(svg, "transform")
        .and_then(|t| t.strip_prefix("scale("))
        .and_then(|t| t.split_whitespace().next())
        .and_then(|t| t.parse().ok())
        .expect("a scale");
    let mut sizes: BTreeMap<&'static str, Vec<f64>> = BTreeMap::new();
    let mut edges = Vec::new();
    let mut kind = "";
    for section in svg.split("\n<g id=\"").skip(1) {
        let id = section.split('"').next().unwrap();
        let title = section
            .split("<title>")
            .nth(1)
            .and_then(|t| t.split("</title>").next())
            .unwrap_or_default();
        if id == "a_graph0" {
            kind = "graph";
        } else if id.starts_with("clust") {
            kind = "titles";
        } else if id.starts_with("node") {
            kind = if title.starts_with("a:") {
                "node text"
            } else if title == "frame:title" {
                // A storyboard frame's title is a pinned node.
                "titles"
            } else {
                "other"
            };
        } else if id.starts_with("edge") || id.starts_with("tie") {
            // A storyboard frame names each edge by its tie.
            kind = "date labels";
            let (from, to) = title.split_once("&#45;&gt;").unwrap_or_default();
            let mut ends = (from.to_string(), to.to_string());
            if ends.0 > ends.1 {
                ends = (ends.1, ends.0);
            }
            edges.push(Edge {
                id: id.to_string(),
                ends,
                ..Edge::default()
            });
        } else if !id.starts_with("a_") {
            kind = "other";
        }
        let texts: Vec<(f64, Point, String)> = elements(section, "text")
            .into_iter()
            .filter_map(|t| {
                let words = t.split('>').nth(1)?.to_string();
                let size: f64 = attribute(t, "font-size")?.parse().ok()?;
                let at = [
                    attribute(t, "x")?.parse().ok()?,
                    attribute(t, "y")?.parse().ok()?,
                ];
                (!words.trim().is_empty()).then_some((size * scale, at, words))
            })
            .collect();
        match kind {
            "graph" => {
                // The footer opens with "Sources" or "Data"; the SVG's y
                // grows downwards, so it is that line and all below it.
                let top = texts
                    .iter()
                    .filter(|(_, _, w)| w.starts_with("Sources") || w.starts_with("Data "))
                    .map(|(_, at, _)| at[1])
                    .fold(f64::INFINITY, f64::min);
                for (size, at, _) in &texts {
                    let kind = if at[1] >= top - 0.5 {
                        "sources"
                    } else {
                        "legend"
                    };
                    sizes.entry(kind).or_default().push(*size);
                }
            }
            "date labels" => {
                let edge = edges.last_mut().unwrap();
                for path in elements(section, "path") {
                    let points = pairs(attribute(path, "d").unwrap_or_default());
                    edge.strokes.extend(spline_points(&points));
                }
                // Graphviz's `decorate`: a line under the label and on to
                // its edge (`tests/diagram/labels.rs` checks where it runs).
                edge.leader = !elements(section, "polyline").is_empty();
                if !texts.is_empty() {
                    let n = texts.len() as f64;
                    // A text is anchored at its baseline: its letters'
                    // middle stands above it by half their height less
                    // their descent (its size here is on the page, scaled).
                    // Taken for the middle, the baseline read a short label
                    // under its own line as nearer the next line down.
                    let above = |size: f64| size * (ASCENT - DESCENT) / 2.0;
                    let centre = [
                        texts.iter().map(|t| t.1[0]).sum::<f64>() / n,
                        texts
                            .iter()
                            .map(|t| t.1[1] - above(t.0 / scale))
                            .sum::<f64>()
                            / n,
                    ];
                    let text: Vec<&str> = texts.iter().map(|t| t.2.as_str()).collect();
                    edge.labels.push(Label {
                        text: text.join(" "),
                        centre,
                        size: texts[0].0 / scale,
                    });
                }
                if !texts.is_empty() {
                    let entry = sizes.entry("date labels").or_default();
                    entry.extend(texts.iter().map(|t| t.0));
                }
            }
            "other" => {}
            kind => {
                let kind = FLOORS.iter().find(|(k, _)| *k == kind).unwrap().0;
                sizes
                    .entry(kind)
                    .or_default()
                    .extend(texts.iter().map(|t| t.0));
            }
        }
    }
    Drawn { sizes, edges }
}

impl Drawn {
    /// Each edge's date label, by the edge's `id`: its words, the middle
    /// of its lines and the size of its letters.
    pub(super) fn labels_by_id(&self) -> BTreeMap<&str, (&str, Point, f64)> {
        self.edges
            .iter()
            .filter_map(|edge| {
                let label = edge.labels.first()?;
                Some((
                    edge.id.as_str(),
                    (label.text.as_str(), label.centre, label.size),
                ))
            })
            .collect()
    }
}

/// `export dot WORDS to slide.svg`: what it reported and what it drew.
fn picture(words: &str) -> (String, String) {
    let output = Test::new()
        .words(&format!("export dot {words} to $TMP/slide.svg"))
        .stdout_matches(|out| out.starts_with("wrote "))
        .run();
    let svg = std::fs::read_to_string(output.path("slide.svg")).unwrap();
    (output.stdout, svg)
}

#[test]
fn every_kind_of_text_meets_its_floor_on_the_slide() {
    if !graphviz() {
        return;
    }
    for words in PICTURES {
        let (report, svg) = picture(words);
        let drawn = read(&svg);
        for (kind, floor) in FLOORS {
            let Some(sizes) = drawn.sizes.get(kind) else {
                // Only a view with no date label lacks a kind of text.
                assert_eq!(kind, "date labels", "{words}: no {kind}");
                assert!(!report.contains("date labels"), "{words}: {report}");
                continue;
            };
            let smallest = sizes.iter().copied().fold(f64::MAX, f64::min);
            // The SVG's scale is rounded to the hundredth.
            assert!(
                smallest + 0.1 >= floor,
                "{words}: {kind} is {smallest:.2} pt on the slide, under {floor}"
            );
            // The report says what was measured here.
            let said: f64 = report
                .split(&format!("{kind} "))
                .nth(1)
                .and_then(|r| r.split(" pt").next())
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("{words}: the report names no {kind}: {report}"));
            assert!(
                (said - smallest).abs() <= 0.25,
                "{words}: {kind} said {said}, measured {smallest:.2}: {report}"
            );
        }
        assert!(!report.contains("warning"), "{words}: {report}");
    }
}

#[test]
fn a_page_too_small_warns_of_each_kind_of_text_too_small() {
    if !graphviz() {
        return;
    }
    let (report, svg) = picture("JNIM depth 1 size 6,4");
    let drawn = read(&svg);
    // The warning's own line, not the notes after it.
    let warning = report
        .split("\nwarning: ")
        .nth(1)
        .and_then(|rest| rest.lines().next())
        .expect("a warning");
    for (kind, floor) in FLOORS {
        let smallest = drawn.sizes[kind].iter().copied().fold(f64::MAX, f64::min);
        if smallest + 0.1 < floor {
            assert!(warning.contains(kind), "{kind} at {smallest:.1}: {report}");
        }
    }
    assert!(warning.contains("`dates changes`"), "{report}");
}

/// How far `point` is from the nearest point of `line`.
fn distance(point: Point, line: &[Point]) -> f64 {
    line.iter()
        .map(|p| ((p[0] - point[0]).powi(2) + (p[1] - point[1]).powi(2)).sqrt())
        .fold(f64::MAX, f64::min)
}

#[test]
fn every_date_label_sits_on_its_own_edge_in_every_dates_mode() {
    if !graphviz() {
        return;
    }
    for words in PICTURES {
        let mut labels = 0;
        for dates in ["", " dates on", " dates changes"] {
            let (report, svg) = picture(&format!("{words}{dates}"));
            let drawn = read(&svg);
            // Where ties crowd, the export may leave a few dates nearer
            // another edge, and must say how many; a date joined to its
            // edge by a leader is not astray.
            let mut astray = Vec::new();
            for (i, edge) in drawn.edges.iter().enumerate().filter(|(_, e)| !e.leader) {
                for label in &edge.labels {
                    labels += 1;
                    let mine = distance(label.centre, &edge.strokes);
                    for (j, other) in drawn.edges.iter().enumerate() {
                        // A tie between the same two actors with the same
                        // dates says them once, and may share the path.
                        let same_dates = other.ends == edge.ends && other.labels.is_empty();
                        if i == j || other.strokes.is_empty() || same_dates {
                            continue;
                        }
                        let theirs = distance(label.centre, &other.strokes);
                        if mine >= theirs {
                            astray.push(format!(
                                "`{}` is {mine:.1} from its edge, {theirs:.1} from another",
                                label.text
                            ));
                            break;
                        }
                    }
                }
            }
            let allowed = super::labels::reported_crowded(&report);
            assert!(
                astray.len() <= allowed,
                "{words}{dates}: {} labels nearer another edge, {allowed} reported:\n{}",
                astray.len(),
                astray.join("\n")
            );
        }
        assert!(labels > 5, "{words}: {labels} labels");
    }
}
