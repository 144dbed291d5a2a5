//! CSV import: an actors table and a ties table, read through a
//! [`Mapping`], into a [`Graph`].
//!
//! Every row that cannot be used is rejected with its file, line and reason;
//! nothing is dropped silently. Identical ties merge (the strongest
//! confidence and every source kept). Cells are trimmed and HTML entities
//! decoded, except in a directory actorgraph's CSV export wrote (its
//! `graph.csv` carries [`crate::interchange::export::CSV_MARKER`]), whose
//! cells are read exactly as written. Beside the ties file, in the default
//! layout, the companion tables are read when present: see [`Companions`].
//! The rows are checked one by one by the builder [`Graph::build`] uses,
//! and added straight to the graph; the subgroup-of cycle check, which
//! needs every tie, runs at the end and drops the newest row of a loop.
//!
//! One job per file: [`table`] (CSV plumbing), [`cells`], [`companions`],
//! `actors`, `tie_cells` and `ties` (the ties table's cells and its two
//! readers), `resolve` (rows against the graph), `matching` (incoming
//! actors met with the graph's), `repair` (Windows-1252 damage), [`review`]
//! (the review file), `merge`, `fold`, `index`, and the pass after the
//! rows, `closing`. Every actor and tie goes through the graph builder
//! ([`crate::model::GraphBuilder`]): a graph file's rules and words.

mod actors;
pub mod cells;
mod closing;
pub mod companions;
mod fold;
pub mod guard;
mod importer;
mod incoming;
mod index;
mod matching;
mod merge;
mod repair;
mod report;
mod resolve;
pub mod review;
pub mod table;
mod tie_cells;
mod ties;

use std::io::Read;
use std::path::Path;

use crate::model::Graph;

pub use cells::CellReading;
pub use companions::{
    written_by_export, Companions, EVENTS_TABLE, GRAPH_TABLE, RELATIONS_TABLE, SOURCES_TABLE,
};
pub use report::{
    rejection_diagnostics, ImportError, ImportOptions, ImportReport, Rejection, RowCounts,
    ROWS_SHOWN,
};
pub use review::{read_decisions, review_table, Decision, Decisions, ReviewItem};
pub use table::Table;

use importer::{Importer, TieEnds};

/// The companion tables for an import of `ties`: those beside it in the
/// default layout; none with a mapping of other columns (its layout is
/// another dataset's).
fn companions_for(
    ties: &Path,
    actors: Option<&Path>,
    options: &ImportOptions,
) -> Result<Companions, ImportError> {
    let stdin = Path::new("-");
    if actors == Some(stdin) && ties == stdin {
        return Err(ImportError::Io {
            origin: "-".into(),
            error: std::io::Error::other(
                "standard input can be read once: give the actors table or the ties table as a file",
            ),
        });
    }
    // Tables from standard input have no folder to find companions in.
    if options.mapping.is_default_layout() && ties != stdin && actors != Some(stdin) {
        Companions::beside(ties, actors)
    } else {
        Ok(Companions::none())
    }
}

/// Reads the files into a new graph, with the companion tables beside the
/// ties file (default layout). The graph is titled by `graph.csv`, or after
/// the ties file.
pub fn import(
    actors: Option<&Path>,
    ties: &Path,
    options: &ImportOptions,
) -> Result<(Graph, ImportReport), ImportError> {
    let title = match ties.file_stem() {
        Some(stem) if ties != Path::new("-") => stem.to_string_lossy().into_owned(),
        _ => "imported".to_string(),
    };
    let mut graph = Graph::new(title);
    let companions = companions_for(ties, actors, options)?;
    let actors = actors.map(Table::open).transpose()?;
    let report = import_tables(&mut graph, companions, actors, Table::open(ties)?, options)?;
    if let Some(title) = &report.title {
        graph.title = title.clone();
    }
    graph.set_as_of(report.as_of);
    Ok((graph, report))
}

/// Reads the files (and the companion tables beside the ties file, default
/// layout) into an existing graph (the REPL's open session). Actors the
/// graph has already are found by id; ties it has already merge; the
/// graph's title and as-of date stay. The import runs on a copy that
/// replaces the graph only when it succeeds: on any error, strict or not,
/// the graph is left as it was.
pub fn import_into(
    graph: &mut Graph,
    actors: Option<&Path>,
    ties: &Path,
    options: &ImportOptions,
) -> Result<ImportReport, ImportError> {
    let companions = companions_for(ties, actors, options)?;
    let actors = actors.map(Table::open).transpose()?;
    let ties = Table::open(ties)?;
    let mut scratch = graph.clone();
    let report = import_tables(&mut scratch, companions, actors, ties, options)?;
    *graph = scratch;
    Ok(report)
}

/// Reads the companion tables, an actors table (optional) and a ties table
/// into `graph`. The title and as-of date a graph table gives come back in
/// the report; the graph's own are not changed. On an error (with `strict`,
/// any rejection returns [`ImportError::Strict`]) `graph` may hold part of
/// the import: callers that keep it use [`import_into`].
pub fn import_tables<A: Read, T: Read + Send>(
    graph: &mut Graph,
    companions: Companions,
    actors: Option<Table<A>>,
    ties: Table<T>,
    options: &ImportOptions,
) -> Result<ImportReport, ImportError> {
    let mut importer = Importer::new(graph, options);
    if let Some(table) = companions.graph {
        importer.read_graph_table(table)?;
    }
    if let Some(table) = companions.relations {
        importer.read_relations(table)?;
    }
    if let Some(table) = companions.sources {
        importer.read_sources(table)?;
    }
    let ends = match actors {
        Some(table) => {
            importer.read_actors(table)?;
            TieEnds::FromActorsTable
        }
        None => TieEnds::CreatedByTies,
    };
    importer.read_ties(ties, ends)?;
    if let Some(table) = companions.events {
        importer.read_events(table)?;
    }
    let report = importer.finish();
    if options.strict && !report.rejections.is_empty() {
        return Err(ImportError::Strict(report.rejections));
    }
    Ok(report)
}
