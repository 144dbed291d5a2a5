//! The command line: arguments (clap), then a hand-over to the library.
//! Errors come back here and are printed once, by [`report`], with the exit
//! code: 0 success, 1 a failed check, query or expectation, 2 bad usage.

mod answers;
mod import;
mod output;
mod progress;
mod repl;
mod report;
mod saving;

use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use actorgraph::answer::Format;
use actorgraph::session::Session;
use actorgraph::statement::execute;
use actorgraph::{script, store};
use answers::Answers;
use report::{BadUsage, Done, Problems};

/// How answers are written (the `-f` choices).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, ValueEnum)]
pub enum FormatArg {
    /// A readable table.
    #[default]
    Text,
    /// JSON, for scripts.
    Json,
    /// JSON Lines: one object per result, for streaming into other tools.
    Jsonl,
    /// CSV of the table, for spreadsheets.
    Csv,
}

impl From<FormatArg> for Format {
    fn from(arg: FormatArg) -> Format {
        match arg {
            FormatArg::Text => Format::Text,
            FormatArg::Json => Format::Json,
            FormatArg::Jsonl => Format::JsonLines,
            FormatArg::Csv => Format::Csv,
        }
    }
}

/// When answers and messages are coloured (the `--color` choices).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, ValueEnum)]
pub enum ColorArg {
    /// On a terminal, unless NO_COLOR is set or TERM is dumb.
    #[default]
    Auto,
    /// Always, even into a pipe (for `less -R`).
    Always,
    /// Never.
    Never,
}

/// Actor relationship knowledge graphs: who allied with, fought, or pledged
/// allegiance to whom, and when.
#[derive(Parser, Debug)]
#[command(name = "actorgraph", version, about, long_about = None, after_help = "\
Examples:
  actorgraph                                   open the REPL on the bundled Sahel graph
  actorgraph query \"who allied with JNIM after 2022\"
  actorgraph -f jsonl query \"ties of JNIM\" -o jnim-ties.jsonl
  actorgraph -g graphs/sahel.ron run queries/*.q
  actorgraph check graphs/*.ron")]
pub struct Cli {
    /// The graph file to use (for `import`, the graph to merge into); without
    /// it, the bundled Sahel graph (for `import`, a new graph).
    #[arg(short, long, global = true, value_name = "FILE")]
    pub graph: Option<PathBuf>,

    /// How answers are written.
    #[arg(short, long, global = true, value_enum, default_value_t = FormatArg::Text)]
    pub format: FormatArg,

    /// When to colour: on a terminal (auto), always or never.
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorArg::Auto)]
    pub color: ColorArg,

    /// With queries piped in, print each query (`» …`) before its answer.
    #[arg(long)]
    pub echo: bool,

    /// Write the answers to FILE instead of standard output (atomically,
    /// once the command is done).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Validate graph files and print a summary of each.
    #[command(
        after_help = "Example:\n  actorgraph check graphs/sahel.ron\n\nExits 1 when any file has a problem; every problem is listed with file:line:column."
    )]
    Check {
        /// Graph files (RON); without any, the one `-g` names.
        #[arg(value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Run one query and print the answer.
    #[command(
        after_help = "Examples:\n  actorgraph query \"show JNIM\"\n  actorgraph query --format json \"ties of JNIM via alliance after 2022\"\n  actorgraph query --format jsonl \"who fought ISGS\" -o isgs-enemies.jsonl\n\n--format jsonl writes one JSON object per result (see docs/QUERIES.md)."
    )]
    Query {
        /// The query, in one argument or several words.
        #[arg(required = true, value_name = "QUERY")]
        query: Vec<String>,

        /// Write the answer to FILE instead of standard output (atomically;
        /// nothing is written when the query fails).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Run a query script: one query a line, `#` comments, `expect` checks.
    #[command(
        after_help = "Examples:\n  actorgraph run queries/report-judgements.q\n  actorgraph run queries/*.q\n  actorgraph run queries/*.q -o answers.txt\n  printf 'show JNIM\\n' | actorgraph run -\n\nEach script gets a summary line. Exits 1 when any query fails or any\nexpectation does not hold, in any of the scripts."
    )]
    Run {
        /// The scripts, each run in turn; `-` is standard input.
        #[arg(value_name = "FILE", required = true)]
        scripts: Vec<PathBuf>,

        /// Write the answers to FILE instead of standard output (atomically,
        /// once every script has run).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Export a selection as DOT (or a picture through Graphviz), CSV, JSON, GraphML, GEXF or Cypher.
    #[command(
        after_help = "Examples:\n  actorgraph export dot JNIM depth 2 as of 2023-02 to jnim.svg\n  actorgraph export dot all > sahel.dot\n  actorgraph export dot JNIM depth 2 frames 2019..2023 to frames/\n  actorgraph export gexf all to sahel.gexf\n\nFORMAT is dot, csv, json, graphml, gexf, cypher or neo4j-admin; the words are\nthose of the language's `export` statement (docs/QUERIES.md)."
    )]
    Export {
        /// FORMAT ACTOR|all [depth N] [via ...] [TIME] [with confidence C] [theme light|dark] [dates on|off|changes] [page A4|4:3|16:9 | size W,H] [frames Y1..Y2] [to FILE]
        #[arg(required = true, value_name = "WORDS", allow_hyphen_values = true)]
        words: Vec<String>,
    },
    /// Import spreadsheets into a graph file.
    #[command(
        after_help = "Example:\n  actorgraph import csv --actors actors.csv --ties ties.csv -o graph.ron"
    )]
    Import(import::ImportArgs),
    /// Print shell completions.
    #[command(
        after_help = "Example:\n  actorgraph completions bash > ~/.local/share/bash-completion/completions/actorgraph"
    )]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

/// Whether output to a stream, a terminal or not, is coloured: what
/// `--color` chose, and for `auto` what the environment says.
pub fn color_for(choice: ColorArg, is_terminal: bool) -> bool {
    color_allowed(
        choice,
        is_terminal,
        std::env::var_os("NO_COLOR").as_deref(),
        std::env::var_os("TERM").as_deref(),
    )
}

/// `auto` colours a terminal only, and never when NO_COLOR is set and not
/// empty (<https://no-color.org>) or TERM is `dumb` (a terminal that
/// cannot show escapes). An explicit choice overrides both.
fn color_allowed(
    choice: ColorArg,
    is_terminal: bool,
    no_color: Option<&std::ffi::OsStr>,
    term: Option<&std::ffi::OsStr>,
) -> bool {
    match choice {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => {
            is_terminal && no_color.is_none_or(|v| v.is_empty()) && term.is_none_or(|t| t != "dumb")
        }
    }
}

/// Runs the command line; the exit code to end with.
pub fn main() -> ExitCode {
    // On SIGINT, SIGTERM or SIGHUP, stop any Graphviz run first, or it
    // would go on as an orphan; then end as the signal would have.
    let _ = ctrlc::set_handler(|| {
        actorgraph::diagram::stop_graphviz();
        // A save cut short leaves no temporary file behind.
        actorgraph::atomic::remove_unfinished();
        std::process::exit(130);
    });
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let code = if error.use_stderr() { 2 } else { 0 };
            let _ = error.print();
            return ExitCode::from(code);
        }
    };
    let color_err = color_for(cli.color, std::io::stderr().is_terminal());
    warn_of_unknown_snapshot_policy(color_err);
    report::report(dispatch(cli), color_err)
}

/// `ACTORGRAPH_SNAPSHOT` set to a value it does not know works as `auto`:
/// says so once, rather than let a typo (`Never`, `off`) pass unseen.
fn warn_of_unknown_snapshot_policy(color_err: bool) {
    let Some(value) = std::env::var_os(store::CACHE_VARIABLE) else {
        return;
    };
    if value.is_empty()
        || ["auto", "always", "never"]
            .iter()
            .any(|known| value == *known)
    {
        return;
    }
    report::print(
        &[actorgraph::diagnostic::Diagnostic::new(format!(
            "{}={} is not known: it works as `auto`; use `auto`, `always` or `never`",
            store::CACHE_VARIABLE,
            value.to_string_lossy()
        ))
        .warning()],
        color_err,
    );
}

/// The graph named by `-g`, or the bundled one; a large file shows its
/// progress on a terminal.
fn open(graph: Option<&Path>) -> anyhow::Result<Session> {
    let Some(path) = graph else {
        return Session::bundled().map_err(|d| Problems::new(d).into());
    };
    let spinner = progress::Spinner::start(
        &format!("loading {}", path.display()),
        progress::Counting::Items("ties"),
    );
    let loaded = Session::load(path, &mut |ties| spinner.done(ties as u64));
    drop(spinner);
    loaded.map_err(|d| Problems::new(d).into())
}

/// Writes `graph` to `path` in canonical RON (its old snapshot removed, to
/// be rebuilt by the next open) or as a snapshot (`.agraph`), atomically,
/// showing its progress on a terminal.
fn save_graph(graph: &actorgraph::model::Graph, path: &Path) -> Result<(), store::ron::StoreError> {
    let spinner = progress::Spinner::start(
        &format!("saving {}", path.display()),
        progress::Counting::Bytes,
    );
    store::save_with_progress(graph, path, &mut |bytes| spinner.done(bytes))
}

/// Carries out one statement given on the command line (`query`, `export`).
fn one_statement(
    session: &Session,
    text: &str,
    origin: &str,
    format: Format,
    color_out: bool,
    answers: &mut Answers,
) -> anyhow::Result<Done> {
    match execute(session, text) {
        Ok(output) => {
            let width = answers.width();
            answers.write_with(|out| output.write_to(out, format, color_out, width))?;
            report::notes(output.notes());
            Ok(if output.failed_check().is_some() {
                Done::Unmet
            } else {
                Done::Success
            })
        }
        Err(failure) => Err(Problems::new(vec![failure.diagnostic(text, 0).origin(origin)]).into()),
    }
}

/// Runs the command, its answers going to standard output or to the `-o`
/// file, which is written only when the command runs to its end.
fn dispatch(cli: Cli) -> anyhow::Result<Done> {
    let target = match &cli.command {
        Some(Command::Query { output, .. } | Command::Run { output, .. }) => output.as_ref(),
        _ => None,
    }
    .or(cli.output.as_ref());
    if let (Some(_), Some(Command::Import(_))) = (&cli.output, &cli.command) {
        return Err(BadUsage(vec![actorgraph::diagnostic::Diagnostic::new(
            "`-o` before `import` names no answer file: give the graph file to `import -o`",
        )])
        .into());
    }
    let mut inputs: Vec<&Path> = cli.graph.iter().map(PathBuf::as_path).collect();
    if let Some(Command::Run { scripts, .. }) = &cli.command {
        inputs.extend(scripts.iter().map(PathBuf::as_path));
    }
    // A script read from standard input is an input too (`run -o s.q - < s.q`).
    let from_stdin = match &cli.command {
        None => true,
        Some(Command::Run { scripts, .. }) => scripts.iter().any(|s| s == Path::new("-")),
        _ => false,
    };
    let graph_from_stdin = cli.graph.as_deref() == Some(Path::new("-"));
    if from_stdin && graph_from_stdin {
        return Err(BadUsage(vec![actorgraph::diagnostic::Diagnostic::new(
            "`-g -` reads the graph from standard input, which also holds the queries",
        )
        .help(Some(
            "give the graph as a file, or the queries with `query` or a script file".into(),
        ))])
        .into());
    }
    if from_stdin || graph_from_stdin {
        inputs.push(Path::new("/dev/stdin"));
    }
    let mut answers = Answers::to(target.map(PathBuf::as_path), &inputs)?;
    answers.guard_terminal(Format::from(cli.format));
    let done = dispatch_to(cli, &mut answers)?;
    answers.finish()?;
    Ok(done)
}

fn dispatch_to(cli: Cli, answers: &mut Answers) -> anyhow::Result<Done> {
    let format = Format::from(cli.format);
    let color_out = color_for(cli.color, answers.is_terminal());
    let color_err = color_for(cli.color, std::io::stderr().is_terminal());
    match cli.command {
        None => {
            let session = open(cli.graph.as_deref())?;
            let interactive = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
            repl::read_eval_print(
                session,
                format,
                answers,
                cli.color,
                color_err,
                interactive,
                cli.echo,
            )
        }
        Some(Command::Check { mut files }) => {
            // `-g FILE check` checks FILE, as every other command reads it.
            if let Some(graph) = cli.graph.as_ref().filter(|g| !files.contains(g)) {
                files.push(graph.clone());
            }
            if files.is_empty() {
                return Err(BadUsage(vec![actorgraph::diagnostic::Diagnostic::new(
                    "name the graph files to check: `actorgraph check graphs/sahel.ron` \
                     (or `actorgraph -g FILE check`)",
                )])
                .into());
            }
            check(&files, answers, color_err)
        }
        Some(Command::Query { query, .. }) => {
            let session = open(cli.graph.as_deref())?;
            let done = one_statement(
                &session,
                &quote_words(&query),
                "<query>",
                format,
                color_out,
                answers,
            );
            exiting_with(session);
            done
        }
        Some(Command::Run { scripts, .. }) => {
            let session = open(cli.graph.as_deref())?;
            let done = run_scripts(&session, &scripts, format, answers, (color_out, color_err));
            exiting_with(session);
            done
        }
        Some(Command::Export { words }) => {
            let session = open(cli.graph.as_deref())?;
            let text = format!("export {}", quote_words(&words));
            let done = one_statement(&session, &text, "<export>", format, color_out, answers);
            exiting_with(session);
            done
        }
        Some(Command::Import(args)) => import::import(&args, cli.graph.as_deref(), color_err),
        Some(Command::Completions { shell }) => {
            let mut buffer = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "actorgraph", &mut buffer);
            answers.write(&String::from_utf8_lossy(&buffer))?;
            Ok(Done::Success)
        }
    }
}

/// Leaves the session to the process's exit: freeing a large graph one
/// string at a time took longer than answering from it.
fn exiting_with(session: Session) {
    std::mem::forget(session);
}

/// "1 tie", "3 ties".
fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// Rejoins shell words into a statement. One argument is the statement
/// itself (`query "who allied with JNIM"`); among several, a word holding
/// spaces was a quoted name (`query show "Wagner Group"`) and is quoted again.
fn quote_words(words: &[String]) -> String {
    if let [one] = words {
        return one.clone();
    }
    words
        .iter()
        .map(|w| {
            let quoted = w.len() >= 2 && w.starts_with('"') && w.ends_with('"');
            if w.contains(char::is_whitespace) && !quoted {
                format!("\"{}\"", w.replace('"', "\\\""))
            } else {
                w.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn read_script(path: &Path) -> anyhow::Result<(String, String)> {
    if path == Path::new("-") {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).map_err(|e| {
            Problems::message(format!("cannot read the script from standard input: {e}"))
        })?;
        return Ok((text, "<stdin>".into()));
    }
    let origin = path.display().to_string();
    let bytes = std::fs::read(path)
        .map_err(|e| Problems::message(format!("cannot read script `{origin}`: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Problems::message(format!(
            "`{origin}` is not text: invalid UTF-8 at byte {}",
            e.utf8_error().valid_up_to()
        ))
    })?;
    Ok((text, origin))
}

/// Runs each script in turn against `session`: its answers on standard
/// output, then its problems and a summary line (when it checks anything
/// or fails); with several scripts, a closing line counts those that failed.
fn run_scripts(
    session: &Session,
    paths: &[PathBuf],
    format: Format,
    answers: &mut Answers,
    (color_out, color_err): (bool, bool),
) -> anyhow::Result<Done> {
    let mut failed = 0;
    for path in paths {
        let (text, origin) = match read_script(path) {
            Ok(read) => read,
            Err(error) => {
                failed += 1;
                match error.downcast_ref::<Problems>() {
                    Some(problems) => report::print(&problems.diagnostics, color_err),
                    None => report::status(&format!("error: {error:#}")),
                }
                continue;
            }
        };
        let width = answers.width();
        let report = script::run_script(
            session,
            &text,
            &origin,
            (format, color_out, width),
            &mut |answer| answers.write(answer),
            &mut |notes| report::notes(notes),
        )?;
        if !report.succeeded() {
            failed += 1;
            report::print(&report.problems, color_err);
        }
        if report.expectations > 0 || !report.problems.is_empty() {
            report::status(&format!(
                "{origin}: {}, {}, {} failed, {}",
                count(report.statements, "statement"),
                count(report.expectations, "expectation"),
                report.failed_expectations,
                count(report.problems.len() - report.failed_expectations, "error")
            ));
        }
    }
    if paths.len() > 1 {
        report::status(&format!(
            "{}: {} passed, {failed} failed",
            count(paths.len(), "script"),
            paths.len() - failed
        ));
    }
    Ok(if failed == 0 {
        Done::Success
    } else {
        Done::Unmet
    })
}

/// Validates each file; prints a summary line per good file, and each bad
/// file's problems with a count (through the one printer of diagnostics).
fn check(files: &[PathBuf], answers: &mut Answers, color_err: bool) -> anyhow::Result<Done> {
    let mut all_good = true;
    for path in files {
        // A file's name is data too: `check downloads/*.ron`.
        let shown = actorgraph::answer::printable(&path.display().to_string(), false);
        match store::open(path, &mut |_| {}) {
            Ok(graph) => answers.write(&format!(
                "{}: ok — {}, {}, {}, {}\n",
                shown,
                count(graph.actor_count(), "actor"),
                count(graph.tie_count(), "tie"),
                count(graph.events().len(), "event"),
                count(graph.sources().len(), "source")
            ))?,
            Err(error) => {
                all_good = false;
                report::print(&error.diagnostics, color_err);
                report::status(&format!(
                    "{}: {} problem{}",
                    shown,
                    error.diagnostics.len(),
                    if error.diagnostics.len() == 1 {
                        ""
                    } else {
                        "s"
                    }
                ));
            }
        }
    }
    Ok(if all_good { Done::Success } else { Done::Unmet })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    #[test]
    fn auto_colours_a_terminal_unless_no_color_or_a_dumb_term() {
        let auto = |terminal, no_color: Option<&str>, term: Option<&str>| {
            color_allowed(
                ColorArg::Auto,
                terminal,
                no_color.map(OsStr::new),
                term.map(OsStr::new),
            )
        };
        assert!(auto(true, None, None));
        assert!(auto(true, None, Some("xterm-256color")));
        assert!(auto(true, Some(""), Some("xterm")));
        assert!(!auto(true, Some("1"), Some("xterm")));
        assert!(!auto(true, None, Some("dumb")));
        assert!(!auto(false, None, Some("xterm")));
    }

    #[test]
    fn an_explicit_color_choice_wins() {
        let dumb = Some(OsStr::new("dumb"));
        let no_color = Some(OsStr::new("1"));
        assert!(color_allowed(ColorArg::Always, false, no_color, dumb));
        assert!(!color_allowed(ColorArg::Never, true, None, None));
    }

    #[test]
    fn shell_words_rejoin_into_a_statement() {
        let words = |w: &[&str]| quote_words(&w.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(words(&["who allied with JNIM"]), "who allied with JNIM");
        assert_eq!(words(&["show", "Wagner Group"]), "show \"Wagner Group\"");
        assert_eq!(
            words(&["show", "\"Wagner Group\""]),
            "show \"Wagner Group\""
        );
    }
}
