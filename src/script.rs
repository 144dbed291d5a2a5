//! Query scripts (`.q`): one statement a line, `#` comments, blank lines
//! ignored. Each answer is headed by its query; errors and failed
//! expectations name `file:line:column`, and the run goes on to the end so
//! one pass shows every problem.

use crate::answer::Format;
use crate::diagnostic::Diagnostic;
use crate::session::Session;
use crate::statement::execute;

/// What a script run found.
#[derive(Debug, Default)]
pub struct ScriptReport {
    /// The answers, each headed by its query, ready for standard output.
    pub output: String,
    /// Errors and failed expectations, for standard error.
    pub problems: Vec<Diagnostic>,
    /// Statements run (comments and blank lines are not counted).
    pub statements: usize,
    /// Of them, `expect` lines.
    pub expectations: usize,
    /// Expectations that did not hold.
    pub failed_expectations: usize,
}

impl ScriptReport {
    /// True when nothing failed: no error and no unmet expectation.
    pub fn succeeded(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Runs `text`, a script called `origin`, against `session`; text answers
/// fit `width`, a terminal's, or keep their rows whole (`None`).
pub fn run_script(
    session: &Session,
    text: &str,
    origin: &str,
    format: Format,
    color: bool,
    width: Option<usize>,
) -> ScriptReport {
    let mut report = ScriptReport::default();
    let mut offset = 0;
    for (index, raw_line) in text.split('\n').enumerate() {
        let line_start = offset;
        offset += raw_line.len() + 1;
        let line = raw_line.trim_end_matches('\r');
        let statement = line.trim();
        if statement.is_empty() || statement.starts_with('#') {
            continue;
        }
        report.statements += 1;
        let is_expectation = statement
            .split_whitespace()
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case("expect"));
        if is_expectation {
            report.expectations += 1;
        }
        if format == Format::Text {
            report.output.push_str(&format!("» {statement}\n"));
        }
        match execute(session, line) {
            Ok(output) => {
                if let Some(message) = output.failed_check() {
                    report.failed_expectations += 1;
                    let indent = line.len() - line.trim_start().len();
                    report.problems.push(
                        Diagnostic::new(format!("expectation failed: {message}"))
                            .origin(origin)
                            .at_span(
                                text,
                                line_start + indent,
                                line_start + line.trim_end().len(),
                            ),
                    );
                }
                report.output.push_str(&output.render(format, color, width));
            }
            Err(failure) => {
                let mut diagnostic = failure.diagnostic(text, line_start).origin(origin);
                if diagnostic.position.is_none() {
                    // A failed write points at its statement's line.
                    diagnostic = diagnostic.at_line_column(text, index + 1, 1, 1);
                }
                report.problems.push(diagnostic);
                if format == Format::Text {
                    report.output.push_str("error (see standard error)\n");
                }
            }
        }
        if format == Format::Text {
            report.output.push('\n');
        }
    }
    report
}
