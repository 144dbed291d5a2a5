//! Which actors and ties a diagram shows: a focus and its neighbourhood, or
//! the whole graph, through a tie filter; and the day that view is drawn at,
//! which decides whether a tie is drawn as ended.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::walk::select;
use crate::model::{ActorId, Certainty, Confidence, Day, Graph, TieFilter, TieId, TieRef, Window};

use super::style::TieState;
use super::DiagramSpec;

/// The actors and ties a view selects.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct View {
    /// The actors drawn.
    pub actors: BTreeSet<ActorId>,
    /// The ties drawn.
    pub ties: BTreeSet<TieId>,
}

impl View {
    /// The actors and ties of `spec` with `filter` in place of its own:
    /// the selection exports use too, less any actor surely not alive in
    /// the window (the focus too: JNIM is not drawn before 2017) and the
    /// ties it would hold.
    pub fn select(graph: &Graph, spec: &DiagramSpec, filter: &TieFilter) -> View {
        let selection = select(graph, spec.focus, spec.depth, filter);
        let alive = |actor: &ActorId| graph.life(*actor).activity(filter.window) != Certainty::No;
        let actors: BTreeSet<ActorId> = selection.actors.into_iter().filter(alive).collect();
        let ties = selection
            .ties
            .into_iter()
            .filter(|t| {
                graph
                    .tie(*t)
                    .is_some_and(|t| actors.contains(&t.from) && actors.contains(&t.to))
            })
            .collect();
        View { actors, ties }
    }

    /// The ties `filter` accepts between two actors of this view that it
    /// does not draw: a focus view draws the ties it walks from its focus,
    /// up to its depth, and none between two actors at its edge.
    pub fn ties_not_walked(&self, graph: &Graph, filter: &TieFilter) -> BTreeSet<TieId> {
        let mut left = BTreeSet::new();
        for &actor in &self.actors {
            for link in graph.links(actor, filter) {
                if self.actors.contains(&link.other) && !self.ties.contains(&link.tie) {
                    left.insert(link.tie);
                }
            }
        }
        left
    }

    /// Adds `other`'s actors and ties to this view.
    pub fn union(&mut self, other: &View) {
        self.actors.extend(other.actors.iter().copied());
        self.ties.extend(other.ties.iter().copied());
    }
}

/// The most ties [`not_walked_note`] names.
const NAMED_NOT_WALKED: usize = 5;

/// A note on the ties `filter` accepts between two actors a focus view of
/// `spec` draws that it leaves out, as it draws only the ties it walks
/// from its focus (a cold check missed "Graystone targets villages", both
/// drawn); `None` for a view of the whole graph, or when none is left out.
pub fn not_walked_note(graph: &Graph, spec: &DiagramSpec) -> Option<String> {
    spec.focus?;
    let view = View::select(graph, spec, &spec.filter);
    let left = view.ties_not_walked(graph, &spec.filter);
    left_out_note(graph, spec.depth, left.iter().map(|t| (*t, None)))
}

/// Like [`not_walked_note`], for a storyboard: `left` holds, for each tie
/// left out of a frame that draws both its actors, the years of those
/// frames, which the note names unless they are all of `frames` (a cold
/// check lost a running tie in the frames after one of its actors moved
/// a hop further out, with no word of it).
pub fn not_walked_in_frames_note(
    graph: &Graph,
    depth: usize,
    left: &BTreeMap<TieId, Vec<i32>>,
    frames: &[i32],
) -> Option<String> {
    let when = |years: &Vec<i32>| {
        (years.as_slice() != frames).then(|| {
            let years: Vec<String> = years.iter().map(i32::to_string).collect();
            format!("in {}", crate::model::names::and_list(&years))
        })
    };
    left_out_note(
        graph,
        depth,
        left.iter().map(|(t, years)| (*t, when(years))),
    )
}

/// "N ties between the actors drawn are left out, as …: A alliance C (in
/// 2020); …", naming the first few ties, each with its `when` if any.
fn left_out_note(
    graph: &Graph,
    depth: usize,
    left: impl ExactSizeIterator<Item = (TieId, Option<String>)>,
) -> Option<String> {
    let count = left.len();
    if count == 0 {
        return None;
    }
    let relations = graph.relations();
    let mut named: Vec<String> = left
        .filter_map(|(t, when)| graph.tie(t).map(|t| (t, when)))
        .take(NAMED_NOT_WALKED)
        .map(|(t, when)| {
            let tie = format!(
                "{} {} {}",
                graph.actor(t.from).name,
                relations.name(t.tie.relation),
                graph.actor(t.to).name
            );
            match when {
                Some(when) => format!("{tie} ({when})"),
                None => tie,
            }
        })
        .collect();
    if count > named.len() {
        named.push(format!("and {} more", count - named.len()));
    }
    let (count, verb, them) = match count {
        1 => ("1 tie".to_string(), "is", "it"),
        n => (format!("{n} ties"), "are", "them"),
    };
    let drawn = match depth {
        1 => "a view of 1 hop draws only its focus's own ties".to_string(),
        2 => "a view of 2 hops draws only the ties of its focus and of the actors 1 hop from \
              it"
        .to_string(),
        n => format!(
            "a view of {n} hops draws only the ties of its focus and of the actors up to {} \
             hops from it",
            n - 1
        ),
    };
    Some(format!(
        "{count} between the actors drawn {verb} left out, as {drawn}: {}; `depth {}` draws \
         {them}, with the actors a hop further",
        named.join("; "),
        depth + 1
    ))
}

/// When a view is: the window its ties were chosen for, and the day their
/// state is judged on (the window's last day, or the graph's date when the
/// window runs past it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ViewTime {
    /// The days the view asks about.
    pub window: Window,
    /// The day a tie is judged running or ended on.
    pub day: Day,
}

impl ViewTime {
    /// The time of a view chosen by `filter`.
    pub fn of(graph: &Graph, filter: &TieFilter) -> ViewTime {
        // Past the graph's date nothing is known: a 2023 frame of a graph
        // as of February 2023 is judged on its last known day.
        let day = filter.window.last.min(graph.known_until());
        ViewTime {
            window: filter.window,
            day,
        }
    }
}

/// The actors of `view` that may not exist at `time`: their own written
/// dates leave it open (the junta, begun "on or before 2021", in a 2017
/// frame), and no confirmed tie of theirs surely held in the window (a tie
/// cannot predate or outlive its actors, so one that surely held shows they
/// existed). What is not written bounds nothing ([`crate::model::Actor::life`]):
/// an actor with no dates, or no start, is not one before its end, as the
/// graph makes no claim on when it began, and its ties' dates say what is
/// known.
pub fn unsure_actors(graph: &Graph, view: &View, time: ViewTime) -> BTreeSet<ActorId> {
    let surely_held = TieFilter {
        window: time.window,
        min_confidence: Confidence::Confirmed,
        min_certainty: Certainty::Certainly,
        ..TieFilter::default()
    };
    view.actors
        .iter()
        .copied()
        .filter(|a| {
            graph.actor(*a).life().activity(time.window) == Certainty::Possibly
                && graph.ties_of(*a, &surely_held).next().is_none()
        })
        .collect()
}

/// The actors of `view` whose lives surely ended before the view's day (a
/// view of all dates, or a span reaching past an end): drawn faded, as an
/// ended tie is, or they read as still there.
pub fn ended_actors(graph: &Graph, view: &View, time: ViewTime) -> BTreeSet<ActorId> {
    view.actors
        .iter()
        .copied()
        .filter(|a| {
            let life = graph.actor(*a).active;
            life.and_then(|l| l.end)
                .is_some_and(|end| end.last_day() < time.day)
        })
        .collect()
}

/// A tie is drawn as ended only when it had surely ended by the view's day,
/// not merely because it ends some time later; as uncertain when the dates
/// leave open whether it held in the view's window at all, or whether it
/// still ran on the view's day.
pub fn tie_state(graph: &Graph, tie: TieRef<'_>, time: ViewTime) -> TieState {
    let bounds = graph.bounds(tie);
    if bounds.end.1 < time.day {
        TieState::Ended
    } else if bounds.activity(time.window) == Certainty::Possibly || bounds.end.0 < time.day {
        TieState::Uncertain
    } else {
        TieState::Running
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagram::sketch::{during, Sketch};
    use crate::model::{Actor, ActorKind, Confidence, Period, RelationId};

    /// a – b – c – d in a line of alliances, a tie a – e that ended in
    /// 2015, and f with no ties.
    fn line() -> (Graph, Vec<ActorId>, Vec<TieId>) {
        let mut s = Sketch::new("Line");
        let ids: Vec<ActorId> = ["a", "b", "c", "d", "e", "f"]
            .iter()
            .map(|id| s.actor(id, ActorKind::Group, None))
            .collect();
        let ally = |s: &mut Sketch, x: usize, y: usize, years| {
            s.tie(
                ids[x],
                ids[y],
                RelationId::ALLIANCE,
                years,
                Confidence::Confirmed,
            )
        };
        let ties = vec![
            ally(&mut s, 0, 1, (Some(2010), None)),
            ally(&mut s, 1, 2, (Some(2010), None)),
            ally(&mut s, 2, 3, (Some(2010), None)),
            ally(&mut s, 0, 4, (Some(2010), Some(2015))),
        ];
        (s.graph, ids, ties)
    }

    fn focus(actor: ActorId, depth: usize) -> DiagramSpec {
        DiagramSpec {
            focus: Some(actor),
            depth,
            ..DiagramSpec::default()
        }
    }

    #[test]
    fn a_focus_reaches_as_many_hops_as_its_depth() {
        let (graph, a, t) = line();
        let one = focus(a[1], 1);
        let view = View::select(&graph, &one, &one.filter);
        assert_eq!(view.actors, BTreeSet::from([a[0], a[1], a[2]]));
        assert_eq!(view.ties, BTreeSet::from([t[0], t[1]]));

        let two = focus(a[1], 2);
        let view = View::select(&graph, &two, &two.filter);
        assert_eq!(view.actors, BTreeSet::from([a[0], a[1], a[2], a[3], a[4]]));
        assert_eq!(view.ties, BTreeSet::from([t[0], t[1], t[2], t[3]]));
    }

    #[test]
    fn a_tie_between_two_actors_at_the_edge_is_not_walked_and_is_named() {
        let mut s = Sketch::new("Triangle");
        let [a, b, c] = ["a", "b", "c"].map(|id| s.actor(id, ActorKind::Group, None));
        let mut ally = |x, y| {
            s.tie(
                x,
                y,
                RelationId::ALLIANCE,
                (Some(2010), None),
                Confidence::Confirmed,
            )
        };
        let (ab, bc, ac) = (ally(a, b), ally(b, c), ally(a, c));
        let graph = s.graph;
        let spec = focus(b, 1);
        let view = View::select(&graph, &spec, &spec.filter);
        assert_eq!(view.ties, BTreeSet::from([ab, bc]));
        assert_eq!(
            view.ties_not_walked(&graph, &spec.filter),
            BTreeSet::from([ac])
        );
        let all = DiagramSpec::default();
        let view = View::select(&graph, &all, &all.filter);
        assert!(view.ties_not_walked(&graph, &all.filter).is_empty());
        assert_eq!(
            not_walked_note(&graph, &spec).as_deref(),
            Some(
                "1 tie between the actors drawn is left out, as a view of 1 hop draws only its \
                 focus's own ties: A alliance C; `depth 2` draws it, with the actors a hop \
                 further"
            )
        );
        assert_eq!(not_walked_note(&graph, &focus(b, 2)), None);
        assert_eq!(not_walked_note(&graph, &all), None);

        // A storyboard names the frames a tie is left out of, unless all.
        let frames = [2019, 2020];
        let in_frames = |years: &[i32]| {
            let left = BTreeMap::from([(ac, years.to_vec())]);
            not_walked_in_frames_note(&graph, 1, &left, &frames).unwrap()
        };
        assert!(in_frames(&[2020]).contains(": A alliance C (in 2020); `depth 2`"));
        assert!(in_frames(&frames).contains(": A alliance C; `depth 2`"));
        assert_eq!(
            not_walked_in_frames_note(&graph, 1, &BTreeMap::new(), &frames),
            None
        );
    }

    #[test]
    fn all_draws_every_tie_and_the_actors_without_any() {
        let (graph, a, t) = line();
        let spec = DiagramSpec::default();
        let view = View::select(&graph, &spec, &spec.filter);
        assert_eq!(view.actors, a.iter().copied().collect());
        assert_eq!(view.ties, t.iter().copied().collect());
    }

    #[test]
    fn a_window_drops_ties_that_ended_before_it() {
        let (graph, a, t) = line();
        let spec = DiagramSpec {
            filter: during(2020),
            ..DiagramSpec::default()
        };
        let view = View::select(&graph, &spec, &spec.filter);
        assert!(!view.ties.contains(&t[3]), "the a – e tie ended in 2015");
        assert!(!view.actors.contains(&a[4]), "e has ties, none in 2020");
        assert!(view.actors.contains(&a[5]), "f has no ties at all");
        assert_eq!(view.ties, BTreeSet::from([t[0], t[1], t[2]]));

        let focused = DiagramSpec {
            filter: during(2020),
            ..focus(a[0], 1)
        };
        let view = View::select(&graph, &focused, &focused.filter);
        assert_eq!(view.actors, BTreeSet::from([a[0], a[1]]));
        assert_eq!(view.ties, BTreeSet::from([t[0]]));
    }

    #[test]
    fn a_tie_is_drawn_ended_only_once_surely_over_by_the_views_day() {
        let (graph, _, t) = line();
        let ended = graph.tie(t[3]).unwrap();
        let on = |year| ViewTime::of(&graph, &during(year));
        assert_eq!(tie_state(&graph, ended, on(2020)), TieState::Ended);
        // Ended sometime in 2015: it may no longer run on the view's day.
        assert_eq!(tie_state(&graph, ended, on(2015)), TieState::Uncertain);
        assert_eq!(tie_state(&graph, ended, on(2012)), TieState::Running);
        let running = graph.tie(t[0]).unwrap();
        assert_eq!(tie_state(&graph, running, on(2020)), TieState::Running);
    }

    /// JNIM (since 2017), a junta begun on or before 2021 and an undated
    /// state, with a hostility JNIM – junta since 2019 (`sure` confirmed, or
    /// possible) and undated ones JNIM – state and junta – state (which
    /// draw the junta before 2019, unsure as they are).
    fn junta(sure: bool) -> (Graph, [ActorId; 3]) {
        let mut s = Sketch::new("Junta");
        let dated = |id: &str, start: &str| {
            let mut actor = Actor::new(id, id.to_uppercase(), ActorKind::Group);
            actor.active = Some(Period {
                start: Some(start.parse().unwrap()),
                end: None,
            });
            actor
        };
        let jnim = s.graph.add_actor(dated("jnim", "2017")).unwrap();
        let junta = s.graph.add_actor(dated("junta", "[..2021]")).unwrap();
        let state = s.actor("state", ActorKind::State, None);
        let confidence = if sure {
            Confidence::Confirmed
        } else {
            Confidence::Possible
        };
        let hostility = RelationId::HOSTILITY;
        s.tie(jnim, junta, hostility, (Some(2019), None), confidence);
        s.tie(jnim, state, hostility, (None, None), Confidence::Confirmed);
        s.tie(junta, state, hostility, (None, None), Confidence::Confirmed);
        (s.graph, [jnim, junta, state])
    }

    fn unsure_in(graph: &Graph, year: i32) -> BTreeSet<ActorId> {
        let spec = DiagramSpec {
            filter: during(year),
            ..DiagramSpec::default()
        };
        let view = View::select(graph, &spec, &spec.filter);
        unsure_actors(graph, &view, ViewTime::of(graph, &spec.filter))
    }

    #[test]
    fn an_actor_whose_dates_leave_its_existence_open_is_unsure() {
        let (graph, [jnim, junta, state]) = junta(true);
        // Begun on or before 2021: in 2018 it may not exist yet.
        assert_eq!(unsure_in(&graph, 2018), BTreeSet::from([junta]));
        // Its confirmed tie of 2019 shows it existed then.
        assert!(unsure_in(&graph, 2019).is_empty());
        assert!(unsure_in(&graph, 2023).is_empty());
        // JNIM (dated 2017) is sure in 2018; the undated state never unsure.
        let view = unsure_in(&graph, 2018);
        assert!(!view.contains(&jnim) && !view.contains(&state));
    }

    #[test]
    fn an_actor_that_surely_ended_before_the_views_day_is_ended() {
        // B ended in 2020 ("2020": any day of it); its tie to A runs on.
        let mut s = Sketch::new("Ended");
        let a = s.actor("a", ActorKind::Group, Some("net"));
        let mut b = Actor::new("b", "B", ActorKind::Group);
        b.tags.push("net".into());
        b.active = Some(Period {
            start: Some("2010".parse().unwrap()),
            end: Some("2020".parse().unwrap()),
        });
        let b = s.graph.add_actor(b).unwrap();
        s.tie(
            a,
            b,
            RelationId::ALLIANCE,
            (Some(2012), None),
            Confidence::Confirmed,
        );
        let c = s.actor("c", ActorKind::Group, None);
        s.tie(
            a,
            c,
            RelationId::ALLIANCE,
            (Some(2021), Some(2023)),
            Confidence::Confirmed,
        );
        let graph = s.graph;
        let ended_in = |filter: TieFilter| {
            let spec = DiagramSpec {
                filter,
                ..DiagramSpec::default()
            };
            let view = View::select(&graph, &spec, &spec.filter);
            let time = ViewTime::of(&graph, &spec.filter);
            let scene = crate::diagram::scene::build(
                &graph,
                &spec,
                &view,
                crate::diagram::cluster::Nesting::Subgroups,
            );
            (ended_actors(&graph, &view, time), scene)
        };
        // All dates, judged on the graph's last known day (2023): B is gone,
        // drawn faded, its tooltip says when, the legend why.
        let (ended, scene) = ended_in(TieFilter::default());
        assert_eq!(ended, BTreeSet::from([b]));
        let node = scene.nodes.iter().find(|n| n.name == "a:b").unwrap();
        let attr = |key| {
            node.attrs
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.clone())
        };
        assert!(
            attr("fillcolor").unwrap().ends_with("59"),
            "{:?}",
            node.attrs
        );
        assert!(attr("tooltip")
            .unwrap()
            .starts_with("ended 2020, before the view's day"));
        let legend = scene
            .legend
            .as_ref()
            .map(|l| l.to_dot())
            .unwrap_or_default();
        assert!(legend.contains("faded: had ended by then"), "{legend}");
        // In 2020 it may have lived to the year's last day: not ended.
        assert!(ended_in(during(2020)).0.is_empty());
    }

    #[test]
    fn an_unwritten_start_claims_nothing() {
        // Ended in 2020, with no start written, and an empty `active`:
        // neither is unsure before 2020, for nothing says when it began.
        let mut s = Sketch::new("Unwritten");
        let mut ended = Actor::new("ended", "ENDED", ActorKind::Group);
        ended.active = Some(Period {
            start: None,
            end: Some("2020".parse().unwrap()),
        });
        let mut blank = Actor::new("blank", "BLANK", ActorKind::Group);
        blank.active = Some(Period::default());
        let (ended, blank) = (
            s.graph.add_actor(ended).unwrap(),
            s.graph.add_actor(blank).unwrap(),
        );
        s.tie(
            ended,
            blank,
            RelationId::ALLIANCE,
            (None, None),
            Confidence::Possible,
        );
        assert!(unsure_in(&s.graph, 2018).is_empty());
        // In its last year, it may have ended before the year's days.
        assert!(
            unsure_in(&s.graph, 2020).is_empty(),
            "it existed some day of 2020"
        );
    }

    #[test]
    fn only_a_confirmed_tie_that_surely_held_shows_an_actor_existed() {
        // A possible tie of 2019 leaves the junta's existence then as open
        // as its own dates do: it is sure from 2021, its latest start.
        let (graph, [_, junta, _]) = junta(false);
        assert_eq!(unsure_in(&graph, 2019), BTreeSet::from([junta]));
        assert_eq!(
            unsure_in(&graph, 2021),
            BTreeSet::new(),
            "begun by 2021's end"
        );
    }
}
