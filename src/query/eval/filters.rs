//! From the names and filters a query writes to the graph's own: actors,
//! relations and sources resolved, with positioned errors and suggestions.

use super::super::ast::{ActorName, Filters, RelationName, TimeOp};
use super::super::error::{QueryError, QueryErrorKind};
use super::super::keywords;
use super::when::window_of;
use crate::model::{ActorId, Certainty, Graph, RelationId, TieFilter, Window};

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
                .and_then(|ids| named_once(graph, names, ids))
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

/// `via alliance, alliance` (or `alliance, allied`): a relation named twice
/// is a slip, said at its second naming.
fn named_once(
    graph: &Graph,
    names: &[RelationName],
    ids: Vec<RelationId>,
) -> Result<Vec<RelationId>, QueryError> {
    for (i, id) in ids.iter().enumerate() {
        if let Some(first) = ids[..i].iter().position(|earlier| earlier == id) {
            let (again, before) = (&names[i], &names[first]);
            let relation = &graph.relations().get(*id).name;
            let message = if again.name.eq_ignore_ascii_case(&before.name) {
                format!("`{}` is named twice after `via`", again.name)
            } else {
                format!(
                    "`{}` names {relation} again, after `{}`",
                    again.name, before.name
                )
            };
            return Err(QueryError::new(
                QueryErrorKind::Invalid(message),
                again.span.0,
                again.span.1,
            )
            .with_help("name each relation once after `via`"));
        }
    }
    Ok(ids)
}

/// The actor a query names, or an error with the nearest names.
pub fn resolve(graph: &Graph, name: &ActorName) -> Result<ActorId, QueryError> {
    // As typed in a question: "the MLF", "JNIM?". Graph files name exactly.
    let bare = name.name.trim_end_matches(['?', '!', '.', ',']).trim_end();
    let bare = ["the ", "The ", "THE "]
        .iter()
        .find_map(|article| bare.strip_prefix(article))
        .unwrap_or(bare);
    if let Some(id) = graph.find(&name.name).or_else(|| graph.find(bare)) {
        return Ok(id);
    }
    // `JNIM aftr 2022`: a misspelt keyword became part of the name. Not
    // when the name was quoted (a quoted name is all name), nor when the
    // whole name is a near spelling of an actor's (`Revolutionary Fron`).
    let unquoted = name.span.1 - name.span.0 == name.name.len();
    let mut offset = 0;
    for (i, word) in name.name.split(' ').enumerate() {
        let misspelt = (unquoted && i > 0)
            .then(|| keywords::misspelling_of(word))
            .flatten();
        if let Some(keyword) = misspelt.filter(|_| !near_an_actor(graph, bare)) {
            let (start, end) = (name.span.0 + offset, name.span.0 + offset + word.len());
            return Err(QueryError::new(
                QueryErrorKind::Invalid(format!(
                    "no actor is called `{}`; `{word}` looks like a misspelt `{keyword}`",
                    name.name
                )),
                start,
                end,
            ));
        }
        offset += word.len() + 1;
    }
    // Suggestions for the name without its article: `the rebels`.
    graph.resolve(bare).map_err(|unknown| {
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

/// Whether `name` is at most two edits from an actor's name or alias: then
/// an unknown name is a misspelt actor, not a name with a keyword run into it.
fn near_an_actor(graph: &Graph, name: &str) -> bool {
    let wanted = crate::model::names::normalize(name);
    graph.suggest(name, 1).into_iter().any(|id| {
        graph
            .name_keys()
            .any(|(key, owner)| owner == id && strsim::damerau_levenshtein(&wanted, key) <= 2)
    })
}

/// Two actors named by `why A and B`, or by `why A B` with the words split
/// at the first place where both halves name actors.
pub(super) fn resolve_pair(
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
