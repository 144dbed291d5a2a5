//! What happened when: ties beginning and ending, and the graph's one-off
//! events, for `timeline` and `changes`.

use super::rows::{actor_out, by_name, tie_out};
use crate::answer::*;
use crate::model::time::DAY_MIN;
use crate::model::{
    ActorId, Bounds, Certainty, Day, Graph, PartialDate, TieFilter, TieRef, Window,
};

/// Ties beginning and ending inside the filter's window, and the graph's
/// one-off events there (those of `actor`, when given), in date order. A
/// day known only roughly is listed when it may fall in the window, marked
/// possible unless it certainly does (`certainly` keeps only those). A pair whose tie of one relation ends
/// while one of another relation begins is marked `changed from …`.
pub(super) fn events<'g>(
    graph: &'g Graph,
    ties: &[TieRef<'g>],
    actor: Option<ActorId>,
    filter: &TieFilter,
) -> Vec<Event<'g>> {
    struct Found<'g> {
        /// The day events sort by: the date's stated position
        /// ([`PartialDate::sort_day`]), within what its actors' lives allow.
        day: Day,
        /// The earliest and latest day it can have happened.
        days: (Day, Day),
        ended: bool,
        /// Order within a day: endings of older ties, then beginnings, then
        /// endings of ties that began that same day; one-off events last.
        phase: u8,
        pair: Option<(ActorId, ActorId)>,
        event: Event<'g>,
    }
    let window = filter.window;
    let any_time = TieFilter {
        window: Window::ALL,
        ..filter.clone()
    };
    // Every precision sorts by one rule: where the date as written puts it
    // (`2023-06~` in June, not at its widened earliest, May), moved inside
    // the days the bounds allow when an actor's life narrows them.
    let sort_day =
        |date: PartialDate, days: (Day, Day)| date.sort_day().clamp(days.0, days.1.max(days.0));
    let mut found: Vec<Found> = Vec::new();
    for tie in ties {
        if graph.certainty(*tie, &any_time) == Certainty::No {
            continue;
        }
        let pair = if tie.from < tie.to {
            (tie.from, tie.to)
        } else {
            (tie.to, tie.from)
        };
        let bounds = graph.bounds(*tie);
        let one_day = tie.tie.start().is_some() && tie.tie.start() == tie.tie.end();
        // Whatever the sort days, a tie's end is never listed before its beginning.
        let began_on = tie
            .tie
            .start()
            .map_or(DAY_MIN, |start| sort_day(start, bounds.start));
        let mut push = |days: (Day, Day), date: PartialDate, ended: bool, word: Option<String>| {
            let certainty = Bounds::instant(days).activity(window);
            if certainty == Certainty::No {
                return;
            }
            let word = word.unwrap_or_else(|| if ended { "ended" } else { "began" }.to_string());
            let day = sort_day(date, days);
            // An end that sorts no later than its own beginning goes after it.
            let after_beginning = ended && (one_day || day <= began_on);
            found.push(Found {
                day: if ended { day.max(began_on) } else { day },
                days,
                ended,
                phase: match (ended, after_beginning) {
                    (true, false) => 0,
                    (false, _) => 1,
                    (true, true) => 2,
                },
                pair: Some(pair),
                event: Event {
                    date,
                    event: word,
                    certainty,
                    tie: Some(tie_out(graph, *tie, certainty)),
                    actors: Vec::new(),
                    confidence: tie.tie.confidence,
                    sources: graph.source_ids(tie.tie).collect(),
                    // The tie's caveats travel with its beginning and end.
                    note: tie.tie.note(),
                    evidence: None,
                },
            });
        };
        if let Some(start) = tie.tie.start() {
            push(bounds.start, start, false, None);
        }
        match tie.tie.end() {
            Some(end) => push(bounds.end, end, true, None),
            // An ongoing tie ends with the first of its actors to end.
            None => {
                if let Some((actor, end)) = graph.ended_with(*tie) {
                    let word = format!("ended with {}", graph.actor(actor).name);
                    push(bounds.end, end, true, Some(word));
                }
            }
        }
    }
    for event in graph.events() {
        if actor.is_some_and(|a| !event.involves(a))
            || event.confidence < filter.min_confidence
            || filter
                .source
                .is_some_and(|source| !event.sources.contains(&source))
        {
            continue;
        }
        let days = (event.date.first_day(), event.date.last_day());
        let certainty = Bounds::instant(days).activity(window);
        if certainty == Certainty::No || certainty < filter.min_certainty {
            continue;
        }
        found.push(Found {
            day: sort_day(event.date, days),
            days,
            ended: false,
            phase: 3,
            pair: None,
            event: Event {
                date: event.date,
                event: event.what.clone(),
                certainty,
                tie: None,
                actors: event.actors.iter().map(|a| actor_out(graph, *a)).collect(),
                confidence: event.confidence,
                sources: event
                    .sources
                    .iter()
                    .map(|s| graph.source(*s).id.as_str())
                    .collect(),
                note: event.note.as_deref(),
                evidence: event.evidence.as_deref(),
            },
        });
    }
    found.retain(|f| f.event.certainty >= filter.min_certainty);
    // A change: the pair's tie of another relation surely ended on or before
    // the earliest day this one can have begun (the latest such ending names
    // what it changed from). One that may have outlasted it is no change.
    let ended: Vec<((ActorId, ActorId), Day, &str)> = found
        .iter()
        .filter(|f| f.ended)
        .filter_map(|f| Some((f.pair?, f.days.1, f.event.tie.as_ref()?.relation)))
        .collect();
    for f in found.iter_mut().filter(|f| !f.ended) {
        let (Some(pair), Some(tie)) = (f.pair, f.event.tie.as_ref()) else {
            continue;
        };
        let previous = ended
            .iter()
            .filter(|(p, last, relation)| {
                *p == pair && *last <= f.days.0 && *relation != tie.relation
            })
            .max_by_key(|(_, last, _)| *last);
        if let Some((_, _, old)) = previous {
            f.event.event = format!("changed from {old}");
        }
    }
    let first_actor = |e: &Event<'g>| match &e.tie {
        Some(tie) => (tie.from, tie.to),
        None => (e.actors[0], e.actors[0]),
    };
    found.sort_by(|a, b| {
        let (a_from, a_to) = first_actor(&a.event);
        let (b_from, b_to) = first_actor(&b.event);
        (a.day, a.phase)
            .cmp(&(b.day, b.phase))
            .then_with(|| by_name(&a_from, &b_from))
            .then_with(|| by_name(&a_to, &b_to))
    });
    found.into_iter().map(|f| f.event).collect()
}
