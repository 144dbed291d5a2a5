//! CSV plumbing shared by every table the import reads: opening a file, the
//! reader's settings, the header row and its columns, records with the line
//! they start on, and which problems reject a row and which end the import.

use std::io::Read;
use std::path::Path;

use super::cells::CellReading;
use super::companions::written_by_export;
use super::guard::{CsvGuard, GuardError};
use super::{ImportError, Rejection};
use crate::interchange::mapping::Mapping;

/// A table to read: its bytes and the name errors give it.
pub struct Table<R> {
    /// The table's bytes.
    pub reader: R,
    /// The name rejections and errors give the table (its path).
    pub origin: String,
    /// The size in bytes, when known, to size the indexes up front.
    pub bytes: Option<u64>,
    /// How cells are read: exactly as written (guarded or not) for files
    /// actorgraph's CSV export wrote, cleaned for the rest.
    pub reading: CellReading,
    /// The byte between cells, unless the mapping names one: `,`, or what
    /// [`Table::open`] found (a tab for `.tsv`, a header split by `;`).
    pub delimiter: u8,
}

impl<R> Table<R> {
    /// How this table's cells are read.
    pub(crate) fn cell_reading(&self) -> CellReading {
        self.reading
    }
}

impl Table<std::fs::File> {
    /// Opens a file; its cells are read exactly when its directory holds a
    /// `graph.csv` written by the CSV export (see [`written_by_export`]).
    /// Its cells are split by tabs when it is named `.tsv` or `.tab`, or
    /// when its header holds tabs (or semicolons) and no comma.
    /// `-` is standard input, read as a comma-separated table unless the
    /// mapping names another delimiter.
    pub fn open(path: &Path) -> Result<Self, ImportError> {
        if path == Path::new("-") {
            return Self::standard_input();
        }
        let origin = path.display().to_string();
        let io = |error| ImportError::Io {
            origin: origin.clone(),
            error,
        };
        let mut reader = std::fs::File::open(path).map_err(io)?;
        let bytes = reader.metadata().ok().map(|m| m.len());
        let tabbed = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("tsv") || e.eq_ignore_ascii_case("tab"));
        let delimiter = if tabbed {
            b'\t'
        } else {
            use std::io::{Seek, SeekFrom};
            let mut start = Vec::new();
            (&mut reader)
                .take(1 << 16)
                .read_to_end(&mut start)
                .map_err(io)?;
            reader.seek(SeekFrom::Start(0)).map_err(io)?;
            header_delimiter(&start)
        };
        let reading = path
            .parent()
            .and_then(written_by_export)
            .unwrap_or(CellReading::Cleaned);
        Ok(Table {
            reader,
            origin,
            bytes,
            reading,
            delimiter,
        })
    }
}

impl Table<std::fs::File> {
    fn standard_input() -> Result<Self, ImportError> {
        let origin = STDIN_ORIGIN.to_string();
        // /dev/stdin is a File, so every table reads through one type.
        let reader = std::fs::File::open("/dev/stdin").map_err(|error| ImportError::Io {
            origin: origin.clone(),
            error,
        })?;
        Ok(Table {
            reader,
            origin,
            bytes: None,
            reading: CellReading::Cleaned,
            delimiter: b',',
        })
    }
}

/// Whether a row is Excel's `sep=X` line: one cell `sep=`, the rest empty
/// (the delimiter itself split the line).
fn is_separator_line(record: &csv::StringRecord) -> bool {
    let mut cells = record.iter();
    let first = cells.next().unwrap_or_default();
    let first = first.trim_start_matches('\u{FEFF}');
    first.starts_with("sep=") && first.len() <= 5 && cells.all(str::is_empty)
}

/// What rejections call a table read from standard input.
pub const STDIN_ORIGIN: &str = "<stdin>";

/// The delimiter a header line shows: a comma when it holds one (or none of
/// the others), else a tab or a semicolon, whichever it holds.
pub(crate) fn header_delimiter(start: &[u8]) -> u8 {
    let end = memchr::memchr2(b'\n', b'\r', start).unwrap_or(start.len());
    let header = &start[..end];
    // Excel writes `sep=;` above the header to say what it used.
    let unmarked = header.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(header);
    if let [b's', b'e', b'p', b'=', delimiter] = unmarked {
        if delimiter.is_ascii() && !matches!(delimiter, b'"' | b'\n' | b'\r') {
            return *delimiter;
        }
    }
    let holds = |byte| memchr::memchr(byte, header).is_some();
    match (holds(b','), holds(b'\t'), holds(b';')) {
        (false, true, _) => b'\t',
        (false, false, true) => b';',
        _ => b',',
    }
}

impl<R: Read + 'static> Table<R> {
    /// The same table behind a boxed reader, as [`super::Companions`] holds them.
    pub(crate) fn boxed(self) -> Table<Box<dyn Read>> {
        Table {
            reader: Box::new(self.reader),
            origin: self.origin,
            bytes: self.bytes,
            reading: self.reading,
            delimiter: self.delimiter,
        }
    }
}

/// A CSV reader as every table wants it: rows of any length (short rows
/// read as empty cells) and the header read by [`Header::read`].
/// The reader goes through a [`CsvGuard`], so an unclosed quote or an
/// endless line stops the import at its line instead of eating the file.
pub(crate) fn csv_reader<R: Read>(reader: R, delimiter: u8) -> csv::Reader<CsvGuard<R>> {
    csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .delimiter(delimiter)
        .buffer_capacity(1 << 16)
        .from_reader(CsvGuard::new(reader, delimiter))
}

/// The byte between `table`'s cells: the mapping's, else the table's own.
pub(crate) fn delimiter_of<R>(table: &Table<R>, mapping: &Mapping) -> u8 {
    match mapping.delimiter {
        Some(c) if c.is_ascii() => c as u8,
        _ => table.delimiter,
    }
}

/// A malformed row is a rejection; a failed read ends the import.
pub(crate) fn csv_problem(origin: &str, error: csv::Error) -> Result<Rejection, ImportError> {
    let line = error.position().map_or(0, |p| p.line());
    match error.kind() {
        csv::ErrorKind::Io(io) => {
            if let Some(guard) = io.get_ref().and_then(|e| e.downcast_ref::<GuardError>()) {
                return Err(ImportError::Csv {
                    origin: origin.to_string(),
                    line: guard.line,
                    message: guard.message.clone(),
                });
            }
            Err(ImportError::Csv {
                origin: origin.to_string(),
                line,
                message: error.to_string(),
            })
        }
        _ => Ok(Rejection {
            origin: origin.to_string(),
            line,
            reason: error.to_string(),
        }),
    }
}

/// A record the reader fills: text for the small tables, bytes for the
/// ties table (its cells are decoded one by one, only when needed).
pub(crate) trait Record {
    /// Reads the next record into `self`; false at the end of the table.
    fn read_from<R: Read>(&mut self, reader: &mut csv::Reader<R>) -> csv::Result<bool>;
    /// The byte the record starts at.
    fn byte(&self) -> u64;
}

impl Record for csv::StringRecord {
    fn read_from<R: Read>(&mut self, reader: &mut csv::Reader<R>) -> csv::Result<bool> {
        reader.read_record(self)
    }

    fn byte(&self) -> u64 {
        self.position().map_or(0, |p| p.byte())
    }
}

impl Record for csv::ByteRecord {
    fn read_from<R: Read>(&mut self, reader: &mut csv::Reader<R>) -> csv::Result<bool> {
        reader.read_byte_record(self)
    }

    fn byte(&self) -> u64 {
        self.position().map_or(0, |p| p.byte())
    }
}

/// Reads the next well-formed record and gives its line; a malformed row is
/// handed to `rejected` and skipped, a failed read ends the import.
pub(crate) fn next_record<R: Read, Rec: Record>(
    reader: &mut csv::Reader<CsvGuard<R>>,
    record: &mut Rec,
    origin: &str,
    mut rejected: impl FnMut(Rejection),
) -> Result<Option<u64>, ImportError> {
    loop {
        match record.read_from(reader) {
            Ok(true) => return Ok(Some(reader.get_mut().line_at(record.byte()))),
            Ok(false) => return Ok(None),
            Err(error) => {
                let line = error.position().map(|p| reader.get_mut().line_at(p.byte()));
                let mut problem = csv_problem(origin, error)?;
                problem.line = line.unwrap_or(problem.line);
                rejected(problem)
            }
        }
    }
}

/// Whether a column that the layout names but may leave out must be in the
/// header: a mapping written for a dataset names columns it expects, so a
/// typo there should not pass; the default layout's are truly optional.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NamedColumns {
    MustExist,
    MayBeAbsent,
}

impl NamedColumns {
    /// The rule for a mapping: strict for any but the default layout.
    pub(crate) fn for_mapping(mapping: &Mapping) -> NamedColumns {
        if mapping.is_default_layout() {
            NamedColumns::MayBeAbsent
        } else {
            NamedColumns::MustExist
        }
    }
}

/// A table's header row: column names to positions.
pub(crate) struct Header {
    origin: String,
    names: Vec<String>,
}

impl Header {
    /// Reads the first row as the header; an empty table is an error.
    /// Names are matched without case, spaces or a byte-order mark.
    pub(crate) fn read<R: Read>(
        reader: &mut csv::Reader<R>,
        origin: &str,
    ) -> Result<Header, ImportError> {
        let mut record = csv::StringRecord::new();
        let problem = |message: String| ImportError::Csv {
            origin: origin.to_string(),
            line: 1,
            message,
        };
        let mut read = |record: &mut csv::StringRecord| match reader.read_record(record) {
            Ok(true) => Ok(()),
            Ok(false) => Err(problem("the file is empty: it needs a header row".into())),
            Err(error) => Err(match csv_problem(origin, error) {
                Err(stopped) => stopped,
                Ok(malformed) => problem(malformed.reason),
            }),
        };
        read(&mut record)?;
        // Excel's `sep=;` line names the delimiter (see
        // [`header_delimiter`]); the header is the line after it.
        if is_separator_line(&record) {
            read(&mut record)?;
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

    /// The position of `column`, if the table has it.
    pub(crate) fn find(&self, column: &str) -> Option<usize> {
        let column = column.trim().to_lowercase();
        self.names.iter().position(|name| *name == column)
    }

    /// The position of a column the table must have; the error lists the
    /// columns it does have.
    pub(crate) fn require(&self, column: &str) -> Result<usize, ImportError> {
        self.find(column).ok_or_else(|| ImportError::MissingColumn {
            origin: self.origin.clone(),
            column: column.to_string(),
            found: self.names.join(", "),
        })
    }

    /// A column the layout may leave out (`None`: it names none); whether
    /// naming one the table lacks is an error is `rule`'s to say.
    pub(crate) fn optional(
        &self,
        column: Option<&str>,
        rule: NamedColumns,
    ) -> Result<Option<usize>, ImportError> {
        match (column, rule) {
            (None, _) => Ok(None),
            (Some(column), NamedColumns::MustExist) => self.require(column).map(Some),
            (Some(column), NamedColumns::MayBeAbsent) => Ok(self.find(column)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reader(text: &[u8]) -> csv::Reader<CsvGuard<&[u8]>> {
        csv_reader(text, b',')
    }

    #[test]
    fn header_lookup_ignores_case_spaces_and_a_byte_order_mark() {
        let mut csv = reader("\u{FEFF}Source , TARGET,note\n".as_bytes());
        let header = Header::read(&mut csv, "t.csv").unwrap();
        assert_eq!(header.find("source"), Some(0));
        assert_eq!(header.find(" Target "), Some(1));
        assert_eq!(header.find("relation"), None);
        let error = header.require("relation").unwrap_err().to_string();
        assert_eq!(
            error,
            "`t.csv` has no column `relation` (its columns: source, target, note)"
        );
        assert_eq!(
            header
                .optional(Some("note"), NamedColumns::MustExist)
                .unwrap(),
            Some(2)
        );
        assert_eq!(
            header
                .optional(Some("x"), NamedColumns::MayBeAbsent)
                .unwrap(),
            None
        );
        assert!(header.optional(Some("x"), NamedColumns::MustExist).is_err());
        assert_eq!(
            header.optional(None, NamedColumns::MustExist).unwrap(),
            None
        );
    }

    #[test]
    fn an_empty_table_has_no_header() {
        let error = Header::read(&mut reader(b""), "e.csv").err().unwrap();
        assert_eq!(
            error.to_string(),
            "e.csv:1: the file is empty: it needs a header row"
        );
    }

    #[test]
    fn records_give_the_line_they_start_on_past_a_quoted_multi_line_cell() {
        let text = "id,note\na,\"two\nlines\"\nb,plain\nc,\"x\r\ny\r\nz\"\nd,\n";
        let mut csv = reader(text.as_bytes());
        Header::read(&mut csv, "t.csv").unwrap();
        let mut record = csv::ByteRecord::new();
        let mut lines = Vec::new();
        while let Some(line) = next_record(&mut csv, &mut record, "t.csv", |r| {
            panic!("no row is malformed: {r}")
        })
        .unwrap()
        {
            lines.push((line, String::from_utf8_lossy(&record[0]).into_owned()));
        }
        let expected = [(2, "a"), (4, "b"), (5, "c"), (8, "d")];
        let expected: Vec<(u64, String)> = expected
            .iter()
            .map(|(l, id)| (*l, id.to_string()))
            .collect();
        assert_eq!(lines, expected);
    }

    #[test]
    fn a_malformed_row_is_rejected_with_its_line_and_reading_goes_on() {
        let mut csv = reader(b"id,name\na,ok\nb,\xff\xfe\nc,fine\n");
        Header::read(&mut csv, "t.csv").unwrap();
        let mut record = csv::StringRecord::new();
        let mut rejected = Vec::new();
        let mut ids = Vec::new();
        while let Some(line) =
            next_record(&mut csv, &mut record, "t.csv", |r| rejected.push(r)).unwrap()
        {
            ids.push((line, record[0].to_string()));
        }
        assert_eq!(ids, [(2, "a".to_string()), (4, "c".to_string())]);
        assert_eq!(rejected.len(), 1, "{rejected:?}");
        assert_eq!(
            (rejected[0].origin.as_str(), rejected[0].line),
            ("t.csv", 3)
        );
    }

    #[test]
    fn a_table_knows_how_its_cells_are_read() {
        let table = |reading| Table {
            reader: std::io::empty(),
            origin: "t".into(),
            bytes: None,
            delimiter: b',',
            reading,
        };
        for reading in [
            CellReading::Exact,
            CellReading::Guarded,
            CellReading::Cleaned,
        ] {
            assert_eq!(table(reading).cell_reading(), reading);
        }
    }
}

#[cfg(test)]
mod delimiter_tests {
    use super::header_delimiter;

    #[test]
    fn the_header_shows_the_delimiter_and_a_comma_wins() {
        assert_eq!(
            header_delimiter(b"source\ttarget\trelation\nA,B\tc\td"),
            b'\t'
        );
        assert_eq!(header_delimiter(b"source;target;relation\r\n"), b';');
        assert_eq!(header_delimiter(b"source,target;relation\n"), b',');
        assert_eq!(header_delimiter(b"source\ttarget;relation\n"), b'\t');
        assert_eq!(header_delimiter(b"source\n;;;\t\t"), b',');
        assert_eq!(header_delimiter(b""), b',');
        assert_eq!(header_delimiter(b"sep=|\r\nsource|target"), b'|');
        assert_eq!(header_delimiter(b"\xEF\xBB\xBFsep=;\nsource;target"), b';');
    }
}
