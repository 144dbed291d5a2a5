//! A session: one open graph and the questions asked of it. The REPL,
//! scripts and `actorgraph query` all go through here, so they behave alike.
//! Nothing here writes files: an export comes back as a plan for
//! [`crate::statement`] to carry out.

use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::model::Graph;
use crate::query::eval::{evaluate, Outcome};
use crate::query::{parse_in, QueryError};
use crate::store;

/// An open graph and where it came from.
pub struct Session {
    /// The graph questions are asked of.
    pub graph: Graph,
    /// The file it was loaded from, or the bundled graph's name.
    pub origin: String,
    /// The file it was loaded from or last saved to; `None` for the bundled graph.
    pub path: Option<std::path::PathBuf>,
    /// Imports that changed the graph since it was loaded or last saved.
    pub unsaved_imports: usize,
    /// The file `path` as it was when loaded or last saved, so that a save
    /// does not silently write over what another writer put there since.
    pub opened_as: Option<FileIdentity>,
}

/// What tells one version of a file from the next without reading it: its
/// inode (a rename-over gives a new one), size, and modification and
/// status-change times (the latter moves on every write, and no tool can
/// set it back). A `chmod` or `touch` also changes it: a save then asks
/// first, which is the safe mistake.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileIdentity {
    inode: u64,
    size: u64,
    modified: (i64, i64),
    changed: (i64, i64),
}

impl FileIdentity {
    /// The identity of the file at `path` now; `None` when there is none.
    pub fn of(path: &Path) -> Option<FileIdentity> {
        use std::os::unix::fs::MetadataExt;
        let metadata = std::fs::metadata(path).ok()?;
        Some(FileIdentity {
            inode: metadata.ino(),
            size: metadata.len(),
            modified: (metadata.mtime(), metadata.mtime_nsec()),
            changed: (metadata.ctime(), metadata.ctime_nsec()),
        })
    }
}

impl Session {
    /// A session on `graph`, read from `origin` (the file `path`, if any).
    pub fn new(graph: Graph, origin: String, path: Option<std::path::PathBuf>) -> Session {
        Session {
            graph,
            origin,
            opened_as: path.as_deref().and_then(FileIdentity::of),
            path,
            unsaved_imports: 0,
        }
    }

    /// The bundled Sahel graph.
    pub fn bundled() -> Result<Session, Vec<Diagnostic>> {
        let graph = store::ron::parse(store::SAHEL_GRAPH, store::SAHEL_ORIGIN)
            .map_err(|e| e.diagnostics)?;
        Ok(Session::new(graph, store::SAHEL_ORIGIN.to_string(), None))
    }

    /// The graph in `path`, or the bundled one when `path` is `None`.
    pub fn open(path: Option<&Path>) -> Result<Session, Vec<Diagnostic>> {
        match path {
            None => Session::bundled(),
            Some(path) => Session::load(path, &mut |_| {}),
        }
    }

    /// The graph in `path`, telling `progress` how many ties are read as it
    /// goes. `-` reads standard input: the session then has no file.
    pub fn load(path: &Path, progress: &mut dyn FnMut(usize)) -> Result<Session, Vec<Diagnostic>> {
        // Taken before reading: a write during the read then makes a later
        // save ask first, rather than pass unnoticed.
        let opened_as = FileIdentity::of(path);
        let graph = store::open(path, progress).map_err(|e| e.diagnostics)?;
        if path == Path::new("-") {
            return Ok(Session::new(
                graph,
                store::ron::STDIN_ORIGIN.to_string(),
                None,
            ));
        }
        Ok(Session {
            opened_as,
            ..Session::new(graph, path.display().to_string(), Some(path.to_path_buf()))
        })
    }

    /// Records that the graph was written to `path`, which it now comes from.
    pub fn saved_to(&mut self, path: &Path) {
        self.origin = path.display().to_string();
        self.path = Some(path.to_path_buf());
        self.unsaved_imports = 0;
        self.opened_as = FileIdentity::of(path);
    }

    /// True when the session's file is no longer the one it loaded or last
    /// saved: another session saved it, or it was edited, replaced or removed.
    pub fn file_changed_since_opened(&self) -> bool {
        self.path
            .as_deref()
            .is_some_and(|path| FileIdentity::of(path) != self.opened_as)
    }

    /// Parses and evaluates one statement: an answer, or an export plan.
    /// Errors keep their byte spans in `line`; the caller, who knows the
    /// whole text, turns them into lines and columns.
    pub fn ask(&self, line: &str) -> Result<Outcome<'_>, QueryError> {
        evaluate(&self.graph, &parse_in(line, &self.graph)?)
    }

    /// The REPL's `import csv TIES.csv [actors ACTORS.csv] [mapping MAP.ron]
    /// [strict] [close-on-next-relation]`: merges a ties table (and an
    /// actors table) into the open graph. Rejected rows come back as
    /// warnings; with `strict` any rejection changes nothing.
    pub fn import_csv(&mut self, line: &str) -> Result<ImportSummary, Vec<Diagnostic>> {
        use crate::interchange::{
            import_into, rejection_diagnostics, ImportError, ImportOptions, Mapping,
        };
        let usage = || {
            vec![Diagnostic::new("usage: import csv TIES.csv [actors ACTORS.csv] [mapping MAPPING.ron] [strict] [close-on-next-relation] [review REVIEW.csv] [resolve REVIEW.csv]")]
        };
        let tokens = crate::query::lexer::lex(line).map_err(|e| vec![e.diagnostic(line, None)])?;
        let words: Vec<&str> = tokens.iter().map(|t| t.text.as_str()).collect();
        let [import, csv, ties, rest @ ..] = words.as_slice() else {
            return Err(usage());
        };
        if !import.eq_ignore_ascii_case("import") || !csv.eq_ignore_ascii_case("csv") {
            return Err(usage());
        }
        let mut options = ImportOptions::default();
        let mut actors = None;
        let mut review = None;
        let mut rest = rest.iter();
        while let Some(word) = rest.next() {
            match word.to_ascii_lowercase().as_str() {
                "actors" => actors = Some(Path::new(rest.next().ok_or_else(usage)?)),
                "mapping" => {
                    let path = Path::new(rest.next().ok_or_else(usage)?);
                    options.mapping = Mapping::load(path).map_err(|e| vec![e.diagnostic()])?;
                }
                "strict" => options.strict = true,
                "review" => {
                    review = Some(std::path::PathBuf::from(rest.next().ok_or_else(usage)?));
                    options.review = true;
                }
                "resolve" => {
                    let path = Path::new(rest.next().ok_or_else(usage)?);
                    options.decisions = crate::interchange::read_decisions(path)
                        .map_err(|e| vec![Diagnostic::new(e.to_string())])?;
                }
                "close-on-next-relation" => options.close_on_next_relation = true,
                _ => return Err(usage()),
            }
        }
        match import_into(&mut self.graph, actors, Path::new(ties), &options) {
            Ok(report) => {
                if report.changed_graph() {
                    self.unsaved_imports += 1;
                }
                let mut notes: Vec<String> = report
                    .merges
                    .iter()
                    .map(|m| format!("merged: {m}"))
                    .collect();
                notes.extend(report.repaired.iter().map(|(written, fixed)| {
                    format!("repaired: `{written}` read as `{fixed}` (Windows-1252)")
                }));
                notes.extend(report.warnings.iter().map(|w| format!("warning: {w}")));
                let review = review
                    .filter(|_| !report.review.is_empty())
                    .map(|path| (path, crate::interchange::review_table(&report.review)));
                let for_review = report.review.len();
                Ok(ImportSummary {
                    summary: report.summary(),
                    rejected: report.rejections,
                    notes,
                    review,
                    for_review,
                })
            }
            Err(ImportError::Strict(rejections)) => {
                Err(rejection_diagnostics(&rejections, REJECTION_FILE_LIMIT)
                    .into_iter()
                    .chain([Diagnostic::new("strict import: nothing was imported")])
                    .collect())
            }
            Err(error) => Err(vec![Diagnostic::new(error.to_string())]),
        }
    }
}

/// Files up to this size are read again to show a rejected row under its
/// reason; larger ones are placed by line only.
pub const REJECTION_FILE_LIMIT: u64 = 64 << 20;

/// What an import into the open graph did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportSummary {
    /// What was imported, merged and rejected, in one line.
    pub summary: String,
    /// Each rejected row, with its file, line and why.
    pub rejected: Vec<crate::interchange::Rejection>,
    /// Actors merged and names repaired, a line each.
    pub notes: Vec<String>,
    /// The review file to write (its path and text), when actors await review.
    pub review: Option<(std::path::PathBuf, String)>,
    /// How many actors await review.
    pub for_review: usize,
}
