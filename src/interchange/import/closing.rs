//! The close-on-next-relation pass: a tie left open ends just before a
//! later tie of a relation that supersedes it between the same pair begins
//! (an alliance turned hostile is no longer an alliance). Which relation
//! supersedes which is the mapping's `supersede`, or
//! [`DEFAULT_SUPERSESSION`]; others are left alone (a splinter does not end
//! an alliance).

use rustc_hash::{FxHashMap, FxHashSet};

use super::importer::Importer;
use crate::interchange::mapping::DEFAULT_SUPERSESSION;
use crate::model::{ActorId, PartialDate, RelationId, TieId};

impl Importer<'_> {
    /// Whether this import closes ties: asked, or the mapping says how.
    pub(crate) fn closes_ties(&self) -> bool {
        self.options.close_on_next_relation || !self.options.mapping.supersede.is_empty()
    }

    /// (later, earlier) relation pairs where a later tie ends an earlier one;
    /// names the graph does not have are ignored.
    fn supersession(&self) -> FxHashSet<(RelationId, RelationId)> {
        let relations = self.builder.graph().relations();
        let rule: Vec<(&str, Vec<&str>)> = if self.options.mapping.supersede.is_empty() {
            DEFAULT_SUPERSESSION
                .iter()
                .map(|(later, ends)| (*later, ends.to_vec()))
                .collect()
        } else {
            self.options
                .mapping
                .supersede
                .iter()
                .map(|(later, ends)| (later.as_str(), ends.iter().map(String::as_str).collect()))
                .collect()
        };
        let mut pairs = FxHashSet::default();
        for (later, ends) in rule {
            let Some(later) = relations.find(later) else {
                continue;
            };
            for earlier in ends {
                if let Some(earlier) = relations.find(earlier) {
                    pairs.insert((later, earlier));
                }
            }
        }
        pairs
    }

    /// Ends each open tie this import added at the period before the next
    /// tie of a relation that supersedes it between its pair, when that is
    /// after its start.
    pub(crate) fn close_on_next_relation(&mut self) {
        let supersedes = self.supersession();
        let mut pairs: FxHashMap<(ActorId, ActorId), Vec<TieId>> = FxHashMap::default();
        for tie in self.builder.graph().all_ties() {
            if self.tie_lines.line_of(tie.id).is_some() {
                let pair = (tie.from.min(tie.to), tie.from.max(tie.to));
                pairs.entry(pair).or_default().push(tie.id);
            }
        }
        let mut changes = Vec::new();
        for ties in pairs.values_mut() {
            if ties.len() < 2 {
                continue;
            }
            let graph = self.builder.graph();
            ties.sort_by_key(|t| (graph.tie(*t).expect("listed").tie.window().first, *t));
            for (i, id) in ties.iter().enumerate() {
                let tie = graph.tie(*id).expect("listed").tie;
                let Some(start) = tie.start() else { continue };
                if tie.end().is_some() {
                    continue;
                }
                let next = ties[i + 1..].iter().find_map(|other| {
                    let other = graph.tie(*other).expect("listed").tie;
                    let next_start = other.start()?;
                    (supersedes.contains(&(other.relation, tie.relation))
                        && next_start.first_day() > start.first_day())
                    .then_some((next_start, other.relation))
                });
                let Some((next_start, later)) = next else {
                    continue;
                };
                if let Some(end) = ended_by(next_start) {
                    if end.last_day() >= start.first_day() {
                        let why = format!(
                            "End inferred on import, not from a source: a {} tie between \
                             the same actors begins {next_start}, so this one ended on or \
                             before {}.",
                            graph.relations().name(later),
                            end.to_string()
                                .trim_start_matches("[..")
                                .trim_end_matches(']')
                        );
                        changes.push((*id, start, end, why));
                    }
                }
            }
        }
        for (id, start, end, why) in changes {
            if let Some(tie) = self.builder.graph_mut().tie_mut(id) {
                tie.set_span(Some(start), Some(end));
                // The caveat travels with the tie, to every answer that shows its note.
                let details = tie.details_mut();
                details.note = Some(match details.note.take() {
                    Some(note) if !note.is_empty() => format!("{note}\n{why}"),
                    _ => why,
                });
                self.report.ties_closed += 1;
            }
        }
    }
}

/// When a tie must have ended, given that a tie superseding it begins at
/// `next`: on or before the period before it, at its precision. Only that
/// much is known (the sources give the later start, not the end), so the
/// end is uncertain: `[..2012-05]` before `2012-06`.
fn ended_by(next: PartialDate) -> Option<PartialDate> {
    let latest = if next.is_plain() {
        period_before(next)?
    } else {
        PartialDate::from_day(next.last_day() - 1)
    };
    format!("[..{latest}]").parse().ok()
}

/// The day, month or year before a plain `date`, at its precision.
fn period_before(date: PartialDate) -> Option<PartialDate> {
    let year = date.year_number();
    match (date.month_number(), date.day_number()) {
        (None, _) => PartialDate::year(year - 1).ok(),
        (Some(1), None) => PartialDate::new(year - 1, Some(12), None).ok(),
        (Some(month), None) => PartialDate::new(year, Some(month - 1), None).ok(),
        (Some(_), Some(_)) => Some(PartialDate::from_day(date.first_day() - 1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tie_ends_on_or_before_the_period_before_its_successor() {
        let ended = |text: &str| ended_by(text.parse().unwrap()).map(|d| d.to_string());
        assert_eq!(ended("2012").as_deref(), Some("[..2011]"));
        assert_eq!(ended("2012-01").as_deref(), Some("[..2011-12]"));
        assert_eq!(ended("2012-06").as_deref(), Some("[..2012-05]"));
        assert_eq!(ended("2012-03-01").as_deref(), Some("[..2012-02-29]"));
        // Uncertainty is kept, never dropped: only a latest day is known.
        assert_eq!(ended("2012~").as_deref(), Some("[..2013-12-30]"));
        assert_eq!(ended("[..2014]").as_deref(), Some("[..2014-12-30]"));
        assert_eq!(ended("201X").as_deref(), Some("[..2019-12-30]"));
    }
}
