//! The interactive session: rustyline with completion of keywords, actor
//! names (quoted when they hold spaces) and relations, history hints,
//! persistent history, `help`, `load FILE`. On a pipe it reads plain lines
//! and prints answers only.

use std::borrow::Cow;
use std::io::BufRead;
use std::path::PathBuf;

use rustyline::completion::{Completer, Pair};
use rustyline::error::ReadlineError;
use rustyline::highlight::Highlighter;
use rustyline::hint::{Hinter, HistoryHinter};
use rustyline::history::DefaultHistory;
use rustyline::validate::Validator;
use rustyline::{Context, Editor, Helper};

use actorgraph::answer::Format;
use actorgraph::diagnostic::Diagnostic;
use actorgraph::query::keywords;
use actorgraph::session::Session;
use actorgraph::statement::execute;

use super::output::{terminal_width, write_out};
use super::report::{self, Done};

/// "; now is 2023-02" (the date questions with no time ask about), or
/// nothing for a graph without a date.
fn present(graph: &actorgraph::model::Graph) -> String {
    graph
        .as_of()
        .map_or(String::new(), |as_of| format!("; now is {as_of}"))
}

/// Completion and hints for the REPL.
pub struct ReplHelper {
    /// Every actor name and alias, and every relation, as completion candidates.
    names: Vec<String>,
    hinter: HistoryHinter,
    color: bool,
}

impl ReplHelper {
    pub fn new(session: &Session, color: bool) -> Self {
        let mut names: Vec<String> = session
            .graph
            .actors()
            .flat_map(|(_, a)| {
                std::iter::once(a.name.clone())
                    .chain(a.aliases.iter().cloned())
                    .chain([a.id.clone()])
            })
            .collect();
        names.extend(session.graph.relations().names().map(str::to_string));
        names.sort();
        names.dedup();
        ReplHelper {
            names,
            hinter: HistoryHinter::new(),
            color,
        }
    }

    /// Candidates for the word being typed at `pos`.
    pub fn candidates(&self, line: &str, pos: usize) -> (usize, Vec<Pair>) {
        let before = &line[..pos];
        // Inside an open quote, complete the quoted name.
        let quotes = before.matches('"').count();
        let (start, word) = if quotes % 2 == 1 {
            let start = before.rfind('"').unwrap_or(0);
            (start, &before[start + 1..])
        } else {
            let start = before
                .rfind(|c: char| c.is_whitespace() || c == ',')
                .map_or(0, |i| i + 1);
            (start, &before[start..])
        };
        let lower = word.to_lowercase();
        let mut pairs: Vec<Pair> = Vec::new();
        if quotes % 2 == 0 {
            for keyword in keywords::words().chain(REPL_COMMANDS.iter().copied()) {
                if keyword.starts_with(&lower) && !lower.is_empty() {
                    pairs.push(Pair {
                        display: keyword.to_string(),
                        replacement: format!("{keyword} "),
                    });
                }
            }
        }
        for name in &self.names {
            if name.to_lowercase().starts_with(&lower) {
                let replacement = if name.contains(' ') || quotes % 2 == 1 {
                    format!("\"{name}\" ")
                } else {
                    format!("{name} ")
                };
                pairs.push(Pair {
                    display: name.clone(),
                    replacement,
                });
            }
        }
        (start, pairs)
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
        Ok(self.candidates(line, pos))
    }
}

impl Hinter for ReplHelper {
    type Hint = String;

    fn hint(&self, line: &str, pos: usize, ctx: &Context<'_>) -> Option<String> {
        self.hinter.hint(line, pos, ctx)
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
const REPL_COMMANDS: &[&str] = &["load", "import", "csv", "quit", "exit"];

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
    color_out: bool,
    color_err: bool,
    interactive: bool,
    echo: bool,
) -> anyhow::Result<Done> {
    let mut ok = true;
    let done = |ok: bool| if ok { Done::Success } else { Done::Unmet };
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
                write_out(&format!("» {statement}\n"))?;
            }
            if let Step::Quit = handle(
                &mut session,
                &line,
                number + 1,
                format,
                color_out,
                color_err,
                &mut ok,
            )? {
                break;
            }
        }
        return Ok(done(ok));
    }
    let config = rustyline::Config::builder()
        .completion_type(rustyline::CompletionType::List)
        .auto_add_history(false)
        .build();
    let mut editor: Editor<ReplHelper, DefaultHistory> = Editor::with_config(config)?;
    editor.set_helper(Some(ReplHelper::new(&session, color_out)));
    let history = history_path();
    if let Some(path) = &history {
        let _ = editor.load_history(path);
    }
    println!(
        "actorgraph — {} ({} actors, {} ties{}). Type `help` for the language, Ctrl-D to quit.",
        actorgraph::answer::printable(&session.graph.title, false),
        session.graph.actor_count(),
        session.graph.tie_count(),
        present(&session.graph)
    );
    let mut number = 0;
    loop {
        match editor.readline("actorgraph> ") {
            Ok(line) => {
                number += 1;
                if !line.trim().is_empty() {
                    let _ = editor.add_history_entry(line.as_str());
                }
                let before = (session.origin.clone(), session.graph.actor_count());
                let step = handle(
                    &mut session,
                    &line,
                    number,
                    format,
                    color_out,
                    color_err,
                    &mut ok,
                )?;
                // New names after `load` or `import`: complete them too.
                if (session.origin.clone(), session.graph.actor_count()) != before {
                    editor.set_helper(Some(ReplHelper::new(&session, color_out)));
                }
                if let Step::Quit = step {
                    break;
                }
            }
            Err(ReadlineError::Interrupted) => continue,
            Err(ReadlineError::Eof) => break,
            Err(error) => return Err(error.into()),
        }
    }
    if let Some(path) = &history {
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = editor.save_history(path);
    }
    Ok(done(ok))
}

fn handle(
    session: &mut Session,
    line: &str,
    number: usize,
    format: Format,
    color_out: bool,
    color_err: bool,
    ok: &mut bool,
) -> anyhow::Result<Step> {
    let trimmed = line.trim();
    let first = trimmed
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase();
    match first.as_str() {
        "" => return Ok(Step::Continue),
        w if w.starts_with('#') => return Ok(Step::Continue),
        "quit" | "exit" => return Ok(Step::Quit),
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
            match Session::open(Some(std::path::Path::new(path))) {
                Ok(opened) => {
                    *session = opened;
                    write_out(&format!(
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
            match session.import_csv(trimmed) {
                Ok(report) => {
                    report::rejected_rows(&report.rejected, color_err);
                    write_out(&format!(
                        "imported into {}: {}\n",
                        session.origin, report.summary
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
            write_out(&output.render(format, color_out, terminal_width()))?;
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
    fn completes_keywords_and_quotes_names_with_spaces() {
        let session = Session::bundled().unwrap();
        let helper = ReplHelper::new(&session, false);
        let (start, pairs) = helper.candidates("who all", 7);
        assert_eq!(start, 4);
        assert!(pairs.iter().any(|p| p.replacement == "allied "));
        let line = "who allied with Wag";
        let (_, pairs) = helper.candidates(line, line.len());
        assert!(
            pairs.iter().any(|p| p.replacement == "\"Wagner Group\" "),
            "{:?}",
            pairs.iter().map(|p| &p.replacement).collect::<Vec<_>>()
        );
    }
}
