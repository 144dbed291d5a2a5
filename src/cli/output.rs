//! Standard output for answers: written at once, flushed, and sized to
//! the terminal when there is one.

use std::io::Write;

/// Writes to standard output at once and flushes; errors (a closed pipe)
/// go back to the caller, which ends quietly.
pub(crate) fn write_out(text: &str) -> std::io::Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()
}

/// The width of the terminal on standard output, if it is one: text answers
/// wrap their notes to it.
pub(crate) fn terminal_width() -> Option<usize> {
    terminal_size::terminal_size_of(std::io::stdout())
        .map(|(terminal_size::Width(w), _)| usize::from(w))
        .filter(|w| *w >= 20)
}
