//! The rules one actor or tie must keep to enter a graph, and the words
//! of their problems: shared by the graph builder (files) and the importer
//! (tables), so that both refuse the same things the same way.

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use super::actor::Actor;
use super::graph::{did_you_mean, Graph};
use super::names::normalize;
use super::relation::Relations;
use super::spec::tie_site;
use super::spec::{Problem, Site};
use super::tie::{ActorId, SourceId, Tie};

/// The name key without allocating when the name is already a key
/// (lowercase ASCII letters and digits), as generated ids are.
pub(super) fn key_of(name: &str) -> Cow<'_, str> {
    if !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        Cow::Borrowed(name)
    } else {
        Cow::Owned(normalize(name))
    }
}

pub(super) fn resolve_end(
    graph: &Graph,
    id: &str,
    index: usize,
    field: &'static str,
    problems: &mut Vec<Problem>,
) -> Option<ActorId> {
    let site = tie_site(index, field);
    match graph.find(&key_of(id)) {
        Some(actor) if graph.actor(actor).id == id => Some(actor),
        Some(actor) => {
            let actor = graph.actor(actor);
            problems.push(
                Problem::new(site, format!("`{id}` is not an actor id")).with_help(Some(format!(
                    "ties name actors by id: write `{}` for {}",
                    actor.id, actor.name
                ))),
            );
            None
        }
        None => {
            let ids: Vec<String> = graph
                .suggest(id, 3)
                .into_iter()
                .map(|a| format!("`{}`", graph.actor(a).id))
                .collect();
            problems.push(
                Problem::new(
                    site,
                    format!("tie names actor `{id}`, which the graph does not have"),
                )
                .with_help(
                    (!ids.is_empty())
                        .then(|| did_you_mean(&ids).trim_start_matches("; ").to_string()),
                ),
            );
            None
        }
    }
}

pub(super) fn unknown_relation(relations: &Relations, name: &str, index: usize) -> Problem {
    let known: Vec<&str> = relations.names().collect();
    Problem::new(
        tie_site(index, "relation"),
        format!("relation `{name}` is not declared"),
    )
    .with_help(Some(format!(
        "known relations are {}; declare others under `relations`",
        known.join(", ")
    )))
}

pub(super) fn declared_sources_help(
    source_ids: &FxHashMap<String, SourceId>,
    wanted: &str,
) -> Option<String> {
    let mut ids: Vec<&String> = source_ids.keys().collect();
    ids.sort_by(|a, b| strsim::jaro_winkler(wanted, b).total_cmp(&strsim::jaro_winkler(wanted, a)));
    let shown: Vec<String> = ids.iter().take(3).map(|id| format!("`{id}`")).collect();
    (!shown.is_empty()).then(|| format!("declared sources include {}", shown.join(", ")))
}

/// Every rule a tie between resolved ends keeps: dates in order, not to
/// itself, within both actors' lives, evidence quoting a cited source.
pub(super) fn tie_problems(
    graph: &Graph,
    ends: [Option<ActorId>; 2],
    tie: &Tie,
    cited: bool,
    index: usize,
    problems: &mut Vec<Problem>,
) {
    if let (Some(start), Some(end)) = (tie.start(), tie.end()) {
        if end.last_day() < start.first_day() {
            problems.push(Problem::new(
                tie_site(index, "end"),
                format!("tie ends ({end}) before it starts ({start})"),
            ));
        }
    }
    if let [Some(from), Some(to)] = ends {
        if from == to {
            problems.push(Problem::new(
                tie_site(index, "to"),
                format!("tie from `{}` to itself", graph.actor(from).id),
            ));
        }
    }
    // A tie cannot begin before one of its actors exists, nor run on after
    // one has ceased: reported when the dates make it certain, on the field.
    for actor in ends.into_iter().flatten() {
        for (field, message) in graph.actor(actor).outside_life(tie.start(), tie.end()) {
            problems.push(Problem::new(tie_site(index, field), message).with_help(Some(
                "a tie lives within both actors' lives: correct the date, or the actor's `active` span"
                    .into(),
            )));
        }
    }
    if tie.evidence().is_some() && !cited {
        problems.push(
            Problem::new(
                tie_site(index, "evidence"),
                "a tie quotes evidence but cites no source",
            )
            .with_help(Some(
                "evidence quotes the first source in `sources`: cite it there".into(),
            )),
        );
    }
}

/// The problems of an actor about to be added as the `index`th, and the
/// name keys it may claim; `Err` when its id is unusable (none, or taken),
/// which leaves nothing to add.
pub(super) fn actor_problems(
    graph: &Graph,
    actor: &Actor,
    index: usize,
) -> Result<(Vec<Problem>, Vec<String>), Problem> {
    let site = |field, item| Site::Actor { index, field, item };
    let id_key = key_of(&actor.id).into_owned();
    if id_key.is_empty() {
        return Err(Problem::new(site("id", None), "an actor needs an id"));
    }
    if let Some(owner) = graph.find(&id_key) {
        let owner = graph.actor(owner);
        let message = if owner.id == actor.id {
            format!("actor id `{}` is used twice", actor.id)
        } else if key_of(&owner.id) == id_key.as_str() {
            // Ids are exact, but names (ids among them) are looked up
            // without case, accents or punctuation: both would read alike.
            format!(
                "actor id `{}` differs from the id `{}` of {} only in case, accents or punctuation, \
                 which names are read without",
                actor.id, owner.id, owner.name
            )
        } else {
            format!(
                "id `{}` is already a name of {} (`{}`)",
                actor.id, owner.name, owner.id
            )
        };
        return Err(Problem::new(site("id", None), message));
    }
    let mut problems = Vec::new();
    if normalize(&actor.name).is_empty() {
        problems.push(Problem::new(
            site("name", None),
            format!("actor `{}` needs a name", actor.id),
        ));
    }
    if let Some(period) = actor.active {
        if let (Some(start), Some(end)) = (period.start, period.end) {
            if end.last_day() < start.first_day() {
                problems.push(Problem::new(
                    site("active", None),
                    format!(
                        "actor `{}` ends ({end}) before it starts ({start})",
                        actor.id
                    ),
                ));
            }
        }
    }
    // Claim every name; a name another actor holds is a problem, not a crash.
    let mut keys: Vec<(String, &'static str, Option<usize>)> = vec![(id_key, "id", None)];
    keys.push((normalize(&actor.name), "name", None));
    for (item, alias) in actor.aliases.iter().enumerate() {
        let key = normalize(alias);
        if key.is_empty() {
            problems.push(Problem::new(
                site("aliases", Some(item)),
                "an alias cannot be empty",
            ));
            continue;
        }
        keys.push((key, "aliases", Some(item)));
    }
    let mut claimed: Vec<String> = Vec::with_capacity(keys.len());
    for (key, field, item) in keys {
        if key.is_empty() || claimed.contains(&key) {
            continue;
        }
        if let Some(owner) = graph.find(&key) {
            let owner = graph.actor(owner);
            problems.push(Problem::new(
                site(field, item),
                format!(
                    "the name `{key}` of `{}` is already claimed by {} (`{}`)",
                    actor.id, owner.name, owner.id
                ),
            ));
            continue;
        }
        claimed.push(key);
    }
    Ok((problems, claimed))
}
