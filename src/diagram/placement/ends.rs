//! Where ties meet an actor. Graphviz aims every edge at an actor's
//! centre, so edges that reach it from one side meet its outline at one
//! spot: two arrowheads drawn on each other (Iyad ag Ghali's `leads` and
//! the Daoussak leaders' allegiance at JNIM), or a line leaving where
//! another's head arrives, and nobody can tell which head is whose. Here
//! the ends that meet at one spot, when one of them carries a mark (an
//! arrowhead, a diamond, a circle), are spread along the actor's outline,
//! each keeping the direction it arrives in. Plain ends may share a spot:
//! lines leaving an actor together read as a bundle. A marked end is drawn
//! to the outline's outer line, never inside a double outline.

use std::collections::HashMap;

use super::{Curve, Drawing, Point, Rect};

/// Room each marked end keeps along an outline, in points: an arrowhead
/// at the widest is about 9 points across.
const APART: f64 = 10.0;
/// How far an end may stand off an outline and still meet it: an
/// outline's stroke, and Graphviz's rounding.
const ON_OUTLINE: f64 = 4.0;
/// How far back along its line an end's direction is read, in points.
const BACK: f64 = 24.0;
/// Rounds of spreading: a spread group may come to meet its neighbours.
const ROUNDS: usize = 4;

/// An edge's route as Graphviz writes it (`pos`): the tips of its
/// arrowheads at the start (`s,x,y`) and at the end (`e,x,y`), and its
/// B-spline's points.
#[derive(Clone, Debug, PartialEq)]
pub struct Spline {
    pub start: Option<Point>,
    pub end: Option<Point>,
    pub control: Vec<Point>,
}

impl Spline {
    /// `pos` read; `None` when it holds no B-spline.
    pub fn parse(pos: &str) -> Option<Spline> {
        let mut spline = Spline {
            start: None,
            end: None,
            control: Vec::new(),
        };
        let number = |text: &str| text.trim().parse::<f64>().ok();
        for part in pos.split([' ', '\n', '\\', ';']).filter(|p| !p.is_empty()) {
            let (tip, rest) = match part.split_once(',') {
                Some(("s", rest)) => (Some(true), rest),
                Some(("e", rest)) => (Some(false), rest),
                _ => (None, part),
            };
            let Some((x, y)) = rest.split_once(',') else {
                continue;
            };
            let (Some(x), Some(y)) = (number(x), number(y)) else {
                continue;
            };
            match tip {
                Some(true) => spline.start = Some((x, y)),
                Some(false) => spline.end = Some((x, y)),
                None => spline.control.push((x, y)),
            }
        }
        (spline.control.len() >= 4).then_some(spline)
    }

    /// The route as `pos` writes it.
    pub fn to_pos(&self) -> String {
        let mut parts = Vec::new();
        if let Some((x, y)) = self.start {
            parts.push(format!("s,{x:.2},{y:.2}"));
        }
        if let Some((x, y)) = self.end {
            parts.push(format!("e,{x:.2},{y:.2}"));
        }
        parts.extend(self.control.iter().map(|(x, y)| format!("{x:.2},{y:.2}")));
        parts.join(" ")
    }

    /// Runs the route from its tail when Graphviz wrote it from its head
    /// (an arc it turned round beside a column drops both arrowheads, so
    /// that no `s,`/`e,` tip says which end is which): its ends are
    /// matched to the two actors' `tail` and `head` centres. Returns
    /// whether it was turned. Left as written: a route with a tip, and one
    /// whose ends are as near either actor.
    pub fn read_from_its_tail(&mut self, tail: Point, head: Point) -> bool {
        let (Some(&first), Some(&last)) = (self.control.first(), self.control.last()) else {
            return false;
        };
        if self.start.is_some() || self.end.is_some() {
            return false;
        }
        let as_written = distance(first, tail) + distance(last, head);
        let turned_round = distance(first, head) + distance(last, tail);
        if turned_round + 1.0 >= as_written {
            return false;
        }
        self.control.reverse();
        true
    }

    /// The line drawn: the spline, and the stems to its arrowheads' tips.
    pub fn curve(&self) -> Option<Curve> {
        let mut points = Curve::bezier(&self.control)?.points().to_vec();
        if let Some(tip) = self.start {
            points.insert(0, tip);
        }
        if let Some(tip) = self.end {
            points.push(tip);
        }
        Curve::polyline(points)
    }

    /// Moves the end at the start (or the end) by `(dx, dy)`: its tip, the
    /// spline's point there and the control point next to it, so the line
    /// arrives in the direction it did.
    fn shift(&mut self, at_start: bool, (dx, dy): Point) {
        let n = self.control.len();
        let (tip, points) = if at_start {
            (&mut self.start, 0..2)
        } else {
            (&mut self.end, n - 2..n)
        };
        if let Some(tip) = tip {
            *tip = (tip.0 + dx, tip.1 + dy);
        }
        for point in &mut self.control[points] {
            *point = (point.0 + dx, point.1 + dy);
        }
    }
}

/// An actor's outline, a closed polygon (curves cut into steps).
#[derive(Clone, Debug, PartialEq)]
pub struct Outline {
    /// The actor's name, as its node's label reads (for notes).
    pub name: String,
    points: Vec<Point>,
    /// The length walked to each point from the first.
    walked: Vec<f64>,
    /// Its bounding box, grown by [`ON_OUTLINE`]: an end outside it does
    /// not meet the outline, which spares measuring it against every step.
    reach: Rect,
}

impl Outline {
    /// The closed outline through `points`; `None` for fewer than three.
    pub fn new(mut points: Vec<Point>) -> Option<Outline> {
        if points.len() < 3 {
            return None;
        }
        if points.first() != points.last() {
            points.push(points[0]);
        }
        let mut walked = vec![0.0];
        for pair in points.windows(2) {
            let last = walked[walked.len() - 1];
            walked.push(last + distance(pair[0], pair[1]));
        }
        let reach = Rect::bounding(points.iter().copied())?.grow(ON_OUTLINE);
        Some(Outline {
            name: String::new(),
            points,
            walked,
            reach,
        })
    }

    /// How far `p` is from the outline, if within `within` of its box.
    pub(super) fn off(&self, p: Point, within: f64) -> Option<f64> {
        self.reach
            .grow(within)
            .contains(p)
            .then(|| self.nearest(p).1)
    }

    /// Its box, grown by [`ON_OUTLINE`].
    pub(super) fn reach(&self) -> Rect {
        self.reach
    }

    fn length(&self) -> f64 {
        self.walked[self.walked.len() - 1]
    }

    /// The point of the outline nearest `p`: how far along the outline it
    /// stands, and how far `p` is from it.
    fn nearest(&self, p: Point) -> (f64, f64) {
        let mut best = (0.0, f64::INFINITY);
        for (i, pair) in self.points.windows(2).enumerate() {
            let (a, b) = (pair[0], pair[1]);
            let (dx, dy) = (b.0 - a.0, b.1 - a.1);
            let length2 = dx * dx + dy * dy;
            let t = if length2 > 0.0 {
                (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / length2).clamp(0.0, 1.0)
            } else {
                0.0
            };
            let on = (a.0 + t * dx, a.1 + t * dy);
            let d = distance(p, on);
            if d < best.1 {
                best = (self.walked[i] + t * length2.sqrt(), d);
            }
        }
        best
    }

    /// The point `along` the outline from its first point (any number:
    /// the outline is walked round).
    fn at(&self, along: f64) -> Point {
        let along = along.rem_euclid(self.length());
        let i = self
            .walked
            .windows(2)
            .position(|w| along <= w[1])
            .unwrap_or(self.walked.len() - 2);
        let (a, b) = (self.points[i], self.points[i + 1]);
        let span = self.walked[i + 1] - self.walked[i];
        let t = if span > 0.0 {
            (along - self.walked[i]) / span
        } else {
            0.0
        };
        (a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1))
    }
}

fn distance(a: Point, b: Point) -> f64 {
    (b.0 - a.0).hypot(b.1 - a.1)
}

/// One end of an edge where it meets an actor.
#[derive(Clone, Debug)]
struct End {
    edge: usize,
    at_start: bool,
    marked: bool,
    /// How far along the actor's outline it meets it.
    along: f64,
    /// Its tip as Graphviz drew it.
    tip: Point,
    /// Where it met it as Graphviz drew it.
    was: f64,
    /// Where along the outline the line comes from, a little way back: it
    /// orders the ends of one spot so that spreading them crosses none.
    from: f64,
}

/// Spreads the ends of `drawing`'s edges that meet an actor at one spot
/// (see the module's note), and redraws their lines. Gives each moved
/// edge's new route (`pos`), by its `id`, and that of each edge whose
/// route was read the other way round ([`Spline::read_from_its_tail`]).
pub fn spread_ends(drawing: &mut Drawing) -> HashMap<String, String> {
    let mut by_actor: Vec<Vec<End>> = vec![Vec::new(); drawing.outlines.len()];
    for (index, edge) in drawing.edges.iter().enumerate() {
        if edge.spline.is_none() || edge.id.is_none() {
            continue;
        }
        let points = edge.curve.points();
        for at_start in [true, false] {
            let (tip, marked) = if at_start {
                (points[0], edge.marks.0)
            } else {
                (points[points.len() - 1], edge.marks.1)
            };
            let back = point_back(points, at_start);
            let met = drawing
                .outlines
                .iter()
                .enumerate()
                .filter(|(_, outline)| outline.reach.contains(tip))
                .map(|(actor, outline)| (actor, outline.nearest(tip)))
                .filter(|(_, (_, off))| *off <= ON_OUTLINE)
                .min_by(|a, b| a.1 .1.total_cmp(&b.1 .1));
            if let Some((actor, (along, _))) = met {
                let from = drawing.outlines[actor].nearest(back).0;
                by_actor[actor].push(End {
                    edge: index,
                    at_start,
                    marked,
                    along,
                    tip,
                    was: along,
                    from,
                });
            }
        }
    }
    // A route read the other way round is written back so, spread or not.
    let mut moved: HashMap<String, String> = drawing
        .edges
        .iter()
        .filter(|edge| edge.turned)
        .filter_map(|edge| Some((edge.id.clone()?, edge.spline.as_ref()?.to_pos())))
        .collect();
    for (actor, mut ends) in by_actor.into_iter().enumerate() {
        let outline = &drawing.outlines[actor];
        spread(&mut ends, outline.length());
        for end in &ends {
            // A mark is drawn to the outline's outer line, so that no
            // line of a double outline (a person, a coalition) runs
            // through it. A plain end keeps its distance to the outline.
            let old = if end.marked {
                end.tip
            } else {
                outline.at(end.was)
            };
            let new = outline.at(end.along);
            let shift = (new.0 - old.0, new.1 - old.1);
            if shift.0.hypot(shift.1) < 0.01 {
                continue;
            }
            let edge = &mut drawing.edges[end.edge];
            let (Some(spline), Some(id)) = (edge.spline.as_mut(), &edge.id) else {
                continue;
            };
            spline.shift(end.at_start, shift);
            if let Some(curve) = spline.curve() {
                edge.curve = curve;
            }
            moved.insert(id.clone(), spline.to_pos());
        }
    }
    moved
}

/// The point of a line `BACK` points from its end (or its start).
fn point_back(points: &[Point], at_start: bool) -> Point {
    let mut walk: Box<dyn Iterator<Item = &Point>> = if at_start {
        Box::new(points.iter())
    } else {
        Box::new(points.iter().rev())
    };
    let Some(&tip) = walk.next() else {
        return (0.0, 0.0);
    };
    let mut last = tip;
    for &p in walk {
        last = p;
        if distance(tip, p) >= BACK {
            break;
        }
    }
    last
}

/// The ends of one actor moved along its outline (of `length` points) so
/// that no marked end stands within `APART` of another end; ends that
/// meet no trouble stay.
fn spread(ends: &mut [End], length: f64) {
    if ends.len() < 2 || length <= 0.0 {
        return;
    }
    // Room for every mark and a place of plain ends beside each, on half
    // the outline at most.
    let marked = ends.iter().filter(|e| e.marked).count().max(1);
    let room = APART.min(length / (4.0 * marked as f64));
    for _ in 0..ROUNDS {
        // Walked from the widest gap between ends, no group straddles the
        // outline's first point.
        ends.sort_by(|a, b| a.along.total_cmp(&b.along));
        let origin = widest_gap(ends, length);
        let unwrap = |along: f64| (along - origin).rem_euclid(length);
        ends.sort_by(|a, b| unwrap(a.along).total_cmp(&unwrap(b.along)));
        let mut changed = false;
        let mut first = 0;
        while first < ends.len() {
            let mut last = first;
            while last + 1 < ends.len()
                && unwrap(ends[last + 1].along) - unwrap(ends[last].along) < room - 0.01
            {
                last += 1;
            }
            let group = &mut ends[first..=last];
            if group.len() > 1 && group.iter().any(|e| e.marked) {
                changed |= spread_group(group, room, &unwrap, origin);
            }
            first = last + 1;
        }
        for end in ends.iter_mut() {
            end.along = end.along.rem_euclid(length);
        }
        if !changed {
            break;
        }
    }
}

/// Where along an outline of `length` the widest gap between the
/// (sorted) `ends` begins.
fn widest_gap(ends: &[End], length: f64) -> f64 {
    let mut best = (ends[ends.len() - 1].along, -1.0);
    for (i, end) in ends.iter().enumerate() {
        // Round from the last end to the first, the outline's whole length
        // when they stand together.
        let gap = match ends.get(i + 1) {
            Some(next) => next.along - end.along,
            None => ends[0].along + length - end.along,
        };
        if gap > best.1 {
            best = ((end.along + gap / 2.0).rem_euclid(length), gap);
        }
    }
    best.0
}

/// One spot's ends laid `room` apart about their middle, in the order
/// their lines come from; plain ends next to each other share a place.
/// Whether any moved.
fn spread_group(group: &mut [End], room: f64, unwrap: &dyn Fn(f64) -> f64, origin: f64) -> bool {
    let middle = group.iter().map(|e| unwrap(e.along)).sum::<f64>() / group.len() as f64;
    group.sort_by(|a, b| {
        unwrap(a.from)
            .total_cmp(&unwrap(b.from))
            .then(a.edge.cmp(&b.edge))
    });
    // A place per marked end, and one per run of plain ends.
    let mut places = Vec::with_capacity(group.len());
    let mut place = 0usize;
    for (i, end) in group.iter().enumerate() {
        if i > 0 && (end.marked || group[i - 1].marked) {
            place += 1;
        }
        places.push(place);
    }
    let half = place as f64 / 2.0;
    let mut changed = false;
    for (end, place) in group.iter_mut().zip(places) {
        let along = origin + middle + (place as f64 - half) * room;
        changed |= (unwrap(along) - unwrap(end.along)).abs() > 0.01;
        end.along = along;
    }
    changed
}

#[cfg(test)]
mod tests;
