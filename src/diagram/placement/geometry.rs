//! Boxes and curves in Graphviz's points (y grows upwards): what a label
//! must keep off, and the lines it must not be crossed by.

/// A point.
pub type Point = (f64, f64);

/// An axis-aligned box.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    /// The box `width` × `height` around `(x, y)`.
    pub fn around((x, y): Point, width: f64, height: f64) -> Rect {
        Rect {
            x0: x - width / 2.0,
            y0: y - height / 2.0,
            x1: x + width / 2.0,
            y1: y + height / 2.0,
        }
    }

    /// The smallest box holding every point; `None` for none.
    pub fn bounding(points: impl IntoIterator<Item = Point>) -> Option<Rect> {
        points.into_iter().fold(None, |acc: Option<Rect>, (x, y)| {
            Some(match acc {
                None => Rect {
                    x0: x,
                    y0: y,
                    x1: x,
                    y1: y,
                },
                Some(r) => Rect {
                    x0: r.x0.min(x),
                    y0: r.y0.min(y),
                    x1: r.x1.max(x),
                    y1: r.y1.max(y),
                },
            })
        })
    }

    /// The box grown by `by` on every side (shrunk when negative).
    pub fn grow(self, by: f64) -> Rect {
        Rect {
            x0: self.x0 - by,
            y0: self.y0 - by,
            x1: self.x1 + by,
            y1: self.y1 + by,
        }
    }

    /// The box moved by `(dx, dy)`.
    #[cfg(test)]
    pub fn shift(self, (dx, dy): Point) -> Rect {
        Rect {
            x0: self.x0 + dx,
            y0: self.y0 + dy,
            x1: self.x1 + dx,
            y1: self.y1 + dy,
        }
    }

    pub fn width(&self) -> f64 {
        self.x1 - self.x0
    }

    pub fn height(&self) -> f64 {
        self.y1 - self.y0
    }

    pub fn centre(&self) -> Point {
        ((self.x0 + self.x1) / 2.0, (self.y0 + self.y1) / 2.0)
    }

    /// Whether the two boxes share any area.
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x0 < other.x1 && other.x0 < self.x1 && self.y0 < other.y1 && other.y0 < self.y1
    }

    /// Whether `other` lies wholly inside.
    pub fn holds(&self, other: &Rect) -> bool {
        other.x0 >= self.x0 && other.x1 <= self.x1 && other.y0 >= self.y0 && other.y1 <= self.y1
    }

    pub fn contains(&self, (x, y): Point) -> bool {
        (self.x0..=self.x1).contains(&x) && (self.y0..=self.y1).contains(&y)
    }

    /// Whether the segment from `a` to `b` passes through the box
    /// (Liang–Barsky clipping).
    pub fn meets_segment(&self, a: Point, b: Point) -> bool {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let (mut low, mut high) = (0.0f64, 1.0f64);
        for (p, q) in [
            (-dx, a.0 - self.x0),
            (dx, self.x1 - a.0),
            (-dy, a.1 - self.y0),
            (dy, self.y1 - a.1),
        ] {
            if p == 0.0 {
                if q < 0.0 {
                    return false;
                }
            } else {
                let t = q / p;
                if p < 0.0 {
                    low = low.max(t);
                } else {
                    high = high.min(t);
                }
                if low > high {
                    return false;
                }
            }
        }
        true
    }

    /// The distance from the box to the segment from `a` to `b`; 0 when
    /// they meet.
    pub fn distance_to_segment(&self, a: Point, b: Point) -> f64 {
        if self.meets_segment(a, b) {
            return 0.0;
        }
        let corners = [
            (self.x0, self.y0),
            (self.x1, self.y0),
            (self.x0, self.y1),
            (self.x1, self.y1),
        ];
        let from_corners = corners
            .iter()
            .map(|&c| point_to_segment(c, a, b))
            .fold(f64::INFINITY, f64::min);
        from_corners
            .min(self.distance_to_point(a))
            .min(self.distance_to_point(b))
    }

    fn distance_to_point(&self, (x, y): Point) -> f64 {
        if self.contains((x, y)) {
            return 0.0;
        }
        let dx = (self.x0 - x).max(0.0).max(x - self.x1);
        let dy = (self.y0 - y).max(0.0).max(y - self.y1);
        dx.hypot(dy)
    }
}

fn point_to_segment(p: Point, a: Point, b: Point) -> f64 {
    let nearest = nearest_on_segment(p, a, b);
    (p.0 - nearest.0).hypot(p.1 - nearest.1)
}

/// The point of the segment from `a` to `b` nearest `p`.
fn nearest_on_segment(p: Point, a: Point, b: Point) -> Point {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let length = dx * dx + dy * dy;
    let t = if length == 0.0 {
        0.0
    } else {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / length).clamp(0.0, 1.0)
    };
    (a.0 + t * dx, a.1 + t * dy)
}

/// Whether the segments `a`–`b` and `c`–`d` cross.
fn segments_cross(a: Point, b: Point, c: Point, d: Point) -> bool {
    let side = |p: Point, q: Point, r: Point| (q.0 - p.0) * (r.1 - p.1) - (q.1 - p.1) * (r.0 - p.0);
    let (d1, d2) = (side(c, d, a), side(c, d, b));
    let (d3, d4) = (side(a, b, c), side(a, b, d));
    d1 * d2 < 0.0 && d3 * d4 < 0.0
}

/// A drawn line as a polyline, with its bounding box for quick rejection.
#[derive(Clone, Debug, PartialEq)]
pub struct Curve {
    points: Vec<Point>,
    bounds: Rect,
}

/// Steps each Bézier piece is cut into: a slide's curve bends little over
/// a twelfth of its piece.
const STEPS: usize = 12;

impl Curve {
    /// The polyline through `points`; `None` for fewer than two.
    pub fn polyline(points: Vec<Point>) -> Option<Curve> {
        if points.len() < 2 {
            return None;
        }
        let bounds = Rect::bounding(points.iter().copied())?;
        Some(Curve { points, bounds })
    }

    /// A cubic B-spline as Graphviz writes it (start, then three control
    /// points per piece), cut into short straight steps.
    pub fn bezier(control: &[Point]) -> Option<Curve> {
        let mut points = Vec::new();
        for piece in control.windows(4).step_by(3) {
            for k in 0..=STEPS {
                if k == 0 && !points.is_empty() {
                    continue;
                }
                let t = k as f64 / STEPS as f64;
                let w = [
                    (1.0 - t).powi(3),
                    3.0 * t * (1.0 - t).powi(2),
                    3.0 * t * t * (1.0 - t),
                    t.powi(3),
                ];
                let at = |axis: fn(&Point) -> f64| (0..4).map(|i| w[i] * axis(&piece[i])).sum();
                points.push((at(|p| p.0), at(|p| p.1)));
            }
        }
        Curve::polyline(points)
    }

    pub fn points(&self) -> &[Point] {
        &self.points
    }

    pub fn bounds(&self) -> Rect {
        self.bounds
    }

    /// Whether the curve passes through `rect`.
    pub fn meets(&self, rect: &Rect) -> bool {
        self.bounds.overlaps(&rect.grow(0.5))
            && self
                .points
                .windows(2)
                .any(|pair| rect.meets_segment(pair[0], pair[1]))
    }

    /// The distance from `rect` to the curve.
    pub fn distance(&self, rect: &Rect) -> f64 {
        self.points
            .windows(2)
            .map(|pair| rect.distance_to_segment(pair[0], pair[1]))
            .fold(f64::INFINITY, f64::min)
    }

    /// The point of the curve nearest `p`.
    pub fn nearest(&self, p: Point) -> Point {
        self.points
            .windows(2)
            .map(|pair| nearest_on_segment(p, pair[0], pair[1]))
            .min_by(|a, b| {
                let d = |q: &Point| (q.0 - p.0).hypot(q.1 - p.1);
                d(a).total_cmp(&d(b))
            })
            .unwrap_or(p)
    }

    /// Whether the curve crosses the segment from `a` to `b`.
    pub fn crosses(&self, a: Point, b: Point) -> bool {
        self.points
            .windows(2)
            .any(|pair| segments_cross(a, b, pair[0], pair[1]))
    }

    /// The point `fraction` of the way along the curve, and the unit
    /// direction of the curve there.
    pub fn along(&self, fraction: f64) -> (Point, Point) {
        let lengths: Vec<f64> = self
            .points
            .windows(2)
            .map(|p| (p[1].0 - p[0].0).hypot(p[1].1 - p[0].1))
            .collect();
        let total: f64 = lengths.iter().sum();
        let mut left = total * fraction.clamp(0.0, 1.0);
        let last = lengths.len().saturating_sub(1);
        for (i, (pair, length)) in self.points.windows(2).zip(&lengths).enumerate() {
            if left <= *length || i == last {
                let t = if *length > 0.0 {
                    (left / length).min(1.0)
                } else {
                    0.0
                };
                let (a, b) = (pair[0], pair[1]);
                let direction = if *length > 0.0 {
                    ((b.0 - a.0) / length, (b.1 - a.1) / length)
                } else {
                    (1.0, 0.0)
                };
                return ((a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1)), direction);
            }
            left -= length;
        }
        (self.points[0], (1.0, 0.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_segment_meets_a_box_only_when_it_crosses_it() {
        let r = Rect::around((0.0, 0.0), 10.0, 4.0);
        assert!(r.meets_segment((-20.0, 0.0), (20.0, 0.0)));
        assert!(r.meets_segment((-20.0, -10.0), (20.0, 10.0)));
        assert!(!r.meets_segment((-20.0, 3.0), (20.0, 3.0)));
        assert!(!r.meets_segment((6.0, -10.0), (6.0, 10.0)));
        // Inside wholly.
        assert!(r.meets_segment((-1.0, 0.0), (1.0, 0.0)));
        assert_eq!(r.distance_to_segment((-20.0, 5.0), (20.0, 5.0)), 3.0);
        assert_eq!(r.distance_to_segment((8.0, 0.0), (9.0, 0.0)), 3.0);
    }

    #[test]
    fn a_curve_is_walked_by_its_length() {
        let line = Curve::polyline(vec![(0.0, 0.0), (10.0, 0.0), (10.0, 30.0)]).unwrap();
        assert_eq!(line.along(0.0).0, (0.0, 0.0));
        assert_eq!(line.along(0.25), ((10.0, 0.0), (1.0, 0.0)));
        assert_eq!(line.along(0.5), ((10.0, 10.0), (0.0, 1.0)));
        assert_eq!(line.along(1.0).0, (10.0, 30.0));
        let bezier = Curve::bezier(&[(0.0, 0.0), (10.0, 0.0), (20.0, 0.0), (30.0, 0.0)]).unwrap();
        assert_eq!(bezier.points().len(), STEPS + 1);
        assert!(bezier.meets(&Rect::around((15.0, 0.0), 2.0, 2.0)));
        assert!(!bezier.meets(&Rect::around((15.0, 5.0), 2.0, 2.0)));
        assert!((bezier.distance(&Rect::around((15.0, 5.0), 2.0, 2.0)) - 4.0).abs() < 1e-9);
    }

    #[test]
    fn a_curve_knows_its_nearest_point_and_what_crosses_it() {
        let line = Curve::polyline(vec![(0.0, 0.0), (10.0, 0.0), (10.0, 30.0)]).unwrap();
        assert_eq!(line.nearest((4.0, -7.0)), (4.0, 0.0));
        assert_eq!(line.nearest((15.0, 20.0)), (10.0, 20.0));
        assert!(line.crosses((5.0, -1.0), (5.0, 1.0)));
        assert!(!line.crosses((5.0, 1.0), (5.0, 9.0)));
        assert!(line.crosses((0.0, 10.0), (20.0, 12.0)));
    }
}
