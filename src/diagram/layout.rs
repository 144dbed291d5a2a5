//! A storyboard's union, laid out once by `dot` and read back from its
//! JSON: where each node stands and how each tie's edge was routed, so
//! every frame draws the same places and the same curves.

use std::collections::BTreeMap;

use super::canvas::{Key, Scene};
use super::dot::{print, EdgeAt, Naming};
use super::render::run_graphviz;
use super::DiagramError;

/// Node positions in points, by scene key.
pub type Positions = BTreeMap<Key, (f64, f64)>;

/// The union laid out: node places, edge routes by edge id, and the extent
/// `[x0, y0, x1, y1]` of the nodes, the edges and their labels.
pub struct Layout {
    /// Where each node stands.
    pub positions: Positions,
    /// Each tie's edge, by its `id`.
    pub edges: BTreeMap<String, EdgeAt>,
    /// The extent of what is drawn, title and legend left out.
    pub extent: [f64; 4],
    /// The whole drawing's bounding box, title and legend included.
    pub bb: [f64; 4],
}

/// The frames each tie is drawn in, by its edge's `id`: a union's labels
/// keep apart only from those they share a frame with.
pub type Shown = BTreeMap<String, std::collections::BTreeSet<usize>>;

/// Lays `scene` out with `dot` (unscaled: its page size is left out) and
/// reads the layout back, its labels placed apart from those `shown` with
/// them.
pub fn lay_out(scene: &Scene, shown: &Shown) -> Result<Layout, DiagramError> {
    let mut free = scene.clone();
    free.graph_attrs.retain(|(key, _)| *key != "size");
    let json = run_graphviz(
        "dot",
        &["-Tjson".to_string()],
        &print(&free, &Naming::Indexes, None),
    )?;
    read(&json, scene, shown)
}

fn bad(what: &str) -> DiagramError {
    DiagramError::Layout(format!("{what} in Graphviz's JSON"))
}

/// Numbers of a Graphviz point list: `1,2 3,4`, with `e,`/`s,` prefixes
/// on a spline's end points.
fn numbers(text: &str) -> impl Iterator<Item = f64> + '_ {
    text.split([' ', ',', ';'])
        .filter_map(|n| n.trim().parse::<f64>().ok())
}

fn read(json_bytes: &[u8], scene: &Scene, shown: &Shown) -> Result<Layout, DiagramError> {
    let json: serde_json::Value =
        serde_json::from_slice(json_bytes).map_err(|_| bad("unreadable output"))?;
    let text =
        |v: &serde_json::Value, key: &str| v.get(key).and_then(|t| t.as_str()).map(str::to_string);
    let bb: Vec<f64> = numbers(&text(&json, "bb").ok_or_else(|| bad("no bounding box"))?).collect();
    let bb: [f64; 4] = bb.try_into().map_err(|_| bad("a bad bounding box"))?;
    let mut extent = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
    let mut grow = |x: f64, y: f64, half_w: f64, half_h: f64| {
        extent = [
            extent[0].min(x - half_w),
            extent[1].min(y - half_h),
            extent[2].max(x + half_w),
            extent[3].max(y + half_h),
        ];
    };
    let mut positions = BTreeMap::new();
    for object in json["objects"].as_array().into_iter().flatten() {
        let (Some(name), Some(pos)) = (text(object, "name"), text(object, "pos")) else {
            continue;
        };
        let Some(index) = name.strip_prefix('n').and_then(|n| n.parse::<usize>().ok()) else {
            continue;
        };
        let node = scene
            .nodes
            .get(index)
            .ok_or_else(|| bad("an unknown node"))?;
        let at: Vec<f64> = numbers(&pos).collect();
        let [x, y] = at[..] else {
            return Err(bad("a bad node position"));
        };
        let inches = |key: &str| {
            text(object, key)
                .and_then(|v| v.parse::<f64>().ok())
                .unwrap_or(0.0)
                * 72.0
        };
        // A column's invisible anchor is not drawn: the canvas need not
        // reach it.
        if matches!(node.key, Key::Actor(_)) {
            grow(x, y, inches("width") / 2.0, inches("height") / 2.0);
        }
        positions.insert(node.key, (x, y));
    }
    let mut edges = BTreeMap::new();
    for edge in json["edges"].as_array().into_iter().flatten() {
        let (Some(id), Some(pos)) = (text(edge, "id"), text(edge, "pos")) else {
            continue;
        };
        let spline: Vec<f64> = numbers(&pos).collect();
        for point in spline.chunks_exact(2) {
            grow(point[0], point[1], 0.0, 0.0);
        }
        let label = match (text(edge, "lp"), text(edge, "xlp")) {
            (Some(lp), _) => Some(("lp", lp)),
            (None, Some(xlp)) => Some(("xlp", xlp)),
            (None, None) => None,
        };
        if let Some((_, place)) = &label {
            // About how far the label's text reaches from its middle: the
            // frames check their extent, this only saves them a round.
            let chars = text(edge, "label")
                .or_else(|| text(edge, "xlabel"))
                .map_or(0, |t| t.chars().count());
            let at: Vec<f64> = numbers(place).collect();
            if let [x, y] = at[..] {
                grow(x, y, chars as f64 * 3.6, 8.0);
            }
        }
        edges.insert(
            id,
            EdgeAt {
                pos,
                label,
                leader: false,
            },
        );
    }
    // Each label beside its own edge, clear of the others, in every frame:
    // a frame's label is never wider than the union's.
    if let Some(mut drawing) = super::placement::read::drawing(json_bytes) {
        // Heads that meet an actor at one spot are spread, in every frame.
        for (id, pos) in super::placement::ends::spread_ends(&mut drawing) {
            if let Some(at) = edges.get_mut(&id) {
                at.pos = pos;
            }
        }
        // A frame's label is its own text, not the union's: it keeps its
        // lines as laid out.
        for label in drawing.edges.iter_mut().filter_map(|e| e.label.as_mut()) {
            label.one_line = None;
        }
        let frames: Vec<Option<&std::collections::BTreeSet<usize>>> = drawing
            .edges
            .iter()
            .map(|edge| edge.id.as_ref().and_then(|id| shown.get(id)))
            .collect();
        // An edge not known to a frame (a box's) is taken as in every one.
        let together = |a: usize, b: usize| match (frames[a], frames[b]) {
            (Some(a), Some(b)) => !a.is_disjoint(b),
            _ => true,
        };
        let placement = super::placement::place_among(&drawing, &together);
        for (edge, place) in drawing.edges.iter().zip(&placement.places) {
            let (Some(id), Some(placed)) = (&edge.id, place) else {
                continue;
            };
            let (x, y) = placed.at;
            if let Some(at) = edges.get_mut(id) {
                at.label = Some(("lp", format!("{x:.2},{y:.2}")));
                at.leader = placed.leader;
            }
        }
    }
    if positions.is_empty() {
        extent = [0.0, 0.0, 0.0, 0.0];
    }
    Ok(Layout {
        positions,
        edges,
        extent,
        bb,
    })
}
