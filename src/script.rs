//! Query scripts (`.q`): one statement a line, `#` comments, blank lines
//! ignored. Each answer is headed by its query; errors and failed
//! expectations name `file:line:column`, and the run goes on to the end so
//! one pass shows every problem.

use crate::answer::Format;
use crate::diagnostic::Diagnostic;
use crate::session::Session;
use crate::statement::execute;

/// What a script run found (its answers went to the run's sink as they came).
#[derive(Debug, Default)]
pub struct ScriptReport {
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
/// fit `width`, a terminal's, or keep their rows whole (`None`). Each
/// answer, headed by its query, goes to `out` as soon as it is made, so a
/// long script shows its progress and holds only one answer at a time; an
/// error from `out` (a closed pipe) ends the run. The caveats of a diagram
/// written as DOT to standard output cannot go into the DOT: they go to
/// `notes` as each is made, for the caller to show apart (standard error),
/// just as a single `export` does.
pub fn run_script(
    session: &Session,
    text: &str,
    origin: &str,
    (format, color, width): (Format, bool, Option<usize>),
    out: &mut dyn FnMut(&str) -> std::io::Result<()>,
    notes: &mut dyn FnMut(&[String]),
) -> std::io::Result<ScriptReport> {
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
            out(&format!("» {statement}\n"))?;
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
                out(&output.render(format, color, width))?;
                notes(output.notes());
            }
            Err(failure) => {
                let mut diagnostic = failure.diagnostic(text, line_start).origin(origin);
                if diagnostic.position.is_none() {
                    // A failed write points at its statement's line.
                    diagnostic = diagnostic.at_line_column(text, index + 1, 1, 1);
                }
                report.problems.push(diagnostic);
                if format == Format::Text {
                    out("error (see standard error)\n")?;
                }
            }
        }
        if format == Format::Text {
            out("\n")?;
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 14, item 7: `run` held every answer until the script ended.
    /// Each answer now reaches the sink as it is made, and a sink that
    /// fails (a closed pipe) stops the run there.
    #[test]
    fn answers_stream_to_the_sink_one_by_one() {
        let session = Session::bundled().expect("the bundled graph loads");
        let script = "show JNIM\nsubgroups of JNIM\nactors\n";
        let mut chunks: Vec<String> = Vec::new();
        let report = run_script(
            &session,
            script,
            "t.q",
            (Format::Text, false, None),
            &mut |c| {
                chunks.push(c.to_string());
                Ok(())
            },
            &mut |_| {},
        )
        .expect("the sink accepts everything");
        assert_eq!(report.statements, 3);
        let headers: Vec<&String> = chunks.iter().filter(|c| c.starts_with("» ")).collect();
        assert_eq!(
            headers,
            ["» show JNIM\n", "» subgroups of JNIM\n", "» actors\n"]
        );
        assert_eq!(chunks.len(), 9, "a header, an answer and a blank line each");

        let mut delivered = 0;
        let stopped = run_script(
            &session,
            script,
            "t.q",
            (Format::Text, false, None),
            &mut |_| {
                delivered += 1;
                if delivered == 2 {
                    return Err(std::io::ErrorKind::BrokenPipe.into());
                }
                Ok(())
            },
            &mut |_| {},
        );
        assert!(stopped.is_err());
        assert_eq!(delivered, 2, "nothing is made after the sink fails");
    }

    /// A cold check: `export dot … ` with no `to` in a script dropped the
    /// export's notes, which the DOT cannot hold. They reach `notes`, after
    /// the DOT they belong to; an answer's notes stay in its text.
    #[test]
    fn a_diagram_on_standard_output_hands_its_notes_apart() {
        let session = Session::bundled().expect("the bundled graph loads");
        let script = "export dot France depth 0
who fought ISGS before 2000
";
        let mut order: Vec<String> = Vec::new();
        let order = std::cell::RefCell::new(&mut order);
        run_script(
            &session,
            script,
            "t.q",
            (Format::Text, false, None),
            &mut |c| {
                if c.starts_with("// actorgraph diagram") {
                    order.borrow_mut().push("dot".into());
                }
                Ok(())
            },
            &mut |notes| order.borrow_mut().extend(notes.iter().cloned()),
        )
        .expect("the sink accepts everything");
        let order = order.into_inner();
        assert_eq!(order.len(), 2, "{order:?}");
        assert_eq!(order[0], "dot");
        assert!(
            order[1].starts_with("depth 0 holds France alone"),
            "{order:?}"
        );
    }
}
