//! A guard between a CSV file and the csv crate: the crate reads a quote
//! left open as running to the end of the file, so one stray `"` turns the
//! following rows into one cell and they are silently lost; and a file with
//! no line breaks (`/dev/zero`) grows a record without end. The guard
//! follows the quoting itself and stops the read with the line to look at.

use std::io::{self, Read};

/// The longest line, outside quotes, a table may have.
pub const MAX_LINE_BYTES: usize = 64 << 20;
/// The most lines one quoted cell may span (a long note has a few).
pub const MAX_CELL_LINES: u64 = 200;
/// The largest one quoted cell may grow.
pub const MAX_CELL_BYTES: usize = 4 << 20;

/// Why the guard stopped the read, and where.
#[derive(Debug)]
pub struct GuardError {
    /// The line to look at: where the open quote or the long line begins.
    pub line: u64,
    /// What is wrong there.
    pub message: String,
}

impl std::fmt::Display for GuardError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for GuardError {}

/// Where the reader is in the CSV grammar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// At the start of a cell: a quote here opens a quoted cell.
    CellStart,
    /// Inside an unquoted cell, where a quote is just a character.
    Unquoted,
    /// Inside a quoted cell.
    Quoted,
    /// Just after a quote inside a quoted cell: `""` or the closing quote.
    QuoteInQuoted,
}

/// Reads through to `inner`, following the CSV quoting of what passes.
pub struct CsvGuard<R> {
    inner: R,
    state: State,
    /// The current line, from 1.
    line: u64,
    /// Bytes since the last line break outside quotes.
    line_bytes: usize,
    /// Where the open quoted cell began, its lines and its size so far.
    quote_line: u64,
    quote_lines: u64,
    quote_bytes: usize,
    delimiter: u8,
    /// Bytes followed so far.
    offset: u64,
    /// Where the line breaks not yet passed by [`CsvGuard::line_at`] are:
    /// the csv crate miscounts lines ending in `\r\n`, so lines are counted
    /// here, by byte. Only the breaks of the reader's buffer are kept.
    breaks: std::collections::VecDeque<u64>,
    /// Line breaks already passed.
    passed: u64,
    /// True just after a `\r`, so the `\n` of `\r\n` ends no second line.
    after_cr: bool,
}

impl<R: Read> CsvGuard<R> {
    /// A guard over `inner`, a table whose cells `delimiter` separates.
    pub fn new(inner: R, delimiter: u8) -> Self {
        CsvGuard {
            inner,
            state: State::CellStart,
            line: 1,
            line_bytes: 0,
            quote_line: 0,
            quote_lines: 0,
            quote_bytes: 0,
            delimiter,
            offset: 0,
            breaks: std::collections::VecDeque::new(),
            passed: 0,
            after_cr: false,
        }
    }

    /// The 1-based line of a record the reader says starts at `offset`.
    /// After `\r\n` the reader points at the `\n`, so a break at the
    /// offset itself counts as passed. Asked in increasing order (the
    /// reader's records), it forgets the breaks behind it.
    pub fn line_at(&mut self, offset: u64) -> u64 {
        while self.breaks.front().is_some_and(|b| *b <= offset) {
            self.breaks.pop_front();
            self.passed += 1;
        }
        self.passed + 1
    }

    fn stop(line: u64, message: String) -> io::Error {
        io::Error::new(io::ErrorKind::InvalidData, GuardError { line, message })
    }

    /// Follows `bytes` through the grammar.
    fn follow(&mut self, bytes: &[u8]) -> io::Result<()> {
        let mut at = 0;
        while at < bytes.len() {
            // Runs of plain text need no look at each byte: jump to the
            // next byte that can change the state.
            let rest = &bytes[at..];
            let plain = match self.state {
                // In an unquoted cell a quote is text: only a cell's or a
                // line's end changes the state.
                State::Unquoted => memchr::memchr3(self.delimiter, b'\n', b'\r', rest),
                State::Quoted => memchr::memchr3(b'"', b'\n', b'\r', rest),
                _ => Some(0),
            }
            .unwrap_or(rest.len());
            if plain > 0 {
                self.plain(plain)?;
                at += plain;
                continue;
            }
            self.step(bytes[at])?;
            at += 1;
        }
        Ok(())
    }

    /// `n` bytes that change nothing but the counts.
    fn plain(&mut self, n: usize) -> io::Result<()> {
        self.offset += n as u64;
        if self.state == State::Quoted {
            self.quote_bytes += n;
            self.check_quote()?;
        }
        self.line_bytes += n;
        self.check_line()
    }

    fn check_quote(&self) -> io::Result<()> {
        if self.quote_lines > MAX_CELL_LINES || self.quote_bytes > MAX_CELL_BYTES {
            return Err(Self::stop(
                self.quote_line,
                format!(
                    "the quoted cell opened here runs past {MAX_CELL_LINES} lines or {} MiB: is its closing quote missing?",
                    MAX_CELL_BYTES >> 20
                ),
            ));
        }
        Ok(())
    }

    fn check_line(&self) -> io::Result<()> {
        if self.line_bytes > MAX_LINE_BYTES {
            return Err(Self::stop(
                self.line,
                format!(
                    "a line longer than {} MiB: is this a CSV file?",
                    MAX_LINE_BYTES >> 20
                ),
            ));
        }
        Ok(())
    }

    /// One byte that may change the state.
    fn step(&mut self, byte: u8) -> io::Result<()> {
        let quoted = matches!(self.state, State::Quoted | State::QuoteInQuoted);
        // A line ends at `\n`, `\r\n` or a bare `\r` (old Mac files), as
        // the csv crate reads them: `\n` after `\r` ends no second line.
        let line_end = byte == b'\r' || (byte == b'\n' && !self.after_cr);
        self.after_cr = byte == b'\r';
        if line_end {
            self.line += 1;
            self.breaks.push_back(self.offset);
        }
        self.offset += 1;
        self.state = match (self.state, byte) {
            (State::CellStart, b'"') => {
                self.quote_line = self.line;
                self.quote_lines = 0;
                self.quote_bytes = 0;
                State::Quoted
            }
            (State::Quoted, b'"') => State::QuoteInQuoted,
            (State::Quoted, _) => State::Quoted,
            (State::QuoteInQuoted, b'"') => State::Quoted,
            (_, b'\n' | b'\r') => State::CellStart,
            (_, b) if b == self.delimiter => State::CellStart,
            // Text after a closing quote: not quoted.
            _ => State::Unquoted,
        };
        if self.state == State::Quoted && quoted {
            self.quote_bytes += 1;
            if line_end {
                self.quote_lines += 1;
            }
            self.check_quote()?;
        }
        if matches!(byte, b'\n' | b'\r') && self.state != State::Quoted {
            self.line_bytes = 0;
            Ok(())
        } else {
            self.line_bytes += 1;
            self.check_line()
        }
    }
}

/// Lines every guard in the process has read, for a progress display that
/// polls it from another thread ([`lines_read`]). A static rather than a
/// handle passed down: progress is the terminal's business, and the tables
/// an import reads are opened in several places.
static LINES_READ: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// How many table lines this process has read so far; the difference
/// between two readings is what was read between them.
pub fn lines_read() -> u64 {
    LINES_READ.load(std::sync::atomic::Ordering::Relaxed)
}

impl<R: Read> Read for CsvGuard<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 && self.state == State::Quoted {
            return Err(Self::stop(
                self.quote_line,
                "the quote opened here is never closed, so every row after it would be read as one cell".into(),
            ));
        }
        let line = self.line;
        self.follow(&buf[..n])?;
        LINES_READ.fetch_add(self.line - line, std::sync::atomic::Ordering::Relaxed);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<String, String> {
        let mut out = String::new();
        CsvGuard::new(text.as_bytes(), b',')
            .read_to_string(&mut out)
            .map_err(|e| e.into_inner().map(|e| e.to_string()).unwrap_or_default())?;
        Ok(out)
    }

    #[test]
    fn quoting_that_closes_passes_through() {
        let text = "id,name\n1,\"A, B\"\n2,\"two\nlines \"\"quoted\"\"\"\r\n3,5\" gun\n";
        assert_eq!(read(text).as_deref(), Ok(text));
    }

    #[test]
    fn lines_are_counted_by_byte_whatever_the_line_ends() {
        let mut guard = CsvGuard::new("a\r\nb\nc\r\n".as_bytes(), b',');
        io::copy(&mut guard, &mut io::sink()).unwrap();
        // The csv crate starts the second record at the `\n` of `\r\n`.
        assert_eq!(guard.line_at(0), 1);
        assert_eq!(guard.line_at(2), 2);
        assert_eq!(guard.line_at(4), 3);
    }

    /// Review of issue 14: on a file whose lines end in a bare `\r` the
    /// guard saw one long line, took the quote of a later row for text, and
    /// missed that it was never closed.
    #[test]
    fn a_bare_carriage_return_ends_a_line() {
        let error = read("a,b\r1,2\r\"3,4\r5,6\r").unwrap_err();
        assert!(
            error.starts_with("line 3: the quote opened here"),
            "{error}"
        );
        let mut guard = CsvGuard::new("a\rb\rc\r".as_bytes(), b',');
        io::copy(&mut guard, &mut io::sink()).unwrap();
        assert_eq!(guard.line_at(2), 2);
        assert_eq!(guard.line_at(4), 3);
    }

    #[test]
    fn an_open_quote_is_reported_where_it_opens() {
        let error = read("id,name\n1,\"Unclosed\n2,B\n3,C\n").unwrap_err();
        assert!(
            error.starts_with("line 2: the quote opened here is never closed"),
            "{error}"
        );
    }

    #[test]
    fn a_runaway_cell_or_line_is_stopped() {
        let many = format!("id,note\n1,\"{}\n", "x\n".repeat(500));
        let error = read(&many).unwrap_err();
        assert!(
            error.starts_with("line 2: the quoted cell opened here runs past"),
            "{error}"
        );
        let mut zeros = CsvGuard::new(io::repeat(0).take((MAX_LINE_BYTES + 10) as u64), b',');
        let error = io::copy(&mut zeros, &mut io::sink()).unwrap_err();
        assert!(
            error.to_string().contains("a line longer than 64 MiB"),
            "{error}"
        );
    }
}
