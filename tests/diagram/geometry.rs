//! The plane geometry the picture tests read SVGs with: boxes, polylines
//! and outlines in the SVG's own units (y grows downwards).

use super::labels::{Point, Rect};
use super::slides::distance_to;

pub(super) fn shrink(r: Rect, by: f64) -> Rect {
    [r[0] + by, r[1] + by, r[2] - by, r[3] - by]
}

/// How deep two boxes overlap across and down (negative: apart).
pub(super) fn overlap(a: Rect, b: Rect) -> (f64, f64) {
    (
        a[2].min(b[2]) - a[0].max(b[0]),
        a[3].min(b[3]) - a[1].max(b[1]),
    )
}

/// Whether the polyline `line` enters the box `r` (Liang–Barsky clipping
/// of each segment).
pub(super) fn enters(line: &[Point], r: Rect) -> bool {
    if r[0] >= r[2] || r[1] >= r[3] {
        return false;
    }
    let inside = |p: Point| (r[0]..=r[2]).contains(&p[0]) && (r[1]..=r[3]).contains(&p[1]);
    if line.iter().any(|&p| inside(p)) {
        return true;
    }
    line.windows(2).any(|pair| {
        let ([ax, ay], [bx, by]) = (pair[0], pair[1]);
        let (dx, dy) = (bx - ax, by - ay);
        let (mut low, mut high) = (0.0_f64, 1.0_f64);
        for (p, q) in [
            (-dx, ax - r[0]),
            (dx, r[2] - ax),
            (-dy, ay - r[1]),
            (dy, r[3] - ay),
        ] {
            if p == 0.0 {
                if q < 0.0 {
                    return false;
                }
            } else if p < 0.0 {
                low = low.max(q / p);
            } else {
                high = high.min(q / p);
            }
        }
        low <= high
    })
}

/// Whether `point` lies inside the closed outline `shape` (ray casting).
pub(super) fn inside(point: Point, shape: &[Point]) -> bool {
    let mut within = false;
    for (k, a) in shape.iter().enumerate() {
        let b = shape[(k + 1) % shape.len()];
        if (a[1] > point[1]) != (b[1] > point[1])
            && point[0] < a[0] + (point[1] - a[1]) / (b[1] - a[1]) * (b[0] - a[0])
        {
            within = !within;
        }
    }
    within
}

/// How far the box `r` is from the nearest of `curves`.
pub(super) fn reach(r: Rect, curves: &[Vec<Point>]) -> f64 {
    let corners = [[r[0], r[1]], [r[2], r[1]], [r[0], r[3]], [r[2], r[3]]];
    curves
        .iter()
        .map(|curve| {
            if enters(curve, r) {
                return 0.0;
            }
            let from_points = curve.iter().map(|p| {
                let dx = (r[0] - p[0]).max(p[0] - r[2]).max(0.0);
                let dy = (r[1] - p[1]).max(p[1] - r[3]).max(0.0);
                dx.hypot(dy)
            });
            let from_corners = corners.iter().map(|&c| distance_to(c, curve));
            from_points.chain(from_corners).fold(f64::MAX, f64::min)
        })
        .fold(f64::MAX, f64::min)
}

/// Whether the segment from `a` to `b` crosses the polyline `line`.
pub(super) fn crosses(a: Point, b: Point, line: &[Point]) -> bool {
    let side = |p: Point, q: Point, r: Point| {
        (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
    };
    line.windows(2).any(|pair| {
        let (c, d) = (pair[0], pair[1]);
        side(a, b, c) * side(a, b, d) < 0.0 && side(c, d, a) * side(c, d, b) < 0.0
    })
}
