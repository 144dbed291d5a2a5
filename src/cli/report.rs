//! The one place errors reach the person: every failure of the command line
//! and every problem of a REPL line is printed here, and the exit code is
//! picked here (ripgrep's `main` does the same).

use std::process::ExitCode;

use actorgraph::diagnostic::Diagnostic;
use actorgraph::interchange::{rejection_diagnostics, Rejection, ROWS_SHOWN};
use actorgraph::session::REJECTION_FILE_LIMIT;

/// How a command ended when it did not fail outright.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Done {
    /// Exit 0.
    Success,
    /// Exit 1: a failed expectation or check whose problems were reported.
    Unmet,
}

/// Problems to print, then exit 1: diagnostics, and a closing line such as
/// a script's summary.
#[derive(Debug)]
pub struct Problems {
    pub diagnostics: Vec<Diagnostic>,
    pub summary: Option<String>,
}

impl Problems {
    /// Diagnostics with no summary.
    pub fn new(diagnostics: Vec<Diagnostic>) -> Self {
        Problems {
            diagnostics,
            summary: None,
        }
    }

    /// One diagnostic made of a message.
    pub fn message(message: impl Into<String>) -> Self {
        Problems::new(vec![Diagnostic::new(message)])
    }
}

impl std::fmt::Display for Problems {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for d in &self.diagnostics {
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

/// Arguments that cannot work, found after clap had accepted them (a
/// target that cannot be written): printed like problems, then exit 2.
#[derive(Debug)]
pub struct BadUsage(pub Vec<Diagnostic>);

impl std::fmt::Display for BadUsage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.iter().try_for_each(|d| write!(f, "{d}"))
    }
}

impl std::error::Error for BadUsage {}

/// Prints diagnostics to standard error, a blank line between two.
pub fn print(diagnostics: &[Diagnostic], color: bool) {
    let shown: Vec<String> = diagnostics.iter().map(|d| d.render(color)).collect();
    eprint!("{}", shown.join("\n"));
}

/// Rows an import left out: the first [`ROWS_SHOWN`] as diagnostics showing
/// the row, the rest one `rejected: file:line: why` line each, so a large
/// import's report stays readable and nothing is lost.
pub fn rejected_rows(rejections: &[Rejection], color: bool) {
    let shown = rejections.len().min(ROWS_SHOWN);
    let warnings: Vec<Diagnostic> =
        rejection_diagnostics(&rejections[..shown], REJECTION_FILE_LIMIT)
            .into_iter()
            .map(Diagnostic::warning)
            .collect();
    print(&warnings, color);
    for rejection in &rejections[shown..] {
        eprintln!(
            "rejected: {}",
            actorgraph::answer::printable(&rejection.to_string(), false)
        );
    }
}

/// The caveats of DOT written to standard output, one `note:` line each
/// on standard error, so the DOT stays whole; names in them are the data's,
/// so control characters are shown, not sent.
pub fn notes(notes: &[String]) {
    for note in notes {
        eprintln!("note: {}", actorgraph::answer::printable(note, false));
    }
}

/// A line about what was done (a file written), on standard error so that
/// standard output holds only answers.
pub fn status(line: &str) {
    eprintln!("{line}");
}

/// Prints what `result` says went wrong and gives the exit code: 0 success
/// (and a closed output pipe), 1 a failure, 2 bad usage.
pub fn report(result: anyhow::Result<Done>, color: bool) -> ExitCode {
    match result {
        Ok(Done::Success) => ExitCode::SUCCESS,
        Ok(Done::Unmet) => ExitCode::from(1),
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) if error.is::<BadUsage>() => {
            if let Some(BadUsage(diagnostics)) = error.downcast_ref() {
                print(diagnostics, color);
            }
            ExitCode::from(2)
        }
        Err(error) => {
            match error.downcast_ref::<Problems>() {
                Some(problems) => {
                    print(&problems.diagnostics, color);
                    if let Some(summary) = &problems.summary {
                        eprintln!("{summary}");
                    }
                }
                None => eprintln!("error: {error:#}"),
            }
            ExitCode::from(1)
        }
    }
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
