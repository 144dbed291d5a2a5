//! Labels placed for a storyboard's frames at once, on frames made by hand.

use super::super::tests::edge;
use super::super::*;
use super::place_frames;

/// A frame of one labelled tie, `tie1`, along y = 100 from x = 0 to 200,
/// with `blocks` (actors drawn in this frame alone) and `others` (lines
/// drawn in this frame alone).
fn frame(blocks: Vec<Rect>, others: Vec<Vec<Point>>) -> Drawing {
    let mut tie = edge(
        vec![(0.0, 100.0), (200.0, 100.0)],
        Some(((100.0, 100.0), 60.0, 14.0)),
    );
    tie.id = Some("tie1".into());
    let mut edges = vec![tie];
    edges.extend(others.into_iter().map(|points| edge(points, None)));
    Drawing {
        area: Some(Rect::around((100.0, 100.0), 400.0, 400.0)),
        blocks,
        borders: Vec::new(),
        titles: Vec::new(),
        outlines: Vec::new(),
        edges,
    }
}

/// Where the label of edge 0 stands in `placement`.
fn at(placement: &Placement) -> Point {
    placement.places[0].expect("the label is placed").at
}

/// The box of the label of edge 0 of `drawing` where `placement` puts it.
fn label_box(drawing: &Drawing, placement: &Placement) -> Rect {
    let label = drawing.edges[0].label.unwrap();
    let (x, y) = at(placement);
    label.text.shift((x - label.at.0, y - label.at.1))
}

/// A line crosses the middle of the tie in the second frame only: placed
/// frame by frame, its date stands at the middle in the first and jumps
/// aside in the second; placed together, it takes one place clear in both,
/// so flipping the frames it keeps still.
#[test]
fn a_ties_date_keeps_one_place_in_every_frame_that_draws_it() {
    let first = frame(Vec::new(), Vec::new());
    let second = frame(Vec::new(), vec![vec![(100.0, 0.0), (100.0, 200.0)]]);
    assert_ne!(
        at(&place(&first)),
        at(&place(&second)),
        "each frame alone places the date differently"
    );
    let frames = [first, second];
    let placements = place_frames(&frames, &|_, _| true);
    assert_eq!(at(&placements[0]), at(&placements[1]));
    for (drawing, placement) in frames.iter().zip(&placements) {
        assert_eq!(placement.crowded, 0);
        let rect = label_box(drawing, placement);
        assert!(drawing.edges.iter().skip(1).all(|e| !e.curve.meets(&rect)));
    }
}

/// An actor covers the tie's right half in one frame and its left half in
/// the other: no place is clear in both, so the date stands clear in each
/// frame, at two places, beside its line, rather than under an actor or
/// off at the end of a leader in one.
#[test]
fn a_date_with_no_place_clear_in_every_frame_stands_clear_in_each() {
    let block = |x0: f64, x1: f64| Rect {
        x0,
        y0: 40.0,
        x1,
        y1: 160.0,
    };
    let frames = [
        frame(vec![block(90.0, 210.0)], Vec::new()),
        frame(vec![block(-10.0, 110.0)], Vec::new()),
    ];
    let placements = place_frames(&frames, &|_, _| true);
    assert_ne!(at(&placements[0]), at(&placements[1]));
    for (drawing, placement) in frames.iter().zip(&placements) {
        assert_eq!(placement.crowded, 0);
        assert!(!placement.places[0].unwrap().leader);
        assert!(!label_box(drawing, placement).overlaps(&drawing.blocks[0]));
    }
}

/// Lines cross the tie's right part in two frames and its left part in the
/// third, where lines also run 13 pt above and below its right part: the
/// date takes its left place, shared by the first two, and in the third it
/// does not jump to the far right to stand bare between those lines, where
/// it could read as theirs. It keeps a leader there, or counts as crowded.
#[test]
fn a_crowded_date_does_not_jump_far_to_stand_among_other_lines() {
    let across = |xs: std::ops::RangeInclusive<i32>| -> Vec<Vec<Point>> {
        xs.step_by(20)
            .map(|x| vec![(f64::from(x), 0.0), (f64::from(x), 200.0)])
            .collect()
    };
    let mut crowded_left = across(0..=140);
    crowded_left.push(vec![(150.0, 130.0), (260.0, 130.0)]);
    crowded_left.push(vec![(150.0, 70.0), (260.0, 70.0)]);
    let frames = [
        frame(Vec::new(), across(60..=200)),
        frame(Vec::new(), across(60..=200)),
        frame(Vec::new(), crowded_left),
    ];
    let placements = place_frames(&frames, &|_, _| true);
    assert_eq!(at(&placements[0]), at(&placements[1]));
    assert!(
        label_box(&frames[0], &placements[0]).x1 < 60.0,
        "the shared place is on the left"
    );
    let third = &placements[2];
    let stands_bare_far_right = !third.places[0].unwrap().leader
        && third.crowded == 0
        && label_box(&frames[2], third).x0 > 140.0;
    assert!(!stands_bare_far_right, "{third:?}");
}

/// A line crosses the middle of the tie, where its date's shared place is:
/// the places either side of it stand equally clear. The date takes the
/// one it stood in in the last frame, whichever that was, so that flipping
/// frames it stays put.
#[test]
fn a_crowded_date_keeps_the_place_it_stood_in_the_last_frame() {
    use super::{settle, InFrame, Shared};
    let drawing = frame(Vec::new(), vec![vec![(100.0, 0.0), (100.0, 200.0)]]);
    let places = candidates(&drawing, 0, &drawing.edges[0]);
    let mine = InFrame {
        drawing: &drawing,
        places: &places,
        together: &|_, _| true,
    };
    let stand_after = |last_at: Option<Point>| {
        // Slot 0 is Graphviz's place, at the middle: crossed.
        let mut chosen = vec![None; drawing.edges.len()];
        chosen[0] = places[0];
        let shared = Shared {
            at: Some((100.0, 100.0)),
            leader_at: None,
            last_at,
        };
        let stand = settle(&mine, 0, &mut chosen, Some(shared));
        assert!(!stand.crowded && !stand.leader);
        stand.place.expect("a clear place").rect.centre()
    };
    let (x, y) = stand_after(None);
    let mirrored = (200.0 - x, y);
    assert!(
        (x - 100.0).abs() > 20.0,
        "it stands beside the crossing line"
    );
    assert_eq!(stand_after(Some((x, y))), (x, y));
    assert_eq!(stand_after(Some(mirrored)), mirrored);
}
