//! Evaluates a parsed query against a graph into an [`Answer`]. Exports are
//! handed back as a plan: writing files is for the edges (CLI, REPL, scripts).

mod alone;
mod cautions;
mod check;
mod events;
mod filters;
mod frames;
mod pairs;
mod rows;
mod when;

use super::ast::*;
use super::error::{QueryError, QueryErrorKind};
use crate::answer::*;
use crate::model::walk::{ego_network, Along};
use crate::model::{ActorId, Bounds, Certainty, Graph, TieFilter, TieId, TieRef, Window};
use cautions::{life_notes, not_drawn_then, same_actor_note};
use check::check_answer;
use events::events;
pub use filters::{resolve, tie_filter};
use rows::*;
pub use rows::{actor_out, tie_out};
use when::{asked, Asked};
pub use when::{named_period, time_label, window_of};

/// What a query asks to be done.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome<'g> {
    /// The query's answer.
    Answer(Answer<'g>),
    /// An export, for the caller to write.
    Export(ExportPlan),
}

/// An export, resolved against the graph, for the edge to carry out.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportPlan {
    /// A diagram, or a format for another tool.
    pub kind: ExportKind,
    /// The actor at the centre; `None` exports the whole graph.
    pub focus: Option<ActorId>,
    /// Hops from the focus; 0 when there is none.
    pub depth: usize,
    /// Which ties to export: relations, time window, confidence, source.
    pub filter: TieFilter,
    /// The time operator in words ("as of 2023-02"), for titles.
    pub time_label: Option<String>,
    /// The period the time operator names, where the filter keeps less
    /// (`as of 2023-02`: all of February 2023, not its last day).
    pub named_period: Option<Window>,
    /// `frames FIRST..LAST [step N]`: one diagram a year (or every N years).
    pub frames: Option<Frames>,
    /// The years of `frames` that have something to draw (within the
    /// graph's data and the focus's life), first to last.
    pub frame_years: Vec<i32>,
    /// Caveats for the export's report: years skipped, a time past what
    /// the graph knows.
    pub notes: Vec<String>,
    /// `theme light` or `theme dark`, for diagrams; `None` is light.
    pub theme: Option<String>,
    /// The page a diagram must fit; `None` is a 16:9 slide for pictures.
    pub page: Option<crate::diagram::Page>,
    /// `dates off` or `dates changes`, for diagrams; `None` shows every date.
    pub dates: Option<String>,
    /// Where to write; `None` is standard output.
    pub target: Option<String>,
    /// The statement's text, for the diagram's header comment; the caller
    /// that has it fills it in.
    pub statement: Option<String>,
    /// Bytes of the statement a failed write points at: the target, or the
    /// format when there is none.
    pub span: (usize, usize),
}

/// Depth of `neighbors of` and `export` when none is given.
pub const DEFAULT_DEPTH: usize = 1;

/// Evaluates `query` against `graph`.
pub fn evaluate<'g>(graph: &'g Graph, query: &Query) -> Result<Outcome<'g>, QueryError> {
    let record = is_record(&query.statement);
    let mut asked = asked(graph, query.filters.time, record);
    if let Statement::Changes { from, to } = &query.statement {
        // `changes` carries its own span.
        let span = TimeOp::Between(*from, *to);
        asked = Asked::of(graph, window_of(Some(span)), time_label(graph, span));
    }
    let filter = TieFilter {
        window: asked.window,
        ..tie_filter(graph, &query.filters)?
    };
    // Records judge each tie as of the graph's date (active, possibly,
    // ended), or in the window a time names.
    let (judge, judged) = match query.filters.time {
        None => (
            TieFilter {
                window: Window::on(graph.known_until()),
                min_certainty: Certainty::Possibly,
                ..filter.clone()
            },
            Judged::Now,
        ),
        Some(_) => (
            TieFilter {
                min_certainty: Certainty::Possibly,
                ..filter.clone()
            },
            Judged::InWindow,
        ),
    };
    // The time in words for a caveat: the label, or "at any time" for a record.
    let when = if filter.window == Window::ALL {
        "at any time".to_string()
    } else {
        asked.label.clone()
    };
    let alone_note = match &query.statement {
        Statement::Neighbors { actor } | Statement::Ties { actor } => {
            let depth = match query.statement {
                Statement::Neighbors { .. } => query.filters.depth.unwrap_or(DEFAULT_DEPTH),
                _ => 1,
            };
            resolve(graph, actor)
                .ok()
                .and_then(|id| alone::focus_alone(graph, id, depth, &filter, &when))
        }
        _ => None,
    };
    let body = match &query.statement {
        Statement::Who {
            phrase,
            actor,
            named,
            kind,
        } => pairs::ask_who(graph, (phrase, actor, *named), *kind, filter)?,
        Statement::Is { a, phrase, b, pair } => {
            pairs::verdict(graph, (a, phrase, b), *pair, &filter)?
        }
        Statement::When { a, phrase, b } => {
            pairs::when(graph, (a, phrase, b), &filter, &judge, judged)?
        }
        Statement::Between { a, b } => pairs::between(graph, (a, b), &filter, &judge, judged)?,
        Statement::Subgroups { actor } => {
            let id = resolve(graph, actor)?;
            Body::Actors {
                actors: hierarchy_rows(graph, id, Along::Down, &filter).1,
            }
        }
        Statement::Parents { actor } => Body::Actors {
            actors: parents(graph, resolve(graph, actor)?, &filter),
        },
        Statement::Ties { actor } => {
            let id = resolve(graph, actor)?;
            Body::Ties {
                focus: actor_out(graph, id),
                ties: sorted_ties(graph, id, graph.ties_of(id, &filter), &filter),
            }
        }
        Statement::Show { actor } => Body::Card {
            actor: card(graph, resolve(graph, actor)?, &filter, &judge),
            judged,
        },
        Statement::Timeline { actor } => {
            let id = resolve(graph, actor)?;
            let ties: Vec<TieRef> = graph.ties_of(id, &filter).collect();
            Body::Events {
                events: events(graph, &ties, Some(id), &filter),
            }
        }
        Statement::Why { a, b } => pairs::why(graph, a, b.as_ref(), &filter, &judge, judged)?,
        Statement::Path { from, to } => {
            pairs::path(graph, (from, to), query.filters.depth, &filter)?
        }
        Statement::Neighbors { actor } => neighbors(graph, actor, query.filters.depth, &filter)?,
        // The filter's window is already the span `changes` names.
        Statement::Changes { .. } => {
            let ties: Vec<TieRef> = graph.all_ties().collect();
            Body::Events {
                events: events(graph, &ties, None, &filter),
            }
        }
        Statement::Stats => stats(graph, &filter),
        Statement::Actors { kind } => {
            // A roster of everyone ever known, not a question about a time.
            let ever = TieFilter {
                window: Window::ALL,
                ..filter
            };
            let mut actors: Vec<ActorRow> = graph
                .actors()
                .filter(|(_, a)| kind.is_none_or(|k| a.kind == k))
                .map(|(id, _)| row(graph, id, None, Vec::new(), &ever))
                .collect();
            actors.sort_by(|a, b| {
                a.actor
                    .name
                    .to_lowercase()
                    .cmp(&b.actor.name.to_lowercase())
            });
            Body::Actors { actors }
        }
        Statement::Relations => relations(graph, &filter),
        Statement::Sources => sources(graph, &filter),
        Statement::SourcesOf { actor } => sources_of(graph, actor, &filter)?,
        Statement::Help { topic } => Body::Text {
            text: super::help::text(topic.as_deref()),
        },
        Statement::Export(export) => {
            let focus = export
                .focus
                .as_ref()
                .map(|a| resolve(graph, a))
                .transpose()?;
            let mut notes = asked.notes.clone();
            let mut frame_years = Vec::new();
            let depth =
                query
                    .filters
                    .depth
                    .unwrap_or(if focus.is_some() { DEFAULT_DEPTH } else { 0 });
            if let Some(years) = &export.frames {
                let planned = frames::plan(graph, focus, years)?;
                frame_years = planned.years;
                notes.extend(planned.notes);
            } else if let (Some(id), Some(name)) = (focus, &export.focus) {
                not_drawn_then(graph, id, name, &filter, &asked.label)?;
                notes.extend(alone::focus_alone(graph, id, depth, &filter, &when));
            } else {
                notes.extend(alone::graph_empty(graph, &filter, &when));
            }
            return Ok(Outcome::Export(ExportPlan {
                kind: export.kind,
                focus,
                depth,
                filter,
                time_label: query.filters.time.map(|t| time_label(graph, t)),
                named_period: named_period(graph, query.filters.time),
                frames: export.frames,
                frame_years,
                notes,
                theme: export.theme.clone(),
                page: export.page,
                dates: export.dates.clone(),
                statement: None,
                // `to -` is standard output, as with no target.
                target: export
                    .target
                    .as_ref()
                    .map(|(t, _)| t.clone())
                    .filter(|t| t != "-"),
                span: export
                    .target
                    .as_ref()
                    .map_or(export.format_span, |(_, span)| *span),
            }));
        }
        Statement::Expect {
            query: inner,
            check,
        } => {
            let Outcome::Answer(answer) = evaluate(graph, inner)? else {
                let span = match &inner.statement {
                    Statement::Export(export) => export.format_span,
                    _ => (0, 0),
                };
                return Err(QueryError::new(
                    QueryErrorKind::Invalid("an export writes files; it cannot be expected".into()),
                    span.0,
                    span.1,
                ));
            };
            return Ok(Outcome::Answer(check_answer(graph, &answer, check)?));
        }
    };
    let answer = Answer::from(body);
    // Listings of actors and help are not about time.
    let timeless = matches!(
        query.statement,
        Statement::Help { .. } | Statement::Actors { .. }
    );
    let mut notes = asked.notes;
    notes.extend(life_notes(graph, &query.statement, asked.window));
    notes.extend(same_actor_note(graph, &query.statement));
    notes.extend(alone_note);
    // `who did France fight`: asked as of now by default, a past tie is
    // not there; say how to ask about the past.
    let asked_now = query.filters.time.is_none() && !record;
    // A "no" with no tie at any time is not about the date.
    let undated_no = matches!(&answer.body, Body::Verdict { ties, .. } if ties.is_empty());
    // A list asked as of now may leave out what held only before: `who
    // fought JNIM` without France, which fought it until November 2022.
    let listing = matches!(&answer.body, Body::Actors { .. } | Body::Ties { .. });
    let may_miss = answer.is_empty() || listing;
    if let (true, Some(as_of)) = (
        asked_now && may_miss && !timeless && !undated_no,
        graph.as_of(),
    ) {
        let ever = Query {
            statement: query.statement.clone(),
            filters: Filters {
                time: Some(TimeOp::Ever),
                ..query.filters.clone()
            },
        };
        if let Ok(Outcome::Answer(across)) = evaluate(graph, &ever) {
            notes.extend(other_times_note(graph, as_of, &answer, &across));
        }
    }
    Ok(Outcome::Answer(if timeless {
        answer
    } else {
        answer.at(Some(asked.label), notes)
    }))
}

/// What a question with no time, asked as of the graph's date, leaves out
/// that `ever` finds: how many, and the first few actors by name.
fn other_times_note(
    graph: &Graph,
    as_of: crate::model::PartialDate,
    answer: &Answer<'_>,
    across: &Answer<'_>,
) -> Option<String> {
    let more = across.len().checked_sub(answer.len()).filter(|n| *n > 0)?;
    let shown: Vec<&str> = answer.actor_ids();
    let names: Vec<String> = across
        .actor_ids()
        .into_iter()
        .filter(|id| !shown.contains(id))
        .filter_map(|id| graph.find(id).map(|a| graph.actor(a).name.clone()))
        .take(3)
        .collect();
    let count = match (answer.is_empty(), more) {
        (true, 1) => "is 1".to_string(),
        (true, n) => format!("are {n}"),
        (false, 1) => "is 1 more".to_string(),
        (false, n) => format!("are {n} more"),
    };
    let such_as = if names.is_empty() || answer.is_empty() {
        String::new()
    } else {
        format!(
            " ({}{})",
            names.join(", "),
            if more > names.len() { ", …" } else { "" }
        )
    };
    Some(format!(
        "a question with no time asks about {as_of}, the graph's date; across all time \
         there {count}{such_as}: add `ever`, or a time such as `in 2020`"
    ))
}

/// Statements that show a record across all time unless a time is given;
/// the rest are questions, asked as of the graph's date.
fn is_record(statement: &Statement) -> bool {
    matches!(
        statement,
        Statement::Show { .. }
            | Statement::Timeline { .. }
            | Statement::Why { .. }
            | Statement::When { .. }
            | Statement::Between { .. }
            | Statement::SourcesOf { .. }
            | Statement::Relations
            | Statement::Sources
            | Statement::Export(_)
    )
}

/// The ego network, each actor as certain as the best tie that reaches it.
fn neighbors<'g>(
    graph: &'g Graph,
    actor: &ActorName,
    depth: Option<usize>,
    filter: &TieFilter,
) -> Result<Body<'g>, QueryError> {
    let id = resolve(graph, actor)?;
    let depth = depth.unwrap_or(DEFAULT_DEPTH);
    if graph.life(id).activity(filter.window) == Certainty::No {
        // Not alive then: no network (a note says so).
        return Ok(Body::Network {
            focus: actor_out(graph, id),
            actors: Vec::new(),
            ties: Vec::new(),
        });
    }
    let network = ego_network(graph, id, depth, filter);
    let ties: Vec<TieRef> = network.ties.iter().filter_map(|t| graph.tie(*t)).collect();
    // A neighbour is certain at the hop shown when certain ties alone reach
    // it in as few hops: a walk over certain ties finds exactly those.
    let certain = ego_network(graph, id, depth, &surely(filter));
    // A tie is surely in the network when a certain walk took it.
    let sure_ties: rustc_hash::FxHashSet<TieId> = certain.ties.into_iter().collect();
    let sure: rustc_hash::FxHashMap<ActorId, usize> = certain.actors.into_iter().collect();
    // The focus is as certain as its life, or certain through a certain tie.
    let focus = if sure.len() > 1 {
        Certainty::Certainly
    } else {
        graph.life(id).activity(filter.window)
    };
    if focus < filter.min_certainty {
        // `certainly`, and the focus may not have existed then: nothing is sure.
        return Ok(Body::Network {
            focus: actor_out(graph, id),
            actors: Vec::new(),
            ties: Vec::new(),
        });
    }
    let mut actors: Vec<ActorRow> = network
        .actors
        .iter()
        .map(|(a, d)| {
            let mut row = row(graph, *a, Some(*d), Vec::new(), filter);
            row.certainty = if *a == id {
                focus
            } else if sure.get(a) == Some(d) {
                Certainty::Certainly
            } else {
                Certainty::Possibly
            };
            row
        })
        .collect();
    actors.sort_by(|x, y| {
        x.depth
            .cmp(&y.depth)
            .then_with(|| x.actor.name.cmp(y.actor.name))
    });
    Ok(Body::Network {
        focus: actor_out(graph, id),
        actors,
        ties: reading_order(graph, id, ties.into_iter())
            .into_iter()
            .map(|t| {
                let mut tie = judged(graph, t, filter);
                if !sure_ties.contains(&t.id) {
                    tie.certainty = tie.certainty.min(Certainty::Possibly);
                }
                tie
            })
            .collect(),
    })
}

/// Ties active in the window per relation, and how many only possibly;
/// actors whose lives may reach the window, and how many only possibly.
fn stats<'g>(graph: &'g Graph, filter: &TieFilter) -> Body<'g> {
    // An actor is certainly alive when its life says so, or when one of its
    // ties certainly held (a written tie date says its actors existed).
    let mut alive: rustc_hash::FxHashMap<ActorId, Certainty> = graph
        .actors()
        .map(|(id, _)| (id, graph.life(id).activity(filter.window)))
        .collect();
    let judged = graph
        .all_ties()
        .map(|t| (t, graph.certainty(t, filter)))
        .inspect(|(tie, certainty)| {
            if *certainty == Certainty::Certainly {
                for end in [tie.from, tie.to] {
                    alive.insert(end, Certainty::Certainly);
                }
            }
        });
    let counts = relation_counts(graph, judged);
    // `certainly` counts only the actors surely alive.
    let lives: Vec<Certainty> = alive
        .into_values()
        .filter(|c| *c >= filter.min_certainty)
        .collect();
    Body::Stats {
        actors: lives.iter().filter(|c| **c != Certainty::No).count(),
        actors_possibly: lives.iter().filter(|c| **c == Certainty::Possibly).count(),
        ties: graph
            .relations()
            .iter()
            .map(|(id, r)| RelationCount {
                relation: &r.name,
                ties: counts[id.index()].0,
                possibly: counts[id.index()].1,
            })
            .collect(),
    }
}

/// Per relation (by index): how many of `judged` ties are active at all,
/// and how many of those only possibly.
fn relation_counts<'g>(
    graph: &Graph,
    judged: impl Iterator<Item = (TieRef<'g>, Certainty)>,
) -> Vec<(usize, usize)> {
    let mut counts = vec![(0usize, 0usize); graph.relations().len()];
    for (tie, certainty) in judged.filter(|(_, c)| *c != Certainty::No) {
        let count = &mut counts[tie.tie.relation.index()];
        count.0 += 1;
        if certainty == Certainty::Possibly {
            count.1 += 1;
        }
    }
    counts
}

/// The ties the filter keeps, each with how sure it is.
fn judged_ties<'g>(graph: &'g Graph, filter: &TieFilter) -> Vec<(TieRef<'g>, Certainty)> {
    graph
        .all_ties()
        .map(|t| (t, graph.certainty(t, filter)))
        .filter(|(_, c)| *c != Certainty::No)
        .collect()
}

/// The graph's one-off events the filter keeps: in its window, of its
/// confidence, citing its source.
fn kept_events<'g>(graph: &'g Graph, filter: &TieFilter) -> Vec<&'g crate::model::Event> {
    graph
        .events()
        .iter()
        .filter(|e| {
            e.confidence >= filter.min_confidence
                && filter.source.is_none_or(|s| e.sources.contains(&s))
                && Bounds::instant((e.date.first_day(), e.date.last_day())).activity(filter.window)
                    >= filter.min_certainty
        })
        .collect()
}

/// The relations with how many ties of each the filter keeps.
fn relations<'g>(graph: &'g Graph, filter: &TieFilter) -> Body<'g> {
    let counts = relation_counts(graph, judged_ties(graph, filter).into_iter());
    let phrases = super::phrases::Phrases::of(graph.relations());
    Body::Relations {
        relations: graph
            .relations()
            .iter()
            .map(|(id, r)| RelationRow {
                name: &r.name,
                directed: r.directed,
                ties: counts[id.index()].0,
                possibly: counts[id.index()].1,
                asked_as: phrases.asked_as(r),
                note: r.note.as_deref(),
            })
            .collect(),
    }
}

/// The sources with how many ties and events the filter keeps cite each.
fn sources<'g>(graph: &'g Graph, filter: &TieFilter) -> Body<'g> {
    Body::Sources {
        sources: source_rows(
            graph,
            &judged_ties(graph, filter),
            &kept_events(graph, filter),
        ),
    }
}

/// The sources behind an actor's ties and events.
fn sources_of<'g>(
    graph: &'g Graph,
    actor: &ActorName,
    filter: &TieFilter,
) -> Result<Body<'g>, QueryError> {
    let id = resolve(graph, actor)?;
    let ties: Vec<(TieRef, Certainty)> = graph
        .ties_of(id, filter)
        .map(|t| (t, graph.certainty(t, filter)))
        .collect();
    let events: Vec<&crate::model::Event> = kept_events(graph, filter)
        .into_iter()
        .filter(|e| e.involves(id))
        .collect();
    let mut sources = source_rows(graph, &ties, &events);
    sources.retain(|s| s.ties + s.events > 0);
    Ok(Body::Sources { sources })
}
