//! Answer rows built from the graph: actors and ties as answers show them,
//! each tie judged by the question's filter.

use crate::answer::*;
use crate::model::walk::{hierarchy, Along, Chain, Step};
use crate::model::{ActorId, Certainty, Event, Graph, RelationId, TieFilter, TieId, TieRef};

/// An actor as answers show it: its id and name.
pub fn actor_out(graph: &Graph, id: ActorId) -> ActorOut<'_> {
    let actor = graph.actor(id);
    ActorOut {
        id: &actor.id,
        name: &actor.name,
    }
}

/// A tie as answers show it, with how sure `filter` is of it.
pub fn tie_out<'g>(graph: &'g Graph, tie: TieRef<'g>, certainty: Certainty) -> TieOut<'g> {
    let relations = graph.relations();
    TieOut {
        from: actor_out(graph, tie.from),
        to: actor_out(graph, tie.to),
        relation: relations.name(tie.tie.relation),
        directed: relations.is_directed(tie.tie.relation),
        start: tie.tie.start(),
        end: tie.tie.end(),
        certainty,
        confidence: tie.tie.confidence,
        sources: graph.source_ids(tie.tie).collect(),
        note: tie.tie.note(),
        evidence: tie.tie.evidence(),
        ended_with: graph.ended_with(tie).map(|(actor, end)| EndedWith {
            actor: actor_out(graph, actor),
            end,
        }),
    }
}

/// A tie as answers show it, judged by `filter`.
pub(super) fn judged<'g>(graph: &'g Graph, tie: TieRef<'g>, filter: &TieFilter) -> TieOut<'g> {
    tie_out(graph, tie, graph.certainty(tie, filter))
}

pub(super) fn row<'g>(
    graph: &'g Graph,
    id: ActorId,
    depth: Option<usize>,
    ties: Vec<TieRef<'g>>,
    filter: &TieFilter,
) -> ActorRow<'g> {
    let ties: Vec<TieOut> = ties.into_iter().map(|t| judged(graph, t, filter)).collect();
    ActorRow {
        actor: actor_out(graph, id),
        kind: graph.actor(id).kind,
        depth,
        // As sure as its surest tie; with none, as sure as its life.
        certainty: ties
            .iter()
            .map(|t| t.certainty)
            .max()
            .unwrap_or_else(|| graph.life(id).activity(filter.window)),
        ties,
    }
}

/// Ties in reading order: by start (unknown first), relation, other end's name.
pub(super) fn sorted_ties<'g>(
    graph: &'g Graph,
    focus: ActorId,
    ties: impl Iterator<Item = TieRef<'g>>,
    filter: &TieFilter,
) -> Vec<TieOut<'g>> {
    reading_order(graph, focus, ties)
        .into_iter()
        .map(|t| judged(graph, t, filter))
        .collect()
}

/// Ties in reading order, as [`sorted_ties`] lists them.
pub(super) fn reading_order<'g>(
    graph: &'g Graph,
    focus: ActorId,
    ties: impl Iterator<Item = TieRef<'g>>,
) -> Vec<TieRef<'g>> {
    let mut ties: Vec<TieRef> = ties.collect();
    // Keys borrow the names from the graph: computed once, no copies.
    ties.sort_by_cached_key(|t| {
        let other = graph.actor(t.other(focus)).name.as_str();
        (t.tie.window().first, t.tie.relation, other, t.id)
    });
    ties
}

/// Display names compare case-blind, then by id, so listings read alphabetically.
pub(super) fn by_name(a: &ActorOut, b: &ActorOut) -> std::cmp::Ordering {
    let folded = |name: &str| {
        name.chars()
            .flat_map(char::to_lowercase)
            .collect::<Vec<_>>()
    };
    if a.name.is_ascii() && b.name.is_ascii() {
        a.name
            .bytes()
            .map(|c| c.to_ascii_lowercase())
            .cmp(b.name.bytes().map(|c| c.to_ascii_lowercase()))
    } else {
        folded(a.name).cmp(&folded(b.name))
    }
    .then(a.id.cmp(b.id))
}

/// One row per actor met through `ties`, each with its ties, by name.
pub(super) fn actors_by_tie<'g>(
    graph: &'g Graph,
    focus: ActorId,
    ties: Vec<TieRef<'g>>,
    filter: &TieFilter,
) -> Vec<ActorRow<'g>> {
    let mut ties = ties;
    // Group by the other end: sort, then cut runs.
    ties.sort_unstable_by_key(|t| (t.other(focus), t.tie.window().first, t.id));
    let mut rows: Vec<ActorRow> = Vec::new();
    let mut run_start = 0;
    for i in 1..=ties.len() {
        if i == ties.len() || ties[i].other(focus) != ties[run_start].other(focus) {
            let other = ties[run_start].other(focus);
            rows.push(row(graph, other, None, ties[run_start..i].to_vec(), filter));
            run_start = i;
        }
    }
    rows.sort_by_cached_key(|r| (r.actor.name.to_lowercase(), r.actor.id));
    rows
}

/// The same filter, keeping only ties that surely held: a walk over it
/// reaches exactly the actors that a chain of certain ties leads to.
pub(super) fn surely(filter: &TieFilter) -> TieFilter {
    TieFilter {
        min_certainty: Certainty::Certainly,
        ..filter.clone()
    }
}

/// One row per step of a hierarchy walk along subgroup-of, with its depth
/// and the tie that led there. A step is only as sure as its chain: each
/// tie on it must have held at once with the others, in the window.
pub(super) fn hierarchy_rows<'g>(
    graph: &'g Graph,
    start: ActorId,
    along: Along,
    filter: &TieFilter,
) -> (Vec<Step>, Vec<ActorRow<'g>>) {
    let steps = hierarchy(graph, start, filter, RelationId::SUBGROUP_OF, along);
    let rows = steps
        .iter()
        .map(|s| chained_row(graph, s.actor, s.depth, s.via, s.chain, filter))
        .collect();
    (steps, rows)
}

/// A row reached through `via` at the end of `chain`: the tie's certainty
/// shown is the chain's, when that is weaker.
fn chained_row<'g>(
    graph: &'g Graph,
    actor: ActorId,
    depth: usize,
    via: TieId,
    chain: Chain,
    filter: &TieFilter,
) -> ActorRow<'g> {
    let mut row = row(
        graph,
        actor,
        Some(depth),
        graph.tie(via).into_iter().collect(),
        filter,
    );
    let certainty = chain.certainty();
    row.certainty = row.certainty.min(certainty);
    for tie in &mut row.ties {
        tie.certainty = tie.certainty.min(certainty);
    }
    row
}

/// Up the subgroup-of chain from `actor`, then whom each of them pledges
/// allegiance to while it belonged: a pledge is a link of the chain too.
pub(super) fn parents<'g>(
    graph: &'g Graph,
    actor: ActorId,
    filter: &TieFilter,
) -> Vec<ActorRow<'g>> {
    let (chain, mut rows) = hierarchy_rows(graph, actor, Along::Up, filter);
    let allegiance = TieFilter {
        relations: Some(vec![RelationId::ALLEGIANCE]),
        ..filter.clone()
    };
    let levels = std::iter::once((actor, 0, Chain::within(filter.window)))
        .chain(chain.iter().map(|s| (s.actor, s.depth, s.chain)));
    for (member, depth, member_chain) in levels {
        let mut ties: Vec<TieRef> = graph
            .ties_of(member, &allegiance)
            .filter(|t| t.from == member)
            .collect();
        ties.sort_by_key(|t| (t.tie.window().first, t.id));
        for tie in ties {
            let Some(pledge) = member_chain.then(graph.bounds(tie)) else {
                continue;
            };
            if filter.min_certainty == Certainty::Certainly
                && pledge.certainty() != Certainty::Certainly
            {
                continue;
            }
            rows.push(chained_row(
                graph,
                tie.to,
                depth + 1,
                tie.id,
                pledge,
                &allegiance,
            ));
        }
    }
    rows
}

pub(super) fn card<'g>(
    graph: &'g Graph,
    id: ActorId,
    filter: &TieFilter,
    present: &TieFilter,
) -> Card<'g> {
    let actor = graph.actor(id);
    Card {
        actor: actor_out(graph, id),
        kind: actor.kind,
        aliases: &actor.aliases,
        tags: &actor.tags,
        active: actor.active,
        note: actor.note.as_deref(),
        ties: sorted_ties(graph, id, graph.ties_of(id, filter), present),
    }
}

/// Every source with how many of `ties` (each with how sure it is) and of
/// `events` cite it, in the graph's order.
pub(super) fn source_rows<'g>(
    graph: &'g Graph,
    ties: &[(TieRef<'g>, Certainty)],
    events: &[&Event],
) -> Vec<SourceRow<'g>> {
    let mut rows: Vec<SourceRow> = graph
        .sources()
        .iter()
        .map(|s| SourceRow {
            id: &s.id,
            citation: &s.citation,
            url: s.url.as_deref(),
            ties: 0,
            possibly: 0,
            events: 0,
        })
        .collect();
    for (tie, certainty) in ties {
        for source in tie.tie.sources() {
            rows[source.index()].ties += 1;
            if *certainty == Certainty::Possibly {
                rows[source.index()].possibly += 1;
            }
        }
    }
    for event in events {
        for source in &event.sources {
            rows[source.index()].events += 1;
        }
    }
    rows
}
