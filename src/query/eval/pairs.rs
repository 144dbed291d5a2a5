//! Questions about one relation or one pair of actors: `who leads X`,
//! `is A allied with B`, `when did A join B`, `ties between A and B`,
//! `why A B`, and the shortest connections `how is A connected to B`.

use super::super::ast::*;
use super::super::error::{QueryError, QueryErrorKind};
use super::filters::{resolve, resolve_pair};
use super::rows::*;
use crate::answer::*;
use crate::model::paths::shortest_connections;
use crate::model::{ActorId, Certainty, Graph, RelationId, TieFilter, TieRef, Window};

/// At most this many shortest paths are shown; the summary says when
/// there are more.
pub const PATHS_SHOWN: usize = 10;

/// The relation a phrase names, which the graph must know.
fn relation_of(graph: &Graph, phrase: &RelationPhrase) -> Result<RelationId, QueryError> {
    graph.relations().find(&phrase.relation).ok_or_else(|| {
        QueryError::new(
            QueryErrorKind::UnknownRelation {
                name: phrase.relation.clone(),
                known: graph.relations().names().map(str::to_string).collect(),
            },
            phrase.span.0,
            phrase.span.1,
        )
    })
}

/// True when `tie` reads as `subject <phrase> …`: for a directed relation,
/// the subject is the tie's `from` (active) or its `to` (inverse).
fn read_from(graph: &Graph, tie: TieRef, subject: ActorId, voice: Voice) -> bool {
    if !graph.relations().is_directed(tie.tie.relation) {
        return true;
    }
    match voice {
        Voice::Active => tie.from == subject,
        Voice::Inverse => tie.to == subject,
    }
}

/// `who leads X` and the like: the actors at the other end of X's ties of
/// the phrase's relation, read the way the question reads.
pub(super) fn ask_who<'g>(
    graph: &'g Graph,
    (phrase, actor, named): (&RelationPhrase, &ActorName, Named),
    kind: Option<crate::model::ActorKind>,
    filter: TieFilter,
) -> Result<Body<'g>, QueryError> {
    let id = resolve(graph, actor)?;
    let relation = relation_of(graph, phrase)?;
    let filter = TieFilter {
        relations: Some(vec![relation]),
        ..filter
    };
    let ties: Vec<TieRef> = graph
        .ties_of(id, &filter)
        .filter(|t| match named {
            // `who leads X`: the answer is the subject, X the object.
            Named::Object => read_from(graph, *t, t.other(id), phrase.voice),
            Named::Subject => read_from(graph, *t, id, phrase.voice),
        })
        .filter(|t| kind.is_none_or(|k| graph.actor(t.other(id)).kind == k))
        .collect();
    Ok(Body::Actors {
        actors: actors_by_tie(graph, id, ties, &filter),
    })
}

/// The ties of one relation that read `a <phrase> b`, whatever their time.
fn phrased_ties<'g>(
    graph: &'g Graph,
    a: ActorId,
    phrase: &RelationPhrase,
    b: ActorId,
    filter: &TieFilter,
) -> Result<Vec<TieRef<'g>>, QueryError> {
    let any_time = TieFilter {
        relations: Some(vec![relation_of(graph, phrase)?]),
        window: Window::ALL,
        min_certainty: Certainty::Possibly,
        ..filter.clone()
    };
    Ok(graph
        .ties_of(a, &any_time)
        .filter(|t| t.other(a) == b && read_from(graph, *t, a, phrase.voice))
        .collect())
}

/// `is A allied with B`: yes when a tie surely held in the asked time and
/// its sources confirm it, likely or possibly when the dates or the
/// sources allow no more ([`Verdict::weigh`]), no otherwise; with every
/// such tie.
pub(super) fn verdict<'g>(
    graph: &'g Graph,
    (a, phrase, b): (&ActorName, &RelationPhrase, &ActorName),
    pair: bool,
    filter: &TieFilter,
) -> Result<Body<'g>, QueryError> {
    let (x, y) = (resolve(graph, a)?, resolve(graph, b)?);
    let ties = phrased_ties(graph, x, phrase, y, filter)?;
    // None reads `A … B`: the ties that run `B … A` are shown (and named
    // among the others), so the "no" is read for what it is.
    let shown = if ties.is_empty() {
        phrased_ties(graph, y, phrase, x, filter)?
    } else {
        ties.clone()
    };
    let other_way = ties.is_empty() && !shown.is_empty();
    let (a_name, b_name) = (&graph.actor(x).name, &graph.actor(y).name);
    let sentence = if pair {
        format!("{a_name} and {b_name} {}", phrase.text)
    } else {
        format!("{a_name} {} {b_name}", phrase.text)
    };
    let judge = TieFilter {
        min_certainty: Certainty::Possibly,
        ..filter.clone()
    };
    let relation = relation_of(graph, phrase)?;
    // Every other tie between them then, the asked relation's included
    // when it runs the other way (`is JNIM courted by the rebels`).
    let mut others: Vec<String> = graph
        .ties_of(x, &judge)
        .filter(|t| t.other(x) == y && graph.certainty(*t, &judge) != Certainty::No)
        .filter_map(|t| {
            let name = graph.relations().name(t.tie.relation);
            if t.tie.relation != relation {
                Some(name.to_string())
            } else if !read_from(graph, t, x, phrase.voice) {
                Some(format!("{name} (the other way)"))
            } else {
                None
            }
        })
        .collect();
    others.sort_unstable();
    others.dedup();
    let shown = sorted_ties(graph, x, shown.into_iter(), &judge);
    // Only ties that read `A … B` decide; `certainly` counts only those
    // surely held then, so anything less is no.
    let (answer, because) = if other_way {
        (Verdict::No, None)
    } else {
        Verdict::weigh(shown.iter().filter(|t| t.certainty >= filter.min_certainty))
    };
    Ok(Body::Verdict {
        a: actor_out(graph, x),
        phrase: phrase.text.clone(),
        sentence,
        b: actor_out(graph, y),
        answer,
        because,
        other_way,
        others,
        ties: shown,
    })
}

/// `when did A join B`: A's ties of that relation with B, with their dates
/// and sources, judged as records are.
pub(super) fn when<'g>(
    graph: &'g Graph,
    (a, phrase, b): (&ActorName, &RelationPhrase, &ActorName),
    filter: &TieFilter,
    judge: &TieFilter,
    judged: Judged,
) -> Result<Body<'g>, QueryError> {
    let (x, y) = (resolve(graph, a)?, resolve(graph, b)?);
    let mut ties = phrased_ties(graph, x, phrase, y, filter)?;
    // None reads `A joined B`: say so, with the ties that run `B … A`.
    let other_way = ties.is_empty() && {
        ties = phrased_ties(graph, y, phrase, x, filter)?;
        !ties.is_empty()
    };
    let mut body = pair_body(graph, (x, y), ties, judge, judged);
    if let Body::Why {
        dated,
        other_way: reversed,
        ..
    } = &mut body
    {
        *dated = true;
        *reversed = other_way;
    }
    Ok(body)
}

/// `ties between A and B`: every tie between the two that may have held in
/// the asked time (all time when none is asked), judged by `judge`.
pub(super) fn between<'g>(
    graph: &'g Graph,
    (a, b): (&ActorName, &ActorName),
    filter: &TieFilter,
    judge: &TieFilter,
    judged: Judged,
) -> Result<Body<'g>, QueryError> {
    let (x, y) = (resolve(graph, a)?, resolve(graph, b)?);
    let ties: Vec<TieRef> = graph
        .ties_of(x, filter)
        .filter(|t| t.other(x) == y)
        .collect();
    Ok(pair_body(graph, (x, y), ties, judge, judged))
}

/// Every tie between two actors, whatever its time, with the sources behind
/// them; each judged by `judge` (the graph's date, or the asked window).
/// `certainly` keeps only the ties that surely held then.
pub(super) fn why<'g>(
    graph: &'g Graph,
    a: &ActorName,
    b: Option<&ActorName>,
    filter: &TieFilter,
    judge: &TieFilter,
    judged: Judged,
) -> Result<Body<'g>, QueryError> {
    let (a, b) = resolve_pair(graph, a, b)?;
    let any_time = TieFilter {
        window: Window::ALL,
        min_certainty: Certainty::Possibly,
        ..filter.clone()
    };
    let ties: Vec<TieRef> = graph
        .ties_of(a, &any_time)
        .filter(|t| t.other(a) == b)
        .filter(|t| {
            filter.min_certainty == Certainty::Possibly
                || graph.certainty(*t, judge) == Certainty::Certainly
        })
        .collect();
    Ok(pair_body(graph, (a, b), ties, judge, judged))
}

/// Two actors' ties, judged, with the sources they cite.
fn pair_body<'g>(
    graph: &'g Graph,
    (a, b): (ActorId, ActorId),
    ties: Vec<TieRef<'g>>,
    judge: &TieFilter,
    judged: Judged,
) -> Body<'g> {
    let judged_ties: Vec<(TieRef, Certainty)> = ties
        .iter()
        .map(|t| (*t, graph.certainty(*t, judge)))
        .collect();
    let mut sources = source_rows(graph, &judged_ties, &[]);
    sources.retain(|s| s.ties > 0);
    Body::Why {
        a: actor_out(graph, a),
        b: actor_out(graph, b),
        judged,
        ties: sorted_ties(graph, a, ties.into_iter(), judge),
        sources,
        dated: false,
        other_way: false,
    }
}

/// The shortest connections from one actor to another, every tie on each
/// hop, read from the first actor.
pub(super) fn path<'g>(
    graph: &'g Graph,
    (from, to): (&ActorName, &ActorName),
    max_hops: Option<usize>,
    filter: &TieFilter,
) -> Result<Body<'g>, QueryError> {
    let (a, b) = (resolve(graph, from)?, resolve(graph, to)?);
    let connections = shortest_connections(graph, a, b, filter, max_hops, PATHS_SHOWN);
    let paths = connections
        .routes
        .iter()
        .map(|route| {
            route
                .windows(2)
                .map(|pair| hop(graph, pair[0], pair[1], filter))
                .collect()
        })
        .collect();
    Ok(Body::Path {
        from: actor_out(graph, a),
        to: actor_out(graph, b),
        paths,
        more: connections.more,
    })
}

/// Every tie the filter keeps between two neighbours on a path, each
/// symmetric one turned to read from `from` to `to`.
fn hop<'g>(graph: &'g Graph, from: ActorId, to: ActorId, filter: &TieFilter) -> Hop<'g> {
    let ties = graph.ties_of(from, filter).filter(|t| t.other(from) == to);
    let ties = sorted_ties(graph, from, ties, filter)
        .into_iter()
        .map(|mut tie| {
            if !tie.directed && tie.from.id != graph.actor(from).id {
                std::mem::swap(&mut tie.from, &mut tie.to);
            }
            tie
        })
        .collect();
    Hop {
        from: actor_out(graph, from),
        to: actor_out(graph, to),
        ties,
    }
}
