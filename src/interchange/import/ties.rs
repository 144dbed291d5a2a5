//! The ties table: each record's cells read (on a second thread for large
//! files with a complete actors table), then resolved against the graph and
//! added, merged or folded on this one, in file order. Both paths read a
//! record with [`read_row`] and place it with [`Importer::place_row`].

use std::io::Read;

use super::fold::{FoldRuns, Folded};
use super::importer::{Importer, TieEnds};
use super::index::IdIndex;
use super::resolve::{known_relation, EndCell, RelationCell};
use super::table::{csv_reader, delimiter_of, next_record, Header, Table};
use super::tie_cells::{RowCells, TieCells};
use super::{ImportError, Rejection};
use crate::interchange::mapping::{EndBy, Fold, RelationColumn};
use crate::model::{ActorKind, Confidence, PartialDate, Relations};

/// A ties row with every cell read that needs no graph.
pub(crate) struct OwnedRow {
    pub(crate) ends: [EndCell; 2],
    pub(crate) relation: RelationCell,
    pub(crate) start: Option<PartialDate>,
    pub(crate) end: Option<PartialDate>,
    pub(crate) confidence: Confidence,
    /// Source ids, `;` separated, as written.
    pub(crate) sources: String,
    pub(crate) note: Option<String>,
    pub(crate) evidence: Option<String>,
    pub(crate) events: Option<u32>,
    pub(crate) fatalities: Option<u32>,
    /// The ends' kinds, from the mapping's code columns.
    pub(crate) kinds: [Option<ActorKind>; 2],
    /// The actors associated with each end, by name.
    pub(crate) associates: Option<Box<[Vec<String>; 2]>>,
}

/// A record as read: the row (`None` when the mapping skips it) or why it
/// is rejected.
type ReadRow = Result<Option<OwnedRow>, String>;

/// What the reader thread may look up without the graph: actor ids of a
/// complete actors table and the relations known before the ties.
struct Lookups<'a> {
    ids: &'a IdIndex,
    relations: &'a Relations,
    rules: &'a RelationColumn,
    /// Relation cells seen, with what they came to.
    seen: Vec<(String, RelationCell)>,
}

impl Lookups<'_> {
    fn relation(&mut self, value: &str) -> RelationCell {
        if let Some((_, known)) = self.seen.iter().find(|(v, _)| v == value) {
            return known.clone();
        }
        let known = known_relation(self.relations, self.rules, value);
        self.seen.push((value.to_string(), known.clone()));
        known
    }
}

/// Reads one record's row: its cells, and with `lookups` (the reader
/// thread) its actors and relation where they are known already; the rest
/// is left for [`Importer::resolve`].
fn read_row(
    columns: &TieCells,
    record: &csv::ByteRecord,
    lookups: Option<&mut Lookups>,
) -> ReadRow {
    let Some(cells) = columns.parse(record)? else {
        return Ok(None);
    };
    let (ends, relation) = match lookups {
        None => (
            cells
                .ends
                .clone()
                .map(|cell| EndCell::Cell(cell.into_owned())),
            RelationCell::Cell(cells.relation.to_string()),
        ),
        Some(lookups) => (
            cells.ends.clone().map(|cell| match lookups.ids.get(&cell) {
                Some(id) => EndCell::Found(id),
                None => EndCell::Cell(cell.into_owned()),
            }),
            lookups.relation(&cells.relation),
        ),
    };
    Ok(Some(owned_row(cells, ends, relation)))
}

fn owned_row(cells: RowCells<'_>, ends: [EndCell; 2], relation: RelationCell) -> OwnedRow {
    OwnedRow {
        ends,
        relation,
        start: cells.start,
        end: cells.end,
        confidence: cells.confidence,
        sources: cells.sources.into_owned(),
        note: cells.note,
        evidence: cells.evidence,
        events: cells.events,
        fatalities: cells.fatalities,
        kinds: cells.kinds,
        associates: cells.associates,
    }
}

/// Where resolved rows go: straight into the graph, or into fold runs that
/// become ties once every row is read.
enum Destination {
    Graph,
    Runs(FoldRuns),
}

/// Rows handed from the reader thread at once.
const BATCH: usize = 4096;

impl Importer<'_> {
    /// Reads the ties table. `ends` says whether ties may create actors.
    pub(crate) fn read_ties<R: Read + Send>(
        &mut self,
        table: Table<R>,
        ends: TieEnds,
    ) -> Result<(), ImportError> {
        let origin = table.origin.clone();
        self.ties_origin = origin.clone();
        self.tie_cells = table.cell_reading();
        self.tie_ends = ends;
        if let Some(bytes) = table.bytes {
            // About 40 bytes a row in the default layout.
            self.ties
                .reserve(self.builder.graph(), (bytes / 40) as usize);
        }
        let delimiter = delimiter_of(&table, &self.options.mapping);
        let mut reader = csv_reader(table.reader, delimiter);
        let header = Header::read(&mut reader, &origin)?;
        let columns = TieCells::new(&header, &self.options.mapping, self.tie_cells)?;
        if self.reads_ties_on_two_threads(table.bytes) {
            return self.read_ties_on_two_threads(reader, &columns, &origin);
        }
        let mut destination = match self.options.mapping.ties.fold {
            Fold::Rows => Destination::Graph,
            Fold::PerPair => Destination::Runs(FoldRuns::default()),
        };
        let mut record = csv::ByteRecord::new();
        while let Some(line) = self.next_record(&mut reader, &mut record, &origin)? {
            let row = read_row(&columns, &record, None);
            self.place_row(&mut destination, line, row);
        }
        if let Destination::Runs(runs) = destination {
            for (row, line) in runs.into_rows() {
                self.add_tie(row, line);
            }
        }
        Ok(())
    }

    /// With ids resolved against a complete actors table, the id index is
    /// read-only while the ties are read: worth a second thread for a large
    /// file whose rows are ties (not events to fold).
    fn reads_ties_on_two_threads(&self, bytes: Option<u64>) -> bool {
        let mapping = &self.options.mapping.ties;
        self.tie_ends == TieEnds::FromActorsTable
            && mapping.fold == Fold::Rows
            && mapping.source.by == EndBy::Id
            && mapping.target.by == EndBy::Id
            && bytes.is_some_and(|b| b > (1 << 20))
    }

    /// Resolves a row read and adds it where it goes; counts a skipped row
    /// and rejects a bad one.
    fn place_row(&mut self, destination: &mut Destination, line: u64, row: ReadRow) {
        self.current_line = line;
        let row = row.and_then(|row| match row {
            Some(row) => self.resolve(row),
            None => Ok(None),
        });
        match row {
            Ok(Some((row, associates))) => {
                for tie in std::iter::once(row).chain(associates) {
                    let associate = tie.associate;
                    match destination {
                        Destination::Graph => self.add_tie(tie, line),
                        Destination::Runs(runs) => {
                            let folded = runs.add(tie, line, self.builder.graph().relations());
                            // An associate's tie is no row: only rows count as folded.
                            if folded == Folded::IntoRun && !associate {
                                self.report.events_folded += 1;
                            }
                        }
                    }
                }
            }
            Ok(None) => self.report.rows_skipped += 1,
            Err(reason) => self.reject_tie(line, reason),
        }
    }

    /// The ties table read on a second thread (CSV, cells, id and relation
    /// lookups) and added to the graph on this one, in file order.
    fn read_ties_on_two_threads<R: Read + Send>(
        &mut self,
        mut reader: csv::Reader<super::guard::CsvGuard<R>>,
        columns: &TieCells,
        origin: &str,
    ) -> Result<(), ImportError> {
        let ids = std::mem::take(&mut self.ids);
        let relations = self.builder.graph().relations().clone();
        let mut lookups = Lookups {
            ids: &ids,
            relations: &relations,
            rules: &self.options.mapping.ties.relation,
            seen: Vec::new(),
        };
        let result = std::thread::scope(|scope| {
            let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<(u64, ReadRow)>>(8);
            let reader_thread = scope.spawn(move || -> Result<(), ImportError> {
                let mut record = csv::ByteRecord::new();
                let mut batch = Vec::with_capacity(BATCH);
                // Malformed rows go in the batch too, to be rejected in file order.
                while let Some(line) =
                    next_record(&mut reader, &mut record, origin, |r: Rejection| {
                        batch.push((r.line, Err(r.reason)))
                    })?
                {
                    batch.push((line, read_row(columns, &record, Some(&mut lookups))));
                    if batch.len() >= BATCH {
                        let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                        if sender.send(full).is_err() {
                            return Ok(());
                        }
                    }
                }
                if !batch.is_empty() {
                    let _ = sender.send(batch);
                }
                Ok(())
            });
            let mut destination = Destination::Graph;
            for batch in receiver {
                for (line, row) in batch {
                    self.report.rows_read += 1;
                    self.place_row(&mut destination, line, row);
                }
            }
            reader_thread
                .join()
                .expect("the CSV reader thread does not panic")
        });
        self.ids = ids;
        result
    }
}
