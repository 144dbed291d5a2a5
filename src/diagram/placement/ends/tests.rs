//! Ends spread along outlines, on drawings made by hand.

use super::*;
use crate::diagram::placement::DrawnEdge;

/// A box 40 × 40 around `(100, 0)`, walked from its left side's middle
/// (so that ends there straddle the outline's first point).
fn actor() -> Outline {
    Outline::new(vec![
        (80.0, 0.0),
        (80.0, -20.0),
        (120.0, -20.0),
        (120.0, 20.0),
        (80.0, 20.0),
    ])
    .unwrap()
}

/// An edge from `from` straight to `(80, y)` on the actor's left side,
/// with an arrowhead there when `marked`.
fn edge(id: &str, from: Point, y: f64, marked: bool) -> DrawnEdge {
    let tip = (80.0, y);
    let stem = if marked { (70.0, y) } else { tip };
    let third = |t: f64| {
        (
            from.0 + (stem.0 - from.0) * t,
            from.1 + (stem.1 - from.1) * t,
        )
    };
    let spline = Spline {
        start: None,
        end: marked.then_some(tip),
        control: vec![from, third(1.0 / 3.0), third(2.0 / 3.0), stem],
    };
    DrawnEdge {
        id: Some(id.to_string()),
        name: None,
        curve: spline.curve().unwrap(),
        spline: Some(spline),
        turned: false,
        marks: (false, marked),
        half_width: 1.0,
        label: None,
    }
}

fn drawing(edges: Vec<DrawnEdge>) -> Drawing {
    Drawing {
        edges,
        outlines: vec![actor()],
        ..Drawing::default()
    }
}

fn tip(drawing: &Drawing, i: usize) -> Point {
    *drawing.edges[i].curve.points().last().unwrap()
}

#[test]
fn a_route_reads_and_writes_as_graphviz_writes_it() {
    let pos = "s,1,2 e,10.5,-3 1,4 2,5 3,6 4,7";
    let spline = Spline::parse(pos).unwrap();
    assert_eq!(spline.start, Some((1.0, 2.0)));
    assert_eq!(spline.end, Some((10.5, -3.0)));
    assert_eq!(spline.control.len(), 4);
    assert_eq!(
        spline.to_pos(),
        "s,1.00,2.00 e,10.50,-3.00 1.00,4.00 2.00,5.00 3.00,6.00 4.00,7.00"
    );
    // Graphviz breaks a long value with a backslash and a line break.
    assert_eq!(Spline::parse("e,1,2 1,4 2,5\\\n3,6 4,7"), {
        let mut broken = spline.clone();
        broken.start = None;
        broken.end = Some((1.0, 2.0));
        Some(broken)
    });
    assert_eq!(Spline::parse("1,2 3,4"), None);
}

#[test]
fn two_heads_at_one_spot_are_spread_in_the_order_their_lines_come() {
    // Both arrive at (80, 0); the one from above stays above.
    let mut drawing = drawing(vec![
        edge("below", (0.0, -40.0), 0.0, true),
        edge("above", (0.0, 40.0), 0.0, true),
    ]);
    let moved = spread_ends(&mut drawing);
    assert_eq!(moved.len(), 2);
    let (below, above) = (tip(&drawing, 0), tip(&drawing, 1));
    assert!(
        (above.1 - below.1 - APART).abs() < 1e-6,
        "{below:?} {above:?}"
    );
    assert!(above.1 > 0.0 && below.1 < 0.0);
    // Each still meets the outline, and arrives as it did: the stem to
    // its tip keeps its direction.
    for (i, edge) in drawing.edges.iter().enumerate() {
        assert_eq!(tip(&drawing, i).0, 80.0);
        let spline = edge.spline.as_ref().unwrap();
        let stem = spline.control[spline.control.len() - 1];
        let tip = spline.end.unwrap();
        assert!(((tip.0 - stem.0) - 10.0).abs() < 1e-9 && (tip.1 - stem.1).abs() < 1e-9);
    }
    // The new route is written back by id.
    assert!(moved["above"].starts_with("e,80.00,5.00 "));
}

#[test]
fn plain_ends_may_share_a_spot_but_not_with_a_head() {
    let mut plain = drawing(vec![
        edge("a", (0.0, -40.0), 1.0, false),
        edge("b", (0.0, 40.0), 1.0, false),
    ]);
    assert!(spread_ends(&mut plain).is_empty());
    // A head among them: the plain ends keep one place, the head another.
    let mut mixed = drawing(vec![
        edge("a", (0.0, 40.0), 1.0, false),
        edge("b", (0.0, 30.0), 1.0, false),
        edge("head", (0.0, -40.0), 1.0, true),
    ]);
    spread_ends(&mut mixed);
    let (a, b, head) = (tip(&mixed, 0), tip(&mixed, 1), tip(&mixed, 2));
    assert_eq!(a, b);
    assert!((a.1 - head.1 - APART).abs() < 1e-6, "{a:?} {head:?}");
}

#[test]
fn ends_already_apart_stay_and_a_spread_makes_room_for_its_neighbours() {
    let mut apart = drawing(vec![
        edge("a", (0.0, 40.0), 6.0, true),
        edge("b", (0.0, -40.0), -6.0, true),
    ]);
    assert!(spread_ends(&mut apart).is_empty());
    // Three heads: two at one spot and a third just below them.
    let mut three = drawing(vec![
        edge("a", (0.0, 40.0), 2.0, true),
        edge("b", (0.0, 30.0), 2.0, true),
        edge("c", (0.0, -40.0), -6.0, true),
    ]);
    spread_ends(&mut three);
    let mut ys: Vec<f64> = (0..3).map(|i| tip(&three, i).1).collect();
    ys.sort_by(f64::total_cmp);
    assert!(
        ys[1] - ys[0] >= APART - 0.02 && ys[2] - ys[1] >= APART - 0.02,
        "{ys:?}"
    );
    // In the order their lines come from: a (from highest) on top.
    assert!(tip(&three, 0).1 > tip(&three, 1).1 && tip(&three, 1).1 > tip(&three, 2).1);
}

#[test]
fn an_edge_meeting_no_outline_is_left_alone() {
    let mut far = drawing(vec![edge("a", (0.0, 40.0), 0.0, true), {
        let mut e = edge("b", (0.0, -40.0), 0.0, true);
        e.id = None;
        e
    }]);
    // An edge with no id cannot be written back, so it does not count.
    assert!(spread_ends(&mut far).is_empty());
}

#[test]
fn a_head_at_a_double_outlines_inner_line_is_drawn_to_its_outer_line() {
    // An edge ending 3 pt inside the outer of two lines: the outer one,
    // the outline here, would cross its arrowhead.
    let mut inner = edge("a", (0.0, 0.0), 0.0, true);
    if let Some(spline) = inner.spline.as_mut() {
        spline.shift(false, (3.0, 0.0));
        inner.curve = spline.curve().unwrap();
    }
    let plain = {
        let mut plain = edge("b", (0.0, 40.0), 10.0, false);
        let spline = plain.spline.as_mut().unwrap();
        spline.shift(false, (3.0, 0.0));
        plain.curve = spline.curve().unwrap();
        plain
    };
    let mut drawing = drawing(vec![inner, plain]);
    assert_eq!(tip(&drawing, 0), (83.0, 0.0));
    let moved = spread_ends(&mut drawing);
    let head = tip(&drawing, 0);
    assert!(distance(head, (80.0, 0.0)) < 0.01, "{head:?}");
    // The line arrives as it did: its last control point moved with it.
    let spline = drawing.edges[0].spline.as_ref().unwrap();
    assert_eq!(spline.control[3], (70.0, 0.0));
    assert!(moved.contains_key("a"));
    // A plain end keeps its place, 3 pt in.
    assert_eq!(tip(&drawing, 1), (83.0, 10.0));
    assert!(!moved.contains_key("b"));
}

#[test]
fn a_route_written_from_its_head_is_read_from_its_tail() {
    // An arc east of a column: from the lower actor (the head, at y 318)
    // up to the upper (the tail, at y 392), with no arrowhead tip.
    let pos = "974.87,318 1007.9,318 1014.9,392 981.87,392";
    let (tail, head) = ((879.87, 392.0), (879.87, 318.0));
    let mut spline = Spline::parse(pos).unwrap();
    assert!(spline.read_from_its_tail(tail, head));
    assert_eq!(
        spline.to_pos(),
        "981.87,392.00 1014.90,392.00 1007.90,318.00 974.87,318.00"
    );
    // Read the right way round, or with a tip saying which end is which,
    // it stays as written.
    assert!(!spline.read_from_its_tail(tail, head));
    let mut tipped = Spline::parse(&format!("e,970,318 {pos}")).unwrap();
    assert!(!tipped.read_from_its_tail(tail, head));
}
