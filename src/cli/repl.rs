//! The interactive session: rustyline with completion that follows the
//! grammar (`actorgraph::completion`), hints from earlier lines that worked,
//! persistent history, `help`, `load FILE`. On a pipe it reads plain lines
//! and prints answers only.

use std::borrow::Cow;
use std::collections::HashSet;
use std::io::BufRead;
use std::path::PathBuf;

use rustyline::completion::{Completer, Pair};
use rustyline::error::ReadlineError;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::history::DefaultHistory;
use rustyline::validate::Validator;
use rustyline::{Context, Editor, Helper};

use actorgraph::answer::Format;
use actorgraph::completion::{self, Vocabulary};
use actorgraph::diagnostic::Diagnostic;
use actorgraph::session::Session;
use actorgraph::statement::execute;

use super::answers::Answers;
use super::report::{self, Done};
use super::saving::{save, UnsavedGuard};

/// "; now is 2023-02" (the date questions with no time ask about), or
/// nothing for a graph without a date.
fn present(graph: &actorgraph::model::Graph) -> String {
    graph
        .as_of()
        .map_or(String::new(), |as_of| format!("; now is {as_of}"))
}

/// Completion and hints for the REPL: a thin adapter over
/// [`actorgraph::completion`], and hints drawn only from lines that worked.
pub struct ReplHelper {
    vocabulary: Vocabulary,
    hints: SucceededLines,
    color: bool,
}

impl ReplHelper {
    pub fn new(session: &Session, hints: SucceededLines, color: bool) -> Self {
        let vocabulary = REPL_COMMANDS
            .iter()
            .fold(Vocabulary::of_graph(&session.graph), |v, word| {
                v.command(word)
            });
        ReplHelper {
            vocabulary,
            hints,
            color,
        }
    }

    /// The lines hints are drawn from, to add the next one that works.
    pub fn hints_mut(&mut self) -> &mut SucceededLines {
        &mut self.hints
    }
}

impl Completer for ReplHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let completion = completion::complete(line, pos, &self.vocabulary);
        let pairs = completion
            .candidates
            .into_iter()
            .map(|c| Pair {
                display: c.display,
                replacement: c.replacement,
            })
            .collect();
        Ok((completion.start, pairs))
    }
}

impl Hinter for ReplHelper {
    type Hint = String;

    fn hint(&self, line: &str, pos: usize, _ctx: &Context<'_>) -> Option<String> {
        if pos < line.len() {
            return None;
        }
        self.hints.hint(line).map(str::to_string)
    }
}

/// Earlier lines that worked, newest last: what hints may offer. A line
/// that failed stays in the history for ↑ and editing, but is never hinted.
#[derive(Clone, Debug, Default)]
pub struct SucceededLines {
    lines: Vec<String>,
}

impl SucceededLines {
    /// Lines known to have worked (those the history file kept).
    pub fn new(lines: impl IntoIterator<Item = String>) -> Self {
        SucceededLines {
            lines: lines.into_iter().collect(),
        }
    }

    /// Remembers a line that worked.
    pub fn add(&mut self, line: &str) {
        self.lines.retain(|l| l != line);
        self.lines.push(line.to_string());
    }

    /// The rest of the newest line that worked and begins with `typed`.
    pub fn hint(&self, typed: &str) -> Option<&str> {
        if typed.trim().is_empty() {
            return None;
        }
        self.lines
            .iter()
            .rev()
            .find(|l| l.len() > typed.len() && l.starts_with(typed))
            .map(|l| &l[typed.len()..])
    }
}

impl Highlighter for ReplHelper {
    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        if self.color {
            Cow::Owned(format!("\x1b[2m{hint}\x1b[0m"))
        } else {
            Cow::Borrowed(hint)
        }
    }
}

impl Validator for ReplHelper {}
impl Helper for ReplHelper {}

/// Words the REPL understands beyond the query language.
const REPL_COMMANDS: &[&str] = &["load", "import", "csv", "save", "replace", "quit", "exit"];

/// Where the history lives: the user's data directory.
fn history_path() -> Option<PathBuf> {
    dirs::data_dir().map(|dir| dir.join("actorgraph").join("history.txt"))
}

/// What one line of input asked the REPL to do.
enum Step {
    Continue,
    Quit,
}

/// Reads, evaluates and prints: the REPL on a terminal, or one statement a
/// line from a pipe (each echoed before its answer with `echo`). `Unmet`
/// when any statement failed (the exit code on a pipe).
pub fn read_eval_print(
    mut session: Session,
    format: Format,
    answers: &mut Answers,
    color: super::ColorArg,
    color_err: bool,
    interactive: bool,
    echo: bool,
) -> anyhow::Result<Done> {
    let color_out = super::color_for(color, answers.is_terminal());
    let mut ok = true;
    let done = |ok: bool| if ok { Done::Success } else { Done::Unmet };
    let mut guard = UnsavedGuard {
        interactive,
        warned: None,
    };
    if !interactive {
        let stdin = std::io::stdin();
        // Lines as bytes: one line that is not UTF-8 is an error on that
        // line, not the end of the session.
        for (number, line) in stdin.lock().split(b'\n').enumerate() {
            let mut line = line?;
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            let Ok(line) = String::from_utf8(line) else {
                ok = false;
                let d = Diagnostic::new("this line is not UTF-8 text")
                    .origin(format!("<stdin>:{}", number + 1));
                report::print(&[d], false);
                continue;
            };
            // Each answer under its query, as scripts show them.
            let statement = line.trim();
            if echo && !statement.is_empty() && !statement.starts_with('#') {
                // JSON, JSON Lines and CSV stay parseable: their echo goes
                // to standard error.
                if format == Format::Text {
                    answers.write(&format!("» {statement}\n"))?;
                } else {
                    eprintln!("» {}", actorgraph::answer::printable(statement, false));
                }
            }
            let mut printer = Printer {
                answers: &mut *answers,
                format,
                color_out,
                color_err,
            };
            let step = handle(
                &mut session,
                &line,
                number + 1,
                &mut printer,
                &mut ok,
                &mut guard,
            )?;
            if let Step::Quit = step {
                break;
            }
        }
        guard.may_drop(&session, "", "", color_err);
        return Ok(done(ok));
    }
    let config = rustyline::Config::builder()
        .completion_type(rustyline::CompletionType::List)
        .auto_add_history(false)
        .build();
    let mut editor: Editor<ReplHelper, DefaultHistory> = Editor::with_config(config)?;
    let history = history_path();
    if let Some(path) = &history {
        let _ = editor.load_history(path);
    }
    // The saved history holds only lines that worked (see below).
    let worked = SucceededLines::new(editor.history().iter().cloned());
    // Hints are drawn on the terminal, wherever the answers go.
    let color_hints = super::color_for(color, true);
    editor.set_helper(Some(ReplHelper::new(&session, worked, color_hints)));
    let mut printer = Printer {
        color_out,
        answers,
        format,
        color_err,
    };
    let banner = format!(
        "actorgraph — {} ({} actors, {} ties{}). Type `help` for the language, Ctrl-D to quit.",
        actorgraph::answer::printable(&session.graph.title, false),
        session.graph.actor_count(),
        session.graph.tie_count(),
        present(&session.graph)
    );
    // Wrapped at spaces, so no word is split at the terminal's edge.
    let width = super::output::terminal_width().unwrap_or(usize::MAX);
    print!("{}", actorgraph::answer::wrap_indented(&banner, "", width));
    let mut number = 0;
    // Lines whose last run failed: kept for ↑ now, but neither hinted nor saved.
    let mut failed: HashSet<String> = HashSet::new();
    loop {
        match editor.readline("actorgraph> ") {
            Ok(line) => {
                number += 1;
                if !line.trim().is_empty() {
                    let _ = editor.add_history_entry(line.as_str());
                }
                let before = (session.origin.clone(), session.graph.actor_count());
                let mut line_ok = true;
                let step = handle(
                    &mut session,
                    &line,
                    number,
                    &mut printer,
                    &mut line_ok,
                    &mut guard,
                )?;
                ok &= line_ok;
                if line_ok {
                    failed.remove(&line);
                    if let Some(helper) = editor.helper_mut() {
                        helper.hints_mut().add(&line);
                    }
                } else {
                    failed.insert(line.clone());
                }
                // New names after `load` or `import`: complete them too.
                if (session.origin.clone(), session.graph.actor_count()) != before {
                    let worked = editor
                        .helper_mut()
                        .map(|h| std::mem::take(h.hints_mut()))
                        .unwrap_or_default();
                    editor.set_helper(Some(ReplHelper::new(&session, worked, color_hints)));
                }
                if let Step::Quit = step {
                    break;
                }
            }
            Err(ReadlineError::Interrupted) => continue,
            Err(ReadlineError::Eof) => {
                // The same guard as `quit`: a second Ctrl-D leaves.
                if guard.may_drop(&session, "\u{4}", "press Ctrl-D again", color_err) {
                    break;
                }
            }
            Err(error) => return Err(error.into()),
        }
    }
    if let Some(path) = &history {
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = save_worked_lines(&mut editor, &failed, path);
    }
    Ok(done(ok))
}

/// Saves the history without the lines that failed, so that the next
/// session's hints, drawn from the file, offer only lines that worked.
fn save_worked_lines(
    editor: &mut Editor<ReplHelper, DefaultHistory>,
    failed: &HashSet<String>,
    path: &std::path::Path,
) -> rustyline::Result<()> {
    if !failed.is_empty() {
        let kept: Vec<String> = editor
            .history()
            .iter()
            .filter(|line| !failed.contains(*line))
            .cloned()
            .collect();
        editor.clear_history()?;
        for line in kept {
            editor.add_history_entry(line)?;
        }
    }
    editor.save_history(path)
}

/// Where and how one line's answers and problems are printed.
struct Printer<'a> {
    answers: &'a mut Answers,
    format: Format,
    color_out: bool,
    color_err: bool,
}

fn handle(
    session: &mut Session,
    line: &str,
    number: usize,
    printer: &mut Printer,
    ok: &mut bool,
    guard: &mut UnsavedGuard,
) -> anyhow::Result<Step> {
    let color_err = printer.color_err;
    let trimmed = line.trim();
    let first = trimmed
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase();
    if !matches!(first.as_str(), "quit" | "exit" | "load") {
        guard.warned = None;
    }
    match first.as_str() {
        "" => return Ok(Step::Continue),
        w if w.starts_with('#') => return Ok(Step::Continue),
        "quit" | "exit" => {
            // On a pipe, unsaved changes are reported once, at the end.
            let again = format!("type `{first}` again");
            if !guard.interactive || guard.may_drop(session, trimmed, &again, color_err) {
                return Ok(Step::Quit);
            }
            return Ok(Step::Continue);
        }
        "save" => {
            match save(session, trimmed) {
                Ok(said) => printer.answers.write(&said)?,
                Err(diagnostics) => {
                    *ok = false;
                    report::print(&diagnostics, color_err);
                }
            }
            return Ok(Step::Continue);
        }
        "load" => {
            let path = trimmed[4..].trim().trim_matches('"');
            if path.is_empty() {
                report::print(
                    &[Diagnostic::new(
                        "`load` needs a graph file: load graphs/sahel.ron",
                    )],
                    color_err,
                );
                *ok = false;
                return Ok(Step::Continue);
            }
            if !guard.may_drop(session, trimmed, "repeat the `load`", color_err) {
                return Ok(Step::Continue);
            }
            let spinner = super::progress::Spinner::start(
                &format!("loading {path}"),
                super::progress::Counting::Items("ties"),
            );
            let opened = Session::load(std::path::Path::new(path), &mut |ties| {
                spinner.done(ties as u64)
            });
            drop(spinner);
            match opened {
                Ok(opened) => {
                    *session = opened;
                    printer.answers.write(&format!(
                        "loaded {} ({} actors, {} ties)\n",
                        session.origin,
                        session.graph.actor_count(),
                        session.graph.tie_count()
                    ))?;
                }
                Err(diagnostics) => {
                    *ok = false;
                    report::print(&diagnostics, color_err);
                    // Say which graph the next answers come from.
                    eprintln!("not loaded: still asking {}", session.origin);
                }
            }
            return Ok(Step::Continue);
        }
        "import" => {
            let spinner = super::progress::Spinner::start(
                "importing",
                super::progress::Counting::Items("rows"),
            );
            let lines_before = actorgraph::interchange::import::guard::lines_read();
            spinner.follow(move || {
                actorgraph::interchange::import::guard::lines_read() - lines_before
            });
            let imported = session.import_csv(trimmed);
            drop(spinner);
            match imported {
                Ok(report) => {
                    report::rejected_rows(&report.rejected, color_err);
                    for note in &report.notes {
                        report::status(note);
                    }
                    if let Some((path, text)) = &report.review {
                        match actorgraph::atomic::write_atomically(path, text.as_bytes()) {
                            Ok(()) => report::status(&format!(
                                "{}: {} actors for review; decide each and import again with `resolve {}`",
                                path.display(),
                                report.for_review,
                                path.display()
                            )),
                            Err(error) => {
                                *ok = false;
                                report::status(&format!("error: {error}"));
                            }
                        }
                    }
                    // The file the graph came from is unchanged until `save`.
                    let keep = match &session.path {
                        Some(_) => "`save` writes it to its file",
                        None => "`save FILE` writes it to a file",
                    };
                    printer.answers.write(&format!(
                        "imported into the open graph ({keep}): {}\n",
                        report.summary
                    ))?;
                }
                Err(diagnostics) => {
                    *ok = false;
                    report::print(&diagnostics, color_err);
                }
            }
            return Ok(Step::Continue);
        }
        _ => {}
    }
    match execute(session, line) {
        Ok(output) => {
            if output.failed_check().is_some() {
                *ok = false;
            }
            let width = printer.answers.width();
            let text = output.render(printer.format, printer.color_out, width);
            printer.answers.write(&text)?;
            report::notes(output.notes());
        }
        Err(failure) => {
            *ok = false;
            // Place the error on its input line: `<stdin>:3:17`.
            let mut diagnostic = failure.diagnostic(line, 0).origin("<stdin>");
            if let Some(position) = diagnostic.position.as_mut() {
                position.line = number;
            }
            report::print(&[diagnostic], color_err);
        }
    }
    Ok(Step::Continue)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completes_through_the_library_with_bare_names() {
        let session = Session::bundled().unwrap();
        let helper = ReplHelper::new(&session, SucceededLines::default(), false);
        let history = DefaultHistory::new();
        let context = Context::new(&history);
        let line = "who allied with Wag";
        let (start, pairs) = helper.complete(line, line.len(), &context).unwrap();
        assert_eq!(start, 16);
        let replacements: Vec<&str> = pairs.iter().map(|p| p.replacement.as_str()).collect();
        assert_eq!(replacements, ["Wagner Group "]);
        let (_, pairs) = helper.complete("qu", 2, &context).unwrap();
        assert_eq!(pairs[0].replacement, "quit ", "the REPL's own commands");
    }

    #[test]
    fn hints_come_only_from_lines_that_worked() {
        let mut worked = SucceededLines::new(["show JNIM".to_string()]);
        assert_eq!(worked.hint("show J"), Some("NIM"));
        assert_eq!(worked.hint("show JNIM"), None, "nothing left to hint");
        assert_eq!(worked.hint("show X"), None);
        assert_eq!(worked.hint(""), None);
        worked.add("show JNIM via alliance");
        assert_eq!(
            worked.hint("show J"),
            Some("NIM via alliance"),
            "the newest first"
        );
        worked.add("show JNIM");
        assert_eq!(worked.hint("show J"), Some("NIM"));
    }
}
