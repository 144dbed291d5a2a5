//! Issue 12: a date label must be readable and say which tie it dates.
//! Each picture's SVG, as Graphviz wrote it, is read back, whatever placed
//! the labels: each label's box (its width estimated from the font's own
//! advance widths) must stay clear of every other text and of every actor's
//! outline, be crossed by no other edge and not struck through by its own,
//! lie near its own edge and nearer it than any other (or be joined to it
//! by a leader that runs clear of every other text and actor, of its own
//! words and of every other edge, with no other edge close along its
//! words), and lie inside the canvas.

use super::empty::VARNIA;
use super::font::{text_width, ASCENT, DESCENT};
use super::geometry::{crosses, enters, inside, overlap, reach, shrink};
use super::routing::{pairs, unescape, values, without_port};
use super::slides::{distance_to, spline_points};
use super::*;

/// The cold check's graph: a 21-tie hub.
pub(super) const KARSOVIA: &str = "tests/data/diagram/karsovia.ron";

/// The views checked, on the Varnia test graph or the bundled one, and
/// how many date labels each draws today at least: a picture whose labels
/// this test no longer finds must not pass unread.
pub(super) const VIEWS: [(Option<&str>, &str, usize); 8] = [
    (Some(VARNIA), "ORF depth 1", 10),
    (Some(VARNIA), "ORF depth 1 as of 2023-06-30", 6),
    (Some(VARNIA), "ORF depth 2", 10),
    (None, "JNIM depth 1", 10),
    (None, "JNIM depth 1 page 4:3", 10),
    // Drawn with `dates changes`: no tie's date falls in February 2023.
    (None, "JNIM depth 2 as of 2023-02", 0),
    (None, "AQIM depth 2", 10),
    (None, "all via alliance, hostility as of 2023-02", 10),
];

/// How far from its own edge, in points, a label without a leader may
/// stand and still read as that edge's: a little beyond the product's own
/// limit (36 pt), as this test's boxes are estimates.
const FAR: f64 = 40.0;
/// How near the words of a date joined to its edge by a leader another
/// edge may run, in points: the product keeps 8 pt from a line's outer
/// stroke; this test's boxes are estimates.
const LEADER_NEIGHBOUR: f64 = 6.0;
/// How deep, in points, two boxes may overlap and still only touch.
const TOUCH: f64 = 1.0;
/// How far inside a label's box another edge may graze its edge.
const CROSS: f64 = 1.5;
/// How far inside a label's box its own edge may run (over its ascent or
/// descent) without striking through the letters.
const STRIKE: f64 = 3.0;

pub(super) type Point = [f64; 2];
/// A box in the SVG's own units, `[x0, y0, x1, y1]`; y grows downwards.
pub(super) type Rect = [f64; 4];

/// A text as drawn: its words, what it belongs to, the edge it labels (by
/// index), and its box.
pub(super) struct Text {
    pub(super) words: String,
    what: String,
    pub(super) edge: Option<usize>,
    rect: Rect,
}

/// An edge as drawn: its name, its two actors, its visible curves and its
/// arrowheads' outlines (as points), and its label's words and box (one
/// box for all its lines).
pub(super) struct Edge {
    pub(super) name: String,
    ends: [String; 2],
    curves: Vec<Vec<Point>>,
    heads: Vec<Vec<Point>>,
    pub(super) words: String,
    pub(super) label: Option<Rect>,
    /// The line under its label and on to its curve (`decorate`).
    leader: Option<Vec<Point>>,
}

/// An actor's outline (every stroke of it, as points) and its bounds.
struct Node {
    name: String,
    outline: Vec<Vec<Point>>,
    rect: Rect,
}

/// What the SVG draws, in its own units, and the canvas in those units.
pub(super) struct Picture {
    pub(super) texts: Vec<Text>,
    nodes: Vec<Node>,
    pub(super) edges: Vec<Edge>,
    canvas: Rect,
}

/// The numbers of `name(…)` in an SVG transform.
fn function(transform: &str, name: &str) -> Vec<f64> {
    let inside = transform.split(&format!("{name}(")).nth(1).unwrap_or("");
    let inside = inside.split(')').next().unwrap_or("");
    inside
        .split([' ', ','])
        .filter_map(|n| n.parse().ok())
        .collect()
}

/// The box of one `<text>` element (its attributes and its words), leading
/// and trailing spaces left out: they draw nothing.
fn text_box(attrs: &str, words: &str) -> Option<Rect> {
    let get = |key: &str| {
        values(attrs, key)
            .first()
            .and_then(|v| v.parse::<f64>().ok())
    };
    let (x, y, size) = (get("x")?, get("y")?, get("font-size")?);
    let bold = values(attrs, "font-weight").first() == Some(&"bold");
    let shown = words.trim();
    let lead = text_width(&words[..words.len() - words.trim_start().len()], size, bold);
    let left = match values(attrs, "text-anchor").first().copied() {
        Some("middle") => x - text_width(words, size, bold) / 2.0,
        Some("end") => x - text_width(words, size, bold),
        _ => x,
    } + lead;
    let width = text_width(shown, size, bold);
    Some([left, y - ASCENT * size, left + width, y + DESCENT * size])
}

fn bounds(points: impl Iterator<Item = Point>) -> Rect {
    points.fold([f64::MAX, f64::MAX, f64::MIN, f64::MIN], |r, p| {
        [
            r[0].min(p[0]),
            r[1].min(p[1]),
            r[2].max(p[0]),
            r[3].max(p[1]),
        ]
    })
}

fn union(a: Rect, b: Rect) -> Rect {
    bounds([[a[0], a[1]], [a[2], a[3]], [b[0], b[1]], [b[2], b[3]]].into_iter())
}

/// The points of one drawn shape: a path's curve, a polygon's outline
/// (closed), a polyline, an ellipse.
fn shape(tag: &str, attrs: &str) -> Option<Vec<Point>> {
    let points = |key: &str| values(attrs, key).first().map(|v| pairs(v));
    match tag {
        "path" => points("d").map(|p| spline_points(&p)),
        "polygon" => points("points").map(|mut p| {
            p.extend(p.first().copied());
            p
        }),
        "polyline" => points("points"),
        "ellipse" => {
            let get = |key: &str| values(attrs, key).first()?.parse::<f64>().ok();
            let (cx, cy, rx, ry) = (get("cx")?, get("cy")?, get("rx")?, get("ry")?);
            let turn = |k: u32| f64::from(k) * std::f64::consts::TAU / 96.0;
            let around = (0..=96).map(|k| [cx + rx * turn(k).cos(), cy + ry * turn(k).sin()]);
            Some(around.collect())
        }
        _ => None,
    }
}

/// Adds a `<text>` drawn in the group of `kind` named `owner`; an edge's
/// text is a line of the last edge's label.
fn add_text(picture: &mut Picture, kind: &str, owner: &str, attrs: &str, words: &str) {
    let words = unescape(words);
    let Some(rect) = text_box(attrs, &words).filter(|_| !words.trim().is_empty()) else {
        return;
    };
    let edge = (kind == "edge").then(|| picture.edges.len() - 1);
    if let Some(edge) = edge.map(|i| &mut picture.edges[i]) {
        edge.label = Some(edge.label.map_or(rect, |r| union(r, rect)));
        edge.words = format!("{} {}", edge.words, words.trim())
            .trim()
            .to_string();
    }
    let what = match kind {
        "graph" => "the legend or footer".to_string(),
        "cluster" if owner == "cluster:drawing" => "the title".to_string(),
        "cluster" | "edge" => format!("the label of {owner}"),
        _ => format!("the text of {owner}"),
    };
    picture.texts.push(Text {
        words: words.trim().to_string(),
        what,
        edge,
        rect,
    });
}

/// Reads the picture: Graphviz writes one group per graph label (legend
/// and footer), cluster (title, member boxes), node and edge, each with
/// nested anchor groups (`a_…`) that belong to it.
pub(super) fn read(svg: &str) -> Picture {
    let transform = values(svg, "transform")[0];
    let (scale, shift) = (
        function(transform, "scale"),
        function(transform, "translate"),
    );
    let view: Vec<f64> = values(svg, "viewBox")[0]
        .split_whitespace()
        .filter_map(|n| n.parse().ok())
        .collect();
    let canvas = [
        view[0] / scale[0] - shift[0],
        view[1] / scale[1] - shift[1],
        view[2] / scale[0] - shift[0],
        view[3] / scale[1] - shift[1],
    ];
    let mut picture = Picture {
        texts: Vec::new(),
        nodes: Vec::new(),
        edges: Vec::new(),
        canvas,
    };
    let (mut kind, mut owner) = (String::new(), String::new());
    for section in svg.split("<g id=\"").skip(1) {
        let head = section.split('>').next().unwrap_or("");
        if let Some(class) = values(head, "class").first() {
            kind = class.split(' ').next().unwrap_or("").to_string();
            owner = section
                .split("<title>")
                .nth(1)
                .and_then(|t| t.split("</title>").next())
                .map(unescape)
                .unwrap_or_default();
            if kind == "edge" {
                let (from, to) = owner.split_once("->").unwrap_or_default();
                let (from, to) = (without_port(from), without_port(to));
                let relation = class.split(' ').nth(1).map(unescape).unwrap_or_default();
                let mut ends = [from.to_string(), to.to_string()];
                owner = format!("{from} -> {to} ({relation})");
                ends.sort();
                picture.edges.push(Edge {
                    name: owner.clone(),
                    ends,
                    curves: Vec::new(),
                    heads: Vec::new(),
                    words: String::new(),
                    label: None,
                    leader: None,
                });
            } else if kind == "node" && owner.starts_with("a:") {
                picture.nodes.push(Node {
                    name: owner.clone(),
                    outline: Vec::new(),
                    rect: [0.0; 4],
                });
            }
        }
        let actor = kind == "node" && owner.starts_with("a:");
        for element in section.split('<').skip(1) {
            let (attrs, words) = element.split_once('>').unwrap_or((element, ""));
            let tag = attrs.split(' ').next().unwrap_or("");
            if tag == "text" {
                add_text(&mut picture, &kind, &owner, attrs, words);
                continue;
            }
            // An edge's transparent stroke is the unseen middle of a
            // double line; a node's fill may be drawn unstroked.
            let seen = actor || values(attrs, "stroke").first() != Some(&"transparent");
            let Some(shape) = shape(tag, attrs).filter(|_| seen) else {
                continue;
            };
            match (kind.as_str(), tag) {
                ("node", _) if actor => {
                    let node = picture.nodes.last_mut().unwrap();
                    node.outline.push(shape);
                    node.rect = bounds(node.outline.iter().flatten().copied());
                }
                ("edge", "path") => picture.edges.last_mut().unwrap().curves.push(shape),
                ("edge", "polygon") => picture.edges.last_mut().unwrap().heads.push(shape),
                // A polyline of an edge is its label's leader, no tie.
                ("edge", "polyline") => picture.edges.last_mut().unwrap().leader = Some(shape),
                _ => {}
            }
        }
    }
    picture
}

/// Every badly placed date label of the picture `name`, one line each, by
/// the number of the rule it breaks, and how many labels were read.
fn offenders(name: &str, svg: &str) -> (Vec<String>, usize) {
    let (found, labels, _) = offenders_and_crowded(name, svg);
    (found, labels)
}

/// [`offenders`], and how many labels are crossed or nearer another edge
/// (rules 3 and 4): where ties crowd, the export may draw a few so, and
/// must say how many.
fn offenders_and_crowded(name: &str, svg: &str) -> (Vec<String>, usize, usize) {
    let picture = read(svg);
    let mut found = Vec::new();
    let mut labels = 0;
    let mut crowded = std::collections::BTreeSet::new();
    for (i, edge) in picture.edges.iter().enumerate() {
        let Some(label) = edge.label else { continue };
        labels += 1;
        let mut say = |rule: u8, what: String| {
            if matches!(rule, 3 | 4 | 7) {
                crowded.insert(i);
            }
            found.push(format!("{name}: [{rule}] `{}` {what}", edge.words));
        };
        // 1. Clear of every other text.
        for text in picture.texts.iter().filter(|t| t.edge != Some(i)) {
            let (across, down) = overlap(label, text.rect);
            if across > TOUCH && down > TOUCH {
                let words = &text.words;
                say(1, format!("overlaps `{words}`, {}", text.what));
            }
        }
        // 2. Clear of every actor's outline.
        let centre = [(label[0] + label[2]) / 2.0, (label[1] + label[3]) / 2.0];
        for node in &picture.nodes {
            let inner = shrink(label, TOUCH);
            if node.outline.iter().any(|line| enters(line, inner)) || enters(&[centre], node.rect) {
                say(2, format!("overlaps the outline of {}", node.name));
            }
        }
        // 3. No other edge crosses it; its own does not strike it through.
        // A tie between the same actors that it dates too (it has no label
        // of its own) counts as its own.
        let own = |other: &Edge| other.ends == edge.ends && other.label.is_none();
        for (j, other) in picture.edges.iter().enumerate() {
            let mine = i == j || own(other);
            let inner = shrink(label, if mine { STRIKE } else { CROSS });
            if other
                .curves
                .iter()
                .chain(&other.heads)
                .any(|line| enters(line, inner))
            {
                let how = if mine {
                    "struck through by its own"
                } else {
                    "crossed by the"
                };
                say(3, format!("is {how} edge {}", other.name));
            }
        }
        // 4. Nearer its own edge than any other, or joined to it by a
        // leader that ends on it and runs clear of every other text and
        // actor (6).
        if let Some(leader) = &edge.leader {
            let end = *leader.last().unwrap();
            let off = edge
                .curves
                .iter()
                .map(|curve| distance_to(end, curve))
                .fold(f64::MAX, f64::min);
            if off > 2.0 {
                say(6, format!("has a leader ending {off:.1} pt from its edge"));
            }
            for text in picture.texts.iter().filter(|t| t.edge != Some(i)) {
                if enters(&leader[1..], shrink(text.rect, TOUCH)) {
                    say(6, format!("has a leader over `{}`", text.words));
                }
            }
            // 7. A leader misleads: past its underline, it runs back up
            // through its own words and strikes them out; or it crosses
            // another edge (the eye may turn there); or another edge runs
            // so close along its words that they read as that edge's.
            if enters(&leader[1..], shrink(label, TOUCH)) {
                say(7, "has a leader striking through its own words".to_string());
            }
            let start = leader[leader.len() - 2];
            let length = (end[0] - start[0]).hypot(end[1] - start[1]);
            // Short of its edge, where another may meet it at an actor.
            let short = 1.0 - (3.0 / length).min(1.0);
            let foot = [
                start[0] + short * (end[0] - start[0]),
                start[1] + short * (end[1] - start[1]),
            ];
            for (j, other) in picture.edges.iter().enumerate() {
                if j == i || own(other) {
                    continue;
                }
                if other.curves.iter().any(|c| crosses(start, foot, c)) {
                    say(7, format!("has a leader crossing the edge {}", other.name));
                }
                let near = reach(label, &other.curves);
                if near < LEADER_NEIGHBOUR {
                    say(
                        7,
                        format!("has the edge {} {near:.1} pt from its words", other.name),
                    );
                }
            }
            // Along the leader, short of where it meets its edge (which
            // may be at an actor's outline).
            let samples = (0..20).map(|k| {
                let t = k as f64 / 20.0 * (1.0 - (3.0 / length).min(1.0));
                [
                    start[0] + t * (end[0] - start[0]),
                    start[1] + t * (end[1] - start[1]),
                ]
            });
            for point in samples {
                if let Some(node) = picture
                    .nodes
                    .iter()
                    .find(|n| n.outline.iter().any(|o| inside(point, o)))
                {
                    say(6, format!("has a leader over {}", node.name));
                    break;
                }
            }
        }
        let mine = reach(label, &edge.curves);
        let nearest = picture
            .edges
            .iter()
            .enumerate()
            .filter(|(j, other)| *j != i && !own(other))
            .map(|(_, other)| (reach(label, &other.curves), &other.name))
            .min_by(|a, b| a.0.total_cmp(&b.0));
        let nearest = nearest.filter(|_| edge.leader.is_none());
        if edge.leader.is_none() && mine > FAR {
            say(
                4,
                format!("is {mine:.1} pt from its edge, too far to read as its own"),
            );
        }
        if let Some((theirs, other)) = nearest.filter(|(theirs, _)| *theirs <= mine) {
            say(
                4,
                format!("is {mine:.1} pt from its edge but {theirs:.1} pt from {other}"),
            );
        }
        // 5. Inside the canvas.
        let c = picture.canvas;
        if label[0] < c[0] || label[1] < c[1] || label[2] > c[2] || label[3] > c[3] {
            say(5, "runs off the canvas".to_string());
        }
    }
    (found, labels, crowded.len())
}

/// How many dates the export's report says could not be set clear ("note:
/// 3 dates could not be set clear…"); 0 when it says none.
pub(super) fn reported_crowded(report: &str) -> usize {
    report
        .split("\nnote: ")
        .skip(1)
        .find_map(|note| {
            let (count, rest) = note.split_once(' ')?;
            (rest.starts_with("date could not") || rest.starts_with("dates could not"))
                .then(|| count.parse().ok())?
        })
        .unwrap_or(0)
}

/// How many dates of the frame of `year` a storyboard's report names as not
/// set clear: its note names each tie once, with the frames it crowds in
/// ("…: by Feb 2023 (in 2017 and 2020)").
fn reported_crowded_in(report: &str, year: i32) -> usize {
    let Some(named) = report.split("check the dates of ").nth(1) else {
        return 0;
    };
    let named = named.lines().next().unwrap_or_default();
    assert!(!named.contains(" more"), "every tie named: {named}");
    named
        .split("; ")
        .filter(|tie| {
            tie.rsplit_once("(in ")
                .is_some_and(|(_, years)| years.contains(&year.to_string()))
        })
        .count()
}

/// Fails listing every offender that no crowding excuses: text on text or
/// on an actor, or off the canvas, anywhere; and crossed or ambiguous
/// labels beyond the `allowed` the export reported.
fn assert_readable(found: &[String], crowded: usize, allowed: usize) {
    let unreadable: Vec<&String> = found
        .iter()
        .filter(|f| {
            [1, 2, 5]
                .iter()
                .any(|rule| f.contains(&format!(": [{rule}] ")))
        })
        .collect();
    assert!(
        unreadable.is_empty(),
        "{} unreadable date labels:\n{}",
        unreadable.len(),
        found.join("\n")
    );
    assert!(
        crowded <= allowed,
        "{crowded} date labels are crossed or nearer another edge, but the export reported \
         {allowed}:\n{}",
        found.join("\n")
    );
}

/// The binary run on `graph` (or the bundled graph) with `words`.
pub(super) fn actorgraph(graph: Option<&str>, words: &str) -> Test {
    let test = Test::new().stdout_matches(|out| out.starts_with("wrote "));
    match graph {
        Some(graph) => test.args(&["-g", graph]).words(words),
        None => test.words(words),
    }
}

#[test]
fn every_date_label_is_readable_and_by_its_own_edge_in_each_picture() {
    if !graphviz() {
        return;
    }
    for (graph, view, least) in VIEWS {
        let output = actorgraph(graph, &format!("export dot {view} to $TMP/x.svg")).run();
        let svg = std::fs::read_to_string(output.path("x.svg")).unwrap();
        let (found, labels, crowded) = offenders_and_crowded(view, &svg);
        assert!(labels >= least, "{view}: {labels} date labels read");
        assert_readable(&found, crowded, reported_crowded(&output.stdout));
    }
}

#[test]
fn every_date_label_is_readable_and_by_its_own_edge_in_each_frame() {
    if !graphviz() {
        return;
    }
    // The docs' storyboard, and the cold check's, whose union of dates had
    // left Red Hawks' under Highland clans in its 2021 frame.
    for (graph, words, years) in [
        (
            None,
            "export dot JNIM depth 1 frames 2017..2023 step 3 to $TMP/frames/",
            3,
        ),
        (
            Some(KARSOVIA),
            "export dot NLA depth 1 frames 2019..2023 step 2 to $TMP/frames/",
            3,
        ),
    ] {
        let output = actorgraph(graph, words).run();
        let mut frames: Vec<PathBuf> = std::fs::read_dir(output.path("frames"))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect();
        frames.sort();
        assert_eq!(frames.len(), years, "{frames:?}");
        let mut in_frames = 0;
        for path in frames {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let svg = std::fs::read_to_string(&path).unwrap();
            let (found, labels, crowded) = offenders_and_crowded(&name, &svg);
            assert!(labels >= 4, "{name}: {labels} date labels read");
            // Each frame's crowded dates are the ones the note names for it.
            let year: i32 = name[name.len() - 8..name.len() - 4].parse().unwrap();
            let allowed = reported_crowded_in(&output.stdout, year);
            assert_readable(&found, crowded, allowed);
            in_frames += allowed;
        }
        assert_eq!(
            reported_crowded(&output.stdout),
            in_frames,
            "the note counts the dates of every frame: {}",
            output.stdout
        );
    }
}

/// A drawing made by hand: `by 2021` sits on actor X's name, inside its
/// box, struck by its own edge and crossed by another; `since 2020` runs
/// off the canvas, nearer another edge than its own; `2018` has a leader
/// that runs over X's box and name, stops far short of its own edge and
/// strikes its own words; `2017` has a leader that strikes its words and
/// crosses another edge, which also runs close above them; `2019` is well
/// placed.
const EXAMPLE: &str = r#"<svg width="100pt" height="100pt"
 viewBox="0.00 0.00 100.00 100.00">
<g id="graph0" class="graph" transform="scale(1 1) rotate(0) translate(0 100)">
<g id="node1" class="node"><title>a:x</title>
<polygon fill="none" stroke="black" points="10,-90 40,-90 40,-60 10,-60 10,-90"/>
<text text-anchor="middle" x="25" y="-72" font-size="10.00">X</text>
</g>
<g id="edge1" class="edge alliance"><title>a:x&#45;&gt;a:y</title>
<path fill="none" stroke="black" d="M25,-85C25,-60 25,-40 25,-30"/>
<text text-anchor="middle" x="95" y="-45" font-size="10.00">since 2020</text>
</g>
<g id="edge2" class="edge hostility"><title>a:x&#45;&gt;a:z</title>
<path fill="none" stroke="black" d="M40,-75C60,-75 80,-75 99,-75"/>
<text text-anchor="middle" x="25" y="-70" font-size="10.00">by 2021</text>
</g>
<g id="edge3" class="edge hostility"><title>a:y&#45;&gt;a:w</title>
<path fill="none" stroke="black" d="M40,-20C60,-20 80,-20 99,-20"/>
<text text-anchor="middle" x="70" y="-25" font-size="10.00">2019</text>
</g>
<g id="edge4" class="edge alliance"><title>a:w&#45;&gt;a:v</title>
<path fill="none" stroke="black" d="M10,-5C30,-5 50,-5 70,-5"/>
<text text-anchor="middle" x="60" y="-42" font-size="10.00">2018</text>
<polyline fill="none" stroke="black" points="50,-40 70,-40 25,-75"/>
</g>
<g id="edge5" class="edge alliance"><title>a:u&#45;&gt;a:t</title>
<path fill="none" stroke="black" d="M50,-95C60,-95 80,-95 99,-95"/>
<text text-anchor="middle" x="80" y="-62" font-size="10.00">2017</text>
<polyline fill="none" stroke="black" points="93,-59.6 67,-59.6 80,-95"/>
</g>
</g>
</svg>"#;

#[test]
fn each_rule_catches_a_label_placed_against_it() {
    let (found, labels) = offenders("example", EXAMPLE);
    assert_eq!(labels, 5);
    for expected in [
        "[1] `by 2021` overlaps `X`, the text of a:x",
        "[2] `by 2021` overlaps the outline of a:x",
        "[3] `by 2021` is struck through by its own edge a:x -> a:z (hostility)",
        "[3] `by 2021` is crossed by the edge a:x -> a:y (alliance)",
        "[4] `since 2020` is 42.7 pt from its edge but 20.7 pt from a:x -> a:z",
        "[5] `since 2020` runs off the canvas",
        "[6] `2018` has a leader ending 70.0 pt from its edge",
        "[6] `2018` has a leader over `X`",
        "[6] `2018` has a leader over a:x",
        "[7] `2018` has a leader striking through its own words",
        "[7] `2017` has a leader crossing the edge a:x -> a:z (hostility)",
        "[7] `2017` has the edge a:x -> a:z (hostility) 3.7 pt from its words",
        "[7] `2017` has a leader striking through its own words",
        "[4] `since 2020` is 42.7 pt from its edge, too far to read as its own",
    ] {
        assert!(
            found.iter().any(|f| f.contains(expected)),
            "{expected}\nnot in:\n{}",
            found.join("\n")
        );
    }
    assert!(!found.iter().any(|f| f.contains("`2019`")), "{found:#?}");
}
