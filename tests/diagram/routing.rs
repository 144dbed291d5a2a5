//! Issue 12: an edge drawn across an actor it does not join reads as a tie
//! to that actor. Each picture's SVG, as Graphviz rendered it, is read back:
//! every edge's curve is sampled and must stay out of the box of every
//! actor but its two ends.

use super::*;

/// An actor's box in the SVG's own coordinates: `[x0, y0, x1, y1]`.
type Box4 = [f64; 4];

/// Pairs of numbers (`x,y`) in an SVG attribute's text.
fn pairs(text: &str) -> Vec<[f64; 2]> {
    let numbers: Vec<f64> = text
        .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
        .filter_map(|n| n.parse().ok())
        .collect();
    numbers.chunks_exact(2).map(|p| [p[0], p[1]]).collect()
}

/// The values of `key="…"` in `text`, in order.
fn values<'t>(text: &'t str, key: &str) -> Vec<&'t str> {
    text.split(&format!(" {key}=\""))
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect()
}

fn unescape(text: &str) -> String {
    text.replace("&#45;", "-")
        .replace("&gt;", ">")
        .replace("&lt;", "<")
        .replace("&amp;", "&")
}

/// Each actor node's box, by name, and each edge's ends and curves (every
/// line of a double line), from an SVG Graphviz wrote.
#[allow(clippy::type_complexity)]
fn read_svg(
    svg: &str,
) -> (
    BTreeMap<String, Box4>,
    Vec<(String, String, Vec<Vec<[f64; 2]>>)>,
) {
    let mut nodes = BTreeMap::new();
    let mut edges = Vec::new();
    for block in svg.split("class=\"").skip(1) {
        let title = block
            .split("<title>")
            .nth(1)
            .and_then(|t| t.split("</title>").next())
            .map(unescape);
        let Some(title) = title else { continue };
        // The group's own drawing: the block runs up to the next group's class.
        let body = block;
        if block.starts_with("node\"") && title.starts_with("a:") {
            let mut points: Vec<[f64; 2]> = Vec::new();
            for list in values(body, "points") {
                points.extend(pairs(list));
            }
            for path in values(body, "d") {
                points.extend(pairs(path));
            }
            for ellipse in body.split("<ellipse").skip(1) {
                let at = |key: &str| values(ellipse, key)[0].parse::<f64>().unwrap();
                let (cx, cy, rx, ry) = (at("cx"), at("cy"), at("rx"), at("ry"));
                points.extend([[cx - rx, cy - ry], [cx + rx, cy + ry]]);
            }
            assert!(!points.is_empty(), "{title} has no outline");
            let low = |axis: usize| points.iter().map(|p| p[axis]).fold(f64::MAX, f64::min);
            let high = |axis: usize| points.iter().map(|p| p[axis]).fold(f64::MIN, f64::max);
            nodes.insert(title, [low(0), low(1), high(0), high(1)]);
        } else if block.starts_with("edge") {
            let Some((from, to)) = title.split_once("->") else {
                continue;
            };
            let curves: Vec<Vec<[f64; 2]>> = body
                .split("<path")
                .skip(1)
                .filter_map(|p| values(p, "d").first().map(|d| pairs(d)))
                .collect();
            edges.push((from.to_string(), to.to_string(), curves));
        }
    }
    (nodes, edges)
}

/// Points along a Graphviz curve (`M` then cubic Bézier control points).
fn along(points: &[[f64; 2]]) -> Vec<[f64; 2]> {
    let mut out = Vec::new();
    for curve in points.windows(4).step_by(3) {
        for k in 0..=48 {
            let t = f64::from(k) / 48.0;
            let w = [
                (1.0 - t).powi(3),
                3.0 * t * (1.0 - t).powi(2),
                3.0 * t * t * (1.0 - t),
                t.powi(3),
            ];
            let at = |axis: usize| (0..4).map(|i| w[i] * curve[i][axis]).sum::<f64>();
            out.push([at(0), at(1)]);
        }
    }
    out
}

/// Room, in points, an edge may pass inside a box's edge: a line grazing a
/// node's outline does not cross it.
const GRAZE: f64 = 2.0;

/// "from -> to through X" for each edge that crosses an actor it does not
/// join, in an SVG; also how many edges were read.
pub(super) fn edges_through_nodes(svg: &str) -> (Vec<String>, usize) {
    let (nodes, edges) = read_svg(svg);
    let mut crossings = Vec::new();
    for (from, to, curves) in &edges {
        for point in curves.iter().flat_map(|c| along(c)) {
            let inside = nodes.iter().find(|(name, [x0, y0, x1, y1])| {
                *name != from
                    && *name != to
                    && (x0 + GRAZE..x1 - GRAZE).contains(&point[0])
                    && (y0 + GRAZE..y1 - GRAZE).contains(&point[1])
            });
            if let Some((name, _)) = inside {
                crossings.push(format!("{from} -> {to} through {name}"));
                break;
            }
        }
    }
    (crossings, edges.len())
}

#[test]
fn no_edge_of_a_picture_crosses_an_actor_it_does_not_join() {
    if !graphviz() {
        return;
    }
    for words in [
        "JNIM depth 1",
        "JNIM depth 2",
        "JNIM depth 2 as of 2023-02",
        "AQIM depth 2",
        "all via alliance, hostility as of 2023-02",
    ] {
        let output = Test::new()
            .words(&format!("export dot {words} to $TMP/slide.svg"))
            .stdout_matches(|out| out.starts_with("wrote "))
            .run();
        let svg = std::fs::read_to_string(output.path("slide.svg")).unwrap();
        let (crossings, edges) = edges_through_nodes(&svg);
        assert!(edges > 10, "{words}: {edges} edges read");
        assert!(crossings.is_empty(), "{words}: {crossings:#?}");
    }
}

#[test]
fn no_edge_of_a_storyboard_frame_crosses_an_actor_it_does_not_join() {
    if !graphviz() {
        return;
    }
    for (words, stem) in [
        ("JNIM depth 2 frames 2016..2023", "jnim"),
        ("all frames 2012..2023 step 3", "all"),
    ] {
        let output = Test::new()
            .words(&format!("export dot {words} to $TMP/frames/"))
            .stdout_matches(|out| out.starts_with("wrote "))
            .run();
        let mut read = 0;
        for entry in std::fs::read_dir(output.path("frames")).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            assert!(name.starts_with(stem), "{name}");
            let svg = std::fs::read_to_string(&path).unwrap();
            let (crossings, edges) = edges_through_nodes(&svg);
            read += edges;
            assert!(crossings.is_empty(), "{name}: {crossings:#?}");
        }
        assert!(read > 50, "{words}: {read} edges read");
    }
}
