//! Expectations of scripts: whether an answer includes, excludes or counts
//! what the script says, and a message that shows what it held.

use super::super::ast::Check;
use super::super::error::QueryError;
use super::filters::resolve;
use crate::answer::*;
use crate::model::Graph;

/// The answer to an expectation: passed or not, and why.
pub(super) fn check_answer<'g>(
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

pub(super) fn unique(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut seen = Vec::new();
    for item in items {
        if !seen.contains(&item) {
            seen.push(item);
        }
    }
    seen
}
