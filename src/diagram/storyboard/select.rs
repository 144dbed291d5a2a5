//! What each storyboard frame draws: its year's view, and the ties another
//! frame walks that it would otherwise drop.

use std::collections::BTreeMap;

use crate::model::{Graph, PartialDate, TieFilter, TieId, Window};

use super::super::view::View;
use super::super::{DiagramError, DiagramSpec};
use super::time::frame_time;

/// The frames of a storyboard: each year with its spec and view, the union
/// of their views, and the ties left out of a frame that draws both their
/// actors, with the years of those frames.
pub(super) struct Selected {
    pub frames: Vec<(i32, DiagramSpec, View)>,
    pub union: View,
    pub not_walked: BTreeMap<TieId, Vec<i32>>,
}

/// The days of `year`.
pub(super) fn year_window(year: i32) -> Result<Window, DiagramError> {
    let date = PartialDate::year(year).map_err(|_| DiagramError::BadYear(year))?;
    Ok(Window::new(date.first_day(), date.last_day()))
}

/// Each year's frame of `spec`, its time window the year. A tie one frame
/// walks is drawn in every frame that draws both its actors and whose
/// window it falls in: else it would vanish, read as ended, in the frames
/// where one of them has moved a hop further from the focus (a cold check
/// lost a running hostility so, with no word of it). The ties no frame
/// walks are left out, and listed for a note.
pub(super) fn select_frames(
    graph: &Graph,
    spec: &DiagramSpec,
    years: &[i32],
) -> Result<Selected, DiagramError> {
    let mut frames = Vec::new();
    let mut union = View::default();
    for &year in years {
        let frame_spec = DiagramSpec {
            filter: TieFilter {
                window: year_window(year)?,
                ..spec.filter.clone()
            },
            time_label: Some(frame_time(graph, year_window(year)?, year)),
            changes_window: None,
            ..spec.clone()
        };
        let view = View::select(graph, &frame_spec, &frame_spec.filter);
        // An empty frame is no slide: the run is refused, not padded.
        if view.actors.is_empty() {
            return Err(DiagramError::NothingToDraw(frame_spec.time_label));
        }
        union.union(&view);
        frames.push((year, frame_spec, view));
    }
    let mut not_walked: BTreeMap<TieId, Vec<i32>> = BTreeMap::new();
    for (year, frame_spec, view) in &mut frames {
        for tie in view.ties_not_walked(graph, &frame_spec.filter) {
            if union.ties.contains(&tie) {
                view.ties.insert(tie);
            } else {
                not_walked.entry(tie).or_default().push(*year);
            }
        }
    }
    Ok(Selected {
        frames,
        union,
        not_walked,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagram::sketch::Sketch;
    use crate::model::{ActorKind, Confidence, RelationId};
    use std::collections::BTreeSet;

    #[test]
    fn a_tie_walked_in_one_frame_is_drawn_in_every_frame_with_both_its_actors() {
        let mut s = Sketch::new("Hops");
        let [focus, a, b, c, d, g] =
            ["f", "a", "b", "c", "d", "g"].map(|id| s.actor(id, ActorKind::Group, None));
        let mut ally =
            |x, y, years| s.tie(x, y, RelationId::ALLIANCE, years, Confidence::Confirmed);
        // A is 1 hop from the focus until 2015, then 2 hops (through B).
        ally(focus, a, (Some(2010), Some(2015)));
        ally(focus, b, (Some(2010), None));
        ally(b, a, (Some(2010), None));
        // C is 2 hops away throughout (through D), G too (through B).
        ally(focus, d, (Some(2010), None));
        ally(d, c, (Some(2010), None));
        ally(b, g, (Some(2010), None));
        let hostility = s.tie(
            a,
            c,
            RelationId::HOSTILITY,
            (Some(2012), None),
            Confidence::Confirmed,
        );
        let never_walked = s.tie(
            c,
            g,
            RelationId::HOSTILITY,
            (Some(2012), None),
            Confidence::Confirmed,
        );
        let graph = s.graph;
        let spec = DiagramSpec {
            focus: Some(focus),
            depth: 2,
            ..DiagramSpec::default()
        };
        let selected = select_frames(&graph, &spec, &[2014, 2016]).unwrap();
        let [(_, _, in_2014), (_, _, in_2016)] = &selected.frames[..] else {
            panic!("two frames");
        };
        // Walked from A in 2014; in 2016 A and C are both at the edge.
        assert!(in_2014.ties.contains(&hostility));
        assert!(in_2016.ties.contains(&hostility));
        assert!(!in_2016.ties.contains(&never_walked));
        assert_eq!(
            selected.not_walked,
            BTreeMap::from([(never_walked, vec![2014, 2016])])
        );
        assert_eq!(
            selected.union.actors,
            BTreeSet::from([focus, a, b, c, d, g])
        );
    }
}
