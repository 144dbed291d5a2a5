//! Placement of date labels, on drawings made by hand.

use super::*;

/// An edge along `points`, with a label of `(at, width, height)`.
pub(super) fn edge(points: Vec<Point>, label: Option<(Point, f64, f64)>) -> DrawnEdge {
    DrawnEdge {
        id: None,
        name: None,
        curve: Curve::polyline(points).unwrap(),
        spline: None,
        turned: false,
        marks: (false, false),
        half_width: 1.0,
        label: label.map(|(at, w, h)| EdgeLabel {
            key: "lp",
            at,
            text: Rect::around(at, w, h),
            one_line: None,
            leader: false,
        }),
    }
}

/// Two labels Graphviz put on one spot, where a third tie crosses
/// them: each moves beside its own line, apart, and clear of the
/// crossing tie.
#[test]
fn labels_move_beside_their_own_edge_clear_of_everything() {
    let drawing = Drawing {
        area: Some(Rect::around((100.0, 100.0), 400.0, 400.0)),
        blocks: vec![Rect::around((0.0, 100.0), 30.0, 20.0)],
        borders: Vec::new(),
        titles: Vec::new(),
        outlines: Vec::new(),
        edges: vec![
            edge(
                vec![(15.0, 100.0), (200.0, 100.0)],
                Some(((100.0, 100.0), 60.0, 14.0)),
            ),
            edge(
                vec![(15.0, 95.0), (200.0, 40.0)],
                Some(((100.0, 100.0), 60.0, 14.0)),
            ),
            edge(vec![(100.0, 0.0), (100.0, 200.0)], None),
        ],
    };
    let placement = place(&drawing);
    assert_eq!(placement.crowded, 0);
    let boxes: Vec<Rect> = placement
        .places
        .iter()
        .zip(&drawing.edges)
        .filter_map(|(place, edge)| {
            let label = edge.label?;
            let (x, y) = place.expect("every label placed").at;
            Some(label.text.shift((x - label.at.0, y - label.at.1)))
        })
        .collect();
    assert!(!boxes[0].overlaps(&boxes[1]));
    for (i, rect) in boxes.iter().enumerate() {
        for (j, other) in drawing.edges.iter().enumerate() {
            assert!(!other.curve.meets(rect), "label {i} crossed by edge {j}");
            if i != j {
                assert!(
                    other.curve.distance(rect) > drawing.edges[i].curve.distance(rect),
                    "label {i} nearer edge {j}"
                );
            }
        }
        assert!(!rect.overlaps(&drawing.blocks[0]));
    }
}

/// A label between its own line and another that runs only a little
/// further away reads as either's; once the other is well away, it
/// reads as its own.
#[test]
fn a_line_only_a_little_further_than_its_own_makes_a_label_ambiguous() {
    // The label's box spans y 45..55; its own line runs 1 pt below it
    // (less the line's half width).
    let drawing_with_rival_at = |y: f64| Drawing {
        edges: vec![
            edge(
                vec![(0.0, 57.0), (100.0, 57.0)],
                Some(((50.0, 50.0), 20.0, 10.0)),
            ),
            edge(vec![(0.0, y), (100.0, y)], None),
        ],
        ..Drawing::default()
    };
    let label = Rect::around((50.0, 50.0), 20.0, 10.0);
    // Another 6 pt above it: either line may be its own.
    let near = drawing_with_rival_at(38.0);
    assert!(ambiguity(&near, 0, &label) > 0.0);
    assert_eq!(crowded_as_drawn(&near), vec![0]);
    // Another 19 pt above it: the label is its own line's.
    let far = drawing_with_rival_at(25.0);
    assert_eq!(ambiguity(&far, 0, &label), 0.0);
    assert!(crowded_as_drawn(&far).is_empty());
}

/// A double or thick line is a rival by its outer stroke, not its middle:
/// 11 pt from the label's box, 3 pt of half width bring it within 8 pt,
/// as near as the label's own line plus the margin.
#[test]
fn a_thick_line_near_a_label_is_a_rival_by_its_outer_stroke() {
    let mut rival = edge(vec![(0.0, 34.0), (100.0, 34.0)], None);
    rival.half_width = 3.0;
    let drawing = Drawing {
        edges: vec![
            edge(
                vec![(0.0, 57.0), (100.0, 57.0)],
                Some(((50.0, 50.0), 20.0, 10.0)),
            ),
            rival,
        ],
        ..Drawing::default()
    };
    let label = Rect::around((50.0, 50.0), 20.0, 10.0);
    assert!(ambiguity(&drawing, 0, &label) > 0.0);
}

/// A label far from its line, with nothing nearer, floats: it reads as
/// nobody's.
#[test]
fn a_label_far_from_its_line_is_ambiguous() {
    let drawing = Drawing {
        edges: vec![edge(
            vec![(0.0, 100.0), (100.0, 100.0)],
            Some(((50.0, 50.0), 20.0, 10.0)),
        )],
        ..Drawing::default()
    };
    let far = Rect::around((50.0, 50.0), 20.0, 10.0);
    assert!(ambiguity(&drawing, 0, &far) > 0.0);
    assert_eq!(crowded_as_drawn(&drawing), vec![0]);
    let near = Rect::around((50.0, 90.0), 20.0, 10.0);
    assert_eq!(ambiguity(&drawing, 0, &near), 0.0);
}

/// Graphviz's leader leaves from under a label's left end for the
/// nearest point of its line: a label below and left of its line is
/// reached through its own words, one above it is not.
#[test]
fn a_leader_running_up_through_its_label_strikes_it() {
    let mut drawn = edge(
        vec![(0.0, 100.0), (200.0, 100.0)],
        Some(((100.0, 80.0), 40.0, 10.0)),
    );
    let below = Rect::around((100.0, 80.0), 40.0, 10.0);
    assert!(leader::strikes_its_label(&drawn, &below));
    let above = Rect::around((100.0, 120.0), 40.0, 10.0);
    assert!(!leader::strikes_its_label(&drawn, &above));
    if let Some(label) = drawn.label.as_mut() {
        label.leader = true;
    }
    let drawing = Drawing {
        edges: vec![drawn],
        ..Drawing::default()
    };
    assert_eq!(crowded_as_drawn(&drawing), vec![0]);
}

/// A leader shows which line a date is its own only when nothing else
/// claims it: a leader across another line, or another line along the
/// label's words, misleads (the cold check's "by Feb 2023").
#[test]
fn a_leader_across_another_line_or_beside_one_misleads() {
    let dated = || {
        let mut drawn = edge(
            vec![(0.0, 100.0), (200.0, 100.0)],
            Some(((100.0, 130.0), 40.0, 10.0)),
        );
        if let Some(label) = drawn.label.as_mut() {
            label.leader = true;
        }
        drawn
    };
    let with = |other: Option<Vec<Point>>| Drawing {
        edges: std::iter::once(dated())
            .chain(other.map(|points| edge(points, None)))
            .collect(),
        ..Drawing::default()
    };
    let label = Rect::around((100.0, 130.0), 40.0, 10.0);
    // Its leader runs from (80, 125) down to (100, 100) on its own line.
    assert!(!leader::misleads(&with(None), 0, &label));
    assert!(crowded_as_drawn(&with(None)).is_empty());
    let across = with(Some(vec![(0.0, 112.0), (200.0, 112.0)]));
    assert!(leader::misleads(&across, 0, &label));
    assert_eq!(crowded_as_drawn(&across), vec![0]);
    let along = with(Some(vec![(60.0, 138.0), (140.0, 138.0)]));
    assert!(leader::misleads(&along, 0, &label));
    assert_eq!(crowded_as_drawn(&along), vec![0]);
    let away = with(Some(vec![(60.0, 160.0), (140.0, 160.0)]));
    assert!(!leader::misleads(&away, 0, &label));
}

/// A label with nowhere clear to go is counted, not lost.
#[test]
fn a_label_with_no_clear_place_is_counted() {
    let drawing = Drawing {
        area: Some(Rect::around((50.0, 50.0), 100.0, 100.0)),
        blocks: vec![Rect::around((50.0, 50.0), 100.0, 100.0)],
        borders: Vec::new(),
        titles: Vec::new(),
        outlines: Vec::new(),
        edges: vec![edge(
            vec![(0.0, 50.0), (100.0, 50.0)],
            Some(((50.0, 50.0), 20.0, 10.0)),
        )],
    };
    let placement = place(&drawing);
    assert_eq!(placement.crowded, 1);
    assert!(placement.places[0].is_some());
}
