//! Incoming actors placed in the graph: by the analyst's decision from a
//! review file, by name against the actors the graph has (entity
//! resolution, see `matching`), or as new actors. A name another actor
//! holds never drops the row's ties: the actor is merged and the merge
//! reported.

use super::importer::{Importer, SetAside};
use super::matching::Match;
use super::review::{Decision, ReviewItem};
use crate::model::names::normalize;
use crate::model::{Actor, ActorId, Graph};

/// Where an incoming actor goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Placement {
    /// It is this actor of the graph.
    Existing(ActorId),
    /// It was added as this new actor (by `add_incoming`).
    Added(ActorId),
    /// It is new: add it.
    New,
    /// Not now: it awaits review or the review leaves it out.
    SetAside,
}

impl Importer<'_> {
    /// Where the incoming actor `incoming_id`, with these names, goes; met
    /// first at `origin:line`. An error is the row's rejection.
    pub(crate) fn place_actor(
        &mut self,
        incoming_id: &str,
        names: &[&str],
        origin: &str,
        line: u64,
    ) -> Result<Placement, String> {
        if let Some(decision) = self.options.decisions.get(incoming_id) {
            return match decision {
                Decision::New => Ok(Placement::New),
                Decision::Skip => {
                    self.set_aside
                        .insert(incoming_id.to_string(), SetAside::Skipped);
                    Ok(Placement::SetAside)
                }
                Decision::Merge(id) => match exact_actor(self.builder.graph(), id) {
                    Some(actor) => {
                        self.merged(incoming_id, names, actor, origin, line, "as the review decided");
                        Ok(Placement::Existing(actor))
                    }
                    None => Err(format!(
                        "the review decides `{incoming_id}` is `{id}`, which is no actor id of the graph"
                    )),
                },
            };
        }
        let graph = self.builder.graph();
        // Without an index (a new graph), a collision is found by the
        // builder refusing the actor: see `add_incoming`.
        let found = match &self.matcher {
            Some(matcher) => matcher.find(graph, names.iter().copied()),
            None => Match::New,
        };
        self.decide(found, incoming_id, names, origin, line)
    }

    /// Adds an incoming actor placed as new. A name another actor holds
    /// (found here when the graph had no name index) makes it that actor,
    /// merged and reported, or leaves it for review when several hold its
    /// names; any other refusal is the row's rejection.
    pub(crate) fn add_incoming(
        &mut self,
        actor: Actor,
        names: &[&str],
        origin: &str,
        line: u64,
    ) -> Result<Placement, String> {
        let incoming_id = actor.id.clone();
        let refusal = match self.add_actor(actor) {
            Ok(added) => return Ok(Placement::Added(added)),
            Err(reason) => reason,
        };
        if self.matcher.is_some() {
            return Err(refusal);
        }
        match claimed_by(self.builder.graph(), names) {
            Match::New => Err(refusal),
            found => match self.decide(found, &incoming_id, names, origin, line)? {
                Placement::New => Err(refusal),
                placed => Ok(placed),
            },
        }
    }

    /// What a match makes of an incoming actor.
    fn decide(
        &mut self,
        mut found: Match,
        incoming_id: &str,
        names: &[&str],
        origin: &str,
        line: u64,
    ) -> Result<Placement, String> {
        let graph = self.builder.graph();
        // Ids are exact: an actor whose id differs from the incoming one
        // only in case or punctuation (`-99` and `99`) is not it by name
        // either; the builder says why the two cannot both be ids.
        if let Match::Existing(actor) = found {
            let known = &graph.actor(actor).id;
            if known != incoming_id && normalize(known) == normalize(incoming_id) {
                found = Match::New;
            }
        }
        match found {
            Match::New => Ok(Placement::New),
            Match::Existing(actor) => {
                self.merged(incoming_id, names, actor, origin, line, "by name");
                Ok(Placement::Existing(actor))
            }
            Match::Review(candidates, why) => {
                let graph = self.builder.graph();
                let candidates: Vec<(String, String)> = candidates
                    .into_iter()
                    .map(|c| (graph.actor(c).id.clone(), graph.actor(c).name.clone()))
                    .collect();
                if !self.options.review {
                    let listed: Vec<String> = candidates
                        .iter()
                        .map(|(id, name)| format!("{name} (`{id}`)"))
                        .collect();
                    return Err(format!(
                        "`{}` may be {}: {why}; write such actors to a review file \
                         (--review FILE), decide there, and import again with --resolve FILE",
                        names.first().copied().unwrap_or(incoming_id),
                        crate::model::names::or_list(&listed)
                    ));
                }
                self.report.review.push(ReviewItem {
                    incoming_id: incoming_id.to_string(),
                    incoming_name: names.first().copied().unwrap_or(incoming_id).to_string(),
                    place: format!("{origin}:{line}"),
                    candidates,
                    why: why.to_string(),
                });
                self.set_aside
                    .insert(incoming_id.to_string(), SetAside::ForReview);
                Ok(Placement::SetAside)
            }
        }
    }

    /// Records that the incoming actor is `actor`: ties naming its id go to it.
    fn merged(
        &mut self,
        incoming_id: &str,
        names: &[&str],
        actor: ActorId,
        origin: &str,
        line: u64,
        how: &str,
    ) {
        self.ids.insert(incoming_id, actor);
        self.report.actors_matched += 1;
        let known = self.builder.graph().actor(actor);
        let name = names.first().copied().unwrap_or(incoming_id);
        self.report.merges.push(format!(
            "{origin}:{line}: `{name}` is {} (`{}`), {how}",
            known.name, known.id
        ));
    }
}

/// The actor whose id is exactly `id`.
fn exact_actor(graph: &Graph, id: &str) -> Option<ActorId> {
    graph.find(id).filter(|a| graph.actor(*a).id == id)
}

/// Without an index of the graph's names (a new graph), an incoming actor
/// is one another row made when one of its names is that actor's name or
/// alias: a collision merges, it never rejects the row and its ties.
fn claimed_by(graph: &Graph, names: &[&str]) -> Match {
    let mut owners: Vec<ActorId> = Vec::new();
    for name in names {
        let key = normalize(name);
        let Some(owner) = graph.find(&key) else {
            continue;
        };
        // A name, not an id: ids are compared exactly.
        let actor = graph.actor(owner);
        let by_name = std::iter::once(&actor.name)
            .chain(&actor.aliases)
            .any(|known| normalize(known) == key);
        if by_name && !owners.contains(&owner) {
            owners.push(owner);
        }
    }
    match owners.len() {
        0 => Match::New,
        1 => Match::Existing(owners[0]),
        _ => Match::Review(owners, "its names belong to several actors"),
    }
}
