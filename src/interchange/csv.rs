//! CSV import: an actors table and a ties table, read through a
//! [`Mapping`], into a [`Graph`].
//!
//! Every row that cannot be used is rejected with its file, line and reason;
//! nothing is dropped silently. Identical ties merge (the strongest
//! confidence and every source kept). Cells are trimmed and HTML entities
//! decoded, except in a directory actorgraph's CSV export wrote (its
//! `graph.csv` carries [`CSV_MARKER`]), whose cells are read exactly as
//! written. Beside the ties file, in the default layout, `graph.csv`,
//! `relations.csv` and `sources.csv` are read when present: see
//! [`Companions`]. The rows are checked here, one by one, against the same rules
//! [`Graph::build`] applies, and added straight to the graph; only when the
//! subgroup-of ties hold a cycle does the model's own validation run, to
//! name it.

use std::borrow::Cow;
use std::fmt;
use std::hash::BuildHasher;
use std::io::Read;
use std::path::Path;

use hashbrown::DefaultHashBuilder;
use hashbrown::HashTable;
use rustc_hash::FxHashMap;

use crate::model::{
    Actor, ActorId, ActorKind, Confidence, Graph, PartialDate, Relation, RelationId, Site, Source,
    SourceId, Tie, TieDetails, TieId,
};

use super::export::CSV_MARKER;
use super::mapping::{
    ConfidenceColumn, DateColumn, DateFormat, EndBy, Fold, Mapping, OtherRelation,
};
use super::text::{read as read_cell, split_list};

/// How to import.
#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    pub mapping: Mapping,
    /// Any rejected row makes the import fail, changing nothing.
    pub strict: bool,
    /// A tie with no end ends just before a later tie of another relation
    /// between the same pair begins.
    pub close_on_next_relation: bool,
}

/// A row that was not imported, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejection {
    /// The file (or other origin) it came from.
    pub origin: String,
    /// 1-based line of the row.
    pub line: u64,
    pub reason: String,
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.origin, self.line, self.reason)
    }
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Actors read from the actors table.
    pub actors_added: usize,
    /// Actors created because a tie named them and no table did.
    pub actors_created: usize,
    pub ties_added: usize,
    /// Rows that repeated an actor or tie already read, merged into it.
    pub rows_merged: usize,
    /// Event rows folded into a tie of the same pair (fold mode).
    pub events_folded: usize,
    /// Rows the mapping says to skip (e.g. ACLED protests), with their count.
    pub rows_skipped: usize,
    /// Ties given an end by the close-on-next-relation rule.
    pub ties_closed: usize,
    /// Relations declared by a relations table.
    pub relations_declared: usize,
    /// Sources added by a sources table.
    pub sources_added: usize,
    /// One-off events added from `events.csv`.
    pub events_added: usize,
    /// The title a graph table gives; [`import`] titles the graph with it.
    pub title: Option<String>,
    /// The as-of date a graph table gives; [`import`] sets it on the graph.
    pub as_of: Option<PartialDate>,
    /// The companion tables read (graph, relations, sources), as their origins.
    pub companions: Vec<String>,
    pub rejections: Vec<Rejection>,
}

impl ImportReport {
    /// One line for people: "12 actors, 40 ties imported; 3 rows merged; 1 row rejected".
    pub fn summary(&self) -> String {
        let mut parts = vec![format!(
            "{} actors ({} from ties), {} ties imported",
            self.actors_added + self.actors_created,
            self.actors_created,
            self.ties_added
        )];
        let mut add = |count: usize, what: &str| {
            if count > 0 {
                parts.push(format!("{count} {what}"));
            }
        };
        add(self.rows_merged, "duplicate rows merged");
        add(self.events_folded, "events folded into ties");
        add(self.rows_skipped, "rows skipped by the mapping");
        add(self.ties_closed, "ties closed by a later relation");
        add(self.relations_declared, "relations declared");
        add(self.sources_added, "sources added");
        add(self.events_added, "events added");
        add(self.rejections.len(), "rows rejected");
        if !self.companions.is_empty() {
            let names: Vec<&str> = self
                .companions
                .iter()
                .map(|origin| {
                    Path::new(origin)
                        .file_name()
                        .and_then(|n| n.to_str())
                        .unwrap_or(origin)
                })
                .collect();
            parts.push(format!("read {}", names.join(", ")));
        }
        parts.join("; ")
    }
}

/// Why an import stopped.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read `{origin}`: {error}")]
    Io {
        origin: String,
        error: std::io::Error,
    },
    #[error("{origin}:{line}: {message}")]
    Csv {
        origin: String,
        line: u64,
        message: String,
    },
    #[error("`{origin}` has no column `{column}` (its columns: {found})")]
    MissingColumn {
        origin: String,
        column: String,
        found: String,
    },
    #[error("{} rows rejected and --strict is on; nothing was imported", .0.len())]
    Strict(Vec<Rejection>),
}

/// A table to read: its bytes and the name errors give it.
pub struct Table<R> {
    pub reader: R,
    pub origin: String,
    /// The size in bytes, when known, to size the indexes up front.
    pub bytes: Option<u64>,
    /// Cells are read exactly as written (no trimming, no entity decoding):
    /// set for files actorgraph's CSV export wrote.
    pub exact: bool,
}

impl Table<std::fs::File> {
    /// Opens a file; its cells are read exactly when its directory holds a
    /// `graph.csv` written by the CSV export (see [`written_by_export`]).
    pub fn open(path: &Path) -> Result<Self, ImportError> {
        let origin = path.display().to_string();
        let reader = std::fs::File::open(path).map_err(|error| ImportError::Io {
            origin: origin.clone(),
            error,
        })?;
        let bytes = reader.metadata().ok().map(|m| m.len());
        let exact = path.parent().is_some_and(written_by_export);
        Ok(Table {
            reader,
            origin,
            bytes,
            exact,
        })
    }
}

/// The names of the companion tables the CSV export writes beside `ties.csv`.
pub const GRAPH_TABLE: &str = "graph.csv";
pub const RELATIONS_TABLE: &str = "relations.csv";
pub const SOURCES_TABLE: &str = "sources.csv";
pub const EVENTS_TABLE: &str = "events.csv";

/// What the actors and ties layout cannot hold, in small tables of their
/// own, each optional:
///
/// * `graph.csv` — `title,as_of,format`: one row; the title and as-of date of
///   the graph (a `format` of [`CSV_MARKER`] marks a directory the CSV
///   export wrote);
/// * `relations.csv` — `name,directed,note`: relations to declare (before
///   the ties, so that the ties may use them);
/// * `sources.csv` — `id,citation,url`: sources with their citation, in order;
/// * `events.csv` — `date,actors,what,confidence,sources,evidence,note`:
///   dated one-off events (read after the actors and ties).
pub struct Companions {
    pub graph: Option<Table<Box<dyn Read>>>,
    pub relations: Option<Table<Box<dyn Read>>>,
    pub sources: Option<Table<Box<dyn Read>>>,
    pub events: Option<Table<Box<dyn Read>>>,
}

impl Companions {
    /// No companion tables.
    pub fn none() -> Companions {
        Companions {
            graph: None,
            relations: None,
            sources: None,
            events: None,
        }
    }

    /// The companion tables that sit beside `ties` (a file named like one
    /// of them is never its own companion; nor is the actors file).
    pub fn beside(ties: &Path, actors: Option<&Path>) -> Result<Companions, ImportError> {
        let dir = ties.parent().unwrap_or(Path::new(""));
        let open = |name: &str| -> Result<Option<Table<Box<dyn Read>>>, ImportError> {
            let path = dir.join(name);
            let is_input = |input: &Path| input.file_name() == Some(name.as_ref());
            if is_input(ties) || actors.is_some_and(is_input) || !path.is_file() {
                return Ok(None);
            }
            let table = Table::open(&path)?;
            Ok(Some(Table {
                reader: Box::new(table.reader),
                origin: table.origin,
                bytes: table.bytes,
                exact: table.exact,
            }))
        };
        Ok(Companions {
            graph: open(GRAPH_TABLE)?,
            relations: open(RELATIONS_TABLE)?,
            sources: open(SOURCES_TABLE)?,
            events: open(EVENTS_TABLE)?,
        })
    }
}

/// True when `dir` holds a `graph.csv` whose `format` cell is
/// [`CSV_MARKER`]: a directory actorgraph's CSV export wrote, whose cells
/// are read exactly as written.
pub fn written_by_export(dir: &Path) -> bool {
    let Ok(file) = std::fs::File::open(dir.join(GRAPH_TABLE)) else {
        return false;
    };
    let mut reader = csv_reader(file.take(1 << 16));
    let Ok(header) = Header::read(&mut reader, GRAPH_TABLE) else {
        return false;
    };
    let Some(column) = header.find("format") else {
        return false;
    };
    let mut record = csv::StringRecord::new();
    matches!(reader.read_record(&mut record), Ok(true)) && record.get(column) == Some(CSV_MARKER)
}

/// The companion tables for an import of `ties`: those beside it in the
/// default layout; none with a mapping (its layout is another dataset's).
fn companions_for(
    ties: &Path,
    actors: Option<&Path>,
    options: &ImportOptions,
) -> Result<Companions, ImportError> {
    if options.mapping == Mapping::default() {
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
    let title = ties.file_stem().map_or_else(
        || "imported".to_string(),
        |s| s.to_string_lossy().into_owned(),
    );
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
    let has_actor_table = actors.is_some();
    if let Some(table) = actors {
        importer.read_actors(table)?;
    }
    importer.read_ties(ties, has_actor_table)?;
    if let Some(table) = companions.events {
        importer.read_events(table)?;
    }
    importer.finish();
    let report = importer.report;
    if options.strict && !report.rejections.is_empty() {
        return Err(ImportError::Strict(report.rejections));
    }
    Ok(report)
}

/// The hasher of the importer's tables. foldhash, not Fx: Fx spreads ids
/// such as `a000123` badly over hashbrown's control bytes.
fn hasher() -> &'static DefaultHashBuilder {
    static HASHER: std::sync::OnceLock<DefaultHashBuilder> = std::sync::OnceLock::new();
    HASHER.get_or_init(DefaultHashBuilder::default)
}

/// The identity of a tie for merging: ends (ordered for symmetric
/// relations), relation and dates.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct TieKey {
    from: ActorId,
    to: ActorId,
    relation: RelationId,
    start: Option<PartialDate>,
    end: Option<PartialDate>,
}

/// How a relation cell reads.
#[derive(Clone, Copy)]
enum RelationValue {
    Relation(RelationId),
    Skip,
}

/// A folded run of events between one pair.
struct FoldRun {
    from: ActorId,
    to: ActorId,
    relation: RelationId,
    first: Option<PartialDate>,
    last: Option<PartialDate>,
    count: u32,
    confidence: Confidence,
    sources: Vec<SourceId>,
    note: Option<String>,
    evidence: Option<String>,
}

/// A row of the ties table, read and checked.
struct TieRow {
    from: ActorId,
    to: ActorId,
    relation: RelationId,
    start: Option<PartialDate>,
    end: Option<PartialDate>,
    confidence: Confidence,
    sources: Vec<SourceId>,
    note: Option<String>,
    evidence: Option<String>,
    events: Option<u32>,
}

struct Importer<'a> {
    graph: &'a mut Graph,
    options: &'a ImportOptions,
    /// Actor id → actor, exact.
    ids: IdIndex,
    /// Ties by [`TieKey`], for merging.
    ties: HashTable<TieId>,
    relation_cache: Vec<(String, RelationValue)>,
    /// First tie added by this import (for the post-passes).
    first_new_tie: usize,
    /// The line of each tie added, by position after `first_new_tie`.
    tie_lines: Vec<u32>,
    /// Ties added into slots the graph had freed (below `first_new_tie`), with their line.
    reused: FxHashMap<TieId, u32>,
    ties_origin: String,
    /// The ties table's cells are read exactly as written.
    exact_ties: bool,
    /// Ids of actor rows that were rejected, with where: ties naming them
    /// say so rather than "not in the actors table".
    rejected_actors: FxHashMap<String, (String, u64)>,
    report: ImportReport,
}

impl<'a> Importer<'a> {
    fn new(graph: &'a mut Graph, options: &'a ImportOptions) -> Self {
        let mut ids = IdIndex::default();
        for (id, actor) in graph.actors() {
            ids.insert(&actor.id, id);
        }
        let mut ties = HashTable::with_capacity(graph.tie_count());
        for tie in graph.all_ties() {
            let key = key_of(graph, tie.from, tie.to, tie.tie);
            ties.insert_unique(hasher().hash_one(key), tie.id, |t: &TieId| {
                tie_hash(graph, *t)
            });
        }
        let first_new_tie = graph
            .all_ties()
            .map(|t| t.id.index() + 1)
            .max()
            .unwrap_or(0);
        Importer {
            graph,
            options,
            ids,
            ties,
            relation_cache: Vec::new(),
            first_new_tie,
            tie_lines: Vec::new(),
            reused: FxHashMap::default(),
            ties_origin: String::new(),
            exact_ties: false,
            rejected_actors: FxHashMap::default(),
            report: ImportReport::default(),
        }
    }

    fn reject(&mut self, origin: &str, line: u64, reason: String) {
        self.report.rejections.push(Rejection {
            origin: origin.to_string(),
            line,
            reason,
        });
    }

    /// Rejects an actor row, remembering its id for the ties that name it.
    fn reject_actor(&mut self, origin: &str, line: u64, id: &str, reason: String) {
        self.rejected_actors
            .entry(id.to_string())
            .or_insert_with(|| (origin.to_string(), line));
        self.reject(origin, line, reason);
    }

    fn find_id(&self, id: &str) -> Option<ActorId> {
        self.ids.get(id)
    }

    fn add_actor(&mut self, actor: Actor) -> Result<ActorId, String> {
        let key = actor.id.clone();
        let id = self.graph.add_actor(actor).map_err(|e| e.to_string())?;
        self.ids.insert(&key, id);
        Ok(id)
    }

    // ---- companion tables ----

    /// `graph.csv`: the title and as-of date, into the report.
    fn read_graph_table<R: Read>(&mut self, table: Table<R>) -> Result<(), ImportError> {
        let exact = table.exact;
        let (origin, rows) = self.companion_rows(table, None, &["title", "as_of"])?;
        let mut seen: Option<u64> = None;
        for (line, cells) in rows {
            if let Some(first) = seen {
                self.reject(
                    &origin,
                    line,
                    format!("a graph table has one row; line {first} is the graph"),
                );
                continue;
            }
            seen = Some(line);
            let [title, as_of] = <[Option<String>; 2]>::try_from(cells).expect("two columns asked");
            let as_of = match as_of.filter(|t| !t.is_empty()) {
                None => None,
                Some(text) => match DateFormat::Iso.parse(&text) {
                    Ok(date) => Some(date),
                    Err(error) => {
                        self.reject(&origin, line, format!("as_of: {error}"));
                        continue;
                    }
                },
            };
            // An export's empty title is the graph's; elsewhere it means none.
            self.report.title = if exact {
                title
            } else {
                title.filter(|t| !t.is_empty())
            };
            self.report.as_of = as_of;
        }
        Ok(())
    }

    /// `relations.csv`: relations declared before the ties that use them. A
    /// relation the graph has already, with the same direction, merges.
    fn read_relations<R: Read>(&mut self, table: Table<R>) -> Result<(), ImportError> {
        let (origin, rows) =
            self.companion_rows(table, Some("name"), &["name", "directed", "note"])?;
        for (line, cells) in rows {
            let [name, directed, note] = <[Option<String>; 3]>::try_from(cells)
                .expect("three columns asked")
                .map(Option::unwrap_or_default);
            if name.is_empty() {
                self.reject(&origin, line, "the relation has no name".into());
                continue;
            }
            let directed = match directed.trim().to_ascii_lowercase().as_str() {
                "true" | "yes" | "1" => true,
                "false" | "no" | "0" | "" => false,
                other => {
                    self.reject(
                        &origin,
                        line,
                        format!("relation `{name}`: directed is `{other}`, not true or false"),
                    );
                    continue;
                }
            };
            if let Some(existing) = self.graph.relations().find(&name) {
                if self.graph.relations().is_directed(existing) == directed {
                    self.report.rows_merged += 1;
                } else {
                    let known = self.graph.relations().name(existing).to_string();
                    self.reject(
                        &origin,
                        line,
                        format!(
                            "relation `{name}`: `{known}` is already defined as {}",
                            if directed { "symmetric" } else { "directed" }
                        ),
                    );
                }
                continue;
            }
            let relation = Relation {
                name,
                directed,
                note: (!note.is_empty()).then_some(note),
            };
            let name = relation.name.clone();
            match self.graph.relations_mut().declare(relation) {
                Ok(_) => self.report.relations_declared += 1,
                Err(error) => self.reject(&origin, line, format!("relation `{name}`: {error}")),
            }
        }
        // Relation cells already resolved may now read differently.
        self.relation_cache.clear();
        Ok(())
    }

    /// `sources.csv`: sources with their citation and URL, in order. A
    /// source the graph has already merges when it is the same.
    fn read_sources<R: Read>(&mut self, table: Table<R>) -> Result<(), ImportError> {
        let (origin, rows) = self.companion_rows(table, Some("id"), &["id", "citation", "url"])?;
        for (line, cells) in rows {
            let [id, citation, url] = <[Option<String>; 3]>::try_from(cells)
                .expect("three columns asked")
                .map(Option::unwrap_or_default);
            if id.is_empty() {
                self.reject(&origin, line, "the source has no id".into());
                continue;
            }
            let source = Source {
                citation: if citation.is_empty() {
                    id.clone()
                } else {
                    citation
                },
                url: (!url.is_empty()).then_some(url),
                id,
            };
            match self.graph.find_source(&source.id) {
                Some(existing) if *self.graph.source(existing) == source => {
                    self.report.rows_merged += 1;
                }
                Some(_) => self.reject(
                    &origin,
                    line,
                    format!(
                        "source `{}` is already in the graph, differently",
                        source.id
                    ),
                ),
                None => {
                    self.graph.add_source(source);
                    self.report.sources_added += 1;
                }
            }
        }
        Ok(())
    }

    /// `events.csv`: dated one-off events, their actors by id (`;`
    /// separated) and their sources by id. An event naming an actor or
    /// source the graph lacks, or dated outside an actor's life, is rejected.
    fn read_events<R: Read>(&mut self, table: Table<R>) -> Result<(), ImportError> {
        let columns = [
            "date",
            "actors",
            "what",
            "confidence",
            "sources",
            "evidence",
            "note",
        ];
        let (origin, rows) = self.companion_rows(table, Some("date"), &columns)?;
        let list = |cell: &str| {
            if cell.is_empty() {
                Vec::new()
            } else {
                super::text::split_list(cell, ";")
            }
        };
        for (line, cells) in rows {
            let [date, actors, what, confidence, sources, evidence, note] =
                <[Option<String>; 7]>::try_from(cells)
                    .expect("seven columns asked")
                    .map(Option::unwrap_or_default);
            let spec = crate::model::EventSpec {
                date: match date.parse() {
                    Ok(date) => date,
                    Err(error) => {
                        self.reject(&origin, line, format!("date: {error}"));
                        continue;
                    }
                },
                actors: list(&actors),
                what,
                confidence: if confidence.is_empty() {
                    Confidence::Confirmed
                } else {
                    match Confidence::parse(&confidence) {
                        Some(c) => c,
                        None => {
                            self.reject(
                                &origin,
                                line,
                                format!("unknown confidence `{confidence}` (confirmed, likely or possible)"),
                            );
                            continue;
                        }
                    }
                },
                sources: list(&sources),
                evidence: (!evidence.is_empty()).then_some(evidence),
                note: (!note.is_empty()).then_some(note),
            };
            // One set of rules: the graph file's builder checks the event.
            let mut builder = crate::model::GraphBuilder::from_graph(std::mem::take(self.graph));
            builder.event(spec);
            let (graph, problems) = builder.into_parts();
            *self.graph = graph;
            match problems.first() {
                Some(problem) => self.reject(&origin, line, problem.message.clone()),
                None => self.report.events_added += 1,
            }
        }
        Ok(())
    }

    /// The rows of a small companion table (graph, relations, sources), each
    /// with its line and the cells of `columns` in order: `None` where the
    /// table has no such column. `required` must be a column. Returns the
    /// table's name for rejections.
    fn companion_rows<R: Read>(
        &mut self,
        table: Table<R>,
        required: Option<&str>,
        columns: &[&str],
    ) -> Result<(String, CompanionRows), ImportError> {
        let origin = table.origin.clone();
        let exact = table.exact;
        let mut reader = csv_reader(table.reader);
        let header = Header::read(&mut reader, &origin)?;
        if let Some(column) = required {
            header.require(column)?;
        }
        let positions: Vec<Option<usize>> = columns.iter().map(|c| header.find(c)).collect();
        self.report.companions.push(origin.clone());
        let mut rows = Vec::new();
        let mut record = csv::StringRecord::new();
        while let Some(line) = self.next_record(&mut reader, &mut record, &origin)? {
            let cells = positions
                .iter()
                .map(|col| {
                    col.and_then(|c| record.get(c))
                        .map(|t| read_cell(t, exact).into_owned())
                })
                .collect();
            rows.push((line, cells));
        }
        Ok((origin, rows))
    }

    /// The next record and its line; a malformed row is rejected and
    /// skipped, a failed read ends the import.
    fn next_record<R: Read>(
        &mut self,
        reader: &mut csv::Reader<R>,
        record: &mut csv::StringRecord,
        origin: &str,
    ) -> Result<Option<u64>, ImportError> {
        loop {
            match reader.read_record(record) {
                Ok(true) => return Ok(Some(record.position().map_or(0, |p| p.line()))),
                Ok(false) => return Ok(None),
                Err(error) => {
                    let rejection = csv_problem(origin, error)?;
                    self.report.rejections.push(rejection);
                }
            }
        }
    }

    // ---- actors ----

    fn read_actors<R: Read>(&mut self, table: Table<R>) -> Result<(), ImportError> {
        let Some(columns) = self.options.mapping.actors.clone() else {
            return Ok(());
        };
        let origin = table.origin.clone();
        let exact = table.exact;
        let mut reader = csv_reader(table.reader);
        let header = Header::read(&mut reader, &origin)?;
        let strict_columns = self.options.mapping != Mapping::default();
        let id_col = header.require(&columns.id)?;
        let optional = |name: &Option<String>| header.optional(name.as_deref(), strict_columns);
        let name_col = optional(&columns.name)?;
        let kind_col = optional(&columns.kind)?;
        let aliases_col = optional(&columns.aliases)?;
        let tags_col = optional(&columns.tags)?;
        let start_col = optional(&columns.active_start)?;
        let end_col = optional(&columns.active_end)?;
        let note_col = optional(&columns.note)?;
        let mut lines: FxHashMap<ActorId, u64> = FxHashMap::default();
        let mut record = csv::StringRecord::new();
        while let Some(line) = self.next_record(&mut reader, &mut record, &origin)? {
            let cell =
                |col: Option<usize>| col.and_then(|c| record.get(c)).map(|t| read_cell(t, exact));
            let id = cell(Some(id_col)).unwrap_or_default();
            if id.is_empty() {
                self.reject(&origin, line, "the actor has no id".into());
                continue;
            }
            let name = cell(name_col)
                .filter(|n| !n.is_empty())
                .unwrap_or(id.clone());
            let kind = match cell(kind_col).filter(|k| !k.is_empty()) {
                None => columns.default_kind,
                Some(text) => match kind_of(&text) {
                    Some(kind) => kind,
                    None => {
                        let kinds: Vec<&str> = ActorKind::ALL.iter().map(|k| k.as_str()).collect();
                        self.reject_actor(
                            &origin,
                            line,
                            &id,
                            format!(
                                "actor `{id}`: unknown kind `{text}` (kinds: {})",
                                kinds.join(", ")
                            ),
                        );
                        continue;
                    }
                },
            };
            let list = |col: Option<usize>| -> Vec<String> {
                let mut items: Vec<String> = Vec::new();
                if let Some(text) = col.and_then(|c| record.get(c)) {
                    // Entities first (`&amp;` holds the separator `;`), then
                    // the separators not escaped by a backslash.
                    let text = read_cell(text, exact);
                    for item in split_list(&text, &columns.separator) {
                        let item = if exact { item } else { item.trim().to_string() };
                        if !item.is_empty() && !items.contains(&item) {
                            items.push(item);
                        }
                    }
                }
                items
            };
            let mut actor = Actor::new(id.into_owned(), name.into_owned(), kind);
            actor.aliases = list(aliases_col);
            actor.aliases.retain(|a| *a != actor.name && *a != actor.id);
            actor.tags = list(tags_col);
            actor.note = cell(note_col)
                .filter(|n| !n.is_empty())
                .map(Cow::into_owned);
            let mut period = crate::model::Period::default();
            let mut bad_date = None;
            for (col, slot, what) in [
                (start_col, &mut period.start, "active_start"),
                (end_col, &mut period.end, "active_end"),
            ] {
                if let Some(text) = cell(col).filter(|t| !t.is_empty()) {
                    match DateFormat::Iso.parse(&text) {
                        Ok(date) => *slot = Some(date),
                        Err(error) => bad_date = Some(format!("{what}: {error}")),
                    }
                }
            }
            if let Some(reason) = bad_date {
                let id = actor.id.clone();
                self.reject_actor(&origin, line, &id, format!("actor `{id}`: {reason}"));
                continue;
            }
            if let (Some(start), Some(end)) = (period.start, period.end) {
                if end.last_day() < start.first_day() {
                    self.reject_actor(
                        &origin,
                        line,
                        &actor.id,
                        format!(
                            "actor `{}` ends ({end}) before it starts ({start})",
                            actor.id
                        ),
                    );
                    continue;
                }
            }
            if period != crate::model::Period::default() {
                actor.active = Some(period);
            }
            if let Some(existing) = self.find_id(&actor.id) {
                if *self.graph.actor(existing) == actor {
                    self.report.rows_merged += 1;
                } else {
                    let reason = match lines.get(&existing) {
                        Some(first) => format!(
                            "actor `{}` is already defined at line {first}, differently",
                            actor.id
                        ),
                        None => {
                            format!("actor `{}` is already in the graph, differently", actor.id)
                        }
                    };
                    self.reject(&origin, line, reason);
                }
                continue;
            }
            let key = actor.id.clone();
            match self.add_actor(actor) {
                Ok(id) => {
                    lines.insert(id, line);
                    self.report.actors_added += 1;
                }
                Err(reason) => self.reject_actor(&origin, line, &key, reason),
            }
        }
        Ok(())
    }

    // ---- ties ----

    fn read_ties<R: Read + Send>(
        &mut self,
        table: Table<R>,
        has_actor_table: bool,
    ) -> Result<(), ImportError> {
        let mapping = &self.options.mapping.ties;
        let origin = table.origin.clone();
        self.ties_origin = origin.clone();
        self.exact_ties = table.exact;
        if let Some(bytes) = table.bytes {
            // About 40 bytes a row in the default layout.
            let graph = &*self.graph;
            self.ties
                .reserve((bytes / 40) as usize, |t| tie_hash(graph, *t));
        }
        let mut reader = csv_reader(table.reader);
        let header = Header::read(&mut reader, &origin)?;
        let columns = TieCells::new(&header, &self.options.mapping, table.exact)?;
        // With ids resolved against a complete actors table, the index is
        // read-only while the ties are read: parsing and lookups run on a
        // second thread while this one builds the graph.
        let pipelined = has_actor_table
            && mapping.fold == Fold::Rows
            && mapping.source.by == EndBy::Id
            && mapping.target.by == EndBy::Id
            && table.bytes.is_some_and(|b| b > (1 << 20));
        if pipelined {
            return self.read_ties_pipelined(reader, &columns, &origin);
        }
        let fold = mapping.fold;
        let mut runs: Vec<FoldRun> = Vec::new();
        let mut run_index: FxHashMap<(ActorId, ActorId, RelationId), usize> = FxHashMap::default();
        let mut record = csv::ByteRecord::new();
        loop {
            match reader.read_byte_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(error) => match csv_problem(&origin, error) {
                    Ok(rejection) => {
                        self.report.rejections.push(rejection);
                        continue;
                    }
                    Err(fatal) => return Err(fatal),
                },
            }
            let line = record.position().map_or(0, |p| p.line());
            let row = columns.parse(&record).and_then(|cells| {
                let Some(cells) = cells else {
                    return Ok(None);
                };
                let ends = cells.ends.clone().map(|c| EndCell::Cell(c.into_owned()));
                let relation = RelationCell::Cell(cells.relation.to_string());
                self.resolve(cells.into_row(ends, relation), has_actor_table)
            });
            let row = match row {
                Ok(Some(row)) => row,
                Ok(None) => {
                    self.report.rows_skipped += 1;
                    continue;
                }
                Err(reason) => {
                    self.reject(&origin, line, reason);
                    continue;
                }
            };
            match fold {
                Fold::Rows => self.add_tie(row, line),
                Fold::PerPair => {
                    let key = if self.graph.relations().is_directed(row.relation) {
                        (row.from, row.to, row.relation)
                    } else {
                        (row.from.min(row.to), row.from.max(row.to), row.relation)
                    };
                    let first = row.start;
                    let last = row.end.or(row.start);
                    match run_index.get(&key) {
                        Some(&index) => {
                            let run = &mut runs[index];
                            run.count += 1;
                            if let Some(first) = first {
                                if run.first.is_none_or(|f| first.first_day() < f.first_day()) {
                                    run.first = Some(first);
                                }
                            }
                            if let Some(last) = last {
                                if run.last.is_none_or(|l| last.last_day() > l.last_day()) {
                                    run.last = Some(last);
                                }
                            }
                            run.confidence = run.confidence.max(row.confidence);
                            for source in row.sources {
                                if !run.sources.contains(&source) {
                                    run.sources.push(source);
                                }
                            }
                            merge_text(&mut run.note, row.note);
                            merge_text(&mut run.evidence, row.evidence);
                            self.report.events_folded += 1;
                        }
                        None => {
                            run_index.insert(key, runs.len());
                            runs.push(FoldRun {
                                from: row.from,
                                to: row.to,
                                relation: row.relation,
                                first,
                                last,
                                count: 1,
                                confidence: row.confidence,
                                sources: row.sources,
                                note: row.note,
                                evidence: row.evidence,
                            });
                            // The line of the run's first event stands for the tie.
                            self.tie_lines.push(line as u32);
                        }
                    }
                }
            }
        }
        if fold == Fold::PerPair {
            let lines = std::mem::take(&mut self.tie_lines);
            for (run, line) in runs.into_iter().zip(lines) {
                self.add_tie(
                    TieRow {
                        from: run.from,
                        to: run.to,
                        relation: run.relation,
                        start: run.first,
                        end: run.last,
                        confidence: run.confidence,
                        sources: run.sources,
                        note: run.note,
                        evidence: run.evidence,
                        events: Some(run.count),
                    },
                    u64::from(line),
                );
            }
        }
        Ok(())
    }

    /// The ties table read on a second thread (CSV, cells, id and relation
    /// lookups) and added to the graph on this one, in file order.
    fn read_ties_pipelined<R: Read + Send>(
        &mut self,
        mut reader: csv::Reader<R>,
        columns: &TieCells,
        origin: &str,
    ) -> Result<(), ImportError> {
        const BATCH: usize = 4096;
        let ids = std::mem::take(&mut self.ids);
        let relations = self.graph.relations().clone();
        let rules = &self.options.mapping.ties.relation;
        let result = std::thread::scope(|scope| {
            let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<Parsed>>(8);
            let ids = &ids;
            let producer = scope.spawn(move || -> Result<(), ImportError> {
                let mut cache: Vec<(String, RelationCell)> = Vec::new();
                let mut record = csv::ByteRecord::new();
                let mut batch = Vec::with_capacity(BATCH);
                loop {
                    match reader.read_byte_record(&mut record) {
                        Ok(true) => {}
                        Ok(false) => break,
                        Err(error) => {
                            let rejection = csv_problem(origin, error)?;
                            batch.push(Parsed {
                                line: rejection.line,
                                row: Err(rejection.reason),
                            });
                            continue;
                        }
                    }
                    let line = record.position().map_or(0, |p| p.line());
                    let row = columns.parse(&record).map(|cells| {
                        let cells = cells?;
                        let ends = cells.ends.clone().map(|cell| match ids.get(&cell) {
                            Some(id) => EndCell::Found(id),
                            None => EndCell::Cell(cell.into_owned()),
                        });
                        let relation = match cache.iter().find(|(v, _)| *v == cells.relation) {
                            Some((_, known)) => known.clone(),
                            None => {
                                let known = known_relation(&relations, rules, &cells.relation);
                                cache.push((cells.relation.to_string(), known.clone()));
                                known
                            }
                        };
                        Some(cells.into_row(ends, relation))
                    });
                    batch.push(Parsed { line, row });
                    if batch.len() == BATCH {
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
            for batch in receiver {
                for parsed in batch {
                    let row = match parsed.row {
                        Ok(Some(row)) => self.resolve(row, true),
                        Ok(None) => Ok(None),
                        Err(reason) => Err(reason),
                    };
                    match row {
                        Ok(Some(row)) => self.add_tie(row, parsed.line),
                        Ok(None) => self.report.rows_skipped += 1,
                        Err(reason) => self.reject(origin, parsed.line, reason),
                    }
                }
            }
            producer
                .join()
                .expect("the CSV reader thread does not panic")
        });
        self.ids = ids;
        result
    }

    /// Finishes a row whose cells are read: actors, relation and sources
    /// that need the graph. `None` for a row the mapping skips.
    fn resolve(&mut self, row: OwnedRow, has_actor_table: bool) -> Result<Option<TieRow>, String> {
        let mapping = &self.options.mapping.ties;
        let relation = match row.relation {
            RelationCell::Found(id) => id,
            RelationCell::Skip => return Ok(None),
            RelationCell::Cell(text) => match self.relation(&text)? {
                RelationValue::Relation(id) => id,
                RelationValue::Skip => return Ok(None),
            },
        };
        let specs = [
            (mapping.source.by, mapping.source.kind),
            (mapping.target.by, mapping.target.kind),
        ];
        let mut actor_ids = [ActorId::new(0); 2];
        for ((slot, end), (by, kind)) in actor_ids.iter_mut().zip(row.ends).zip(specs) {
            *slot = match end {
                EndCell::Found(id) => id,
                EndCell::Cell(cell) => self.end(&cell, by, kind, has_actor_table)?,
            };
        }
        let [from, to] = actor_ids;
        if from == to {
            return Err(format!(
                "a tie from `{}` to itself",
                self.graph.actor(from).id
            ));
        }
        let mut sources = Vec::new();
        let ids = if row.sources.is_empty() {
            Vec::new()
        } else {
            split_list(&row.sources, ";")
        };
        for id in ids {
            let id = if self.exact_ties {
                id.as_str()
            } else {
                id.trim()
            };
            if id.is_empty() {
                continue;
            }
            let source = self.graph.find_source(id).unwrap_or_else(|| {
                self.graph.add_source(Source {
                    id: id.to_string(),
                    citation: id.to_string(),
                    url: None,
                })
            });
            if !sources.contains(&source) {
                sources.push(source);
            }
        }
        Ok(Some(TieRow {
            from,
            to,
            relation,
            start: row.start,
            end: row.end,
            confidence: row.confidence,
            sources,
            note: row.note,
            evidence: row.evidence,
            events: row.events,
        }))
    }

    /// The actor an end cell names, created when the layout allows it.
    fn end(
        &mut self,
        cell: &str,
        by: EndBy,
        kind: ActorKind,
        has_actor_table: bool,
    ) -> Result<ActorId, String> {
        match by {
            EndBy::Id => {
                if let Some(id) = self.find_id(cell) {
                    return Ok(id);
                }
                if has_actor_table {
                    if let Some((origin, line)) = self.rejected_actors.get(cell) {
                        return Err(format!(
                            "actor `{cell}`'s row was rejected ({origin}:{line})"
                        ));
                    }
                    let hint = match self.graph.find(cell) {
                        Some(actor) => format!(
                            "; ties name actors by id: write `{}`",
                            self.graph.actor(actor).id
                        ),
                        None => String::new(),
                    };
                    return Err(format!("actor `{cell}` is not in the actors table{hint}"));
                }
                // No actors table: the name rules find an actor the graph
                // has under another spelling (`Menaka` is `Ménaka`).
                if let Some(id) = self.graph.find(cell) {
                    return Ok(id);
                }
                let id = self.add_actor(Actor::new(cell, cell, kind))?;
                self.report.actors_created += 1;
                Ok(id)
            }
            EndBy::Name => {
                if let Some(id) = self.graph.find(cell) {
                    return Ok(id);
                }
                let id = self.add_actor(Actor::new(self.fresh_id(cell), cell, kind))?;
                self.report.actors_created += 1;
                Ok(id)
            }
        }
    }

    /// An id for an actor created from a name: the name key with hyphens,
    /// made unique with a number.
    fn fresh_id(&self, name: &str) -> String {
        let base: String = crate::model::names::normalize(name)
            .chars()
            .map(|c| if c == ' ' { '-' } else { c })
            .collect();
        let base = if base.is_empty() {
            "actor".into()
        } else {
            base
        };
        let mut id = base.clone();
        let mut n = 2;
        while self.graph.find(&id).is_some() {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }

    fn relation(&mut self, value: &str) -> Result<RelationValue, String> {
        if let Some((_, cached)) = self.relation_cache.iter().find(|(v, _)| v == value) {
            return Ok(*cached);
        }
        let rules = &self.options.mapping.ties.relation;
        let resolved = if rules.skip.iter().any(|s| s == value) {
            RelationValue::Skip
        } else if value.is_empty() {
            return Err("the relation is empty".into());
        } else if let Some(name) = rules.map.get(value) {
            let name = name.clone();
            match self.graph.relations().find(&name) {
                Some(id) => RelationValue::Relation(id),
                None => RelationValue::Relation(self.declare(&name, false)?),
            }
        } else if let Some(id) = self.graph.relations().find(value) {
            RelationValue::Relation(id)
        } else {
            match rules.other {
                OtherRelation::Declare { directed } => {
                    RelationValue::Relation(self.declare(value, directed)?)
                }
                OtherRelation::Reject => {
                    let known: Vec<&str> = self.graph.relations().names().collect();
                    return Err(format!(
                        "unknown relation `{value}` (known: {}; a mapping can map or declare others)",
                        known.join(", ")
                    ));
                }
            }
        };
        self.relation_cache.push((value.to_string(), resolved));
        Ok(resolved)
    }

    fn declare(&mut self, name: &str, directed: bool) -> Result<RelationId, String> {
        self.graph
            .relations_mut()
            .declare(Relation {
                name: name.to_string(),
                directed,
                note: None,
            })
            .map_err(|e| format!("relation `{name}`: {e}"))
    }

    /// Adds a tie, or merges it into the identical one already there.
    fn add_tie(&mut self, row: TieRow, line: u64) {
        let (from, to) = if self.graph.relations().is_directed(row.relation) || row.from < row.to {
            (row.from, row.to)
        } else {
            (row.to, row.from)
        };
        let key = TieKey {
            from,
            to,
            relation: row.relation,
            start: row.start,
            end: row.end,
        };
        let hash = hasher().hash_one(key);
        let graph = &*self.graph;
        if let Some(&existing) = self.ties.find(hash, |t| tie_key(graph, *t) == Some(key)) {
            let tie = self.graph.tie_mut(existing).expect("indexed ties exist");
            tie.confidence = tie.confidence.max(row.confidence);
            if !row.sources.is_empty()
                || row.note.is_some()
                || row.evidence.is_some()
                || row.events.is_some()
            {
                let details = tie.details_mut();
                for source in row.sources {
                    if !details.sources.contains(&source) {
                        details.sources.push(source);
                    }
                }
                merge_text(&mut details.note, row.note);
                merge_text(&mut details.evidence, row.evidence);
                if details.events.is_none() {
                    details.events = row.events;
                }
            }
            self.report.rows_merged += 1;
            return;
        }
        let tie =
            Tie::new(row.relation, row.start, row.end, row.confidence).with_details(TieDetails {
                sources: row.sources,
                note: row.note,
                evidence: row.evidence,
                events: row.events,
            });
        let id = self
            .graph
            .add_tie(row.from, row.to, tie)
            .expect("both ends exist and differ");
        let graph = &*self.graph;
        self.ties.insert_unique(hash, id, |t| tie_hash(graph, *t));
        let Some(position) = id.index().checked_sub(self.first_new_tie) else {
            // The graph reused a slot freed by an earlier removal.
            self.reused.insert(id, line as u32);
            self.report.ties_added += 1;
            return;
        };
        if self.tie_lines.len() <= position {
            self.tie_lines.resize(position + 1, 0);
        }
        self.tie_lines[position] = line as u32;
        self.report.ties_added += 1;
    }

    // ---- after the rows ----

    fn finish(&mut self) {
        if self.options.close_on_next_relation {
            self.close_on_next_relation();
        }
        self.check_subgroup_cycles();
        // The dedup tables are no longer needed; free them before the caller
        // goes on with the graph.
        self.ties = HashTable::new();
        self.ids = IdIndex::default();
    }

    fn new_ties(&self) -> Vec<TieId> {
        self.graph
            .all_ties()
            .filter(|t| t.id.index() >= self.first_new_tie || self.reused.contains_key(&t.id))
            .map(|t| t.id)
            .collect()
    }

    fn close_on_next_relation(&mut self) {
        let mut pairs: FxHashMap<(ActorId, ActorId), Vec<TieId>> = FxHashMap::default();
        for id in self.new_ties() {
            let tie = self.graph.tie(id).expect("listed");
            let pair = (tie.from.min(tie.to), tie.from.max(tie.to));
            pairs.entry(pair).or_default().push(id);
        }
        let mut changes = Vec::new();
        for ties in pairs.values_mut() {
            if ties.len() < 2 {
                continue;
            }
            let graph = &*self.graph;
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
                    (other.relation != tie.relation && next_start.first_day() > start.first_day())
                        .then_some(next_start)
                });
                if let Some(end) = next.and_then(period_before) {
                    if end.last_day() >= start.first_day() {
                        changes.push((*id, start, end));
                    }
                }
            }
        }
        for (id, start, end) in changes {
            if let Some(tie) = self.graph.tie_mut(id) {
                tie.set_span(Some(start), Some(end));
                self.report.ties_closed += 1;
            }
        }
    }

    /// Subgroup-of cycles among ties active at the same time are errors. A
    /// cheap check finds whether the subgroup-of ties hold any cycle at all;
    /// only then does the model's validation run, and the ties it blames
    /// are rejected.
    fn check_subgroup_cycles(&mut self) {
        for _ in 0..64 {
            if !has_subgroup_cycle(self.graph) {
                return;
            }
            let spec = self.graph.to_spec();
            let order: Vec<TieId> = self.graph.all_ties().map(|t| t.id).collect();
            let Err(problems) = Graph::build(spec) else {
                return;
            };
            let mut removed = false;
            for problem in problems {
                let Site::Tie { index, .. } = problem.site else {
                    continue;
                };
                let Some(&id) = order.get(index) else {
                    continue;
                };
                let line = match id.index().checked_sub(self.first_new_tie) {
                    Some(position) => self.tie_lines.get(position).copied().unwrap_or(0),
                    None => match self.reused.get(&id) {
                        Some(line) => *line,
                        // A tie that was there before this import: not ours to reject.
                        None => continue,
                    },
                };
                if self.graph.remove_tie(id).is_some() {
                    removed = true;
                    self.report.ties_added -= 1;
                    let origin = self.ties_origin.clone();
                    self.reject(&origin, u64::from(line), problem.message);
                }
            }
            if !removed {
                return;
            }
        }
    }
}

/// A tie end as read: found in the id index, or the cell for the graph thread.
enum EndCell {
    Found(ActorId),
    Cell(String),
}

/// A relation as read: known, skipped by the mapping, or the cell for the
/// graph thread (which may declare it or reject the row).
#[derive(Clone)]
enum RelationCell {
    Found(RelationId),
    Skip,
    Cell(String),
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

/// A ties row with every cell read that needs no graph.
struct OwnedRow {
    ends: [EndCell; 2],
    relation: RelationCell,
    start: Option<PartialDate>,
    end: Option<PartialDate>,
    confidence: Confidence,
    sources: String,
    note: Option<String>,
    evidence: Option<String>,
    events: Option<u32>,
}

/// A row from the reader thread.
struct Parsed {
    line: u64,
    /// `None` for a row the mapping skips.
    row: Result<Option<OwnedRow>, String>,
}

/// The cells of one ties row, trimmed and decoded, borrowed from the record.
struct RowCells<'r> {
    ends: [Cow<'r, str>; 2],
    relation: Cow<'r, str>,
    start: Option<PartialDate>,
    end: Option<PartialDate>,
    confidence: Confidence,
    sources: Cow<'r, str>,
    note: Option<String>,
    evidence: Option<String>,
    events: Option<u32>,
}

impl RowCells<'_> {
    fn into_row(self, ends: [EndCell; 2], relation: RelationCell) -> OwnedRow {
        OwnedRow {
            ends,
            relation,
            start: self.start,
            end: self.end,
            confidence: self.confidence,
            sources: self.sources.into_owned(),
            note: self.note,
            evidence: self.evidence,
            events: self.events,
        }
    }
}

/// Where the ties table's cells are, and how to read them.
struct TieCells {
    ends: [(usize, &'static str); 2],
    relation: Option<usize>,
    fixed_relation: Option<String>,
    /// Relation values whose rows the mapping skips.
    skip: Vec<String>,
    start: Option<(usize, DateFormat)>,
    end: Option<(usize, DateFormat)>,
    confidence: ConfidenceColumn,
    confidence_col: Option<usize>,
    sources: Option<usize>,
    note: Option<usize>,
    evidence: Option<usize>,
    events: Option<usize>,
    /// Cells are read exactly as written (a file the CSV export wrote).
    exact: bool,
}

impl TieCells {
    fn new(header: &Header, mapping: &Mapping, exact: bool) -> Result<TieCells, ImportError> {
        let ties = &mapping.ties;
        let strict_columns = *mapping != Mapping::default();
        let date_col = |column: &Option<DateColumn>| -> Result<_, ImportError> {
            Ok(match column {
                Some(c) => header
                    .optional(Some(&c.column), strict_columns)?
                    .map(|col| (col, c.format)),
                None => None,
            })
        };
        let confidence = ties.confidence.clone().unwrap_or(ConfidenceColumn {
            column: None,
            map: Default::default(),
            default: Confidence::Confirmed,
        });
        Ok(TieCells {
            ends: [
                (header.require(&ties.source.column)?, "source"),
                (header.require(&ties.target.column)?, "target"),
            ],
            relation: match &ties.relation.column {
                Some(column) => Some(header.require(column)?),
                None => None,
            },
            fixed_relation: ties.relation.fixed.clone(),
            skip: ties.relation.skip.clone(),
            start: date_col(&ties.start)?,
            end: date_col(&ties.end)?,
            confidence_col: header.optional(confidence.column.as_deref(), strict_columns)?,
            confidence,
            sources: header.optional(ties.sources.as_deref(), strict_columns)?,
            note: header.optional(ties.note.as_deref(), strict_columns)?,
            evidence: header.optional(ties.evidence.as_deref(), strict_columns)?,
            events: header.optional(ties.events.as_deref(), strict_columns)?,
            exact,
        })
    }

    /// Reads the cells every row needs, checking dates, confidence and
    /// counts; `None` for a row the mapping skips.
    fn parse<'r>(&self, record: &'r csv::ByteRecord) -> Result<Option<RowCells<'r>>, String> {
        let text = |col: usize| -> Result<Cow<'r, str>, String> {
            let bytes = record.get(col).unwrap_or_default();
            let text = std::str::from_utf8(bytes)
                .map_err(|_| format!("column {} is not valid UTF-8", col + 1))?;
            Ok(read_cell(text, self.exact))
        };
        let relation = match (self.relation, &self.fixed_relation) {
            (Some(col), _) => text(col)?,
            (None, Some(fixed)) => Cow::Owned(fixed.clone()),
            (None, None) => return Err("the mapping names no relation".into()),
        };
        if self.skip.iter().any(|s| *s == relation) {
            return Ok(None);
        }
        let mut ends = [Cow::Borrowed(""), Cow::Borrowed("")];
        for (slot, (col, what)) in ends.iter_mut().zip(self.ends) {
            let cell = text(col)?;
            if cell.is_empty() {
                return Err(format!("the {what} is empty"));
            }
            *slot = cell;
        }
        let date = |col: Option<(usize, DateFormat)>, what: &str| {
            let Some((col, format)) = col else {
                return Ok(None);
            };
            let bytes = record.get(col).unwrap_or_default();
            if format == DateFormat::Iso {
                if let Some(date) = super::mapping::parse_iso(bytes) {
                    return Ok(Some(date));
                }
            }
            let cell = text(col)?;
            if cell.is_empty() {
                return Ok(None);
            }
            format
                .parse(&cell)
                .map(Some)
                .map_err(|error| format!("{what}: {error}"))
        };
        let start = date(self.start, "start")?;
        let end = date(self.end, "end")?;
        if let (Some(start), Some(end)) = (start, end) {
            if end.last_day() < start.first_day() {
                return Err(format!("the tie ends ({end}) before it starts ({start})"));
            }
        }
        let confidence = match self.confidence_col {
            None => self.confidence.default,
            Some(col) => {
                let cell = text(col)?;
                if cell.is_empty() {
                    self.confidence.default
                } else if let Some(value) = self.confidence.map.get(cell.as_ref()) {
                    *value
                } else {
                    Confidence::parse(&cell).ok_or_else(|| {
                        format!("unknown confidence `{cell}` (confirmed, likely or possible)")
                    })?
                }
            }
        };
        let sources = match self.sources {
            Some(col) => text(col)?,
            None => Cow::Borrowed(""),
        };
        let evidence = match self.evidence {
            Some(col) => Some(text(col)?.into_owned()).filter(|n| !n.is_empty()),
            None => None,
        };
        let note = match self.note {
            Some(col) => Some(text(col)?.into_owned()).filter(|n| !n.is_empty()),
            None => None,
        };
        let events = match self.events {
            Some(col) => {
                let cell = text(col)?;
                if cell.is_empty() {
                    None
                } else {
                    Some(
                        cell.parse::<u32>()
                            .map_err(|_| format!("events `{cell}` is not a count"))?,
                    )
                }
            }
            None => None,
        };
        Ok(Some(RowCells {
            ends,
            relation,
            start,
            end,
            confidence,
            sources,
            note,
            evidence,
            events,
        }))
    }
}

/// A relation cell resolved without touching the graph: skipped, mapped
/// or named to a relation the graph has; otherwise left for the graph thread.
fn known_relation(
    relations: &crate::model::Relations,
    rules: &super::mapping::RelationColumn,
    value: &str,
) -> RelationCell {
    if rules.skip.iter().any(|s| s == value) {
        return RelationCell::Skip;
    }
    let name = rules.map.get(value).map_or(value, String::as_str);
    match relations.find(name) {
        Some(id) if !value.is_empty() => RelationCell::Found(id),
        _ => RelationCell::Cell(value.to_string()),
    }
}

/// A kind by name; the exact file names first, as they are the common case.
fn kind_of(text: &str) -> Option<ActorKind> {
    ActorKind::ALL
        .into_iter()
        .find(|kind| kind.as_str() == text)
        .or_else(|| ActorKind::parse(text))
}

/// An actor id as a hash key, held inline when short (ids usually are), so
/// that a lookup compares bytes in the table instead of chasing the graph.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct InlineId {
    len: u8,
    bytes: [u8; 23],
}

impl InlineId {
    fn new(id: &str) -> Option<InlineId> {
        let len = id.len();
        (len <= 23).then(|| {
            let mut bytes = [0u8; 23];
            bytes[..len].copy_from_slice(id.as_bytes());
            InlineId {
                len: len as u8,
                bytes,
            }
        })
    }
}

/// Actor ids to actors, exact.
#[derive(Default)]
struct IdIndex {
    short: hashbrown::HashMap<InlineId, ActorId, DefaultHashBuilder>,
    long: FxHashMap<String, ActorId>,
}

impl IdIndex {
    fn get(&self, id: &str) -> Option<ActorId> {
        match InlineId::new(id) {
            Some(key) => self.short.get(&key).copied(),
            None => self.long.get(id).copied(),
        }
    }

    fn insert(&mut self, id: &str, actor: ActorId) {
        match InlineId::new(id) {
            Some(key) => self.short.insert(key, actor),
            None => self.long.insert(id.to_string(), actor),
        };
    }
}

/// The day, month or year before `date`, at its precision.
fn period_before(date: PartialDate) -> Option<PartialDate> {
    let year = date.year_number();
    match (date.month_number(), date.day_number()) {
        (None, _) => PartialDate::year(year - 1).ok(),
        (Some(1), None) => PartialDate::new(year - 1, Some(12), None).ok(),
        (Some(month), None) => PartialDate::new(year, Some(month - 1), None).ok(),
        (Some(_), Some(_)) => Some(PartialDate::from_day(date.first_day() - 1)),
    }
}

fn has_subgroup_cycle(graph: &Graph) -> bool {
    let mut forest: petgraph::graph::DiGraph<(), ()> = petgraph::graph::DiGraph::new();
    let mut nodes: FxHashMap<ActorId, petgraph::graph::NodeIndex> = FxHashMap::default();
    for tie in graph.all_ties() {
        if tie.tie.relation == RelationId::SUBGROUP_OF {
            let a = *nodes.entry(tie.from).or_insert_with(|| forest.add_node(()));
            let b = *nodes.entry(tie.to).or_insert_with(|| forest.add_node(()));
            forest.add_edge(a, b, ());
        }
    }
    petgraph::algo::is_cyclic_directed(&forest)
}

fn key_of(graph: &Graph, from: ActorId, to: ActorId, tie: &Tie) -> TieKey {
    let (from, to) = if graph.relations().is_directed(tie.relation) || from < to {
        (from, to)
    } else {
        (to, from)
    };
    TieKey {
        from,
        to,
        relation: tie.relation,
        start: tie.start(),
        end: tie.end(),
    }
}

fn tie_key(graph: &Graph, id: TieId) -> Option<TieKey> {
    let tie = graph.tie(id)?;
    Some(key_of(graph, tie.from, tie.to, tie.tie))
}

fn tie_hash(graph: &Graph, id: TieId) -> u64 {
    hasher().hash_one(tie_key(graph, id).expect("indexed ties exist"))
}

/// A companion table's rows: each line number with its cells, `None` for a missing column.
type CompanionRows = Vec<(u64, Vec<Option<String>>)>;

fn csv_reader<R: Read>(reader: R) -> csv::Reader<R> {
    csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .buffer_capacity(1 << 16)
        .from_reader(reader)
}

/// A malformed row is a rejection; a failed read ends the import.
fn csv_problem(origin: &str, error: csv::Error) -> Result<Rejection, ImportError> {
    let line = error.position().map_or(0, |p| p.line());
    match error.kind() {
        csv::ErrorKind::Io(_) => Err(ImportError::Csv {
            origin: origin.to_string(),
            line,
            message: error.to_string(),
        }),
        _ => Ok(Rejection {
            origin: origin.to_string(),
            line,
            reason: error.to_string(),
        }),
    }
}

/// A table's header row: column names to positions.
struct Header {
    origin: String,
    names: Vec<String>,
}

impl Header {
    fn read<R: Read>(reader: &mut csv::Reader<R>, origin: &str) -> Result<Header, ImportError> {
        let mut record = csv::StringRecord::new();
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => {
                return Err(ImportError::Csv {
                    origin: origin.to_string(),
                    line: 1,
                    message: "the file is empty: it needs a header row".into(),
                })
            }
            Err(error) => {
                return Err(ImportError::Csv {
                    origin: origin.to_string(),
                    line: 1,
                    message: error.to_string(),
                })
            }
        }
        let names = record
            .iter()
            .map(|name| name.trim_start_matches('\u{FEFF}').trim().to_lowercase())
            .collect();
        Ok(Header {
            origin: origin.to_string(),
            names,
        })
    }

    fn find(&self, column: &str) -> Option<usize> {
        let column = column.trim().to_lowercase();
        self.names.iter().position(|name| *name == column)
    }

    fn require(&self, column: &str) -> Result<usize, ImportError> {
        self.find(column).ok_or_else(|| ImportError::MissingColumn {
            origin: self.origin.clone(),
            column: column.to_string(),
            found: self.names.join(", "),
        })
    }

    /// A column the layout may leave out; with `required`, naming one that
    /// is not there is an error (a typo in a mapping should not pass).
    fn optional(&self, column: Option<&str>, required: bool) -> Result<Option<usize>, ImportError> {
        match column {
            None => Ok(None),
            Some(column) if required => self.require(column).map(Some),
            Some(column) => Ok(self.find(column)),
        }
    }
}
