//! Evaluates a parsed query against a graph into an [`Answer`]. Exports are
//! handed back as a plan: writing files is for the edges (CLI, REPL, scripts).

use super::ast::*;
use super::error::{QueryError, QueryErrorKind};
use crate::answer::*;
use crate::model::time::{DAY_MAX, DAY_MIN};
use crate::model::walk::{ego_network, hierarchy, shortest_path, subgroups, Step};
use crate::model::{ActorId, Bounds, Certainty, Day, Graph, RelationId, TieFilter, TieRef, Window};

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
    // Records judge each tie as of the graph's date: active, possibly, ended.
    let present = TieFilter {
        window: Window::on(graph.known_until()),
        min_certainty: Certainty::Possibly,
        ..filter.clone()
    };
    let body = match &query.statement {
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
            Body::Actors {
                actors: actors_by_tie(graph, id, ties, &filter),
            }
        }
        Statement::Subgroups { actor } => {
            let id = resolve(graph, actor)?;
            Body::Actors {
                actors: step_rows(graph, &subgroups(graph, id, &filter), &filter),
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
            actor: card(graph, resolve(graph, actor)?, &filter, &present),
        },
        Statement::Timeline { actor } => {
            let id = resolve(graph, actor)?;
            let ties: Vec<TieRef> = graph.ties_of(id, &filter).collect();
            Body::Events {
                events: events(graph, &ties, Some(id), &filter),
            }
        }
        Statement::Why { a, b } => {
            let (a, b) = resolve_pair(graph, a, b.as_ref())?;
            let ties: Vec<TieRef> = graph
                .ties_of(a, &filter)
                .filter(|t| t.other(a) == b)
                .collect();
            let sources = cited_sources(graph, ties.iter().map(|t| t.tie.sources()));
            Body::Why {
                a: actor_out(graph, a),
                b: actor_out(graph, b),
                ties: sorted_ties(graph, a, ties.into_iter(), &present),
                sources,
            }
        }
        Statement::Path { from, to } => {
            let (a, b) = (resolve(graph, from)?, resolve(graph, to)?);
            let hops = shortest_path(graph, a, b, &filter).map(|path| {
                let mut at = a;
                path.into_iter()
                    .filter_map(|id| graph.tie(id))
                    .map(|tie| {
                        let mut out = judged(graph, tie, &filter);
                        // Hops read from `from` to `to`; a symmetric tie is turned to fit.
                        if tie.from != at && !graph.relations().is_directed(tie.tie.relation) {
                            std::mem::swap(&mut out.from, &mut out.to);
                        }
                        at = tie.other(at);
                        out
                    })
                    .collect()
            });
            Body::Path {
                from: actor_out(graph, a),
                to: actor_out(graph, b),
                hops,
            }
        }
        Statement::Neighbors { actor } => {
            let id = resolve(graph, actor)?;
            let depth = query.filters.depth.unwrap_or(DEFAULT_DEPTH);
            let network = ego_network(graph, id, depth, &filter);
            let ties: Vec<TieRef> = network.ties.iter().filter_map(|t| graph.tie(*t)).collect();
            // An actor is certainly a neighbour when a certain tie reaches it.
            let mut best: rustc_hash::FxHashMap<ActorId, Certainty> = Default::default();
            best.insert(id, Certainty::Certainly);
            for tie in &ties {
                let certainty = graph.certainty(*tie, &filter);
                for end in [tie.from, tie.to] {
                    let entry = best.entry(end).or_insert(Certainty::No);
                    *entry = (*entry).max(certainty);
                }
            }
            let mut actors: Vec<ActorRow> = network
                .actors
                .iter()
                .map(|(a, d)| {
                    let mut row = row(graph, *a, Some(*d), Vec::new(), &filter);
                    row.certainty = best.get(a).copied().unwrap_or(Certainty::Possibly);
                    row
                })
                .collect();
            actors.sort_by(|x, y| {
                x.depth
                    .cmp(&y.depth)
                    .then_with(|| x.actor.name.cmp(y.actor.name))
            });
            Body::Network {
                focus: actor_out(graph, id),
                actors,
                ties: sorted_ties(graph, id, ties.into_iter(), &filter),
            }
        }
        Statement::Changes { from, to } => {
            let filter = TieFilter {
                window: Window::new(from.first_day(), to.last_day()),
                ..filter
            };
            let ties: Vec<TieRef> = graph.all_ties().collect();
            Body::Events {
                events: events(graph, &ties, None, &filter),
            }
        }
        Statement::Stats => {
            let mut counts = vec![(0usize, 0usize); graph.relations().len()];
            for tie in graph.all_ties() {
                let certainty = graph.certainty(tie, &filter);
                let count = &mut counts[tie.tie.relation.index()];
                if certainty != Certainty::No {
                    count.0 += 1;
                }
                if certainty == Certainty::Possibly {
                    count.1 += 1;
                }
            }
            Body::Stats {
                actors: graph.actor_count(),
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
        Statement::Actors { kind } => {
            let mut actors: Vec<ActorRow> = graph
                .actors()
                .filter(|(_, a)| kind.is_none_or(|k| a.kind == k))
                .map(|(id, _)| row(graph, id, None, Vec::new(), &filter))
                .collect();
            actors.sort_by(|a, b| {
                a.actor
                    .name
                    .to_lowercase()
                    .cmp(&b.actor.name.to_lowercase())
            });
            Body::Actors { actors }
        }
        Statement::Relations => {
            let mut counts = vec![0usize; graph.relations().len()];
            for tie in graph.ties(&filter) {
                counts[tie.tie.relation.index()] += 1;
            }
            Body::Relations {
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
            Body::Sources {
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
        Statement::SourcesOf { actor } => {
            let id = resolve(graph, actor)?;
            let ties = graph.ties_of(id, &filter).map(|t| t.tie.sources());
            let events = graph
                .events()
                .iter()
                .filter(|e| e.involves(id) && e.confidence >= filter.min_confidence)
                .map(|e| e.sources.as_slice());
            Body::Sources {
                sources: cited_sources(graph, ties.chain(events)),
            }
        }
        Statement::Help { topic } => Body::Text {
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
                time_label: query.filters.time.map(|t| time_label(graph, t)),
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
            return Ok(Outcome::Answer(check_answer(graph, &answer, check)?));
        }
    };
    let answer = Answer::from(body);
    // Listings of actors and help are not about time.
    let timeless = matches!(
        query.statement,
        Statement::Help { .. } | Statement::Actors { .. }
    );
    Ok(Outcome::Answer(if timeless {
        answer
    } else {
        answer.at(Some(asked.label), asked.notes)
    }))
}

/// Statements that show a record across all time unless a time is given;
/// the rest are questions, asked as of the graph's date.
fn is_record(statement: &Statement) -> bool {
    matches!(
        statement,
        Statement::Show { .. }
            | Statement::Timeline { .. }
            | Statement::Why { .. }
            | Statement::SourcesOf { .. }
            | Statement::Relations
            | Statement::Sources
            | Statement::Export(_)
    )
}

/// The time a question is asked about: its window, the words that say so,
/// and any caveat about what the graph can know.
struct Asked {
    window: Window,
    label: String,
    notes: Vec<String>,
}

fn asked(graph: &Graph, time: Option<TimeOp>, record: bool) -> Asked {
    let present = graph.as_of();
    let (window, label) = match (time, present) {
        (None, Some(as_of)) if record => (
            Window::ALL,
            format!("all time; now is {as_of}, the graph's date"),
        ),
        (None, None) if record => (Window::ALL, "all time".to_string()),
        (None | Some(TimeOp::Now), Some(as_of)) => (
            Window::on(as_of.last_day()),
            format!("as of {as_of} (the graph's date)"),
        ),
        (None | Some(TimeOp::Now), None) => (
            Window::ALL,
            "all time (the graph has no as-of date)".to_string(),
        ),
        (Some(op), _) => (window_of(Some(op)), time_label(graph, op)),
    };
    Asked::of(graph, window, label)
}

impl Asked {
    /// A window and its words, with a note when the whole window lies past
    /// what the graph knows.
    fn of(graph: &Graph, window: Window, label: String) -> Asked {
        let mut notes = Vec::new();
        if let Some(as_of) = graph.as_of() {
            if window.first > graph.known_until() && !window.is_empty() {
                notes.push(format!(
                    "the graph's knowledge ends at {as_of}: a tie ongoing then is only possibly active after it"
                ));
            }
        }
        Asked {
            window,
            label,
            notes,
        }
    }
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
    Ok(Answer::check(passed, message))
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

/// The window a time operator keeps; see docs/QUERIES.md. `now` needs the
/// graph's date, so it is resolved by the caller; here it is all time.
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
        TimeOp::Now | TimeOp::Ever => Window::ALL,
    }
}

/// The time operator in words, for titles.
pub fn time_label(graph: &Graph, time: TimeOp) -> String {
    match time {
        TimeOp::Now => match graph.as_of() {
            Some(as_of) => format!("as of {as_of} (the graph's date)"),
            None => "all time (the graph has no as-of date)".to_string(),
        },
        TimeOp::Ever => "all time".to_string(),
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
    let source = filters
        .source
        .as_ref()
        .map(|name| {
            graph.find_source(&name.name).ok_or_else(|| {
                let mut known: Vec<&str> = graph.sources().iter().map(|s| s.id.as_str()).collect();
                known.sort_by(|a, b| {
                    strsim::jaro_winkler(&name.name, b)
                        .total_cmp(&strsim::jaro_winkler(&name.name, a))
                });
                QueryError::new(
                    QueryErrorKind::Invalid(format!("no source is called `{}`", name.name)),
                    name.span.0,
                    name.span.1,
                )
                .with_help(if known.is_empty() {
                    "the graph declares no sources".to_string()
                } else {
                    format!(
                        "nearest sources: {}; `sources` lists them all",
                        known.iter().take(3).copied().collect::<Vec<_>>().join(", ")
                    )
                })
            })
        })
        .transpose()?;
    let window = match filters.time {
        Some(TimeOp::Now) => graph
            .as_of()
            .map_or(Window::ALL, |d| Window::on(d.last_day())),
        time => window_of(time),
    };
    Ok(TieFilter {
        relations,
        window,
        min_confidence: filters
            .min_confidence
            .unwrap_or(crate::model::Confidence::Possible),
        min_certainty: if filters.certain {
            Certainty::Certainly
        } else {
            Certainty::Possibly
        },
        source,
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
    }
}

/// A tie as answers show it, judged by `filter`.
fn judged<'g>(graph: &'g Graph, tie: TieRef<'g>, filter: &TieFilter) -> TieOut<'g> {
    tie_out(graph, tie, graph.certainty(tie, filter))
}

fn row<'g>(
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
        certainty: ties
            .iter()
            .map(|t| t.certainty)
            .max()
            .unwrap_or(Certainty::Certainly),
        ties,
    }
}

/// Ties in reading order: by start (unknown first), relation, other end's name.
fn sorted_ties<'g>(
    graph: &'g Graph,
    focus: ActorId,
    ties: impl Iterator<Item = TieRef<'g>>,
    filter: &TieFilter,
) -> Vec<TieOut<'g>> {
    let mut ties: Vec<TieRef> = ties.collect();
    // Keys borrow the names from the graph: computed once, no copies.
    ties.sort_by_cached_key(|t| {
        let other = graph.actor(t.other(focus)).name.as_str();
        (t.tie.window().first, t.tie.relation, other, t.id)
    });
    ties.into_iter().map(|t| judged(graph, t, filter)).collect()
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
fn actors_by_tie<'g>(
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

/// One row per step of a hierarchy walk, with its depth and the tie that led there.
fn step_rows<'g>(graph: &'g Graph, steps: &[Step], filter: &TieFilter) -> Vec<ActorRow<'g>> {
    steps
        .iter()
        .map(|s| {
            row(
                graph,
                s.actor,
                Some(s.depth),
                graph.tie(s.via).into_iter().collect(),
                filter,
            )
        })
        .collect()
}

/// Up the subgroup-of chain from `actor`, then whom each of them pledges allegiance to.
fn parents<'g>(graph: &'g Graph, actor: ActorId, filter: &TieFilter) -> Vec<ActorRow<'g>> {
    let chain = hierarchy(graph, actor, filter, RelationId::SUBGROUP_OF, false);
    let mut rows = step_rows(graph, &chain, filter);
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
            rows.push(row(graph, tie.to, Some(depth + 1), vec![tie], &allegiance));
        }
    }
    rows
}

fn card<'g>(graph: &'g Graph, id: ActorId, filter: &TieFilter, present: &TieFilter) -> Card<'g> {
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

/// Two actors named by `why A and B`, or by `why A B` with the words split
/// at the first place where both halves name actors.
fn resolve_pair(
    graph: &Graph,
    a: &ActorName,
    b: Option<&ActorName>,
) -> Result<(ActorId, ActorId), QueryError> {
    if let Some(b) = b {
        return Ok((resolve(graph, a)?, resolve(graph, b)?));
    }
    let words: Vec<&str> = a.name.split(' ').collect();
    for cut in 1..words.len() {
        let (left, right) = (words[..cut].join(" "), words[cut..].join(" "));
        if let (Some(x), Some(y)) = (graph.find(&left), graph.find(&right)) {
            return Ok((x, y));
        }
    }
    Err(QueryError::new(
        QueryErrorKind::Invalid(format!("`{}` does not name two actors", a.name)),
        a.span.0,
        a.span.1,
    )
    .with_help("write `why A and B`, quoting names with spaces: why JNIM and \"Wagner Group\""))
}

/// The sources cited by some ties or events, each with how often, in the
/// graph's order.
fn cited_sources<'g, 's>(
    graph: &'g Graph,
    citations: impl Iterator<Item = &'s [crate::model::SourceId]>,
) -> Vec<SourceRow<'g>> {
    let mut counts = vec![0usize; graph.sources().len()];
    for sources in citations {
        for source in sources {
            counts[source.index()] += 1;
        }
    }
    graph
        .sources()
        .iter()
        .zip(counts)
        .filter(|(_, n)| *n > 0)
        .map(|(s, ties)| SourceRow {
            id: &s.id,
            citation: &s.citation,
            url: s.url.as_deref(),
            ties,
        })
        .collect()
}

/// Ties beginning and ending inside the filter's window, and the graph's
/// one-off events there (those of `actor`, when given), in date order. A
/// day known only roughly is listed when it may fall in the window, marked
/// possible unless it certainly does; an open-ended date dates no change. A pair whose tie of one relation ends
/// while one of another relation begins is marked `changed from …`.
fn events<'g>(
    graph: &'g Graph,
    ties: &[TieRef<'g>],
    actor: Option<ActorId>,
    filter: &TieFilter,
) -> Vec<Event<'g>> {
    struct Found<'g> {
        /// The day events sort by: the earliest the date can be, or its
        /// latest when it is open before.
        day: Day,
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
    let sort_day = |days: (Day, Day)| if days.0 == DAY_MIN { days.1 } else { days.0 };
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
        let mut push = |days: (Day, Day), date, ended: bool| {
            let certainty = Bounds::instant(days).activity(window);
            if certainty == Certainty::No {
                return;
            }
            let word = if ended { "ended" } else { "began" };
            found.push(Found {
                day: sort_day(days),
                ended,
                phase: match (ended, one_day) {
                    (true, false) => 0,
                    (false, _) => 1,
                    (true, true) => 2,
                },
                pair: Some(pair),
                event: Event {
                    date,
                    event: word.to_string(),
                    certainty,
                    tie: Some(tie_out(graph, *tie, certainty)),
                    actors: Vec::new(),
                    confidence: tie.tie.confidence,
                    sources: graph.source_ids(tie.tie).collect(),
                    note: None,
                    evidence: None,
                },
            });
        };
        // An open-ended date (`[..2023-02]`) bounds a tie but dates no
        // change: it is not listed as a beginning or an ending.
        if let Some(start) = tie.tie.start().filter(|d| !d.is_open()) {
            push(bounds.start, start, false);
        }
        if let Some(end) = tie.tie.end().filter(|d| !d.is_open()) {
            push(bounds.end, end, true);
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
            day: sort_day(days),
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
    // A change: the pair's tie of another relation ended on or before the
    // day this one began (the latest such ending names what it changed from).
    let ended: Vec<((ActorId, ActorId), Day, &str)> = found
        .iter()
        .filter(|f| f.ended)
        .filter_map(|f| Some((f.pair?, f.day, f.event.tie.as_ref()?.relation)))
        .collect();
    for f in found.iter_mut().filter(|f| !f.ended) {
        let (Some(pair), Some(tie)) = (f.pair, f.event.tie.as_ref()) else {
            continue;
        };
        let previous = ended
            .iter()
            .filter(|(p, day, relation)| *p == pair && *day <= f.day && *relation != tie.relation)
            .max_by_key(|(_, day, _)| *day);
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
