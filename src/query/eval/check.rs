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
    let possible = answer.body.possible_actor_ids();
    let held = || {
        let names = unique(ids.iter().map(|id| {
            let name = graph
                .find(id)
                .map_or(id.to_string(), |a| graph.actor(a).name.clone());
            if possible.contains(id) {
                format!("{name} (possibly)")
            } else {
                name
            }
        }));
        if names.is_empty() {
            "nothing".to_string()
        } else {
            names.join(", ")
        }
    };
    // A pass that rests on rows the dates only allow says so.
    let of_them = match answer.possibly() {
        0 => String::new(),
        n => format!(", {n} of them possibly"),
    };
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
                let listed: Vec<String> = names
                    .iter()
                    .map(|n| {
                        let only_possibly = wanted
                            && graph
                                .find(&n.name)
                                .is_some_and(|a| possible.contains(&graph.actor(a).id.as_str()));
                        if only_possibly {
                            format!("{} (possibly)", n.name)
                        } else {
                            n.name.clone()
                        }
                    })
                    .collect();
                (true, format!("the answer {verb} {}", listed.join(", ")))
            } else {
                (
                    false,
                    format!(
                        "expected the answer to {} {}, but {}; it holds: {}",
                        if wanted { "include" } else { "exclude" },
                        wrong.join(", "),
                        if wanted { "it does not" } else { "it does" },
                        held()
                    ),
                )
            }
        }
        Check::IsEmpty => (
            answer.is_empty(),
            format!(
                "expected an empty answer, got {}{of_them}: {}",
                results(answer.len()),
                held()
            ),
        ),
        Check::IsNotEmpty => (!answer.is_empty(), "expected results, got none".to_string()),
        Check::Count(n) => (
            answer.len() == *n,
            format!(
                "expected {}, got {}{of_them}: {}",
                results(*n),
                answer.len(),
                held()
            ),
        ),
    };
    let message = if passed {
        match check {
            Check::IsEmpty => "the answer is empty".to_string(),
            Check::IsNotEmpty | Check::Count(_) => {
                format!("the answer has {}{of_them}", results(answer.len()))
            }
            _ => message,
        }
    } else if answer.notes.is_empty() {
        message
    } else {
        // The answer's caveats often say why (an actor not alive then).
        format!("{message} (note: {})", answer.notes.join("; "))
    };
    Ok(Answer::check(passed, message))
}

/// "1 result", "3 results".
fn results(n: usize) -> String {
    format!("{n} result{}", if n == 1 { "" } else { "s" })
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
