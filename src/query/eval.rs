//! Evaluates a parsed query against a graph into an [`Answer`]. Exports are
//! handed back as a plan: writing files is for the edges (CLI, REPL, scripts).

use super::ast::*;
use super::error::{QueryError, QueryErrorKind};
use crate::answer::*;
use crate::model::time::{DAY_MAX, DAY_MIN};
use crate::model::walk::{ego_network, hierarchy, shortest_path, subgroups, Step};
use crate::model::{ActorId, Day, Graph, RelationId, TieFilter, TieRef, Window};

/// What a query asks to be done.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome<'g> {
    Answer(Answer<'g>),
    Export(ExportPlan),
}

/// An export, resolved against the graph, for the edge to carry out.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportPlan {
    pub format: String,
    pub focus: Option<ActorId>,
    pub depth: usize,
    pub filter: TieFilter,
    /// The time operator in words ("as of 2023-02"), for titles.
    pub time_label: Option<String>,
    pub frames: Option<(i32, i32)>,
    pub theme: Option<String>,
    pub target: Option<String>,
}

/// The words `export` takes for its format. The writers live at the edge
/// (`crate::export`), which checks it knows each of these.
pub const EXPORT_FORMATS: &[&str] = &[
    "dot",
    "csv",
    "json",
    "graphml",
    "gexf",
    "cypher",
    "neo4j-admin",
    "neo4j",
];

/// Depth of `neighbors of` and `export` when none is given.
pub const DEFAULT_DEPTH: usize = 1;

/// Evaluates `query` against `graph`.
pub fn evaluate<'g>(graph: &'g Graph, query: &Query) -> Result<Outcome<'g>, QueryError> {
    let filter = tie_filter(graph, &query.filters)?;
    let answer = match &query.statement {
        Statement::Who { who, actor } => {
            let id = resolve(graph, actor)?;
            let relation = match who {
                Who::AlliedWith => RelationId::ALLIANCE,
                Who::Fought => RelationId::HOSTILITY,
                Who::PledgedTo => RelationId::ALLEGIANCE,
            };
            let filter = TieFilter {
                relations: Some(vec![relation]),
                ..filter
            };
            let ties: Vec<TieRef> = if *who == Who::PledgedTo {
                graph.ties_of(id, &filter).filter(|t| t.to == id).collect()
            } else {
                graph.ties_of(id, &filter).collect()
            };
            Answer::Actors {
                actors: actors_by_tie(graph, id, ties),
            }
        }
        Statement::Subgroups { actor } => {
            let id = resolve(graph, actor)?;
            Answer::Actors {
                actors: step_rows(graph, &subgroups(graph, id, &filter)),
            }
        }
        Statement::Parents { actor } => Answer::Actors {
            actors: parents(graph, resolve(graph, actor)?, &filter),
        },
        Statement::Ties { actor } => {
            let id = resolve(graph, actor)?;
            Answer::Ties {
                focus: actor_out(graph, id),
                ties: sorted_ties(graph, id, graph.ties_of(id, &filter)),
            }
        }
        Statement::Show { actor } => Answer::Card {
            actor: card(graph, resolve(graph, actor)?, &filter),
        },
        Statement::Timeline { actor } => {
            let id = resolve(graph, actor)?;
            let ties: Vec<TieRef> = graph.ties_of(id, &filter).collect();
            Answer::Events {
                events: events(graph, &ties, filter.window),
            }
        }
        Statement::Path { from, to } => {
            let (a, b) = (resolve(graph, from)?, resolve(graph, to)?);
            let hops = shortest_path(graph, a, b, &filter).map(|path| {
                let mut at = a;
                path.into_iter()
                    .map(|id| {
                        let tie = graph.tie(id).expect("path tie");
                        let mut out = tie_out(graph, tie);
                        // Hops read from `from` to `to`; a symmetric tie is turned to fit.
                        if tie.from != at && !graph.relations().is_directed(tie.tie.relation) {
                            std::mem::swap(&mut out.from, &mut out.to);
                        }
                        at = tie.other(at);
                        out
                    })
                    .collect()
            });
            Answer::Path {
                from: actor_out(graph, a),
                to: actor_out(graph, b),
                hops,
            }
        }
        Statement::Neighbors { actor } => {
            let id = resolve(graph, actor)?;
            let depth = query.filters.depth.unwrap_or(DEFAULT_DEPTH);
            let network = ego_network(graph, id, depth, &filter);
            let mut actors: Vec<ActorRow> = network
                .actors
                .iter()
                .map(|(a, d)| row(graph, *a, Some(*d), Vec::new()))
                .collect();
            actors.sort_by(|x, y| {
                x.depth
                    .cmp(&y.depth)
                    .then_with(|| x.actor.name.cmp(y.actor.name))
            });
            let ties = network.ties.iter().filter_map(|t| graph.tie(*t));
            Answer::Network {
                focus: actor_out(graph, id),
                actors,
                ties: sorted_ties(graph, id, ties),
            }
        }
        Statement::Changes { from, to } => {
            let window = Window::new(from.first_day(), to.last_day());
            let ties: Vec<TieRef> = graph.ties(&filter).collect();
            Answer::Events {
                events: events(graph, &ties, window),
            }
        }
        Statement::Stats => Answer::Stats {
            actors: graph.actor_count(),
            ties: graph
                .relations()
                .iter()
                .map(|(id, r)| RelationCount {
                    relation: &r.name,
                    ties: graph.count_active(id, &filter),
                })
                .collect(),
        },
        Statement::Actors { kind } => {
            let mut actors: Vec<ActorRow> = graph
                .actors()
                .filter(|(_, a)| kind.is_none_or(|k| a.kind == k))
                .map(|(id, _)| row(graph, id, None, Vec::new()))
                .collect();
            actors.sort_by(|a, b| {
                a.actor
                    .name
                    .to_lowercase()
                    .cmp(&b.actor.name.to_lowercase())
            });
            Answer::Actors { actors }
        }
        Statement::Relations => {
            let mut counts = vec![0usize; graph.relations().len()];
            for tie in graph.ties(&filter) {
                counts[tie.tie.relation.index()] += 1;
            }
            Answer::Relations {
                relations: graph
                    .relations()
                    .iter()
                    .map(|(id, r)| RelationRow {
                        name: &r.name,
                        directed: r.directed,
                        ties: counts[id.index()],
                        note: r.note.as_deref(),
                    })
                    .collect(),
            }
        }
        Statement::Sources => {
            let mut counts = vec![0usize; graph.sources().len()];
            for tie in graph.ties(&filter) {
                for source in tie.tie.sources() {
                    counts[source.index()] += 1;
                }
            }
            Answer::Sources {
                sources: graph
                    .sources()
                    .iter()
                    .zip(counts)
                    .map(|(s, ties)| SourceRow {
                        id: &s.id,
                        citation: &s.citation,
                        url: s.url.as_deref(),
                        ties,
                    })
                    .collect(),
            }
        }
        Statement::Help { topic } => Answer::Text {
            text: super::help::text(topic.as_deref()),
        },
        Statement::Export(export) => {
            if !EXPORT_FORMATS.contains(&export.format.as_str()) {
                return Err(QueryError::new(
                    QueryErrorKind::Expected {
                        expected: "an export format".into(),
                        found: Some(export.format.clone()),
                    },
                    export.format_span.0,
                    export.format_span.1,
                )
                .with_help(format!(
                    "formats are {} (dot also renders .svg, .png and .pdf through Graphviz)",
                    EXPORT_FORMATS.join(", ")
                )));
            }
            let focus = export
                .focus
                .as_ref()
                .map(|a| resolve(graph, a))
                .transpose()?;
            return Ok(Outcome::Export(ExportPlan {
                format: export.format.clone(),
                focus,
                depth: query.filters.depth.unwrap_or(if focus.is_some() {
                    DEFAULT_DEPTH
                } else {
                    0
                }),
                filter,
                time_label: query.filters.time.map(time_label),
                frames: export.frames,
                theme: export.theme.clone(),
                target: export.target.as_ref().map(|(t, _)| t.clone()),
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
            check_answer(graph, &answer, check)?
        }
    };
    Ok(Outcome::Answer(answer))
}

/// The answer to an expectation: passed or not, and why.
fn check_answer<'g>(
    graph: &'g Graph,
    answer: &Answer<'g>,
    check: &Check,
) -> Result<Answer<'g>, QueryError> {
    let ids = answer.actor_ids();
    let (passed, message) = match check {
        Check::Includes(names) | Check::Excludes(names) => {
            let wanted = matches!(check, Check::Includes(_));
            let mut wrong = Vec::new();
            for name in names {
                let id = resolve(graph, name)?;
                let actor = graph.actor(id);
                if ids.contains(&actor.id.as_str()) != wanted {
                    wrong.push(actor.name.clone());
                }
            }
            let verb = if wanted { "includes" } else { "excludes" };
            if wrong.is_empty() {
                (
                    true,
                    format!(
                        "the answer {verb} {}",
                        names
                            .iter()
                            .map(|n| n.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )
            } else {
                let found: Vec<String> = unique(ids.iter().map(|id| {
                    graph
                        .find(id)
                        .map_or(id.to_string(), |a| graph.actor(a).name.clone())
                }));
                (
                    false,
                    format!(
                        "expected the answer to {} {}, but {}; it holds: {}",
                        if wanted { "include" } else { "exclude" },
                        wrong.join(", "),
                        if wanted { "it does not" } else { "it does" },
                        if found.is_empty() {
                            "nothing".to_string()
                        } else {
                            found.join(", ")
                        }
                    ),
                )
            }
        }
        Check::IsEmpty => (
            answer.is_empty(),
            format!("expected an empty answer, got {} results", answer.len()),
        ),
        Check::IsNotEmpty => (!answer.is_empty(), "expected results, got none".to_string()),
        Check::Count(n) => (
            answer.len() == *n,
            format!("expected {n} results, got {}", answer.len()),
        ),
    };
    let message = if passed {
        match check {
            Check::IsEmpty => "the answer is empty".to_string(),
            Check::IsNotEmpty => format!("the answer has {} results", answer.len()),
            Check::Count(n) => format!("the answer has {n} results"),
            _ => message,
        }
    } else {
        message
    };
    Ok(Answer::Check { passed, message })
}

fn unique(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut seen = Vec::new();
    for item in items {
        if !seen.contains(&item) {
            seen.push(item);
        }
    }
    seen
}

/// The window a time operator keeps; see docs/QUERIES.md.
pub fn window_of(time: Option<TimeOp>) -> Window {
    let Some(time) = time else { return Window::ALL };
    let before = |day: Day| day.saturating_sub(1);
    let after = |day: Day| day.saturating_add(1);
    match time {
        TimeOp::After(d) => Window::new(after(d.last_day()), DAY_MAX),
        TimeOp::Before(d) => Window::new(DAY_MIN, before(d.first_day())),
        TimeOp::Since(d) => Window::new(d.first_day(), DAY_MAX),
        TimeOp::Until(d) => Window::new(DAY_MIN, d.last_day()),
        TimeOp::During(d) => Window::new(d.first_day(), d.last_day()),
        TimeOp::Between(a, b) => Window::new(a.first_day(), b.last_day()),
        TimeOp::AsOf(d) => Window::on(d.last_day()),
    }
}

/// The time operator in words, for titles.
pub fn time_label(time: TimeOp) -> String {
    match time {
        TimeOp::After(d) => format!("after {d}"),
        TimeOp::Before(d) => format!("before {d}"),
        TimeOp::Since(d) => format!("since {d}"),
        TimeOp::Until(d) => format!("until {d}"),
        TimeOp::During(d) => format!("during {d}"),
        TimeOp::Between(a, b) => format!("between {a} and {b}"),
        TimeOp::AsOf(d) => format!("as of {d}"),
    }
}

/// The model filter a query's filters describe.
pub fn tie_filter(graph: &Graph, filters: &Filters) -> Result<TieFilter, QueryError> {
    let relations = filters
        .relations
        .as_ref()
        .map(|names| {
            names
                .iter()
                .map(|name| {
                    graph.relations().find(&name.name).ok_or_else(|| {
                        QueryError::new(
                            QueryErrorKind::UnknownRelation {
                                name: name.name.clone(),
                                known: graph.relations().names().map(str::to_string).collect(),
                            },
                            name.span.0,
                            name.span.1,
                        )
                    })
                })
                .collect::<Result<Vec<_>, _>>()
        })
        .transpose()?;
    Ok(TieFilter {
        relations,
        window: window_of(filters.time),
        min_confidence: filters
            .min_confidence
            .unwrap_or(crate::model::Confidence::Possible),
    })
}

/// The actor a query names, or an error with the nearest names.
pub fn resolve(graph: &Graph, name: &ActorName) -> Result<ActorId, QueryError> {
    graph.resolve(&name.name).map_err(|unknown| {
        QueryError::new(
            QueryErrorKind::UnknownActor {
                name: unknown.name,
                suggestions: unknown.suggestions,
            },
            name.span.0,
            name.span.1,
        )
    })
}

pub fn actor_out(graph: &Graph, id: ActorId) -> ActorOut<'_> {
    let actor = graph.actor(id);
    ActorOut {
        id: &actor.id,
        name: &actor.name,
    }
}

pub fn tie_out<'g>(graph: &'g Graph, tie: TieRef<'g>) -> TieOut<'g> {
    let relations = graph.relations();
    TieOut {
        from: actor_out(graph, tie.from),
        to: actor_out(graph, tie.to),
        relation: relations.name(tie.tie.relation),
        directed: relations.is_directed(tie.tie.relation),
        start: tie.tie.start(),
        end: tie.tie.end(),
        confidence: tie.tie.confidence,
        sources: graph.source_ids(tie.tie).collect(),
        note: tie.tie.note(),
    }
}

fn row<'g>(
    graph: &'g Graph,
    id: ActorId,
    depth: Option<usize>,
    ties: Vec<TieRef<'g>>,
) -> ActorRow<'g> {
    ActorRow {
        actor: actor_out(graph, id),
        kind: graph.actor(id).kind,
        depth,
        ties: ties.into_iter().map(|t| tie_out(graph, t)).collect(),
    }
}

/// Ties in reading order: by start (unknown first), relation, other end's name.
fn sorted_ties<'g>(
    graph: &'g Graph,
    focus: ActorId,
    ties: impl Iterator<Item = TieRef<'g>>,
) -> Vec<TieOut<'g>> {
    let mut ties: Vec<TieRef> = ties.collect();
    // Keys borrow the names from the graph: computed once, no copies.
    ties.sort_by_cached_key(|t| {
        let other = graph.actor(t.other(focus)).name.as_str();
        (t.tie.window().first, t.tie.relation, other, t.id)
    });
    ties.into_iter().map(|t| tie_out(graph, t)).collect()
}

/// Display names compare case-blind, then by id, so listings read alphabetically.
fn by_name(a: &ActorOut, b: &ActorOut) -> std::cmp::Ordering {
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
fn actors_by_tie<'g>(graph: &'g Graph, focus: ActorId, ties: Vec<TieRef<'g>>) -> Vec<ActorRow<'g>> {
    let mut ties = ties;
    // Group by the other end: sort, then cut runs.
    ties.sort_unstable_by_key(|t| (t.other(focus), t.tie.window().first, t.id));
    let mut rows: Vec<ActorRow> = Vec::new();
    let mut run_start = 0;
    for i in 1..=ties.len() {
        if i == ties.len() || ties[i].other(focus) != ties[run_start].other(focus) {
            let other = ties[run_start].other(focus);
            rows.push(row(graph, other, None, ties[run_start..i].to_vec()));
            run_start = i;
        }
    }
    rows.sort_by_cached_key(|r| (r.actor.name.to_lowercase(), r.actor.id));
    rows
}

/// One row per step of a hierarchy walk, with its depth and the tie that led there.
fn step_rows<'g>(graph: &'g Graph, steps: &[Step]) -> Vec<ActorRow<'g>> {
    steps
        .iter()
        .map(|s| {
            row(
                graph,
                s.actor,
                Some(s.depth),
                graph.tie(s.via).into_iter().collect(),
            )
        })
        .collect()
}

/// Up the subgroup-of chain from `actor`, then whom each of them pledges allegiance to.
fn parents<'g>(graph: &'g Graph, actor: ActorId, filter: &TieFilter) -> Vec<ActorRow<'g>> {
    let chain = hierarchy(graph, actor, filter, RelationId::SUBGROUP_OF, false);
    let mut rows = step_rows(graph, &chain);
    let allegiance = TieFilter {
        relations: Some(vec![RelationId::ALLEGIANCE]),
        ..filter.clone()
    };
    let levels = std::iter::once((actor, 0)).chain(chain.iter().map(|s| (s.actor, s.depth)));
    for (member, depth) in levels {
        let mut ties: Vec<TieRef> = graph
            .ties_of(member, &allegiance)
            .filter(|t| t.from == member)
            .collect();
        ties.sort_by_key(|t| (t.tie.window().first, t.id));
        for tie in ties {
            rows.push(row(graph, tie.to, Some(depth + 1), vec![tie]));
        }
    }
    rows
}

fn card<'g>(graph: &'g Graph, id: ActorId, filter: &TieFilter) -> Card<'g> {
    let actor = graph.actor(id);
    Card {
        actor: actor_out(graph, id),
        kind: actor.kind,
        aliases: &actor.aliases,
        tags: &actor.tags,
        active: actor.active,
        note: actor.note.as_deref(),
        ties: sorted_ties(graph, id, graph.ties_of(id, filter)),
    }
}

/// Ties beginning and ending inside `window`, in date order. A pair whose
/// tie of one relation ends while one of another relation begins within
/// the window is marked `changed from …` on the beginning.
fn events<'g>(graph: &'g Graph, ties: &[TieRef<'g>], window: Window) -> Vec<Event<'g>> {
    struct Found<'g> {
        day: Day,
        ended: bool,
        /// Order within a day: endings of older ties, then beginnings, then
        /// endings of ties that began that same day.
        phase: u8,
        pair: (ActorId, ActorId),
        event: Event<'g>,
    }
    let mut found: Vec<Found> = Vec::new();
    for tie in ties {
        let pair = if tie.from < tie.to {
            (tie.from, tie.to)
        } else {
            (tie.to, tie.from)
        };
        let one_day = tie.tie.window().first == tie.tie.window().last;
        let mut push = |day: Day, date, ended: bool| {
            let event = if ended { "ended" } else { "began" };
            found.push(Found {
                day,
                ended,
                phase: match (ended, one_day) {
                    (true, false) => 0,
                    (false, _) => 1,
                    (true, true) => 2,
                },
                pair,
                event: Event {
                    date,
                    event: event.to_string(),
                    tie: tie_out(graph, *tie),
                },
            });
        };
        if let Some(start) = tie.tie.start().filter(|d| window.contains(d.first_day())) {
            push(start.first_day(), start, false);
        }
        if let Some(end) = tie.tie.end().filter(|d| window.contains(d.last_day())) {
            push(end.last_day(), end, true);
        }
    }
    // A change: the pair's tie of another relation ended on or before the
    // day this one began (the latest such ending names what it changed from).
    let ended: Vec<((ActorId, ActorId), Day, &str)> = found
        .iter()
        .filter(|f| f.ended)
        .map(|f| (f.pair, f.day, f.event.tie.relation))
        .collect();
    for f in found.iter_mut().filter(|f| !f.ended) {
        let previous = ended
            .iter()
            .filter(|(pair, day, relation)| {
                *pair == f.pair && *day <= f.day && *relation != f.event.tie.relation
            })
            .max_by_key(|(_, day, _)| *day);
        if let Some((_, _, old)) = previous {
            f.event.event = format!("changed from {old}");
        }
    }
    // Within a day: endings of older ties, beginnings, then same-day endings.
    found.sort_by(|a, b| {
        (a.day, a.phase)
            .cmp(&(b.day, b.phase))
            .then_with(|| by_name(&a.event.tie.from, &b.event.tie.from))
            .then_with(|| by_name(&a.event.tie.to, &b.event.tie.to))
    });
    found.into_iter().map(|f| f.event).collect()
}
