//! Ties whose lines run on top of each other. Graphviz routes ties bound
//! for one actor along one path: in a cold check, France's hostility to
//! JNIM and JNIM's alliance with the Daoussak militias ran within 2 pt of
//! each other for 3.4 inches, and neither could be followed. Nothing
//! moves them here; they are found, so that the export can say so.

use super::{Drawing, Point, Rect};

/// How near two lines may run, stroke to stroke, in points, and still be
/// told apart.
const APART: f64 = 2.0;
/// How near their ends lines may run together: ties that meet one actor
/// converge beside it, where the eye still sees where each arrives.
const NEAR_AN_END: f64 = 24.0;

/// Two edges (by index) whose lines run together, and the longest
/// stretch they do so, in the drawing's points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RunTogether {
    pub edges: (usize, usize),
    pub length: f64,
}

/// A tie's line (by edge index) that runs along an actor's outline (by
/// index) it does not join, and the longest stretch it does so, in the
/// drawing's points: it reads as that actor's tie.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RunAlong {
    pub edge: usize,
    pub actor: usize,
    pub length: f64,
}

/// How near its end a line meets the actors it joins, in points (its
/// arrowhead may stop short of the outline).
const AT_ITS_END: f64 = 12.0;

/// Every edge of `drawing` whose line runs within `clear` points of an
/// actor it does not join (stroke to outline), away from its ends, for
/// longer than `longest` points; the longest first. The cold check's new hostility
/// ran down the Republic of Dorvan's side to Hill Guards below it, and
/// read as a hostility to Dorvan.
pub fn run_along_actors(drawing: &Drawing, clear: f64, longest: f64) -> Vec<RunAlong> {
    let mut found = Vec::new();
    for (index, edge) in drawing.edges.iter().enumerate() {
        let points = edge.curve.points();
        let ends = [points[0], points[points.len() - 1]];
        let within = clear + edge.half_width;
        for (actor, outline) in drawing.outlines.iter().enumerate() {
            let joins = ends.iter().any(|&end| {
                outline
                    .off(end, AT_ITS_END)
                    .is_some_and(|d| d <= AT_ITS_END)
            });
            if joins || !outline.reach().grow(within).overlaps(&edge.curve.bounds()) {
                continue;
            }
            let near = |p: Point| outline.off(p, within).is_some_and(|d| d <= within);
            let length = longest_run(points, &ends, near);
            if length > longest {
                found.push(RunAlong {
                    edge: index,
                    actor,
                    length,
                });
            }
        }
    }
    found.sort_by(|x, y| y.length.total_cmp(&x.length));
    found
}

/// Every pair of `drawing`'s edges whose lines run within [`APART`] of
/// each other, away from their ends, for longer than `longest` points;
/// the longest first.
pub fn run_together(drawing: &Drawing, longest: f64) -> Vec<RunTogether> {
    let edges = &drawing.edges;
    let mut found = Vec::new();
    for (i, a) in edges.iter().enumerate() {
        for (j, b) in edges.iter().enumerate().skip(i + 1) {
            let reach = APART + a.half_width + b.half_width;
            if !a.curve.bounds().overlaps(&b.curve.bounds().grow(reach)) {
                continue;
            }
            let near = |point: Point| {
                b.curve.bounds().grow(reach).contains(point)
                    && b.curve.distance(&Rect::around(point, 0.0, 0.0)) <= reach
            };
            let ends: Vec<Point> = [&a.curve, &b.curve]
                .iter()
                .flat_map(|c| [c.points()[0], c.points()[c.points().len() - 1]])
                .collect();
            let length = longest_run(a.curve.points(), &ends, near);
            if length > longest {
                found.push(RunTogether {
                    edges: (i, j),
                    length,
                });
            }
        }
    }
    found.sort_by(|x, y| y.length.total_cmp(&x.length));
    found
}

/// The longest stretch of the polyline through `points` whose every step
/// is `near` (at its middle) and away from the lines' `ends`.
fn longest_run(points: &[Point], ends: &[Point], near: impl Fn(Point) -> bool) -> f64 {
    let (mut best, mut run) = (0.0f64, 0.0);
    for step in points.windows(2) {
        let (p, q) = (step[0], step[1]);
        let middle = ((p.0 + q.0) / 2.0, (p.1 + q.1) / 2.0);
        let by_an_end = ends
            .iter()
            .any(|end| (end.0 - middle.0).hypot(end.1 - middle.1) < NEAR_AN_END);
        if !by_an_end && near(middle) {
            run += (q.0 - p.0).hypot(q.1 - p.1);
            best = best.max(run);
        } else {
            run = 0.0;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::super::DrawnEdge;
    use super::*;

    /// An edge through `corners`, in steps of at most 10 pt, as a
    /// Bézier curve is cut.
    fn edge(corners: Vec<Point>) -> DrawnEdge {
        let mut points = vec![corners[0]];
        for pair in corners.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let steps = ((b.0 - a.0).hypot(b.1 - a.1) / 10.0).ceil() as usize;
            for k in 1..=steps {
                let t = k as f64 / steps as f64;
                points.push((a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t));
            }
        }
        super::super::tests::edge(points, None)
    }

    /// Two actors 400 pt apart, and lines between or past them.
    fn drawing(edges: Vec<DrawnEdge>) -> Drawing {
        Drawing {
            blocks: vec![
                Rect::around((0.0, 0.0), 40.0, 20.0),
                Rect::around((400.0, 0.0), 40.0, 20.0),
            ],
            edges,
            ..Drawing::default()
        }
    }

    #[test]
    fn lines_on_top_of_each_other_away_from_actors_run_together() {
        // 3 pt apart centre to centre: 1 pt stroke to stroke.
        let found = run_together(
            &drawing(vec![
                edge(vec![(20.0, 0.0), (380.0, 0.0)]),
                edge(vec![(20.0, 3.0), (380.0, 3.0)]),
            ]),
            36.0,
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].edges, (0, 1));
        // The whole length but where they leave and reach the actors.
        assert!((found[0].length - 316.0).abs() < 10.0, "{found:?}");
    }

    #[test]
    fn lines_apart_or_meeting_only_beside_an_actor_do_not() {
        let apart = drawing(vec![
            edge(vec![(20.0, 0.0), (380.0, 0.0)]),
            edge(vec![(20.0, 8.0), (380.0, 8.0)]),
        ]);
        assert!(run_together(&apart, 36.0).is_empty());
        // Two ties converging on one actor from different sides.
        let converging = drawing(vec![
            edge(vec![(20.0, 0.0), (200.0, 100.0)]),
            edge(vec![(20.0, 2.0), (200.0, -100.0)]),
        ]);
        assert!(run_together(&converging, 36.0).is_empty());
    }

    /// An actor 100 pt tall at x 200–300, and a line from (0, 0) past it.
    fn beside_an_actor(x: f64) -> Drawing {
        let actor = vec![(200.0, 0.0), (300.0, 0.0), (300.0, 100.0), (200.0, 100.0)];
        Drawing {
            outlines: super::super::ends::Outline::new(actor)
                .into_iter()
                .collect(),
            edges: vec![edge(vec![
                (0.0, -100.0),
                (x, -20.0),
                (x, 120.0),
                (0.0, 200.0),
            ])],
            ..Drawing::default()
        }
    }

    /// A line 3 pt from an actor's side runs along it for its whole
    /// height; 20 pt away, or ending on it, it does not.
    #[test]
    fn a_line_hugging_an_actor_it_does_not_join_runs_along_it() {
        let found = run_along_actors(&beside_an_actor(196.0), 6.0, 36.0);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].edge, found[0].actor), (0, 0));
        assert!(found[0].length > 90.0, "{found:?}");
        assert!(run_along_actors(&beside_an_actor(180.0), 6.0, 36.0).is_empty());
        let mut joins = beside_an_actor(196.0);
        joins.edges[0] = edge(vec![
            (0.0, -100.0),
            (196.0, -20.0),
            (196.0, 50.0),
            (200.0, 50.0),
        ]);
        assert!(run_along_actors(&joins, 6.0, 36.0).is_empty());
    }
}
