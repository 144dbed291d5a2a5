//! The importer's state across the tables of one import: the graph it adds
//! to, its indexes, what it has rejected and the report it builds.

use std::io::Read;

use rustc_hash::FxHashMap;

use super::cells::CellReading;
use super::index::{IdIndex, TieIndex, TieLines};
use super::matching::NameMatcher;
use super::resolve::RelationValue;
use super::table::{next_record, Record};
use super::{ImportError, ImportOptions, ImportReport, Rejection};
use crate::model::{Actor, ActorId, Graph, GraphBuilder, Problem};

/// Where the actors a tie names come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TieEnds {
    /// An actors table was read: a tie naming anyone else is rejected.
    FromActorsTable,
    /// No actors table: ties name the actors, which are created as needed.
    CreatedByTies,
}

/// One import's work in progress; the tables' readers are its methods,
/// spread over the files of this module.
pub(crate) struct Importer<'a> {
    /// The graph rows are added to, taken from `target` for the import and
    /// behind the graph file's rules: every actor and tie goes through it.
    pub(crate) builder: GraphBuilder,
    /// Where the graph goes back when the importer is done (or dropped).
    target: &'a mut Graph,
    /// The mapping and rules of this import.
    pub(crate) options: &'a ImportOptions,
    /// Actor id → actor, exact.
    pub(crate) ids: IdIndex,
    /// Ties by key, for merging.
    pub(crate) ties: TieIndex,
    /// Relation cells read so far and what they came to.
    pub(crate) relation_cache: Vec<(String, RelationValue)>,
    /// Where each tie this import added came from.
    pub(crate) tie_lines: TieLines,
    /// The ties table's name, for rejections after its rows are read.
    pub(crate) ties_origin: String,
    /// How the ties table's cells are read.
    pub(crate) tie_cells: CellReading,
    /// Whether ties may create the actors they name.
    pub(crate) tie_ends: TieEnds,
    /// Ids of actor rows that were rejected, with where: ties naming them
    /// say so rather than "not in the actors table".
    pub(crate) rejected_actors: FxHashMap<String, (String, u64)>,
    /// What the import has done so far.
    pub(crate) report: ImportReport,
    /// The graph's actors by name, when it had some before the import:
    /// incoming actors are matched against them (and those made since).
    pub(crate) matcher: Option<NameMatcher>,
    /// Incoming ids awaiting the analyst's review, or left out by it: rows
    /// naming them are skipped.
    pub(crate) set_aside: FxHashMap<String, SetAside>,
    /// The line of the ties row being placed, for the review file.
    pub(crate) current_line: u64,
}

/// Why an incoming actor is not in the graph, though nothing was wrong with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum SetAside {
    /// It waits for the analyst's decision in the review file.
    ForReview,
    /// The analyst's decision leaves it out.
    Skipped,
}

impl<'a> Importer<'a> {
    /// An importer adding to `graph`, which may have actors and ties already.
    pub(crate) fn new(graph: &'a mut Graph, options: &'a ImportOptions) -> Self {
        let graph_had_actors = graph.actor_count() > 0;
        let matcher = graph_had_actors.then(|| NameMatcher::of_graph(graph));
        Importer {
            ids: IdIndex::of_graph(graph),
            ties: TieIndex::of_graph(graph),
            tie_lines: TieLines::new(graph),
            builder: GraphBuilder::from_graph(std::mem::take(graph)),
            target: graph,
            options,
            relation_cache: Vec::new(),
            ties_origin: String::new(),
            tie_cells: CellReading::default(),
            tie_ends: TieEnds::CreatedByTies,
            rejected_actors: FxHashMap::default(),
            report: ImportReport {
                into_existing: graph_had_actors,
                ..ImportReport::default()
            },
            matcher,
            set_aside: FxHashMap::default(),
            current_line: 0,
        }
    }

    /// Records a row that is not imported.
    pub(crate) fn reject(&mut self, origin: &str, line: u64, reason: String) {
        self.report.rejections.push(Rejection {
            origin: origin.to_string(),
            line,
            reason,
        });
    }

    /// Rejects a row of the ties table.
    pub(crate) fn reject_tie(&mut self, line: u64, reason: String) {
        let origin = self.ties_origin.clone();
        self.reject(&origin, line, reason);
    }

    /// Rejects an actor row, remembering its id for the ties that name it.
    pub(crate) fn reject_actor(&mut self, origin: &str, line: u64, id: &str, reason: String) {
        self.rejected_actors
            .entry(id.to_string())
            .or_insert_with(|| (origin.to_string(), line));
        self.reject(origin, line, reason);
    }

    /// Adds an actor to the graph, by the graph file's rules, and to the id index.
    pub(crate) fn add_actor(&mut self, actor: Actor) -> Result<ActorId, String> {
        let key = actor.id.clone();
        let added = self.builder.try_actor(actor).map_err(reasons)?;
        self.ids.insert(&key, added);
        if let Some(matcher) = &mut self.matcher {
            matcher.add(added, self.builder.graph().actor(added));
        }
        Ok(added)
    }

    /// The next well-formed record of a table and its line; malformed rows
    /// are rejected on the way.
    pub(crate) fn next_record<R: Read, Rec: Record>(
        &mut self,
        reader: &mut csv::Reader<super::guard::CsvGuard<R>>,
        record: &mut Rec,
        origin: &str,
    ) -> Result<Option<u64>, ImportError> {
        let report = &mut self.report;
        let next = next_record(reader, record, origin, |rejection| {
            report.rows_read += 1;
            report.rejections.push(rejection)
        })?;
        if next.is_some() {
            self.report.rows_read += 1;
        }
        Ok(next)
    }

    /// The passes that need every row, then the indexes freed and the
    /// graph given back.
    pub(crate) fn finish(mut self) -> ImportReport {
        if self.closes_ties() {
            self.close_on_next_relation();
        }
        self.reject_subgroup_cycles();
        std::mem::take(&mut self.report)
    }

    /// Removes and rejects the ties this import added that close a
    /// subgroup-of cycle (the latest row of each), in the builder's words;
    /// ties the graph had before stay.
    fn reject_subgroup_cycles(&mut self) {
        for (id, problem) in self.builder.break_subgroup_cycles() {
            let line = self.tie_lines.line_of(id).unwrap_or(0);
            self.report.ties_added -= 1;
            self.reject_tie(u64::from(line), reasons(vec![problem]));
        }
    }
}

impl Drop for Importer<'_> {
    /// The graph goes back to its owner however the import ends.
    fn drop(&mut self) {
        *self.target = std::mem::take(self.builder.graph_mut());
    }
}

/// The builder's problems with a row, as one rejection reason.
pub(crate) fn reasons(problems: Vec<Problem>) -> String {
    let messages: Vec<String> = problems.into_iter().map(|p| p.message).collect();
    messages.join("; ")
}
