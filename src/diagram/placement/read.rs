//! The drawing labels are placed among, read from Graphviz's JSON (`-Tjson`,
//! xdot 1.7): actors' boxes, the texts that stay put (title, box labels,
//! the legend and footer, labels at an edge's end), member boxes' borders,
//! and each edge's line and label.

use serde_json::Value;

use super::ends::{Outline, Spline};
use super::{Curve, Drawing, DrawnEdge, EdgeLabel, Point, Rect};

/// Reads `json`; `None` when it is not Graphviz's JSON.
pub fn drawing(json: &[u8]) -> Option<Drawing> {
    let json: Value = serde_json::from_slice(json).ok()?;
    let mut drawing = Drawing {
        area: bounding_box(&json),
        ..Drawing::default()
    };
    drawing.blocks.extend(label_box(&json));
    // Where each node stands, by Graphviz's number for it.
    let mut centres = std::collections::HashMap::new();
    for object in json["objects"].as_array().into_iter().flatten() {
        if let (Some(id), Some(at)) = (object["_gvid"].as_u64(), point(&object["pos"])) {
            centres.insert(id, at);
        }
        let name = object["name"].as_str().unwrap_or_default();
        if name.starts_with("cluster") {
            let Some(bb) = bounding_box(object) else {
                continue;
            };
            let label = label_box(object);
            // The drawing's own box is not drawn: labels may stand
            // anywhere on the canvas, clear of its title.
            if name != "cluster:drawing" {
                drawing.borders.extend(borders(bb));
            }
            drawing.blocks.extend(label);
            drawing.titles.extend(label);
        } else if object.get("nodes").is_some() || object.get("subgraphs").is_some() {
            // A subgraph that is not a box (a column held on one rank).
        } else if let Some(node) = node_box(object) {
            drawing.blocks.push(node);
            let label = object["label"].as_str().unwrap_or(name);
            let name = label.replace("\\n", " ").replace('\n', " ");
            drawing.outlines.extend(outline(object).map(|mut o| {
                o.name = name;
                o
            }));
        }
    }
    for edge in json["edges"].as_array().into_iter().flatten() {
        if style(edge).contains("invis") {
            continue;
        }
        let Some(mut spline) = edge["pos"].as_str().and_then(Spline::parse) else {
            continue;
        };
        // A forward edge Graphviz drew with no head gets one at its end
        // (see `relabel::arrowed`), or at its start when it was turned round.
        let forward = edge["dir"].as_str() == Some("forward");
        let ends =
            [&edge["tail"], &edge["head"]].map(|end| end.as_u64().and_then(|id| centres.get(&id)));
        let turned = match ends {
            [Some(&tail), Some(&head)] if forward => spline.read_from_its_tail(tail, head),
            _ => false,
        };
        let Some(curve) = spline.curve() else {
            continue;
        };
        let marks = (
            spline.start.is_some(),
            spline.end.is_some() || (forward && spline.start.is_none()),
        );
        // Its label on the edge, or else one Graphviz put at an end, is
        // placed; any other (outside it, or a second) stays, and is kept off.
        let mut label = None;
        for (key, drawn) in [
            ("lp", "_ldraw_"),
            ("head_lp", "_hldraw_"),
            ("tail_lp", "_tldraw_"),
            ("xlp", "_xldraw_"),
        ] {
            let Some(text) = text_box(&edge[drawn]) else {
                continue;
            };
            match point(&edge[key]) {
                Some(at) if label.is_none() && key != "xlp" => {
                    let one_line = one_line_box(&edge[drawn], text);
                    label = Some(EdgeLabel {
                        key,
                        at,
                        text,
                        one_line,
                        leader: key == "lp" && edge["decorate"].as_str() == Some("true"),
                    });
                }
                _ => drawing.blocks.push(text),
            }
        }
        let id = edge["id"].as_str().map(str::to_string);
        if id.is_none() {
            // A label that cannot be written back stays, and is kept off.
            drawing.blocks.extend(label.map(|l| l.text));
        }
        // The tooltip's first line, but for the dates as written.
        let name = edge["tooltip"]
            .as_str()
            .and_then(|t| t.split(['\n', '\\']).next())
            .map(|line| line.split(" (").next().unwrap_or(line).to_string())
            .filter(|line| !line.is_empty());
        drawing.edges.push(DrawnEdge {
            label: label.filter(|_| id.is_some()),
            id,
            name,
            curve,
            spline: Some(spline),
            turned,
            marks,
            half_width: half_width(edge),
        });
    }
    Some(drawing)
}

fn style(object: &Value) -> &str {
    object["style"].as_str().unwrap_or_default()
}

/// Numbers in a Graphviz value such as `"1,2"` or `"e,1,2 3,4 5,6"`.
fn numbers(text: &str) -> Vec<f64> {
    text.split([' ', ',', ';', '\\', '\n'])
        .filter_map(|n| n.trim().parse::<f64>().ok())
        .collect()
}

/// Where the node named `name` stands in `json`; `None` when it is not
/// there or `json` is not Graphviz's JSON.
pub fn node_at(json: &[u8], name: &str) -> Option<Point> {
    let json: Value = serde_json::from_slice(json).ok()?;
    json["objects"]
        .as_array()?
        .iter()
        .find(|object| object["name"].as_str() == Some(name))
        .and_then(|object| point(&object["pos"]))
}

fn point(value: &Value) -> Option<Point> {
    match numbers(value.as_str()?)[..] {
        [x, y] => Some((x, y)),
        _ => None,
    }
}

fn bounding_box(object: &Value) -> Option<Rect> {
    match numbers(object["bb"].as_str()?)[..] {
        [x0, y0, x1, y1] => Some(Rect { x0, y0, x1, y1 }),
        _ => None,
    }
}

/// A graph's or cluster's own label: centred on `lp`, `lwidth` × `lheight`
/// inches.
fn label_box(object: &Value) -> Option<Rect> {
    let at = point(&object["lp"])?;
    let inches = |key: &str| object[key].as_str()?.parse::<f64>().ok();
    Some(Rect::around(
        at,
        inches("lwidth")? * 72.0,
        inches("lheight")? * 72.0,
    ))
}

/// A drawn node's box; `None` for an invisible anchor.
fn node_box(object: &Value) -> Option<Rect> {
    if style(object).contains("invis") {
        return None;
    }
    let at = point(&object["pos"])?;
    let inches = |key: &str| object[key].as_str()?.parse::<f64>().ok();
    let (width, height) = (inches("width")? * 72.0, inches("height")? * 72.0);
    // A second outline (a person's double ellipse, a coalition's double
    // box) stands 4 points outside the size Graphviz gives.
    let peripheries = object["peripheries"]
        .as_str()
        .and_then(|p| p.parse::<f64>().ok())
        .unwrap_or(1.0);
    // And its outline's stroke, drawn half outside.
    let own = Rect::around(at, width, height).grow((peripheries - 1.0).max(0.0) * 4.0 + 1.5);
    // A plain-text node (a frame's title) is as large as its text.
    Some(match text_box(&object["_ldraw_"]) {
        Some(text) if object["shape"].as_str() == Some("plaintext") => text,
        _ => own,
    })
}

fn borders(bb: Rect) -> Vec<Curve> {
    let Rect { x0, y0, x1, y1 } = bb;
    [
        [(x0, y0), (x1, y0)],
        [(x1, y0), (x1, y1)],
        [(x1, y1), (x0, y1)],
        [(x0, y1), (x0, y0)],
    ]
    .into_iter()
    .filter_map(|side| Curve::polyline(side.to_vec()))
    .collect()
}

/// The box of every text drawn by a list of xdot operations: each line
/// from its baseline's anchor, width and font size.
fn text_box(operations: &Value) -> Option<Rect> {
    let mut size = 14.0;
    let mut corners = Vec::new();
    for op in operations.as_array().into_iter().flatten() {
        match op["op"].as_str() {
            Some("F") => size = op["size"].as_f64().unwrap_or(size),
            Some("T") => {
                let (Some(x), Some(y)) = (op["pt"][0].as_f64(), op["pt"][1].as_f64()) else {
                    continue;
                };
                let width = op["width"].as_f64().unwrap_or(0.0);
                let left = match op["align"].as_str() {
                    Some("l") => x,
                    Some("r") => x - width,
                    _ => x - width / 2.0,
                };
                // The face's descent below the baseline and its ascent
                // above (DejaVu Sans, which Graphviz measures with here:
                // 0.24 and 0.93 of the size).
                corners.push((left, y - 0.25 * size));
                corners.push((left + width, y + 0.95 * size));
            }
            _ => {}
        }
    }
    Rect::bounding(corners)
}

/// The box of a text drawn on several lines were it written on one,
/// centred on `text`, the box of its lines: their widths and a space
/// after each (a third of the size in DejaVu Sans; the last one's is
/// margin); `None` for a text on one line.
fn one_line_box(operations: &Value, text: Rect) -> Option<Rect> {
    let mut size = 14.0;
    let mut width = 0.0;
    let mut lines = 0;
    for op in operations.as_array().into_iter().flatten() {
        match op["op"].as_str() {
            Some("F") => size = op["size"].as_f64().unwrap_or(size),
            Some("T") => {
                width += op["width"].as_f64().unwrap_or(0.0);
                // Joined by a space, but straight on after a span's dash.
                if !op["text"].as_str().unwrap_or_default().ends_with('–') {
                    width += SPACE * size;
                }
                lines += 1;
            }
            _ => {}
        }
    }
    if lines < 2 {
        return None;
    }
    Some(Rect::around(text.centre(), width, 1.2 * size))
}

/// The width of a space, in sizes of its font: DejaVu Sans's is 651 of
/// 2048 units, rounded up.
const SPACE: f64 = 0.33;

/// A drawn node's outline, as its drawing operations give it: the outer
/// of its peripheries (a polygon, an ellipse, or a rounded box's curve).
fn outline(object: &Value) -> Option<Outline> {
    let mut shapes: Vec<Vec<Point>> = Vec::new();
    for operation in object["_draw_"].as_array().into_iter().flatten() {
        let numbers = |key: &str| -> Vec<f64> {
            operation[key]
                .as_array()
                .into_iter()
                .flatten()
                .flat_map(|v| match v {
                    Value::Array(pair) => {
                        pair.iter().filter_map(Value::as_f64).collect::<Vec<f64>>()
                    }
                    other => other.as_f64().into_iter().collect::<Vec<f64>>(),
                })
                .collect()
        };
        let pairs = |values: Vec<f64>| -> Vec<Point> {
            values.chunks_exact(2).map(|p| (p[0], p[1])).collect()
        };
        match operation["op"].as_str() {
            Some("P" | "p") => shapes.push(pairs(numbers("points"))),
            Some("B" | "b") => {
                let control = pairs(numbers("points"));
                shapes.extend(Curve::bezier(&control).map(|c| c.points().to_vec()));
            }
            Some("E" | "e") => {
                if let [cx, cy, rx, ry] = numbers("rect")[..] {
                    const STEPS: usize = 72;
                    shapes.push(
                        (0..STEPS)
                            .map(|k| {
                                let angle = k as f64 / STEPS as f64 * std::f64::consts::TAU;
                                (cx + rx * angle.cos(), cy + ry * angle.sin())
                            })
                            .collect(),
                    );
                }
            }
            _ => {}
        }
    }
    let area = |points: &Vec<Point>| {
        Rect::bounding(points.iter().copied()).map_or(0.0, |r| r.width() * r.height())
    };
    shapes
        .into_iter()
        .max_by(|a, b| area(a).total_cmp(&area(b)))
        .and_then(Outline::new)
}

/// Half an edge's drawn width: a double line (`a:invis:b`) is two strokes
/// with a gap between.
fn half_width(edge: &Value) -> f64 {
    let pen = edge["penwidth"]
        .as_str()
        .and_then(|p| p.parse::<f64>().ok())
        .unwrap_or(1.0);
    let strokes = edge["color"].as_str().map_or(1, |c| c.split(':').count());
    pen * strokes as f64 / 2.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graphviz_json_gives_boxes_lines_and_labels() {
        let json = br##"{
          "bb": "0,0,400,300", "lp": "200,20", "lwidth": "5", "lheight": "0.5",
          "objects": [
            {"name": "cluster:drawing", "bb": "0,50,400,300", "lp": "100,285",
             "lwidth": "2", "lheight": "0.3"},
            {"name": "cluster:members", "bb": "10,60,120,200", "lp": "65,190",
             "lwidth": "1", "lheight": "0.2"},
            {"name": "%3", "bb": "0,0,1,1", "nodes": [3]},
            {"name": "a:x", "pos": "50,100", "width": "1", "height": "0.5"},
            {"name": "column:0", "pos": "50,100", "width": "0", "height": "0", "style": "invis"}
          ],
          "edges": [
            {"id": "tie3", "pos": "e,300,100 60,100 100,100 200,100 290,100",
             "penwidth": "2", "color": "#0072b2:invis:#0072b2", "lp": "180,110",
             "_ldraw_": [{"op": "F", "size": 10.0, "face": "Helvetica"},
               {"op": "T", "pt": [180, 107], "align": "c", "width": 40, "text": "since 2014"}]},
            {"pos": "60,90 100,80 200,80 300,90", "lp": "150,70",
             "_ldraw_": [{"op": "T", "pt": [150, 67], "align": "l", "width": 20, "text": "x"}]},
            {"pos": "60,90 100,80 200,80 300,90", "style": "invis"}
          ]
        }"##;
        let d = drawing(json).unwrap();
        assert_eq!(
            d.area,
            Some(Rect {
                x0: 0.0,
                y0: 0.0,
                x1: 400.0,
                y1: 300.0
            })
        );
        // The legend, the two box labels, the actor, and the label of the
        // edge without an id; not the invisible anchor.
        assert_eq!(d.blocks.len(), 5);
        assert_eq!(d.borders.len(), 4);
        assert_eq!(d.edges.len(), 2);
        let first = &d.edges[0];
        assert_eq!(first.id.as_deref(), Some("tie3"));
        assert_eq!(first.half_width, 3.0);
        assert_eq!(first.curve.points().last(), Some(&(300.0, 100.0)));
        let label = first.label.unwrap();
        assert_eq!((label.key, label.at), ("lp", (180.0, 110.0)));
        assert_eq!(
            label.text,
            Rect {
                x0: 160.0,
                y0: 104.5,
                x1: 200.0,
                y1: 116.5
            }
        );
        assert!(d.edges[1].label.is_none());
        assert_eq!(label.one_line, None);
    }

    #[test]
    fn a_label_on_two_lines_knows_its_width_on_one() {
        let json = br##"{
          "bb": "0,0,400,300",
          "edges": [
            {"id": "tie1", "pos": "60,100 100,100 200,100 290,100", "lp": "180,110",
             "_ldraw_": [{"op": "F", "size": 10.0, "face": "Helvetica"},
               {"op": "T", "pt": [180, 112], "align": "c", "width": 40, "text": "since"},
               {"op": "T", "pt": [180, 100], "align": "c", "width": 60, "text": "Mar 2017"}]}
          ]
        }"##;
        let label = drawing(json).unwrap().edges[0].label.unwrap();
        let one_line = label.one_line.unwrap();
        assert!((one_line.width() - 106.6).abs() < 1e-9);
        assert!((one_line.height() - 12.0).abs() < 1e-9);
        assert_eq!(one_line.centre(), label.text.centre());
    }
}
