//! The companion tables: what the actors and ties layout cannot hold, in
//! small tables of their own beside the ties file (`graph.csv`,
//! `relations.csv`, `sources.csv`, `events.csv`), each optional.

use std::io::Read;
use std::path::Path;

use super::cells::{confidence, list_items, CellReading};
use super::importer::Importer;
use super::table::{csv_reader, delimiter_of, Header, Table};
use super::ImportError;
use crate::interchange::export::CSV_MARKER;
use crate::interchange::mapping::DateFormat;
use crate::model::{Confidence, EventSpec, Phrasing, Relation, RelationLook, Source};

/// The name of the graph table the CSV export writes beside `ties.csv`.
pub const GRAPH_TABLE: &str = "graph.csv";
/// The name of the relations table the CSV export writes beside `ties.csv`.
pub const RELATIONS_TABLE: &str = "relations.csv";
/// The name of the sources table the CSV export writes beside `ties.csv`.
pub const SOURCES_TABLE: &str = "sources.csv";
/// The name of the events table the CSV export writes beside `ties.csv`.
pub const EVENTS_TABLE: &str = "events.csv";

/// What the actors and ties layout cannot hold, in small tables of their
/// own, each optional:
///
/// * `graph.csv` — `title,as_of,format`: one row; the title and as-of date of
///   the graph (a `format` of [`CSV_MARKER`] marks a directory the CSV
///   export wrote);
/// * `relations.csv` — `name,directed,note` and the optional phrasing
///   `verb,past,base,inverse,also` and drawing `color,line,arrow`:
///   relations to declare (before
///   the ties, so that the ties may use them);
/// * `sources.csv` — `id,citation,url`: sources with their citation, in order;
/// * `events.csv` — `date,actors,what,confidence,sources,evidence,note`:
///   dated one-off events (read after the actors and ties).
pub struct Companions {
    /// `graph.csv`: title, as-of date and format marker.
    pub graph: Option<Table<Box<dyn Read>>>,
    /// `relations.csv`: relations to declare.
    pub relations: Option<Table<Box<dyn Read>>>,
    /// `sources.csv`: sources with their citation.
    pub sources: Option<Table<Box<dyn Read>>>,
    /// `events.csv`: dated one-off events.
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
            Ok(Some(Table::open(&path)?.boxed()))
        };
        Ok(Companions {
            graph: open(GRAPH_TABLE)?,
            relations: open(RELATIONS_TABLE)?,
            sources: open(SOURCES_TABLE)?,
            events: open(EVENTS_TABLE)?,
        })
    }
}

/// How to read the cells of `dir` when its `graph.csv` says actorgraph's
/// CSV export wrote it: [`CSV_MARKER`] cells are exact but guarded against
/// spreadsheet formulas; the first format's are exact. `None` for any other
/// directory, whose cells are cleaned.
pub fn written_by_export(dir: &Path) -> Option<CellReading> {
    let file = std::fs::File::open(dir.join(GRAPH_TABLE)).ok()?;
    let mut reader = csv_reader(file.take(1 << 16), b',');
    let header = Header::read(&mut reader, GRAPH_TABLE).ok()?;
    let column = header.find("format")?;
    let mut record = csv::StringRecord::new();
    if !matches!(reader.read_record(&mut record), Ok(true)) {
        return None;
    }
    match record.get(column)? {
        CSV_MARKER => Some(CellReading::Guarded),
        FIRST_CSV_MARKER => Some(CellReading::Exact),
        _ => None,
    }
}

/// The marker of the first CSV format, written before cells were guarded
/// against spreadsheet formulas; still read exactly.
const FIRST_CSV_MARKER: &str = "actorgraph-csv/1";

/// The columns of `events.csv`, in the order the CSV export writes them.
const EVENT_COLUMNS: [&str; 7] = [
    "date",
    "actors",
    "what",
    "confidence",
    "sources",
    "evidence",
    "note",
];

/// A companion table's rows: each line with the cells asked for, in order;
/// `None` where the table has no such column.
type CompanionRows<const N: usize> = Vec<(u64, [Option<String>; N])>;

/// Cells of a row where a missing column reads as an empty cell.
fn or_empty<const N: usize>(cells: [Option<String>; N]) -> [String; N] {
    cells.map(Option::unwrap_or_default)
}

/// A text cell that may be left empty: empty is none.
fn non_empty(text: String) -> Option<String> {
    (!text.is_empty()).then_some(text)
}

impl Importer<'_> {
    /// `graph.csv`: the title and as-of date, into the report.
    pub(crate) fn read_graph_table<R: Read>(&mut self, table: Table<R>) -> Result<(), ImportError> {
        let exact = table.reading != CellReading::Cleaned;
        let (origin, rows) = self.companion_rows(table, None, ["title", "as_of"])?;
        let mut seen: Option<u64> = None;
        for (line, [title, as_of]) in rows {
            if let Some(first) = seen {
                let reason = format!("a graph table has one row; line {first} is the graph");
                self.reject(&origin, line, reason);
                continue;
            }
            seen = Some(line);
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
            self.report.graph_rows += 1;
        }
        Ok(())
    }

    /// `relations.csv`: relations declared before the ties that use them. A
    /// relation the graph has already, with the same direction, merges.
    pub(crate) fn read_relations<R: Read>(&mut self, table: Table<R>) -> Result<(), ImportError> {
        let (origin, rows) = self.companion_rows(
            table,
            Some("name"),
            [
                "name", "directed", "note", "verb", "past", "base", "inverse", "also", "color",
                "line", "arrow",
            ],
        )?;
        for (line, cells) in rows {
            let [name, directed, note, verb, past, base, inverse, also, color, line_form, arrow] =
                or_empty(cells);
            if name.is_empty() {
                self.reject(&origin, line, "the relation has no name".into());
                continue;
            }
            let directed = match directed.trim().to_ascii_lowercase().as_str() {
                "true" | "yes" | "1" => true,
                "false" | "no" | "0" | "" => false,
                other => {
                    let reason =
                        format!("relation `{name}`: directed is `{other}`, not true or false");
                    self.reject(&origin, line, reason);
                    continue;
                }
            };
            if let Some(existing) = self.builder.graph().relations().find(&name) {
                if self.builder.graph().relations().is_directed(existing) == directed {
                    self.report.rows_merged += 1;
                } else {
                    let known = self.builder.graph().relations().name(existing);
                    let reason = format!(
                        "relation `{name}`: `{known}` is already defined as {}",
                        if directed { "symmetric" } else { "directed" }
                    );
                    self.reject(&origin, line, reason);
                }
                continue;
            }
            let phrasing = Phrasing {
                verb: non_empty(verb),
                past: non_empty(past),
                base: non_empty(base),
                inverse: non_empty(inverse),
                also: list_items(&also, ";"),
            };
            let look = match RelationLook::from_cells(&color, &line_form, &arrow) {
                Ok(look) => look,
                Err(error) => {
                    self.reject(&origin, line, format!("relation `{name}`: {error}"));
                    continue;
                }
            };
            let relation = Relation {
                name: name.clone(),
                directed,
                note: non_empty(note),
                phrasing: (phrasing != Phrasing::default()).then_some(phrasing),
                look: (!look.is_empty()).then_some(look),
            };
            match self.builder.graph_mut().relations_mut().declare(relation) {
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
    pub(crate) fn read_sources<R: Read>(&mut self, table: Table<R>) -> Result<(), ImportError> {
        let (origin, rows) = self.companion_rows(table, Some("id"), ["id", "citation", "url"])?;
        for (line, cells) in rows {
            let [id, citation, url] = or_empty(cells);
            if id.is_empty() {
                self.reject(&origin, line, "the source has no id".into());
                continue;
            }
            let source = Source {
                citation: non_empty(citation).unwrap_or_else(|| id.clone()),
                url: non_empty(url),
                id,
            };
            match self.builder.graph().find_source(&source.id) {
                Some(existing) if *self.builder.graph().source(existing) == source => {
                    self.report.rows_merged += 1;
                }
                Some(_) => {
                    let reason = format!(
                        "source `{}` is already in the graph, differently",
                        source.id
                    );
                    self.reject(&origin, line, reason);
                }
                None => {
                    self.builder.add_source(source);
                    self.report.sources_added += 1;
                }
            }
        }
        Ok(())
    }

    /// `events.csv`: dated one-off events, their actors by id (`;`
    /// separated) and their sources by id. An event naming an actor or
    /// source the graph lacks, or dated outside an actor's life, is rejected.
    pub(crate) fn read_events<R: Read>(&mut self, table: Table<R>) -> Result<(), ImportError> {
        let (origin, rows) = self.companion_rows(table, Some("date"), EVENT_COLUMNS)?;
        // One set of rules: the graph file's builder checks each event.
        for (line, cells) in rows {
            let [date, actors, what, certainty, sources, evidence, note] = or_empty(cells);
            let date = match date.parse() {
                Ok(date) => date,
                Err(error) => {
                    self.reject(&origin, line, format!("date: {error}"));
                    continue;
                }
            };
            let confidence = match confidence(&certainty, Confidence::Confirmed) {
                Ok(confidence) => confidence,
                Err(reason) => {
                    self.reject(&origin, line, reason);
                    continue;
                }
            };
            let spec = EventSpec {
                date,
                actors: list_items(&actors, ";"),
                what,
                confidence,
                sources: list_items(&sources, ";"),
                evidence: non_empty(evidence),
                note: non_empty(note),
            };
            let before = self.builder.problems().len();
            self.builder.event(spec);
            match self.builder.problems().get(before) {
                Some(problem) => self.reject(&origin, line, problem.message.clone()),
                None => self.report.events_added += 1,
            }
        }
        Ok(())
    }

    /// The rows of a small companion table, each with its line and the
    /// cells of `columns` in order. `required` must be a column. Returns
    /// the table's name for rejections.
    fn companion_rows<R: Read, const N: usize>(
        &mut self,
        table: Table<R>,
        required: Option<&str>,
        columns: [&str; N],
    ) -> Result<(String, CompanionRows<N>), ImportError> {
        let origin = table.origin.clone();
        let reading = table.cell_reading();
        let delimiter = delimiter_of(&table, &self.options.mapping);
        let mut reader = csv_reader(table.reader, delimiter);
        let header = Header::read(&mut reader, &origin)?;
        if let Some(column) = required {
            header.require(column)?;
        }
        let positions = columns.map(|c| header.find(c));
        self.report.companions.push(origin.clone());
        let mut rows = Vec::new();
        let mut record = csv::StringRecord::new();
        while let Some(line) = self.next_record(&mut reader, &mut record, &origin)? {
            let cells = positions.map(|col| {
                col.and_then(|c| record.get(c))
                    .map(|t| reading.read(t).into_owned())
            });
            rows.push((line, cells));
        }
        Ok((origin, rows))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interchange::import::ImportOptions;
    use crate::model::{Actor, ActorKind, Graph};

    fn table(text: &str) -> Table<&[u8]> {
        Table {
            reader: text.as_bytes(),
            origin: "events.csv".into(),
            bytes: None,
            reading: CellReading::Cleaned,
            delimiter: b',',
        }
    }

    fn graph_with(ids: &[&str]) -> Graph {
        let mut graph = Graph::new("t");
        for id in ids {
            graph
                .add_actor(Actor::new(*id, *id, ActorKind::Group))
                .unwrap();
        }
        graph.add_source(Source {
            id: "s1".into(),
            citation: "A report".into(),
            url: None,
        });
        graph
    }

    #[test]
    fn event_rows_become_events_and_bad_rows_are_rejected_with_their_line() {
        let mut graph = graph_with(&["a", "b"]);
        let options = ImportOptions::default();
        let mut importer = Importer::new(&mut graph, &options);
        let text = "date,actors,what,confidence,sources,note\n\
                    2013-01-11,a;b,sign an accord,likely,s1, in Algiers \n\
                    2014,a,split,,,\n\
                    2014-13,a,bad month,,,\n\
                    2015,a;ghost,meet,,,\n\
                    2016,a,doubt,sure,,\n";
        importer.read_events(table(text)).unwrap();
        let report = importer.finish();
        assert_eq!(report.events_added, 2, "{:#?}", report.rejections);
        assert_eq!(report.companions, ["events.csv"]);
        let lines: Vec<u64> = report.rejections.iter().map(|r| r.line).collect();
        assert_eq!(lines, [4, 5, 6], "{:#?}", report.rejections);
        assert!(report.rejections[0].reason.starts_with("date: "));
        assert!(report.rejections[2]
            .reason
            .contains("unknown confidence `sure`"));
        let events = graph.events();
        assert_eq!(events.len(), 2);
        let accord = &events[0];
        assert_eq!(accord.date, "2013-01-11".parse().unwrap());
        assert_eq!(accord.actors.len(), 2);
        assert_eq!(accord.what, "sign an accord");
        assert_eq!(accord.confidence, Confidence::Likely);
        assert_eq!(accord.sources.len(), 1);
        assert_eq!(accord.note.as_deref(), Some("in Algiers"));
        assert_eq!(accord.evidence, None, "the table has no evidence column");
        assert_eq!(events[1].confidence, Confidence::Confirmed);
        assert_eq!(events[1].note, None);
    }

    #[test]
    fn a_relations_drawing_is_read_and_a_bad_one_rejected_with_its_line() {
        let mut graph = graph_with(&[]);
        let options = ImportOptions::default();
        let mut importer = Importer::new(&mut graph, &options);
        let text = "name,directed,color,line,arrow\n\
                    funds,true,#117733,thick,diamond\n\
                    trains,true,green,,\n\
                    meets,false,,,vee\n\
                    talks,false,,double,\n";
        importer.read_relations(table(text)).unwrap();
        let report = importer.finish();
        let rejected: Vec<(u64, &str)> = report
            .rejections
            .iter()
            .map(|r| (r.line, r.reason.as_str()))
            .collect();
        assert_eq!(rejected.len(), 2, "{rejected:#?}");
        assert_eq!(rejected[0].0, 3);
        assert!(rejected[0].1.contains("`green` is not a colour"));
        assert_eq!(rejected[1].0, 4);
        assert!(rejected[1].1.contains("symmetric"), "{}", rejected[1].1);
        let relations = graph.relations();
        let funds = relations.get(relations.find("funds").unwrap());
        let look = funds.look.as_ref().unwrap();
        assert_eq!(look.color.unwrap().to_string(), "#117733");
        assert_eq!(look.line, Some(crate::model::LineForm::Thick));
        assert_eq!(look.arrow.unwrap().as_str(), "diamond");
        let talks = relations.get(relations.find("talks").unwrap());
        assert_eq!(
            talks.look.as_ref().unwrap().line,
            Some(crate::model::LineForm::Double)
        );
        assert!(relations.find("trains").is_none() && relations.find("meets").is_none());
    }

    #[test]
    fn an_events_table_needs_a_date_column() {
        let mut graph = graph_with(&["a"]);
        let options = ImportOptions::default();
        let mut importer = Importer::new(&mut graph, &options);
        let error = importer
            .read_events(table("when,actors\n2014,a\n"))
            .unwrap_err();
        assert!(
            matches!(error, ImportError::MissingColumn { .. }),
            "{error}"
        );
    }

    #[test]
    fn a_graph_table_has_one_row() {
        let mut graph = graph_with(&[]);
        let options = ImportOptions::default();
        let mut importer = Importer::new(&mut graph, &options);
        let text = "title,as_of\n Sahel ,2023-02\nOther,2024\n";
        importer.read_graph_table(table(text)).unwrap();
        let report = importer.finish();
        assert_eq!(report.title.as_deref(), Some("Sahel"));
        assert_eq!(report.as_of, Some("2023-02".parse().unwrap()));
        assert_eq!(report.rejections.len(), 1);
        assert_eq!(report.rejections[0].line, 3);
    }
}
