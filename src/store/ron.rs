//! Graph files in RON: reading with positioned errors, writing canonically
//! and atomically.
//!
//! Files are read with the `implicit_some` extension on, so optional fields
//! are written plainly (`end: "2022-11"`). The text is streamed by serde
//! into the model's [`GraphBuilder`] one actor and tie at a time (see
//! `stream.rs`); every problem comes back at once, each pointed at its line
//! and column.

use std::path::Path;

use ron::extensions::Extensions;
use ron::ser::PrettyConfig;

use crate::diagnostic::Diagnostic;
use crate::model::time::collecting_date_errors;
use crate::model::{Graph, GraphBuilder, Problem, Site};

use super::spans::SpanTree;
use super::stream::Document;
use super::syntax::syntax_diagnostic;
use crate::atomic::write_atomically_with;
use std::io::Write as _;

/// Why a graph file could not be read or written; holds every problem found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreError {
    /// Every problem found, each with its place in the file.
    pub diagnostics: Vec<Diagnostic>,
}

impl StoreError {
    pub(crate) fn one(diagnostic: Diagnostic) -> Self {
        StoreError {
            diagnostics: vec![diagnostic],
        }
    }

    /// Every problem, each with its place and caret; `color` adds ANSI colours for a terminal.
    pub fn render(&self, color: bool) -> String {
        self.diagnostics
            .iter()
            .map(|d| d.render(color))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(false))
    }
}

impl std::error::Error for StoreError {}

pub(super) fn options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// Reads and validates the graph file at `path`; `-` is standard input.
pub fn load(path: &Path) -> Result<Graph, StoreError> {
    load_with_progress(path, &mut |_| {})
}

/// Like [`load`], calling `progress` with the number of ties read every
/// 100 000 ties (the reader's `PROGRESS_EVERY`), for a progress display.
pub fn load_with_progress(
    path: &Path,
    progress: &mut dyn FnMut(usize),
) -> Result<Graph, StoreError> {
    let bytes = read_file(path)?;
    parse_bytes(bytes, &origin_of(path), progress)
}

/// How the graph file at `path` is named in messages; `-` is standard input.
pub(crate) fn origin_of(path: &Path) -> String {
    if path == Path::new("-") {
        STDIN_ORIGIN.to_string()
    } else {
        path.display().to_string()
    }
}

/// The bytes of the graph file at `path`, or why they cannot be read.
pub(crate) fn read_file(path: &Path) -> Result<Vec<u8>, StoreError> {
    read_bounded(path).map_err(|error| read_error(path, &error))
}

/// Why the graph file at `path` could not be read, for people.
pub(crate) fn read_error(path: &Path, error: &std::io::Error) -> StoreError {
    let origin = origin_of(path);
    if let Some(line) = error.get_ref().and_then(|e| e.downcast_ref::<LongLine>()) {
        return StoreError::one(
            Diagnostic::new(format!(
                "`{origin}` has a line longer than {} MiB (line {}): is it a graph file?",
                MAX_LINE_BYTES >> 20,
                line.0
            ))
            .origin(&origin),
        );
    }
    let message = match error.kind() {
        std::io::ErrorKind::NotFound => {
            format!("cannot read graph file `{origin}`: no such file")
        }
        std::io::ErrorKind::PermissionDenied => {
            format!("cannot read graph file `{origin}`: permission denied")
        }
        _ if path.is_dir() => format!("cannot read graph file `{origin}`: it is a directory"),
        _ => format!("cannot read graph file `{origin}`: {error}"),
    };
    StoreError::one(Diagnostic::new(message))
}

/// Parses and validates the bytes of a graph file; `origin` names it in errors.
pub(crate) fn parse_bytes(
    bytes: Vec<u8>,
    origin: &str,
    progress: &mut dyn FnMut(usize),
) -> Result<Graph, StoreError> {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            let bytes = error.as_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..valid]).into_owned();
            return Err(StoreError::one(
                Diagnostic::new(format!(
                    "`{origin}` is not text: invalid UTF-8 at byte {valid}"
                ))
                .origin(origin)
                .at_span(&prefix, valid, valid)
                .help(Some(
                    "graph files are UTF-8 RON text; is this a binary file?".into(),
                )),
            ));
        }
    };
    parse_with_progress(&text, origin, progress)
}

/// How a graph read from standard input (`-`) is named in messages.
pub const STDIN_ORIGIN: &str = "<stdin>";

/// The longest line a graph file may have; actorgraph writes one tie a line.
pub const MAX_LINE_BYTES: usize = 64 << 20;

/// The line of a graph file that passed [`MAX_LINE_BYTES`].
#[derive(Debug)]
struct LongLine(u64);

impl std::fmt::Display for LongLine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "line {} is longer than {} MiB",
            self.0,
            MAX_LINE_BYTES >> 20
        )
    }
}

impl std::error::Error for LongLine {}

/// The file's bytes (standard input's for `-`), stopping at a line past
/// [`MAX_LINE_BYTES`], so a file without line breaks (`/dev/zero`) cannot
/// grow memory without end.
fn read_bounded(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut file: Box<dyn Read> = if path == Path::new("-") {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::fs::File::open(path)?)
    };
    let mut bytes = Vec::new();
    let mut chunk = vec![0u8; 1 << 20];
    let (mut line, mut line_bytes) = (1u64, 0usize);
    loop {
        let n = file.read(&mut chunk)?;
        if n == 0 {
            return Ok(bytes);
        }
        for &byte in &chunk[..n] {
            if byte == b'\n' {
                line += 1;
                line_bytes = 0;
            } else {
                line_bytes += 1;
            }
        }
        if line_bytes > MAX_LINE_BYTES {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                LongLine(line),
            ));
        }
        bytes.extend_from_slice(&chunk[..n]);
    }
}

/// Parses and validates graph text; `origin` names it in errors.
pub fn parse(text: &str, origin: &str) -> Result<Graph, StoreError> {
    parse_with_progress(text, origin, &mut |_| {})
}

/// Like [`parse`], reporting progress as [`load_with_progress`] does.
pub fn parse_with_progress(
    text: &str,
    origin: &str,
    progress: &mut dyn FnMut(usize),
) -> Result<Graph, StoreError> {
    let text_without_bom = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if text_without_bom.trim().is_empty() {
        return Err(StoreError::one(
            Diagnostic::new(format!("`{origin}` is empty"))
                .origin(origin)
                .help(Some(
                    "a graph file is one RON struct: `(title: \"…\", actors: [...], ties: [...])`"
                        .into(),
                )),
        ));
    }
    let mut builder = GraphBuilder::new(String::new(), None);
    let mut waiting = Vec::new();
    let seed = Document {
        builder: &mut builder,
        waiting: &mut waiting,
        progress,
    };
    // Bad dates are reported with every other problem, not as a stop.
    collecting_date_errors(|| options().from_str_seed(text_without_bom, seed))
        .map_err(|error| StoreError::one(syntax_diagnostic(text_without_bom, origin, &error)))?;
    for tie in waiting {
        match tie {
            Some(tie) => builder.tie(tie),
            None => builder.skip_tie(),
        }
    }
    builder.finish().map_err(|problems| {
        let spans = SpanTree::scan(text_without_bom);
        StoreError {
            diagnostics: problems
                .iter()
                .map(|problem| problem_diagnostic(text_without_bom, origin, &spans, problem))
                .collect(),
        }
    })
}

fn problem_diagnostic(text: &str, origin: &str, spans: &SpanTree, problem: &Problem) -> Diagnostic {
    let diagnostic = Diagnostic::new(problem.message.clone())
        .origin(origin)
        .help(problem.help.clone());
    match locate(spans, problem.site) {
        // A part of a string's text: inside its quotes. Dates hold no
        // escapes, so the text's offsets are the file's.
        Some((tree, true))
            if problem.within.is_some() && text.as_bytes().get(tree.start) == Some(&b'"') =>
        {
            let (start, end) = problem.within.unwrap_or_default();
            let (start, end) = (tree.start + 1 + start, tree.start + 1 + end);
            if end < tree.end && text.is_char_boundary(start) && text.is_char_boundary(end) {
                diagnostic.at_span(text, start, end)
            } else {
                diagnostic.at_span(text, tree.start, tree.end)
            }
        }
        Some((tree, true)) => diagnostic.at_span(text, tree.start, tree.end),
        // A field the item lacks: the caret at the item's opening, not
        // under all of it.
        Some((tree, false)) => diagnostic.at_span(text, tree.start, tree.start + 1),
        None => diagnostic,
    }
}

/// The most precise span the file has for a site: the field's value, else
/// the item, else the list; false when the item lacks the field.
fn locate(spans: &SpanTree, site: Site) -> Option<(&SpanTree, bool)> {
    let (list, index, field, item) = match site {
        Site::Document { field } => {
            return Some(
                spans
                    .field(field)
                    .map_or((spans, false), |value| (value, true)),
            )
        }
        Site::Source { index, field } => ("sources", index, field, None),
        Site::Relation { index, field } => ("relations", index, field, None),
        Site::Actor { index, field, item } => ("actors", index, field, item),
        Site::Tie { index, field, item } => ("ties", index, field, item),
        Site::Event { index, field, item } => ("events", index, field, item),
    };
    let list = spans.field(list)?;
    let Some(entry) = list.item(index) else {
        return Some((list, true));
    };
    let Some(value) = entry.field(field) else {
        return Some((entry, false));
    };
    Some((item.and_then(|i| value.item(i)).unwrap_or(value), true))
}

/// How the canonical text is laid out: pretty RON, one field a line.
fn canonical_layout() -> PrettyConfig {
    PrettyConfig::new()
        .depth_limit(3)
        .indentor("    ")
        .struct_names(false)
        .extensions(Extensions::IMPLICIT_SOME)
}

/// The canonical text of a graph: pretty RON, one field a line, fixed order.
pub fn to_string(graph: &Graph) -> String {
    let mut text = options()
        .to_string_pretty(&graph.to_spec(), canonical_layout())
        .expect("a graph spec always serialises: it holds only strings, dates and lists");
    text.push('\n');
    text
}

/// Writes `graph` to `path` atomically: a temporary file beside it, flushed
/// to disk, then renamed over the target, so a crash never leaves half a file.
pub fn save(graph: &Graph, path: &Path) -> Result<(), StoreError> {
    save_with_progress(graph, path, &mut |_| {})
}

/// Like [`save`], streaming the canonical text to the file (a large graph is
/// never held twice as text) and calling `progress` with the bytes written
/// so far, about every megabyte, for a progress display.
pub fn save_with_progress(
    graph: &Graph,
    path: &Path,
    progress: &mut dyn FnMut(u64),
) -> Result<(), StoreError> {
    let spec = graph.to_spec();
    write_atomically_with(path, &mut |out| {
        let mut counted = Counted {
            inner: out,
            written: 0,
            reported: 0,
            progress: &mut *progress,
        };
        options()
            .to_io_writer_pretty(&mut counted, &spec, canonical_layout())
            .map_err(|error| match error {
                ron::Error::Io(message) => std::io::Error::other(message),
                other => std::io::Error::other(other.to_string()),
            })?;
        counted.write_all(b"\n")
    })
    .map_err(|error| StoreError::one(Diagnostic::new(error.to_string())))
}

/// A writer that reports how much has gone through it.
struct Counted<'a> {
    inner: &'a mut dyn std::io::Write,
    written: u64,
    reported: u64,
    progress: &'a mut dyn FnMut(u64),
}

impl std::io::Write for Counted<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(bytes)?;
        self.written += n as u64;
        if self.written - self.reported >= 1 << 20 {
            self.reported = self.written;
            (self.progress)(self.written);
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Whether a graph file's text holds comments, which a save (writing the
/// canonical form) would drop. Strings and characters are skipped, so a
/// `//` inside a URL is not a comment.
pub fn holds_comments(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'/' if matches!(bytes.get(at + 1), Some(b'/') | Some(b'*')) => return true,
            b'"' => at = after_string(bytes, at + 1),
            b'\'' => at = after_char(bytes, at + 1),
            b'r' if raw_string_start(bytes, at).is_some() => {
                let (hashes, body) = raw_string_start(bytes, at).unwrap_or((0, at + 1));
                at = after_raw_string(bytes, body, hashes);
            }
            _ => at += 1,
        }
    }
    false
}

/// Where a `"…"` string whose body starts at `at` ends (past its quote).
fn after_string(bytes: &[u8], mut at: usize) -> usize {
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 2,
            b'"' => return at + 1,
            _ => at += 1,
        }
    }
    at
}

/// Where a `'…'` character whose body starts at `at` ends.
fn after_char(bytes: &[u8], mut at: usize) -> usize {
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 2,
            b'\'' => return at + 1,
            b'\n' => return at,
            _ => at += 1,
        }
    }
    at
}

/// For `r"` or `r#…#"` at `at`, not part of a longer identifier: the number
/// of `#`s and where the body starts.
fn raw_string_start(bytes: &[u8], at: usize) -> Option<(usize, usize)> {
    if at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_') {
        return None;
    }
    let hashes = bytes[at + 1..].iter().take_while(|&&b| b == b'#').count();
    (bytes.get(at + 1 + hashes) == Some(&b'"')).then_some((hashes, at + 2 + hashes))
}

/// Where a raw string closed by `"` and `hashes` `#`s ends.
fn after_raw_string(bytes: &[u8], mut at: usize, hashes: usize) -> usize {
    while at < bytes.len() {
        if bytes[at] == b'"'
            && bytes[at + 1..]
                .iter()
                .take(hashes)
                .filter(|&&b| b == b'#')
                .count()
                == hashes
        {
            return at + 1 + hashes;
        }
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_are_found_outside_strings_only() {
        assert!(holds_comments(
            "(\n    // JNIM's make-up\n    actors: [],\n)"
        ));
        assert!(holds_comments("(actors: [] /* later */)"));
        assert!(!holds_comments(
            r#"(sources: [(url: "https://example.org/a")])"#
        ));
        assert!(!holds_comments(r#"(note: "a \" quote // not a comment")"#));
        assert!(!holds_comments(r##"(note: r#"raw "// still" text"#)"##));
        assert!(holds_comments(r##"(note: r#"raw"#) // after"##));
        assert!(!holds_comments("(c: '/', d: '\\'')"));
        assert!(!holds_comments(""));
        assert!(!holds_comments("\""), "an unclosed string is not a comment");
    }

    #[test]
    fn the_bundled_graph_holds_comments_and_its_canonical_form_none() {
        assert!(holds_comments(crate::store::SAHEL_GRAPH));
        let graph = parse(crate::store::SAHEL_GRAPH, "sahel").unwrap();
        assert!(!holds_comments(&to_string(&graph)));
    }

    #[test]
    fn a_streamed_save_writes_the_canonical_text() {
        let graph = parse(crate::store::SAHEL_GRAPH, "sahel").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("saved.ron");
        let mut reports = Vec::new();
        save_with_progress(&graph, &path, &mut |bytes| reports.push(bytes)).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), to_string(&graph));
        assert!(reports.windows(2).all(|w| w[0] < w[1]));
    }
}
