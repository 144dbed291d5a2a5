//! Routes kept off the actors they do not join. Graphviz routes each edge
//! round the actors of its own layout, but an arc it draws beside a column
//! (both ends on one side of two stacked actors) bulges into the next
//! column: "TLF supports Orvel highlanders" ran over the Transitional
//! Council's corner, and could be read as the council's tie. Such a route
//! is drawn flatter, its inner control points pulled towards the straight
//! line between its ends, as little as keeps it clear.

use std::collections::HashMap;

use super::ends::{Outline, Spline};
use super::geometry::{point_to_segment, segments_cross};
use super::{Curve, Drawing, Point};

/// How near an actor it does not join a line may pass, in points: its
/// stroke and the actor's, and a little white between them.
const CLEARANCE: f64 = 3.0;
/// How much of its bulge a route keeps, tried from the most.
const KEPT: [f64; 6] = [0.85, 0.7, 0.55, 0.4, 0.25, 0.1];

/// Flattens each route of `drawing` that passes within [`CLEARANCE`] of
/// an actor it does not join, when a flatter one is clear of every such
/// actor; adds each new route (`pos`) to `routes`, by its edge's `id`.
pub fn keep_off_actors(drawing: &mut Drawing, routes: &mut HashMap<String, String>) {
    for index in 0..drawing.edges.len() {
        let edge = &drawing.edges[index];
        let (Some(spline), Some(id)) = (&edge.spline, &edge.id) else {
            continue;
        };
        let points = edge.curve.points();
        let ends = [points[0], points[points.len() - 1]];
        let others: Vec<&Outline> = drawing
            .outlines
            .iter()
            .filter(|outline| !ends.iter().any(|&end| outline.reaches(end)))
            .collect();
        if clear(&edge.curve, &others) {
            continue;
        }
        let flatter = KEPT.iter().find_map(|&kept| {
            let spline = flattened(spline, kept);
            let curve = spline.curve()?;
            clear(&curve, &others).then_some((spline, curve))
        });
        if let Some((spline, curve)) = flatter {
            routes.insert(id.clone(), spline.to_pos());
            let edge = &mut drawing.edges[index];
            edge.spline = Some(spline);
            edge.curve = curve;
        }
    }
}

/// Whether `curve` keeps [`CLEARANCE`] from each of `outlines`.
fn clear(curve: &Curve, outlines: &[&Outline]) -> bool {
    outlines
        .iter()
        .all(|outline| clearance(outline, curve) >= CLEARANCE)
}

/// `spline` with each inner control point pulled towards the straight
/// line between its ends, keeping `kept` of its distance from it; its ends
/// and arrowhead tips stay.
fn flattened(spline: &Spline, kept: f64) -> Spline {
    let control = &spline.control;
    let (first, last) = (control[0], control[control.len() - 1]);
    let n = (control.len() - 1) as f64;
    let mut flatter = spline.clone();
    for (i, point) in flatter.control.iter_mut().enumerate() {
        let t = i as f64 / n;
        let on_line = (
            first.0 + t * (last.0 - first.0),
            first.1 + t * (last.1 - first.1),
        );
        *point = (
            on_line.0 + kept * (point.0 - on_line.0),
            on_line.1 + kept * (point.1 - on_line.1),
        );
    }
    flatter
}

/// How near `curve` comes to `outline`: 0 where it crosses it or runs
/// inside it.
fn clearance(outline: &Outline, curve: &Curve) -> f64 {
    let reach = outline.reach();
    if !curve.bounds().overlaps(&reach.grow(CLEARANCE)) {
        return f64::INFINITY;
    }
    let sides: Vec<(Point, Point)> = outline.points().windows(2).map(|w| (w[0], w[1])).collect();
    let mut nearest = f64::INFINITY;
    for pair in curve.points().windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if inside(outline.points(), a) {
            return 0.0;
        }
        for &(c, d) in &sides {
            if segments_cross(a, b, c, d) {
                return 0.0;
            }
            nearest = nearest
                .min(point_to_segment(a, c, d))
                .min(point_to_segment(b, c, d))
                .min(point_to_segment(c, a, b));
        }
    }
    nearest
}

/// Whether `p` lies inside the closed polygon through `points`.
fn inside(points: &[Point], p: Point) -> bool {
    let mut within = false;
    for pair in points.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if (a.1 > p.1) != (b.1 > p.1) && p.0 < a.0 + (p.1 - a.1) / (b.1 - a.1) * (b.0 - a.0) {
            within = !within;
        }
    }
    within
}

#[cfg(test)]
mod tests;
