//! Leaders: where the ties crowd too closely for a date to stand by its
//! own line alone, it stands a little apart, where no line crosses it, and
//! a thin line (Graphviz's `decorate`) joins it to its tie.

use super::{
    apart, beside_the_line, obstruction, Candidate, Drawing, DrawnEdge, Point, Rect, Together,
    CLEAR, CLEAR_COST, RIVAL_MARGIN,
};

/// How far from its line a label joined to it by a leader may stand.
const LEADER_OUTS: [f64; 7] = [0.0, 10.0, 20.0, 35.0, 50.0, 70.0, 95.0];
/// How near the end of a leader no other line may run, in points.
const LEADER_FOOT: f64 = 6.0;
/// The longest leader, in points.
const LEADER_LONGEST: f64 = 220.0;
/// The step of the grid of places round a line tried for a label with a
/// leader, in points.
const GRID: f64 = 10.0;

/// Places for a label of `form`'s size on a grid round `edge`'s line,
/// within a leader's reach of it, each weighed as if by the line's middle:
/// the leader, not the place, shows which tie it dates.
fn round_the_line(edge: &DrawnEdge, form: Rect) -> Vec<(Rect, f64)> {
    let reach = edge.curve.bounds().grow(LEADER_LONGEST * 0.6);
    let steps = |from: f64, to: f64| {
        let n = ((to - from) / GRID).floor().max(0.0) as usize;
        (0..=n).map(move |k| from + k as f64 * GRID)
    };
    let mut found = Vec::new();
    for x in steps(reach.x0, reach.x1) {
        for y in steps(reach.y0, reach.y1) {
            let rect = Rect::around((x, y), form.width(), form.height());
            if edge.curve.distance(&rect) <= LEADER_LONGEST * 0.6 {
                found.push((rect, 0.5));
            }
        }
    }
    found
}

/// The leader of a label at `rect` on `edge`, past its underline: from
/// the underline's left end (Graphviz's coordinates run upwards) to the
/// point of the line nearest the label's middle, as Graphviz draws it.
fn leader_of(edge: &DrawnEdge, rect: &Rect) -> (Point, Point) {
    ((rect.x0, rect.y0), edge.curve.nearest(rect.centre()))
}

/// Whether the leader of a label at `rect` would run back across the
/// label's own words: it leaves from under the label's left end, so a
/// line above and to the right of that is reached through the text.
pub(super) fn strikes_its_label(edge: &DrawnEdge, rect: &Rect) -> bool {
    let (start, end) = leader_of(edge, rect);
    rect.grow(-CLEAR).meets_segment(start, end)
}

/// Whether a label at `rect` joined by a leader to edge `index` would
/// mislead: its leader strikes through its own words, or crosses another
/// line (the eye may turn there), or another line runs within
/// [`RIVAL_MARGIN`] of its words or underline (which then read as that
/// line's, the leader as a stray stroke): the cold check's "by Feb 2023",
/// underlined along another tie, its leader across two more.
pub(super) fn misleads(drawing: &Drawing, index: usize, rect: &Rect) -> bool {
    let edge = &drawing.edges[index];
    if strikes_its_label(edge, rect) {
        return true;
    }
    let (start, end) = leader_of(edge, rect);
    let near = rect.grow(RIVAL_MARGIN);
    drawing.edges.iter().enumerate().any(|(other, e)| {
        other != index
            && (e.curve.crosses(start, end)
                || (e.curve.bounds().overlaps(&near.grow(e.half_width))
                    && e.curve.distance(rect) - e.half_width < RIVAL_MARGIN))
    })
}

/// A place for the label of edge `index` that no line crosses, clear of
/// every text, actor, border and other label as `chosen`, from which a
/// leader can join it to its own line without crossing a text, an actor,
/// another label or another line, and with no other line near enough to
/// claim it ([`misleads`]): the shortest such leader.
/// Graphviz draws the leader (`decorate`) under the label and on to the
/// point of the line nearest the label's middle. Given `near`, a place
/// further from it costs as much as a leader that much longer: a
/// storyboard's date keeps by where it stands in the other frames.
pub(super) fn with_leader(
    drawing: &Drawing,
    index: usize,
    chosen: &[Option<Candidate>],
    together: Together<'_>,
    near: Option<Point>,
) -> Option<Candidate> {
    let edge = &drawing.edges[index];
    let label = edge.label?;
    // Graphviz draws a leader only for a label on the edge.
    if label.key != "lp" {
        return None;
    }
    let others: Vec<Rect> = chosen
        .iter()
        .enumerate()
        .filter(|(other, _)| *other != index && together(index, *other))
        .filter_map(|(_, place)| place.map(|p| p.rect))
        .collect();
    let forms = [(label.text, false)]
        .into_iter()
        .chain(label.one_line.map(|rect| (rect, true)));
    let mut best: Option<(f64, Candidate)> = None;
    for (form, one_line) in forms {
        let places = beside_the_line(drawing, edge, form, &LEADER_OUTS)
            .into_iter()
            .flatten()
            .chain(round_the_line(edge, form));
        for (rect, fraction) in places {
            if drawing.area.is_some_and(|area| !area.holds(&rect))
                || others.iter().any(|o| o.overlaps(&apart(&rect)))
            {
                continue;
            }
            let own = obstruction(drawing, index, &rect, fraction);
            if own >= CLEAR_COST {
                continue;
            }
            let (start, end) = leader_of(edge, &rect);
            let length = (end.0 - start.0).hypot(end.1 - start.1);
            if length > LEADER_LONGEST || misleads(drawing, index, &rect) {
                continue;
            }
            let blocked = |r: &Rect| r.grow(CLEAR).meets_segment(start, end);
            if drawing.blocks.iter().any(blocked) || others.iter().any(blocked) {
                continue;
            }
            // It must end on its own line where no other runs: a leader
            // ending where two lines meet points at both.
            let foot = Rect::around(end, 2.0 * LEADER_FOOT, 2.0 * LEADER_FOOT);
            let shared = drawing.edges.iter().enumerate().any(|(other, e)| {
                other != index
                    && e.curve.bounds().overlaps(&foot)
                    && e.curve.distance(&foot) <= e.half_width
            });
            if shared {
                continue;
            }
            let away = near.map_or(0.0, |(x, y)| {
                let centre = rect.centre();
                (centre.0 - x).hypot(centre.1 - y)
            });
            let total = own + length + away;
            if best.is_none_or(|(b, _)| total < b) {
                best = Some((
                    total,
                    Candidate {
                        rect,
                        cost: own,
                        one_line,
                    },
                ));
            }
        }
    }
    best.map(|(_, candidate)| candidate)
}
