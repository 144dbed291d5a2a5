//! What an answer holds, counted: the results expectations check, those
//! only possible (for summaries), and the actors named.

use super::*;

impl<'g> Body<'g> {
    /// How many results the answer holds (what expectations count).
    pub fn len(&self) -> usize {
        match self {
            Body::Actors { actors } => actors.len(),
            Body::Ties { ties, .. } => ties.len(),
            Body::Card { .. } => 1,
            Body::Path { paths, .. } => paths.len(),
            Body::Verdict { answer, .. } => usize::from(*answer != Verdict::No),
            Body::Network { actors, .. } => actors.len(),
            Body::Events { events } => events.len(),
            Body::Stats { ties, .. } => ties.iter().map(|count| count.ties).sum(),
            Body::Relations { relations } => relations.len(),
            Body::Sources { sources } => sources.len(),
            Body::Why { ties, .. } => ties.len(),
            Body::Text { .. } | Body::Check { .. } => 0,
        }
    }

    /// True when the answer holds no results.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many results hold only possibly (for the summary line).
    pub fn possibly(&self) -> usize {
        let possible = |c: &Certainty| *c == Certainty::Possibly;
        match self {
            Body::Actors { actors } | Body::Network { actors, .. } => {
                actors.iter().filter(|a| possible(&a.certainty)).count()
            }
            Body::Ties { ties, .. } => ties.iter().filter(|t| possible(&t.certainty)).count(),
            Body::Path { paths, .. } => paths
                .iter()
                .filter(|path| {
                    path.iter()
                        .any(|hop| hop.ties.iter().all(|t| possible(&t.certainty)))
                })
                .count(),
            Body::Verdict { answer, .. } => usize::from(*answer == Verdict::Possibly),
            Body::Events { events } => events.iter().filter(|e| possible(&e.certainty)).count(),
            Body::Stats { ties, .. } => ties.iter().map(|c| c.possibly).sum(),
            Body::Card { actor, .. } => {
                actor.ties.iter().filter(|t| possible(&t.certainty)).count()
            }
            Body::Why { ties, .. } => ties.iter().filter(|t| possible(&t.certainty)).count(),
            _ => 0,
        }
    }

    /// How many results rest only on ties their sources rate below
    /// `confirmed`, and the best rating each of those has, weakest first:
    /// what a summary must say lest its count read as fact. An actor rests
    /// on the ties that put it in the answer; a path on its weakest hop.
    pub fn unconfirmed(&self) -> (usize, Vec<Confidence>) {
        let best = |ties: &[TieOut]| ties.iter().map(|t| t.confidence).max();
        let ratings: Vec<Confidence> = match self {
            Body::Actors { actors } => actors.iter().filter_map(|a| best(&a.ties)).collect(),
            Body::Path { paths, .. } => paths
                .iter()
                .filter_map(|path| path.iter().filter_map(|hop| best(&hop.ties)).min())
                .collect(),
            _ => Vec::new(),
        };
        let mut below: Vec<Confidence> = ratings
            .into_iter()
            .filter(|c| *c < Confidence::Confirmed)
            .collect();
        let count = below.len();
        below.sort_unstable();
        below.dedup();
        (count, below)
    }

    /// The ids of the actors the answer holds only possibly.
    pub fn possible_actor_ids(&self) -> Vec<&'g str> {
        let possible = |c: Certainty| c == Certainty::Possibly;
        match self {
            Body::Actors { actors } | Body::Network { actors, .. } => actors
                .iter()
                .filter(|a| possible(a.certainty))
                .map(|a| a.actor.id)
                .collect(),
            Body::Ties { focus, ties } => ties
                .iter()
                .filter(|t| possible(t.certainty))
                .map(|t| t.seen_from(focus.id).1.id)
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The ids of the actors the answer names as results.
    pub fn actor_ids(&self) -> Vec<&'g str> {
        match self {
            Body::Actors { actors } | Body::Network { actors, .. } => {
                actors.iter().map(|a| a.actor.id).collect()
            }
            Body::Ties { focus, ties } => ties.iter().map(|t| t.seen_from(focus.id).1.id).collect(),
            Body::Card { actor, .. } => vec![actor.actor.id],
            Body::Path { paths, .. } => paths
                .iter()
                .flatten()
                .flat_map(|hop| [hop.from.id, hop.to.id])
                .collect(),
            Body::Verdict { a, b, answer, .. } if *answer != Verdict::No => vec![a.id, b.id],
            Body::Events { events } => events
                .iter()
                .flat_map(|e| match &e.tie {
                    Some(tie) => vec![tie.from.id, tie.to.id],
                    None => e.actors.iter().map(|a| a.id).collect(),
                })
                .collect(),
            Body::Why { a, b, ties, .. } if !ties.is_empty() => vec![a.id, b.id],
            _ => Vec::new(),
        }
    }

    /// Whether tie rows are judged as of the graph's date (records) rather
    /// than in the asked window (questions).
    pub(crate) fn is_record(&self) -> bool {
        matches!(
            self,
            Body::Card {
                judged: Judged::Now,
                ..
            } | Body::Why {
                judged: Judged::Now,
                ..
            }
        )
    }
}
