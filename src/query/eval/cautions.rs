//! Cautions a statement's answer carries about the actors it names: a
//! focus that cannot have existed in the view's window, actors not active
//! then, one actor named twice.

use super::super::ast::*;
use super::super::error::{QueryError, QueryErrorKind};
use crate::model::{ActorId, Certainty, Graph, TieFilter, Window};

/// An error at the focus when it cannot have existed in the view's window:
/// the picture would draw nothing (a question says so in a note instead).
pub(super) fn not_drawn_then(
    graph: &Graph,
    id: ActorId,
    name: &ActorName,
    filter: &TieFilter,
    label: &str,
) -> Result<(), QueryError> {
    if graph.life(id).activity(filter.window) != Certainty::No {
        return Ok(());
    }
    let actor = graph.actor(id);
    Err(QueryError::new(
        QueryErrorKind::Invalid(format!(
            "{} is not active {label} (its life: {}): the picture would draw nothing",
            actor.name,
            actor.active.unwrap_or_default()
        )),
        name.span.0,
        name.span.1,
    )
    .with_help("choose a time within its life, or no time to draw all of it"))
}

/// A note for each actor a question names that cannot have existed in
/// the window, so an empty answer is not read as "nobody".
pub(super) fn life_notes(graph: &Graph, statement: &Statement, window: Window) -> Vec<String> {
    let named: Vec<&ActorName> = match statement {
        Statement::Who { actor, .. }
        | Statement::Subgroups { actor }
        | Statement::Parents { actor }
        | Statement::Ties { actor }
        | Statement::Show { actor }
        | Statement::Timeline { actor }
        | Statement::Neighbors { actor }
        | Statement::SourcesOf { actor } => vec![actor],
        Statement::Path { from, to } | Statement::Between { a: from, b: to } => vec![from, to],
        Statement::Is { a, b, .. } | Statement::When { a, b, .. } => vec![a, b],
        _ => Vec::new(),
    };
    named
        .into_iter()
        .filter_map(|name| graph.find(&name.name))
        .filter(|id| graph.life(*id).activity(window) == Certainty::No)
        .map(|id| {
            let actor = graph.actor(id);
            format!(
                "{} is not active then (its life: {})",
                actor.name,
                actor.active.unwrap_or_default()
            )
        })
        .collect()
}

/// A question about a pair that names one actor twice (`ties between JNIM
/// and JNIM`) is answered, but says so, lest "no ties" be read as news.
pub(super) fn same_actor_note(graph: &Graph, statement: &Statement) -> Option<String> {
    let (a, b) = match statement {
        Statement::Is { a, b, .. } | Statement::When { a, b, .. } | Statement::Between { a, b } => {
            (a, b)
        }
        Statement::Path { from, to } => (from, to),
        Statement::Why { a, b: Some(b) } => (a, b),
        _ => return None,
    };
    let (x, y) = (graph.find(&a.name)?, graph.find(&b.name)?);
    (x == y).then(|| {
        format!(
            "`{}` and `{}` are the same actor, {}",
            a.name,
            b.name,
            graph.actor(x).name
        )
    })
}
