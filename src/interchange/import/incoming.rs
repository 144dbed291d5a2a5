//! Incoming actors placed in the graph: by the analyst's decision from a
//! review file, by name against the actors the graph has (entity
//! resolution, see `matching`), or as new actors. A name another actor
//! holds never drops the row's ties: the actor is merged and the merge
//! reported.

use super::importer::{Importer, SetAside};
use super::matching::{how_matched, Match};
use super::review::{Decision, ReviewItem};
use super::ImportError;
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
    /// first at `origin:line`. `id_cell` says the one name is a cell of an
    /// id column (`by: Id`), not an id already. An error is the row's rejection.
    pub(crate) fn place_actor(
        &mut self,
        incoming_id: &str,
        names: &[&str],
        id_cell: bool,
        origin: &str,
        line: u64,
    ) -> Result<Placement, String> {
        let mut undecided = None;
        match self.options.decisions.get(incoming_id) {
            None => {}
            Some(Decision::New) => return Ok(Placement::New),
            Some(Decision::Skip) => {
                self.set_aside
                    .insert(incoming_id.to_string(), SetAside::Skipped);
                return Ok(Placement::SetAside);
            }
            Some(Decision::Merge { id, place }) => {
                if let Some(actor) = exact_actor(self.builder.graph(), id) {
                    self.merged(
                        incoming_id,
                        names,
                        actor,
                        origin,
                        line,
                        "as the review decided".into(),
                    );
                    return Ok(Placement::Existing(actor));
                }
                // A typo in a decision is the review file's error, not a
                // row to drop quietly: the import stops, naming the row.
                let message = format!(
                    "the decision `{id}` for `{incoming_id}` is no actor id of the graph \
                     (write an actor's id, `new` or `skip`)"
                );
                if self.review_error.is_none() {
                    self.review_error = Some(place_error(place, message.clone()));
                }
                return Err(message);
            }
            Some(Decision::Undecided { place }) => undecided = Some(place.clone()),
        }
        self.undecided = undecided;
        let found = self.matcher.find(names.iter().copied());
        self.decide(found, incoming_id, names, id_cell, origin, line)
    }

    /// Adds an incoming actor placed as new; the builder's refusal is the
    /// row's rejection (a name another actor holds was matched before).
    pub(crate) fn add_incoming(&mut self, actor: Actor) -> Result<Placement, String> {
        self.add_actor(actor).map(Placement::Added)
    }

    /// What a match makes of an incoming actor.
    fn decide(
        &mut self,
        mut found: Match,
        incoming_id: &str,
        names: &[&str],
        id_cell: bool,
        origin: &str,
        line: u64,
    ) -> Result<Placement, String> {
        let graph = self.builder.graph();
        // An id cell that is no id but an actor's name or alias is that
        // actor, by name (`JNIM` for `jnim`). One that differs from an
        // actor's id only in punctuation (`-99` beside `99`) is a different
        // id, whatever the name rules say: the builder says why the two
        // cannot both be ids.
        let mut how_id_cell = None;
        if let (Match::Existing(actor), true) = (&found, id_cell) {
            let known = graph.actor(*actor);
            let is_a_name = std::iter::once(&known.name)
                .chain(&known.aliases)
                .any(|name| name.to_lowercase() == incoming_id.to_lowercase());
            if normalize(&known.id) == normalize(incoming_id) && !is_a_name {
                found = Match::New;
            } else {
                how_id_cell = Some(format!(
                    "{} (`{incoming_id}` in an id column is no id of the graph)",
                    how_matched(names, known)
                ));
            }
        }
        match found {
            Match::New => Ok(Placement::New),
            Match::Existing(actor) => {
                let how = how_id_cell
                    .unwrap_or_else(|| how_matched(names, self.builder.graph().actor(actor)));
                self.merged(incoming_id, names, actor, origin, line, how);
                Ok(Placement::Existing(actor))
            }
            Match::Near(candidates) => {
                if self.options.review {
                    // The review file lists the candidates beside it.
                    let why = if candidates.iter().all(|c| self.matcher.made_by_import(*c)) {
                        "a near spelling of a name this import made"
                    } else {
                        "a near spelling of a name the graph has"
                    };
                    self.for_review(incoming_id, names, candidates, why.into(), origin, line);
                    return Ok(Placement::SetAside);
                }
                let why = self.near_why(&candidates);
                let name = names.first().copied().unwrap_or(incoming_id);
                let what_to_do = match self.undecided.take() {
                    Some(place) => format!("no decision for `{incoming_id}` in {place}"),
                    None => "to merge it, import with --review FILE, decide there, and import \
                             again with --resolve FILE"
                        .to_string(),
                };
                self.report.warnings.push(format!(
                    "{origin}:{line}: `{name}` {why}; kept as a new actor ({what_to_do})"
                ));
                Ok(Placement::New)
            }
            Match::Review(candidates, why) => {
                if !self.options.review {
                    let listed = self.listed(&candidates);
                    let name = names.first().copied().unwrap_or(incoming_id);
                    return Err(match self.undecided.take() {
                        Some(place) => format!(
                            "`{name}` may be {listed}: {why}; no decision for `{incoming_id}` in {place}"
                        ),
                        None => format!(
                            "`{name}` may be {listed}: {why}; write such actors to a review file \
                             (--review FILE), decide there, and import again with --resolve FILE"
                        ),
                    });
                }
                self.for_review(
                    incoming_id,
                    names,
                    candidates,
                    why.to_string(),
                    origin,
                    line,
                );
                Ok(Placement::SetAside)
            }
        }
    }

    /// "may be X (`x`), a name the graph has": the near spellings found,
    /// saying which the graph had and which this import made.
    fn near_why(&self, candidates: &[ActorId]) -> String {
        let (made, had): (Vec<ActorId>, Vec<ActorId>) = candidates
            .iter()
            .partition(|c| self.matcher.made_by_import(**c));
        let mut parts = Vec::new();
        if !had.is_empty() {
            parts.push(format!("{}, which the graph has", self.listed(&had)));
        }
        if !made.is_empty() {
            parts.push(format!("{}, which this import made", self.listed(&made)));
        }
        format!("is a near spelling of {}", parts.join(", and of "))
    }

    /// "A (`a`) or B (`b`)".
    fn listed(&self, actors: &[ActorId]) -> String {
        let graph = self.builder.graph();
        let listed: Vec<String> = actors
            .iter()
            .map(|a| format!("{} (`{}`)", graph.actor(*a).name, graph.actor(*a).id))
            .collect();
        crate::model::names::or_list(&listed)
    }

    /// Leaves an incoming actor for the analyst's decision in the review file.
    fn for_review(
        &mut self,
        incoming_id: &str,
        names: &[&str],
        candidates: Vec<ActorId>,
        why: String,
        origin: &str,
        line: u64,
    ) {
        let graph = self.builder.graph();
        let candidates: Vec<(String, String)> = candidates
            .into_iter()
            .map(|c| (graph.actor(c).id.clone(), graph.actor(c).name.clone()))
            .collect();
        self.report.review.push(ReviewItem {
            incoming_id: incoming_id.to_string(),
            incoming_name: names.first().copied().unwrap_or(incoming_id).to_string(),
            place: format!("{origin}:{line}"),
            candidates,
            why,
        });
        self.set_aside
            .insert(incoming_id.to_string(), SetAside::ForReview);
    }

    /// Records that the incoming actor is `actor`: ties naming its id go to it.
    fn merged(
        &mut self,
        incoming_id: &str,
        names: &[&str],
        actor: ActorId,
        origin: &str,
        line: u64,
        how: String,
    ) {
        self.ids.insert(incoming_id, actor);
        self.report.actors_matched += 1;
        let known = self.builder.graph().actor(actor);
        let name = names.first().copied().unwrap_or(incoming_id);
        let repaired = if self.names_repaired {
            ", its spelling repaired (Windows-1252)"
        } else {
            ""
        };
        self.report.merges.push(format!(
            "{origin}:{line}: `{name}` is {} (`{}`), {how}{repaired}",
            known.name, known.id
        ));
    }
}

/// An error at a review file's row `place` (`file:line`).
fn place_error(place: &str, message: String) -> ImportError {
    let (origin, line) = place.rsplit_once(':').unwrap_or((place, "0"));
    ImportError::Csv {
        origin: origin.to_string(),
        line: line.parse().unwrap_or(0),
        message,
    }
}

/// The actor whose id is exactly `id`.
fn exact_actor(graph: &Graph, id: &str) -> Option<ActorId> {
    graph.find(id).filter(|a| graph.actor(*a).id == id)
}
