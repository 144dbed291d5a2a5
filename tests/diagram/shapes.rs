//! Issue 12: the legend's "Shape" line pictures the shapes Graphviz draws.
//! For every kind of actor, the glyph the rendered legend shows before the
//! kind's name is the outline the rendered node has, and no two kinds are
//! drawn alike.

use super::*;

/// A node's outline as the SVG draws it.
#[derive(Debug, PartialEq)]
struct Outline {
    /// "path" (rounded box), "polygon" or "ellipse": its first element.
    element: String,
    /// The corners of its first polygon (0 for others).
    corners: Vec<[f64; 2]>,
    /// How many outlines (polygons or ellipses) it has: 2 for a double ring.
    rings: usize,
    /// Whether its outline is dashed.
    dashed: bool,
    /// Extra lines inside it (the edges of a 3-d box).
    lines: usize,
}

impl Outline {
    fn xs_near(&self, y: f64) -> Vec<f64> {
        self.corners
            .iter()
            .filter(|p| (p[1] - y).abs() < 1.0)
            .map(|p| p[0])
            .collect()
    }
    fn width_at(&self, y: f64) -> f64 {
        let xs = self.xs_near(y);
        xs.iter().cloned().fold(f64::MIN, f64::max) - xs.iter().cloned().fold(f64::MAX, f64::min)
    }
    fn top(&self) -> f64 {
        self.corners.iter().map(|p| p[1]).fold(f64::MAX, f64::min)
    }
    fn bottom(&self) -> f64 {
        self.corners.iter().map(|p| p[1]).fold(f64::MIN, f64::max)
    }
    fn right(&self) -> f64 {
        self.corners.iter().map(|p| p[0]).fold(f64::MIN, f64::max)
    }
    fn left(&self) -> f64 {
        self.corners.iter().map(|p| p[0]).fold(f64::MAX, f64::min)
    }
    /// The widest span across it, side to side.
    fn width(&self) -> f64 {
        self.right() - self.left()
    }
}

/// Whether `outline` is what `glyph` pictures.
fn pictures(glyph: char, o: &Outline) -> bool {
    let polygon = |n: usize, rings: usize| {
        o.element == "polygon" && o.corners.len() == n && o.rings == rings && !o.dashed
    };
    let upright = || {
        // A rectangle: the top and bottom edges are as wide as it is.
        (o.width_at(o.top()) - o.width()).abs() < 1.0
            && (o.width_at(o.bottom()) - o.width()).abs() < 1.0
    };
    match glyph {
        '\u{25a2}' => o.element == "path" && o.rings == 1,
        // A square-cornered box, not dashed: a dashed outline reads as
        // ended or unsure.
        '\u{25a1}' => polygon(4, 1) && upright(),
        '\u{25a3}' => polygon(4, 2) && upright(),
        '\u{2b21}' => polygon(6, 1) && o.lines == 0,
        '\u{25cb}' => o.element == "ellipse" && o.rings == 1,
        '\u{25ce}' => o.element == "ellipse" && o.rings == 2,
        // A house: an apex on top, a bottom as wide as the walls.
        '\u{2302}' => {
            polygon(5, 1)
                && o.xs_near(o.top()).len() == 1
                && (o.width_at(o.bottom()) - o.width()).abs() < 1.0
        }
        // A pentagon: an apex on top, a bottom narrower than it is wide.
        '\u{2b20}' => {
            polygon(5, 1)
                && o.xs_near(o.top()).len() == 1
                && o.width_at(o.bottom()) < o.width() - 2.0
        }
        // A shadowed box: a box with a cut corner and two inner lines.
        '\u{2752}' => polygon(6, 1) && o.lines >= 2,
        // A pointer: a box whose right end is a point.
        '\u{25bb}' => {
            polygon(5, 1)
                && o.corners
                    .iter()
                    .filter(|p| (p[0] - o.right()).abs() < 1.0)
                    .count()
                    == 1
        }
        _ => false,
    }
}

/// The numbers of an SVG `points` list, as points, the closing repeat of
/// the first dropped.
fn corners(points: &str) -> Vec<[f64; 2]> {
    let mut corners: Vec<[f64; 2]> = points
        .split_whitespace()
        .filter_map(|pair| {
            let (x, y) = pair.split_once(',')?;
            Some([x.parse().ok()?, y.parse().ok()?])
        })
        .collect();
    if corners.len() > 1 && corners.first() == corners.last() {
        corners.pop();
    }
    corners
}

/// Each node's outline, by actor id.
fn outlines(svg: &str) -> BTreeMap<String, Outline> {
    let mut outlines = BTreeMap::new();
    for node in svg.split("class=\"node\"").skip(1) {
        let node = node.split("</g>\n</g>").next().unwrap_or(node);
        let id = node
            .split("<title>")
            .nth(1)
            .and_then(|t| t.split("</title>").next())
            .unwrap_or_default();
        let id = id
            .replace("&#45;", "-")
            .trim_start_matches("a:")
            .to_string();
        let shapes: Vec<&str> = node
            .split('<')
            .filter(|e| {
                e.starts_with("path ") || e.starts_with("polygon ") || e.starts_with("ellipse ")
            })
            .collect();
        let Some(first) = shapes.first() else {
            continue;
        };
        let element = first.split(' ').next().unwrap_or_default().to_string();
        let points = first
            .split("points=\"")
            .nth(1)
            .and_then(|p| p.split('"').next())
            .unwrap_or_default();
        outlines.insert(
            id,
            Outline {
                element,
                corners: corners(points),
                rings: shapes.len(),
                dashed: first.contains("stroke-dasharray"),
                lines: node.matches("<polyline ").count(),
            },
        );
    }
    outlines
}

#[test]
fn the_legend_pictures_every_kind_as_its_nodes_are_drawn() {
    let graph = small();
    if !graphviz() {
        return;
    }
    for theme in [Theme::Light, Theme::Dark] {
        let spec = DiagramSpec {
            theme,
            ..DiagramSpec::default()
        };
        let svg = String::from_utf8(render_dot(&to_dot(&graph, &spec), OutputFormat::Svg).unwrap())
            .unwrap();
        let outlines = outlines(&svg);
        let legend: String = svg
            .split("<text")
            .filter_map(|t| t.split_once('>').map(|(_, rest)| rest))
            .filter_map(|t| t.split("</text>").next())
            .collect::<Vec<_>>()
            .join(" ");
        // The "Shape" entries: each glyph (the strip's only non-ASCII
        // letters) with the kind's name after it.
        let shapes = legend.split("Shape").nth(1).expect("a Shape line");
        let mut entries: Vec<(char, String)> = Vec::new();
        for c in shapes.chars() {
            match entries.last_mut() {
                _ if !c.is_ascii() && c != '\u{2003}' => entries.push((c, String::new())),
                Some((_, text)) => text.push(c),
                None => {}
            }
        }
        let entries: Vec<(char, String)> = entries
            .into_iter()
            .map(|(g, text)| {
                let text = text.split(" Data as of").next().unwrap_or(&text);
                let text = text.split(" Sources").next().unwrap_or(text);
                (g, text.split_whitespace().collect::<Vec<_>>().join(" "))
            })
            .collect();
        let mut kinds = Vec::new();
        for (_, actor) in graph.actors() {
            let kind = actor.kind;
            // An actor drawn as a box around its subgroups has no node.
            let Some(outline) = outlines.get(actor.id.as_str()) else {
                continue;
            };
            if kinds.contains(&kind) {
                continue;
            }
            kinds.push(kind);
            let name = kind.describe();
            let glyph = entries
                .iter()
                .find(|(_, text)| text == name)
                .map(|(glyph, _)| *glyph)
                .unwrap_or_else(|| panic!("{name} not in the legend: {legend}"));
            assert!(
                pictures(glyph, outline),
                "{} ({name}) is drawn as {outline:?}, the legend shows {glyph}",
                actor.id
            );
        }
        assert_eq!(
            kinds.len(),
            ActorKind::ALL.len(),
            "small.ron draws every kind as a node"
        );
    }
}

#[test]
fn no_two_kinds_of_actor_look_alike() {
    // Each glyph pictures one kind's node only, so the legend tells kinds
    // apart only as the slide does.
    let glyphs: Vec<&str> = ActorKind::ALL
        .iter()
        .map(|k| actorgraph::diagram::kind_look(*k).glyph)
        .collect();
    let mut unique = glyphs.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), glyphs.len(), "{glyphs:?}");
}
