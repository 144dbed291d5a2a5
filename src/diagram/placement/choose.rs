//! Each label's place chosen among the others': for one picture, or for a
//! storyboard's frames at once. A storyboard draws a tie along one route in
//! every frame, so its date takes one place by that line in all the frames
//! that draw it, the place weighed in each of them; flipping frames, a date
//! that moved would read as a change. It stands apart in a frame only where
//! its shared place is crowded and that frame has a clear one near it, or
//! one far from any other line (the place it stood in in the last frame
//! first); else it takes a leader, sought near its last leader's place or
//! its shared place.

use super::{
    candidates, leader, Candidate, Drawing, Placed, Placement, Point, Rect, Together, CLEAR_COST,
    MAX_PLACED_EDGES, ON_TEXT_OR_ACTOR, RIVAL_MARGIN,
};
use std::collections::BTreeMap;

/// Rounds in which placed labels may move to free one another.
const REPAIR_ROUNDS: usize = 4;

/// How far a date may stand from its shared place in a frame where that
/// place is crowded, in points: a nudge, by the same stretch of its line.
const NEAR: f64 = 40.0;

/// How far every other line must run from a date that stands apart from
/// its shared place, beyond [`NEAR`], for it to be read as its own line's
/// alone: 24 pt was too near (ISGS 2023, below).
const ALONE_MARGIN: f64 = 6.0 * RIVAL_MARGIN;

/// Whether no line but edge `index`'s own runs within [`ALONE_MARGIN`] of
/// `rect`.
fn alone_by_its_line(drawing: &Drawing, index: usize, rect: &Rect) -> bool {
    let room = rect.grow(ALONE_MARGIN);
    drawing.edges.iter().enumerate().all(|(other, edge)| {
        other == index
            || !edge.curve.bounds().overlaps(&room.grow(edge.half_width))
            || edge.curve.distance(rect) - edge.half_width > ALONE_MARGIN
    })
}

/// An edge of one frame: the frame's index and the edge's.
type Member = (usize, usize);

/// The labels of every frame placed, each frame's as [`super::place_among`]
/// places one picture's, except that the labels of one tie (edges of one
/// `id`) in several frames take one place, chosen for its cost summed
/// over those frames. Labels keep apart only from those of their own frame
/// `together` with them. A frame of more than [`MAX_PLACED_EDGES`] keeps
/// Graphviz's places.
pub fn place_frames(frames: &[Drawing], together: Together<'_>) -> Vec<Placement> {
    let candidates = &candidates_of(frames);
    let groups = &ties(frames);
    // What each frame's labels stand on so far, by frame and edge.
    let mut chosen: Vec<Vec<Option<Candidate>>> =
        frames.iter().map(|d| vec![None; d.edges.len()]).collect();
    let member_cost = |(frame, edge): Member, slot: usize, chosen: &[Vec<Option<Candidate>>]| {
        let place = candidates[frame][edge].get(slot).copied().flatten()?;
        Some(place.cost + on_labels(&chosen[frame], edge, &place.rect, together))
    };
    // A place off one frame's canvas is as bad there as one on a text.
    let group_cost = |group: usize, slot: usize, chosen: &[Vec<Option<Candidate>>]| -> f64 {
        groups[group]
            .iter()
            .map(|&member| member_cost(member, slot, chosen).unwrap_or(ON_TEXT_OR_ACTOR))
            .sum()
    };
    let slots = |group: usize| {
        let count = groups[group]
            .iter()
            .map(|&(frame, edge)| candidates[frame][edge].len())
            .max()
            .unwrap_or(0);
        (0..count).filter(move |&slot| {
            groups[group].iter().any(|&(frame, edge)| {
                candidates[frame][edge]
                    .get(slot)
                    .is_some_and(Option::is_some)
            })
        })
    };
    // The labels with fewest clear places choose first.
    let clear_places = |group: usize| {
        slots(group)
            .filter(|&slot| {
                groups[group].iter().all(|&(frame, edge)| {
                    candidates[frame][edge]
                        .get(slot)
                        .copied()
                        .flatten()
                        .is_some_and(|place| place.cost < CLEAR_COST)
                })
            })
            .count()
    };
    let mut order: Vec<usize> = (0..groups.len()).collect();
    order.sort_by_cached_key(|&group| (clear_places(group), groups[group][0]));
    // The best slot for a tie's label among the others, and its whole cost.
    let choose = |group: usize, chosen: &[Vec<Option<Candidate>>]| {
        slots(group)
            .map(|slot| (slot, group_cost(group, slot, chosen)))
            .min_by(|a, b| a.1.total_cmp(&b.1))
    };
    let set = |group: usize, slot: usize, chosen: &mut [Vec<Option<Candidate>>]| {
        for &(frame, edge) in &groups[group] {
            chosen[frame][edge] = candidates[frame][edge].get(slot).copied().flatten();
        }
    };
    // The slot each tie's label stands in, by group.
    let mut slot_of: Vec<Option<usize>> = vec![None; groups.len()];
    for &group in &order {
        if let Some((slot, _)) = choose(group, &chosen) {
            set(group, slot, &mut chosen);
            slot_of[group] = Some(slot);
        }
    }
    // A label placed early may have taken the one clear place of a later
    // one: each in turn moves if, among all the others, it can stand better.
    for _ in 0..REPAIR_ROUNDS {
        let mut moved = false;
        for &group in &order {
            let (Some(now), Some((better, cost))) = (
                slot_of[group].map(|slot| group_cost(group, slot, &chosen)),
                choose(group, &chosen),
            ) else {
                continue;
            };
            if cost + 1e-9 < now {
                set(group, better, &mut chosen);
                slot_of[group] = Some(better);
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
    let mut placements: Vec<Placement> = frames
        .iter()
        .map(|drawing| Placement {
            places: vec![None; drawing.edges.len()],
            crowded: 0,
        })
        .collect();
    for &group in &order {
        // Where the tie's date stands in the frames: its slot's place in
        // the first frame that has it (slot k is one place by the line in
        // each, give or take the words' width).
        let mut shared = (groups[group].len() > 1).then(|| Shared {
            at: groups[group]
                .iter()
                .find_map(|&(frame, edge)| chosen[frame][edge])
                .map(|c| c.rect.centre()),
            leader_at: None,
            last_at: None,
        });
        for &(frame, edge) in &groups[group] {
            let drawing = &frames[frame];
            let Some(label) = drawing.edges[edge].label else {
                continue;
            };
            let mine = InFrame {
                drawing,
                places: &candidates[frame][edge],
                together,
            };
            let stand = settle(&mine, edge, &mut chosen[frame], shared);
            let placement = &mut placements[frame];
            placement.crowded += usize::from(stand.crowded);
            let Some(Candidate { rect, one_line, .. }) = stand.place else {
                // Nowhere inside the drawing: it stays where Graphviz put it.
                continue;
            };
            if let Some(shared) = shared.as_mut() {
                shared.last_at = Some(rect.centre());
                if stand.leader {
                    shared.leader_at = Some(rect.centre());
                }
            }
            let (from, to) = (label.text.centre(), rect.centre());
            placement.places[edge] = Some(Placed {
                at: (label.at.0 + to.0 - from.0, label.at.1 + to.1 - from.1),
                one_line,
                leader: stand.leader,
            });
        }
    }
    placements
}

/// One frame's view of an edge's date: the frame, the places the date may
/// take there, and which labels are drawn with which.
struct InFrame<'a> {
    drawing: &'a Drawing,
    places: &'a [Option<Candidate>],
    together: Together<'a>,
}

/// Where a tie drawn in several frames has its date: its shared place,
/// where it last stood on a leader, and where it stood in the last frame
/// that drew it. A later frame where the shared place is crowded keeps by
/// the last place, or the last leader's, so that the date does not wander
/// from frame to frame.
#[derive(Clone, Copy)]
struct Shared {
    at: Option<Point>,
    leader_at: Option<Point>,
    last_at: Option<Point>,
}

/// How near the place a date stood in the last frame a place must be to
/// be that place, in points: the same slot by the line, give or take the
/// width of changed words ("new: since 2020" then "since 2020").
const SAME_PLACE: f64 = 30.0;

/// Where a frame's date stands: its place (none inside the drawing), and
/// whether a leader joins it to its line, or it is crowded there.
struct Stand {
    place: Option<Candidate>,
    leader: bool,
    crowded: bool,
}

/// Where the date of edge `edge` stands in `frame`, its tie's slot chosen
/// (`chosen`, the frame's labels so far, is updated). Where the tie's
/// shared place is crowded in this frame (or off its canvas, or not among
/// its label's places), the label stands apart in it where it stands clear
/// near that place, or where no other line runs within 48 pt. A date that
/// jumps along its line lands among other ties and reads as theirs, even
/// with no line within 24 pt (ISGS 2023: Iyad's "since Mar 2017" between
/// JNIM and Mali), so failing that it takes a leader; only if its place is
/// on a text or an actor, where it cannot be read at all, and no leader is
/// found, does it stand clear anywhere by its line. Moving from one
/// crowded place to another, it would only read as a change.
fn settle(
    frame: &InFrame<'_>,
    edge: usize,
    chosen: &mut [Option<Candidate>],
    shared: Option<Shared>,
) -> Stand {
    let InFrame {
        drawing,
        places,
        together,
    } = *frame;
    let own_cost = |chosen: &[Option<Candidate>]| {
        chosen[edge].map(|c| c.cost + on_labels(chosen, edge, &c.rect, together))
    };
    let now = own_cost(chosen);
    let crowded_shared = shared.filter(|_| now.is_none_or(|cost| cost >= CLEAR_COST));
    let mut anywhere = None;
    if let Some(Shared { at, last_at, .. }) = crowded_shared {
        let near = |c: &Candidate| {
            at.is_none_or(|(x, y)| {
                let (cx, cy) = c.rect.centre();
                (cx - x).hypot(cy - y) <= NEAR
            })
        };
        let clear = |may_stand: &dyn Fn(&Candidate) -> bool| {
            places
                .iter()
                .flatten()
                .filter(|c| may_stand(c))
                .map(|&c| (c, c.cost + on_labels(chosen, edge, &c.rect, together)))
                .min_by(|a, b| a.1.total_cmp(&b.1))
                .filter(|&(_, cost)| cost < CLEAR_COST && now.is_none_or(|now| cost + 1e-9 < now))
                .map(|(c, _)| c)
        };
        let may_stand = |c: &Candidate| near(c) || alone_by_its_line(drawing, edge, &c.rect);
        let kept = |c: &Candidate| {
            last_at.is_some_and(|(x, y)| {
                let (cx, cy) = c.rect.centre();
                (cx - x).hypot(cy - y) <= SAME_PLACE
            })
        };
        match clear(&|c| kept(c) && may_stand(c)).or_else(|| clear(&may_stand)) {
            Some(better) => chosen[edge] = Some(better),
            None if now.is_none_or(|cost| cost >= ON_TEXT_OR_ACTOR) => {
                anywhere = clear(&|_| true);
            }
            None => {}
        }
    }
    let Some(place) = chosen[edge] else {
        return Stand {
            place: None,
            leader: false,
            crowded: true,
        };
    };
    if own_cost(chosen).unwrap_or(0.0) < CLEAR_COST {
        return Stand {
            place: Some(place),
            leader: false,
            crowded: false,
        };
    }
    // A leader keeps by where the date stood on one before, else by its
    // shared place.
    let near = crowded_shared.and_then(|s| s.leader_at.or(s.at));
    let (place, leader) = match leader::with_leader(drawing, edge, chosen, together, near) {
        Some(apart) => (apart, true),
        None => match anywhere {
            Some(clear) => (clear, false),
            None => {
                return Stand {
                    place: Some(place),
                    leader: false,
                    crowded: true,
                }
            }
        },
    };
    chosen[edge] = Some(place);
    Stand {
        place: Some(place),
        leader,
        crowded: false,
    }
}

/// The labels to place, grouped by tie: the labelled edges of one `id`
/// in different frames are one group, every other labelled edge a group
/// of its own; in the frames' order. A frame of more than
/// [`MAX_PLACED_EDGES`] has none.
fn ties(frames: &[Drawing]) -> Vec<Vec<Member>> {
    let mut groups: Vec<Vec<Member>> = Vec::new();
    let mut by_id: BTreeMap<&str, usize> = BTreeMap::new();
    for (frame, drawing) in frames.iter().enumerate() {
        if drawing.edges.len() > MAX_PLACED_EDGES {
            continue;
        }
        for (edge, drawn) in drawing.edges.iter().enumerate() {
            if drawn.label.is_none() {
                continue;
            }
            let known = drawn.id.as_deref().and_then(|id| by_id.get(id).copied());
            // Two edges of one frame are never one tie's.
            match known.filter(|&group| groups[group].iter().all(|&(f, _)| f != frame)) {
                Some(group) => groups[group].push((frame, edge)),
                None => {
                    if let Some(id) = drawn.id.as_deref() {
                        by_id.entry(id).or_insert(groups.len());
                    }
                    groups.push(vec![(frame, edge)]);
                }
            }
        }
    }
    groups
}

/// Every label's candidate places, by frame and edge; the frames weighed
/// side by side, as each takes seconds on a large view.
fn candidates_of(frames: &[Drawing]) -> Vec<Vec<Vec<Option<Candidate>>>> {
    fn of_frame(drawing: &Drawing) -> Vec<Vec<Option<Candidate>>> {
        if drawing.edges.len() > MAX_PLACED_EDGES {
            return vec![Vec::new(); drawing.edges.len()];
        }
        drawing
            .edges
            .iter()
            .enumerate()
            .map(|(index, edge)| candidates(drawing, index, edge))
            .collect()
    }
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(frames.len());
    if threads <= 1 {
        return frames.iter().map(of_frame).collect();
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = frames
            .chunks(frames.len().div_ceil(threads))
            .map(|chunk| scope.spawn(move || chunk.iter().map(of_frame).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

/// What label `index` standing at `rect` costs for the other labels it
/// would stand on, as `chosen`, among those drawn `together` with it.
pub(super) fn on_labels(
    chosen: &[Option<Candidate>],
    index: usize,
    rect: &Rect,
    together: Together<'_>,
) -> f64 {
    let hit = chosen
        .iter()
        .enumerate()
        .filter(|(other, place)| {
            *other != index
                && place.is_some_and(|p| p.rect.overlaps(&super::apart(rect)))
                && together(index, *other)
        })
        .count();
    ON_TEXT_OR_ACTOR * hit as f64
}

#[cfg(test)]
mod tests;
