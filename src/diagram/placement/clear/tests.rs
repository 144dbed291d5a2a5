//! Routes kept off the actors they do not join, on drawings made by hand.

use super::super::ends::{Outline, Spline};
use super::super::tests::edge;
use super::super::{Drawing, Rect};
use super::*;

/// A box's outline.
fn outline(rect: Rect) -> Outline {
    Outline::new(vec![
        (rect.x0, rect.y0),
        (rect.x1, rect.y0),
        (rect.x1, rect.y1),
        (rect.x0, rect.y1),
    ])
    .unwrap()
}

/// Two actors stacked in a column, joined by an arc from the east side of
/// one to the east side of the other that bulges to x = 75; a third actor
/// stands in the next column, from x = `next`.
fn column_with_arc(next: f64) -> Drawing {
    let spline = Spline {
        start: None,
        end: None,
        control: vec![(40.0, 0.0), (90.0, 0.0), (90.0, 100.0), (40.0, 100.0)],
    };
    let mut arc = edge(vec![(0.0, 0.0), (1.0, 0.0)], None);
    arc.curve = spline.curve().unwrap();
    arc.spline = Some(spline);
    arc.id = Some("tie1".into());
    Drawing {
        outlines: vec![
            outline(Rect::around((20.0, 0.0), 40.0, 20.0)),
            outline(Rect::around((20.0, 100.0), 40.0, 20.0)),
            outline(Rect {
                x0: next,
                y0: 30.0,
                x1: next + 60.0,
                y1: 70.0,
            }),
        ],
        edges: vec![arc],
        ..Drawing::default()
    }
}

/// The arc ran over the next column's actor (the Transitional Council's
/// corner): it is drawn flatter, clear of it, from and to the same points.
#[test]
fn an_arc_over_an_actor_it_does_not_join_is_drawn_flatter_and_clear() {
    let mut drawing = column_with_arc(70.0);
    let others = [&drawing.outlines[2]];
    assert!(!clear(&drawing.edges[0].curve, &others));
    let mut routes = HashMap::new();
    keep_off_actors(&mut drawing, &mut routes);
    let edge = &drawing.edges[0];
    assert!(routes.contains_key("tie1"), "{routes:?}");
    assert!(clearance(&drawing.outlines[2], &edge.curve) >= CLEARANCE);
    let points = edge.curve.points();
    assert_eq!(points[0], (40.0, 0.0));
    assert_eq!(points[points.len() - 1], (40.0, 100.0));
    // Still an arc beside the column, not a line through its actors.
    let widest = points.iter().map(|p| p.0).fold(f64::MIN, f64::max);
    assert!(widest > 50.0, "{widest}");
}

/// An arc clear of the next column is left as Graphviz drew it.
#[test]
fn an_arc_clear_of_other_actors_is_left_alone() {
    let mut drawing = column_with_arc(100.0);
    let before = drawing.edges[0].spline.clone();
    let mut routes = HashMap::new();
    keep_off_actors(&mut drawing, &mut routes);
    assert!(routes.is_empty());
    assert_eq!(drawing.edges[0].spline, before);
}
