//! Issue 12 (cold check): a directed tie drawn as an arc beside a column
//! (two actors stacked in one column) had no arrowhead: Graphviz 2.43 turns
//! such a flat edge round and draws its head at neither end, so who
//! pledged allegiance to whom could not be read. Every directed tie the
//! DOT names must be drawn in the SVG with an arrowhead, at the actor it
//! points to, and no two ties' heads may be drawn on each other: Graphviz
//! aims every edge at an actor's centre, and Iyad ag Ghali's `leads` head
//! and the Daoussak leaders' allegiance head were drawn on one spot at
//! JNIM, so neither could be told from the other.

use super::routing::{read_svg, Box4};
use super::*;

/// A cold check's graph of a fictional conflict: 20 actors, 41 ties.
pub(super) const TARN: &str = "tests/data/diagram/tarn.ron";
/// Another cold check's fictional graph: 17 actors, 33 ties.
pub(super) const VERDAN: &str = "tests/data/diagram/verdan.ron";

/// The directed ties of a DOT text, as "from -> to" (actor nodes only).
fn directed(dot: &str) -> Vec<(String, String)> {
    dot.lines()
        .filter(|line| line.contains(" -> ") && line.contains("dir=\"forward\""))
        .filter_map(|line| {
            let mut names = line.split('"');
            let from = names.nth(1)?.to_string();
            let to = names.nth(1)?.to_string();
            Some((from, to))
        })
        .filter(|(from, to)| from.starts_with("a:") && to.starts_with("a:"))
        .collect()
}

fn centre(points: &[[f64; 2]]) -> [f64; 2] {
    let n = points.len().max(1) as f64;
    [
        points.iter().map(|p| p[0]).sum::<f64>() / n,
        points.iter().map(|p| p[1]).sum::<f64>() / n,
    ]
}

fn distance_to_box(point: [f64; 2], [x0, y0, x1, y1]: Box4) -> f64 {
    let dx = (x0 - point[0]).max(0.0).max(point[0] - x1);
    let dy = (y0 - point[1]).max(0.0).max(point[1] - y1);
    dx.hypot(dy)
}

/// Each directed tie of `dot` missing its arrowhead in `svg`, or drawing
/// it at the wrong actor; and how many directed ties were found drawn.
fn missing_heads(dot: &str, svg: &str) -> (Vec<String>, usize) {
    let (nodes, edges) = read_svg(svg);
    let wanted = directed(dot);
    let mut problems = Vec::new();
    let mut found = 0;
    let mut pairs: BTreeMap<(String, String), usize> = BTreeMap::new();
    for pair in &wanted {
        *pairs.entry(pair.clone()).or_default() += 1;
    }
    for ((from, to), count) in &pairs {
        let drawn: Vec<_> = edges
            .iter()
            .filter(|e| &e.from == from && &e.to == to)
            .collect();
        let heads: Vec<[f64; 2]> = drawn
            .iter()
            .flat_map(|e| e.heads.iter().map(|h| centre(h)))
            .collect();
        // A double line draws one head; a tie's edge is in the SVG once.
        if drawn.is_empty() {
            continue;
        }
        found += count;
        if heads.len() < (*count).min(drawn.len()) {
            problems.push(format!("{from} -> {to}: {} of {count} heads", heads.len()));
            continue;
        }
        if let (Some(&head_box), Some(&tail_box)) = (nodes.get(to), nodes.get(from)) {
            for head in &heads {
                if distance_to_box(*head, head_box) > distance_to_box(*head, tail_box) {
                    problems.push(format!("{from} -> {to}: its head is at {from}"));
                }
            }
        }
    }
    (problems, found)
}

/// Heads (or end marks) of two different ties drawn nearer than this, centre
/// to centre, in points: a head is about 10 long and 7 across.
const HEADS_APART: f64 = 5.0;

/// Each pair of heads of different ties drawn on each other in `svg`.
fn heads_on_each_other(svg: &str) -> Vec<String> {
    let (_, edges) = read_svg(svg);
    let heads: Vec<(String, [f64; 2])> = edges
        .iter()
        .flat_map(|e| {
            let name = format!("{} -> {}", e.from, e.to);
            e.heads.iter().map(move |h| (name.clone(), centre(h)))
        })
        .collect();
    let mut found = Vec::new();
    for (i, (a, at)) in heads.iter().enumerate() {
        for (b, bt) in &heads[i + 1..] {
            let apart = (at[0] - bt[0]).hypot(at[1] - bt[1]);
            if a != b && apart < HEADS_APART {
                found.push(format!("{a} and {b}: {apart:.1} pt apart"));
            }
        }
    }
    found
}

#[test]
fn every_directed_tie_is_drawn_with_its_arrowhead_at_its_head() {
    if !graphviz() {
        return;
    }
    let varnia = "tests/data/diagram/varnia.ron";
    for (graph, words) in [
        (None, "JNIM depth 2 as of 2023-02"),
        (None, "JNIM depth 2 as of 2023-02 dates off"),
        (None, "JNIM depth 1 page 4:3"),
        (None, "AQIM depth 2"),
        (Some(varnia), "ORF depth 2"),
        (Some(varnia), "ORF depth 1 page 4:3"),
        // Arcs beside a column Graphviz wrote from their heads, with
        // neither arrowhead: drawn from the route's end, "Ruslan Ader
        // leads Red Hand" read "Red Hand leads Ader" (a cold check).
        (
            Some(TARN),
            "Sons of Orvel depth 2 as of 2022-05 dates changes",
        ),
        (Some(TARN), "Ahl al-Tarn depth 2 dates off page 4:3"),
        (Some(TARN), "TLF depth 2"),
        // A members box's tie given an arc's ports made Graphviz abort
        // (`makeCompoundEdge: Assertion 'bez->eflag' failed`), and the
        // export failed (a second cold check's graph).
        (Some(VERDAN), "Ilya Ossa depth 2"),
        (Some(VERDAN), "Ilya Ossa depth 2 page 4:3 dates changes"),
    ] {
        let run = |target: &str| {
            let test = Test::new().stdout_matches(|out| out.starts_with("wrote "));
            let test = match graph {
                Some(graph) => test.args(&["-g", graph]),
                None => test,
            };
            test.words(&format!("export dot {words} to $TMP/{target}"))
                .run()
        };
        let dot = std::fs::read_to_string(run("x.dot").path("x.dot")).unwrap();
        let svg = std::fs::read_to_string(run("x.svg").path("x.svg")).unwrap();
        let (problems, checked) = missing_heads(&dot, &svg);
        // Read from the SVG, so a change in how edges are named there
        // fails here rather than checking nothing.
        assert!(checked > 5, "{words}: {checked} directed ties found drawn");
        assert!(problems.is_empty(), "{words}: {problems:#?}");
        let on_each_other = heads_on_each_other(&svg);
        assert!(on_each_other.is_empty(), "{words}: {on_each_other:#?}");
    }
}

/// The outer of a double ellipse (a person) of each node in `svg` drawn
/// with two: `(cx, cy, rx, ry)` by node name.
fn double_ellipses(svg: &str) -> BTreeMap<String, [f64; 4]> {
    let mut found = BTreeMap::new();
    for block in svg.split("class=\"node\"").skip(1) {
        let block = block.split("class=\"").next().unwrap_or(block);
        let title = block
            .split("<title>")
            .nth(1)
            .and_then(|t| t.split("</title>").next());
        let ellipses: Vec<[f64; 4]> = block
            .split("<ellipse ")
            .skip(1)
            .map(|e| {
                let at = |key: &str| -> f64 {
                    e.split(&format!(" {key}=\""))
                        .nth(1)
                        .and_then(|v| v.split('"').next())
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0.0)
                };
                [at("cx"), at("cy"), at("rx"), at("ry")]
            })
            .collect();
        if let (Some(title), [_, outer]) = (title, ellipses.as_slice()) {
            found.insert(title.replace("&#45;", "-"), *outer);
        }
    }
    found
}

/// Each head drawn at a double ellipse whose points reach more than
/// 1.5 pt inside its outer line, so that the line runs through it; and
/// how many heads at double ellipses were checked.
fn heads_inside_double_outlines(svg: &str) -> (Vec<String>, usize) {
    let outers = double_ellipses(svg);
    let (_, edges) = read_svg(svg);
    let mut problems = Vec::new();
    let mut checked = 0;
    for edge in &edges {
        let Some(&[cx, cy, rx, ry]) = outers.get(&edge.to) else {
            continue;
        };
        for head in &edge.heads {
            checked += 1;
            // How far inside the outer line the deepest point of the
            // head stands, along the ray from the centre.
            let depth = head
                .iter()
                .map(|&[x, y]| {
                    let norm = (((x - cx) / rx).powi(2) + ((y - cy) / ry).powi(2)).sqrt();
                    (1.0 - norm) * (x - cx).hypot(y - cy) / norm.max(1e-9)
                })
                .fold(f64::MIN, f64::max);
            if depth > 1.5 {
                problems.push(format!(
                    "{} -> {}: {depth:.1} pt inside",
                    edge.from, edge.to
                ));
            }
        }
    }
    (problems, checked)
}

/// A person is drawn with two lines; `dot` ends each edge at the outer,
/// but drawn again by `neato -n2` the person grew by 4 pt, so every head
/// arriving at Harun Basel in a cold check's picture ended on the inner
/// line, the outer one running through it.
#[test]
fn heads_at_a_person_end_on_the_outer_of_its_two_lines() {
    if !graphviz() {
        return;
    }
    let output = Test::new()
        .stdout_matches(|out| out.starts_with("wrote "))
        .words("export dot Iyad ag Ghali depth 1 to $TMP/x.svg")
        .run();
    let svg = std::fs::read_to_string(output.path("x.svg")).unwrap();
    let (problems, checked) = heads_inside_double_outlines(&svg);
    assert!(checked >= 2, "{checked} heads at a person checked");
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn heads_on_each_other_are_found() {
    let edge = |from: &str, head: &str| {
        format!(
            "<g id=\"e\" class=\"edge\"><title>{from}&#45;&gt;a:jnim</title>\
             <path d=\"M0,0C10,0 20,0 30,0\"/><polygon points=\"{head}\"/></g>"
        )
    };
    let svg = |second: &str| {
        format!(
            "<svg>{}{}</svg>",
            edge("a:iyad", "20,-3 30,0 20,3 20,-3"),
            edge("a:daoussak", second)
        )
    };
    // As Graphviz drew them at JNIM: one spot, 1.6 pt apart.
    assert_eq!(
        heads_on_each_other(&svg("20,-1.4 30,1.6 20,4.6 20,-1.4")).len(),
        1
    );
    // Spread along the outline.
    assert!(heads_on_each_other(&svg("20,7 30,10 20,13 20,7")).is_empty());
}
