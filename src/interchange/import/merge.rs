//! Rows that are the same tie become one: the tie a row adds, and the one
//! rule for merging a row into a tie already read, which both repeated rows
//! and folded event runs use.

use super::importer::{reasons, Importer};
use super::index::TieKey;
use crate::model::{ActorId, Confidence, PartialDate, RelationId, Tie, TieDetails};

/// What rows say about a tie beyond its ends, relation and dates: what
/// merges when rows repeat it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TieFacts {
    /// The strongest confidence the rows give.
    pub(crate) confidence: Confidence,
    /// Sources, note, evidence and event count of the rows.
    pub(crate) details: TieDetails,
}

impl TieFacts {
    /// Merges a repeating row's facts in: the strongest confidence, every
    /// source once, every distinct note and evidence kept (a second text on
    /// its own line, none dropped), and the first event count given.
    pub(crate) fn absorb(&mut self, incoming: TieFacts) {
        self.confidence = self.confidence.max(incoming.confidence);
        let (kept, incoming) = (&mut self.details, incoming.details);
        for source in incoming.sources {
            if !kept.sources.contains(&source) {
                kept.sources.push(source);
            }
        }
        merge_text(&mut kept.note, incoming.note);
        merge_text(&mut kept.evidence, incoming.evidence);
        if kept.events.is_none() {
            kept.events = incoming.events;
        }
        if kept.fatalities.is_none() {
            kept.fatalities = incoming.fatalities;
        }
    }

    /// Merges the facts into a tie of the graph. Its details are touched
    /// only when the row has some: most ties carry none, unallocated.
    fn merge_into(self, tie: &mut Tie) {
        let mut kept = TieFacts {
            confidence: tie.confidence,
            details: TieDetails::default(),
        };
        let has_details = self.details != TieDetails::default();
        if has_details {
            kept.details = std::mem::take(tie.details_mut());
        }
        kept.absorb(self);
        tie.confidence = kept.confidence;
        if has_details {
            *tie.details_mut() = kept.details;
        }
    }
}

/// Keeps every row's text when rows merge into one tie: a second, different
/// text is appended on its own line rather than dropped.
fn merge_text(kept: &mut Option<String>, incoming: Option<String>) {
    let Some(incoming) = incoming else { return };
    match kept {
        None => *kept = Some(incoming),
        Some(text) if text.lines().any(|line| line == incoming) => {}
        Some(text) => {
            text.push('\n');
            text.push_str(&incoming);
        }
    }
}

/// A row of the ties table, read and checked against the graph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TieRow {
    /// The source end, as the row gives it.
    pub(crate) from: ActorId,
    /// The target end.
    pub(crate) to: ActorId,
    pub(crate) relation: RelationId,
    pub(crate) start: Option<PartialDate>,
    pub(crate) end: Option<PartialDate>,
    pub(crate) facts: TieFacts,
    /// A tie of an associated actor (not a row of its own: counted apart).
    pub(crate) associate: bool,
}

impl Importer<'_> {
    /// Adds a tie, or merges it into the identical one already there; a
    /// row the graph file's rules refuse (dates outside an actor's life,
    /// evidence without a source, ...) is rejected in their words.
    pub(crate) fn add_tie(&mut self, row: TieRow, line: u64) {
        let graph = self.builder.graph();
        let key = TieKey::new(
            graph.relations(),
            (row.from, row.to),
            row.relation,
            row.start,
            row.end,
        );
        if let Some(existing) = self.ties.find(graph, key) {
            let mut merged = graph.tie(existing).expect("indexed ties exist").tie.clone();
            row.facts.merge_into(&mut merged);
            let problems = self.builder.tie_problems(row.from, row.to, &merged);
            if !problems.is_empty() {
                self.reject_row(row.associate, line, reasons(problems));
                return;
            }
            *self
                .builder
                .graph_mut()
                .tie_mut(existing)
                .expect("indexed ties exist") = merged;
            if !row.associate {
                self.report.rows_merged += 1;
            }
            return;
        }
        let tie = Tie::new(row.relation, row.start, row.end, row.facts.confidence)
            .with_details(row.facts.details);
        match self.builder.try_tie(row.from, row.to, tie) {
            Ok(id) => {
                self.ties.insert(self.builder.graph(), key, id);
                self.tie_lines.record(id, line);
                if row.associate {
                    self.report.associate_ties += 1;
                } else {
                    self.report.ties_added += 1;
                }
            }
            Err(problems) => self.reject_row(row.associate, line, reasons(problems)),
        }
    }
}

impl Importer<'_> {
    /// Rejects a tie row, or an associate's tie (counted apart: it is no row).
    fn reject_row(&mut self, associate: bool, line: u64, reason: String) {
        if associate {
            self.report.associate_rejections += 1;
            self.reject_tie(line, format!("associated actor's tie: {reason}"));
        } else {
            self.reject_tie(line, reason);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceId;

    fn facts(confidence: Confidence, sources: &[u32], note: Option<&str>) -> TieFacts {
        TieFacts {
            confidence,
            details: TieDetails {
                sources: sources.iter().map(|s| SourceId(*s)).collect(),
                note: note.map(str::to_string),
                ..TieDetails::default()
            },
        }
    }

    #[test]
    fn merged_rows_keep_both_notes_every_source_and_the_strongest_confidence() {
        let mut kept = facts(Confidence::Possible, &[0, 1], Some("first row"));
        kept.absorb(facts(Confidence::Confirmed, &[1, 2], Some("second row")));
        assert_eq!(kept.confidence, Confidence::Confirmed);
        let sources: Vec<usize> = kept.details.sources.iter().map(|s| s.index()).collect();
        assert_eq!(sources, [0, 1, 2]);
        assert_eq!(kept.details.note.as_deref(), Some("first row\nsecond row"));
        // The same note again is not repeated; a weaker confidence changes nothing.
        kept.absorb(facts(Confidence::Likely, &[], Some("second row")));
        assert_eq!(kept.details.note.as_deref(), Some("first row\nsecond row"));
        assert_eq!(kept.confidence, Confidence::Confirmed);
    }

    #[test]
    fn evidence_merges_like_notes_and_the_first_event_count_stays() {
        let mut kept = facts(Confidence::Likely, &[], None);
        let mut incoming = facts(Confidence::Likely, &[], None);
        incoming.details.evidence = Some("quoted".into());
        incoming.details.events = Some(3);
        kept.absorb(incoming.clone());
        incoming.details.evidence = Some("also quoted".into());
        incoming.details.events = Some(9);
        kept.absorb(incoming);
        assert_eq!(
            kept.details.evidence.as_deref(),
            Some("quoted\nalso quoted")
        );
        assert_eq!(kept.details.events, Some(3));
    }

    #[test]
    fn merging_into_a_tie_keeps_its_details_and_adds_the_rows() {
        let mut tie = Tie::new(RelationId::ALLIANCE, None, None, Confidence::Likely)
            .with_details(facts(Confidence::Likely, &[4], Some("old")).details);
        facts(Confidence::Possible, &[5], Some("new")).merge_into(&mut tie);
        assert_eq!(tie.confidence, Confidence::Likely);
        let sources: Vec<usize> = tie.sources().iter().map(|s| s.index()).collect();
        assert_eq!(sources, [4, 5]);
        assert_eq!(tie.note(), Some("old\nnew"));
        let mut bare = Tie::new(RelationId::ALLIANCE, None, None, Confidence::Possible);
        facts(Confidence::Confirmed, &[], None).merge_into(&mut bare);
        assert_eq!(bare.confidence, Confidence::Confirmed);
        assert_eq!(
            bare,
            Tie::new(RelationId::ALLIANCE, None, None, Confidence::Confirmed)
        );
    }
}
