//! Date labels placed after Graphviz has laid the picture out. `dot` gives
//! each label a place of its own between ranks, but near a busy focus the
//! edges converge past it: labels were crossed by other ties, drawn over
//! the title, or nearer another tie than their own. Here each label is
//! moved to stand beside its own edge, clear of every actor, text and
//! line, and nearer its own edge than any other; the hardest to place go
//! first. Pure geometry: [`read`] builds the drawing from Graphviz's JSON.

mod choose;
pub(crate) mod ends;
mod geometry;
mod leader;
pub(crate) mod read;
mod relabel;
mod together;

pub(crate) use relabel::{arrowed, relabel};

pub use geometry::{Curve, Point, Rect};
pub use together::{run_along_actors, run_together};

/// What the labels are placed among.
#[derive(Clone, Debug, Default)]
pub struct Drawing {
    /// Where labels may stand: the canvas.
    pub area: Option<Rect>,
    /// Actors and fixed texts (the title, box labels, the legend): a label
    /// keeps off them.
    pub blocks: Vec<Rect>,
    /// Lines that are not ties (the borders of member boxes): a label is
    /// not crossed by them.
    pub borders: Vec<Curve>,
    /// The titles of the drawing and of its boxes (also among `blocks`):
    /// a tie drawn across one strikes it out.
    pub titles: Vec<Rect>,
    /// Every edge drawn, in the layout's order.
    pub edges: Vec<DrawnEdge>,
    /// Every actor's outline, where edges meet it.
    pub outlines: Vec<ends::Outline>,
}

/// An edge as drawn.
#[derive(Clone, Debug)]
pub struct DrawnEdge {
    /// Its `id`, by which its label's new place is written back.
    pub id: Option<String>,
    /// The tie it draws and its dates, as its tooltip names them ("JNIM
    /// allegiance AQIM: by Feb 2023").
    pub name: Option<String>,
    /// Its line (with the stems of its arrowheads).
    pub curve: Curve,
    /// Its route as Graphviz wrote it, from which `curve` is drawn.
    pub spline: Option<ends::Spline>,
    /// Whether Graphviz wrote its route from its head, and it was read
    /// the other way round: it must be written back so.
    pub turned: bool,
    /// Whether its start and its end carry a mark (an arrowhead, a
    /// diamond, a circle), drawn or to be drawn.
    pub marks: (bool, bool),
    /// Half the width of its strokes (a double line's two strokes and
    /// the gap between them), in points.
    pub half_width: f64,
    /// Its label, when it has one to place.
    pub label: Option<EdgeLabel>,
}

/// A label of an edge: where it stands and the box of its text.
#[derive(Clone, Copy, Debug)]
pub struct EdgeLabel {
    /// The attribute that places it: `lp` for a label on the edge,
    /// `head_lp` or `tail_lp` for one Graphviz put at an end.
    pub key: &'static str,
    /// Where that attribute puts it.
    pub at: Point,
    /// The box of its text, as laid out.
    pub text: Rect,
    /// The box its text would take on one line, centred as `text`, when
    /// it is laid out on two: a label between two lines that run close
    /// may fit there only on one.
    pub one_line: Option<Rect>,
    /// Whether it is drawn joined to its line by a leader (`decorate`).
    pub leader: bool,
}

/// A label's new place: where its attribute puts it, whether its lines
/// are joined into one there, and whether a leader joins it to its line
/// (where the ties crowd too closely for it to stand by its own alone).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placed {
    pub at: Point,
    pub one_line: bool,
    pub leader: bool,
}

/// A place a label may take: its box, what it costs (other labels
/// aside), and whether the label stands there on one line.
#[derive(Clone, Copy, Debug)]
struct Candidate {
    rect: Rect,
    cost: f64,
    one_line: bool,
}

/// The labels' new places, by edge index: where to move each label's `lp`
/// (`None` for an edge without one); and how many could not be placed
/// clear of everything.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Placement {
    pub places: Vec<Option<Placed>>,
    pub crowded: usize,
}

/// Space between a label and its own line, in points.
const GAP: f64 = 2.5;
/// Space kept between a label and anything it must not touch.
const CLEAR: f64 = 1.5;
/// Space kept between two labels, one above the other.
const APART: f64 = 7.0;
/// Space kept between two labels side by side, so that they do not read
/// as one ("[7] by 2022", "by Feb 2023 by Apr 2022"): more than a space
/// between two words.
const APART_ACROSS: f64 = 16.0;

/// The room `rect` keeps clear of other labels.
fn apart(rect: &Rect) -> Rect {
    Rect {
        x0: rect.x0 - APART_ACROSS,
        y0: rect.y0 - APART,
        x1: rect.x1 + APART_ACROSS,
        y1: rect.y1 + APART,
    }
}

/// Costs of a place: text on text or on an actor cannot be read at all,
/// so any number of lines crossing a label is the lesser harm (a thousand
/// crossings weigh less than one text); whatever
/// makes a label misread outweighs whatever only makes it less tidy.
const ON_TEXT_OR_ACTOR: f64 = 1.0e6;
const CROSSED: f64 = 400.0;
const ON_BORDER: f64 = 200.0;
const NEARER_ANOTHER: f64 = 150.0;
/// How much further than its own line another must run from a label for
/// the eye not to take it for the label's own, in points: a date 1 pt
/// from its line and 6 pt from another, in the corner where they meet,
/// reads as either's (the cold check's `[1]` and `[2]` at JNIM).
const RIVAL_MARGIN: f64 = 8.0;
/// How far from its own line a label may stand, in points, and still be
/// read as its line's without a leader: a little beyond the furthest
/// place beside the line that is tried.
const FAR_FROM_ITS_LINE: f64 = 36.0;
/// A cost any clear place stays under.
const CLEAR_COST: f64 = 100.0;

/// Where along its edge a label may stand: every 4 % of its length, the
/// middle first.
fn fractions() -> impl Iterator<Item = f64> {
    (0..25).map(|k| {
        let step = f64::from((k + 1) / 2) * 0.04;
        if k % 2 == 0 {
            0.5 + step
        } else {
            0.5 - step
        }
    })
}

/// The most edges a drawing may have for its labels to be placed: each
/// label weighs its places against every edge near it, and a drawing this
/// large is too small on its page to read anyway (the export warns).
pub const MAX_PLACED_EDGES: usize = 600;

/// Places every edge label of `drawing`; a drawing of more than
/// [`MAX_PLACED_EDGES`] keeps Graphviz's places.
pub fn place(drawing: &Drawing) -> Placement {
    place_among(drawing, &|_, _| true)
}

/// Whether the labels of two edges (by index) are ever drawn together: a
/// storyboard's union holds every frame's ties, and two labels that never
/// share a frame may share a place.
pub type Together<'a> = &'a dyn Fn(usize, usize) -> bool;

/// [`place`], where labels keep apart only from those `together` with
/// them.
pub fn place_among(drawing: &Drawing, together: Together<'_>) -> Placement {
    choose::place_frames(std::slice::from_ref(drawing), together)
        .pop()
        .unwrap_or_default()
}

pub(crate) use choose::place_frames;

/// The edges (by index) whose labels, where they stand now, are crossed
/// by another line, nearer another edge than their own, or on another text
/// or an actor: a drawing's labels as they will be seen.
pub fn crowded_as_drawn(drawing: &Drawing) -> Vec<usize> {
    let labels: Vec<(usize, EdgeLabel)> = drawing
        .edges
        .iter()
        .enumerate()
        .filter_map(|(i, edge)| Some((i, edge.label?)))
        .collect();
    labels
        .iter()
        .filter(|(index, label)| {
            let rect = &label.text;
            let on_labels = labels
                .iter()
                .any(|(other, l)| other != index && l.text.overlaps(&rect.grow(CLEAR)));
            // A leader shows which line is its own, unless it misleads.
            let misread = if label.leader {
                leader::misleads(drawing, *index, rect)
            } else {
                ambiguity(drawing, *index, rect) > 0.0
                    || nearer_another_from_its_middle(drawing, *index, rect)
            };
            on_labels || obstruction(drawing, *index, rect, 0.5) >= CLEAR_COST || misread
        })
        .map(|(index, _)| *index)
        .collect()
}

/// Whether another edge runs nearer the middle of a label than its own:
/// the eye, starting from the words, may follow it instead.
fn nearer_another_from_its_middle(drawing: &Drawing, index: usize, rect: &Rect) -> bool {
    let middle = Rect::around(rect.centre(), 0.0, 0.0);
    let own = drawing.edges[index].curve.distance(&middle);
    drawing
        .edges
        .iter()
        .enumerate()
        .any(|(other, edge)| other != index && edge.curve.distance(&middle) <= own)
}

/// Every place the label of edge `index` may take, with its cost against
/// everything but the other labels: beside its line at each fraction of
/// its length, on either side and above, below, left and right of it, and
/// where Graphviz put it; on its lines as laid out, and on one line. The
/// places are slots, the same for every label of a given number of lines:
/// a storyboard's frames draw one tie along one route, and slot `k` is
/// the same place by that line in each (`None` where a place is off the
/// canvas, or the label has no one-line form).
fn candidates(drawing: &Drawing, index: usize, edge: &DrawnEdge) -> Vec<Option<Candidate>> {
    let Some(label) = edge.label else {
        return Vec::new();
    };
    let mut found = vec![Some(Candidate {
        rect: label.text,
        cost: cost(drawing, index, &label.text, 0.5) + 5.0,
        one_line: false,
    })];
    let forms = [(Some(label.text), false), (label.one_line, true)];
    for (form, one_line) in forms {
        let places = beside_the_line(drawing, edge, form.unwrap_or(label.text), &OUTS);
        found.extend(places.into_iter().map(|place| {
            let (rect, fraction) = place.filter(|_| form.is_some())?;
            Some(Candidate {
                rect,
                cost: cost(drawing, index, &rect, fraction),
                one_line,
            })
        }));
    }
    found
}

/// How much further from its line than it need be a label is tried.
const OUTS: [f64; 4] = [0.0, 8.0, 16.0, 30.0];

/// The places beside `edge`'s line for a label of `form`'s size, each at
/// the fraction of the line's length it stands by, up to each of `outs`
/// further from the line than it need be; always as many, in one order
/// (`None` for a place off the canvas).
fn beside_the_line(
    drawing: &Drawing,
    edge: &DrawnEdge,
    form: Rect,
    outs: &[f64],
) -> Vec<Option<(Rect, f64)>> {
    let (width, height) = (form.width(), form.height());
    let mut found = Vec::new();
    for fraction in fractions() {
        let (at, (dx, dy)) = edge.curve.along(fraction);
        let normals = [
            (-dy, dx),
            (dy, -dx),
            (0.0, 1.0),
            (0.0, -1.0),
            (1.0, 0.0),
            (-1.0, 0.0),
        ];
        for (nx, ny) in normals {
            // Far enough along the normal that the whole box clears the
            // line (taken as straight here) by the gap.
            let reach = nx.abs() * width / 2.0 + ny.abs() * height / 2.0 + GAP + edge.half_width;
            // Centred on the point, or slid along the line to either side
            // of it.
            let slide = (dx.abs() * width / 2.0 + dy.abs() * height / 2.0 - GAP).max(0.0);
            // Further out, for a line that bends under a wide label.
            for (along, out) in [0.0, slide, -slide]
                .into_iter()
                .flat_map(|along| outs.iter().map(move |&out| (along, out)))
            {
                let centre = (
                    at.0 + nx * (reach + out) + dx * along,
                    at.1 + ny * (reach + out) + dy * along,
                );
                let rect = Rect::around(centre, width, height);
                let inside = drawing.area.is_none_or(|area| area.holds(&rect));
                found.push(inside.then_some((rect, fraction)));
            }
        }
    }
    found
}

/// What standing at `rect` costs the label of edge `index`: what stands
/// in its way, and any line nearer it than its own.
fn cost(drawing: &Drawing, index: usize, rect: &Rect, fraction: f64) -> f64 {
    let cost = obstruction(drawing, index, rect, fraction);
    if cost >= ON_TEXT_OR_ACTOR {
        return cost;
    }
    cost + ambiguity(drawing, index, rect)
}

/// What stands in the way of the label of edge `index` at `rect`: texts,
/// actors, borders and lines crossing it; and its distance from the
/// middle of its line and from the line itself.
fn obstruction(drawing: &Drawing, index: usize, rect: &Rect, fraction: f64) -> f64 {
    let own = &drawing.edges[index];
    let mut cost = (fraction - 0.5).abs() * 20.0;
    let guarded = rect.grow(CLEAR);
    cost += ON_TEXT_OR_ACTOR
        * drawing
            .blocks
            .iter()
            .filter(|b| b.overlaps(&guarded))
            .count() as f64;
    // A place on a text or an actor is never taken while any other is
    // left; the lines need not be weighed.
    if cost >= ON_TEXT_OR_ACTOR {
        return cost;
    }
    cost += ON_BORDER * drawing.borders.iter().filter(|b| b.meets(rect)).count() as f64;
    let own_distance = (own.curve.distance(rect) - own.half_width).max(0.0);
    cost += own_distance * 0.5;
    // An actor between a label and its line parts them.
    let (centre, foot) = (rect.centre(), own.curve.nearest(rect.centre()));
    if own_distance > GAP + 1.0 && drawing.blocks.iter().any(|b| b.meets_segment(centre, foot)) {
        cost += CROSSED;
    }
    for other in &drawing.edges {
        // A line may graze the box's blank margin round its letters.
        if other.curve.meets(&rect.grow(other.half_width - 1.0)) {
            cost += CROSSED;
        }
    }
    cost
}

/// What the label of edge `index` at `rect` costs for each other line, not
/// crossing it, that runs not clearly further from it than its own (by
/// [`RIVAL_MARGIN`]): the eye may follow that line instead.
fn ambiguity(drawing: &Drawing, index: usize, rect: &Rect) -> f64 {
    let own = &drawing.edges[index];
    let own_distance = (own.curve.distance(rect) - own.half_width).max(0.0);
    // Too far from its line, a date floats: it reads as nobody's, or as
    // the nearest text's.
    let mut cost = if own_distance > FAR_FROM_ITS_LINE {
        NEARER_ANOTHER
    } else {
        0.0
    };
    for (other_index, other) in drawing.edges.iter().enumerate() {
        // Only a line near the label, not crossing it (counted as such),
        // can be mistaken for its own.
        if other_index == index
            || !other
                .curve
                .bounds()
                .overlaps(&rect.grow(own_distance + RIVAL_MARGIN + other.half_width))
            || other.curve.meets(&rect.grow(other.half_width - 1.0))
        {
            continue;
        }
        let distance = (other.curve.distance(rect) - other.half_width).max(0.0);
        if distance <= own_distance + RIVAL_MARGIN {
            cost += NEARER_ANOTHER;
        }
    }
    cost
}

#[cfg(test)]
mod tests;
