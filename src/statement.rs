//! Carries out one statement for the REPL, scripts and the command line: an
//! answer comes back as it is; an `export` is written to its target (the
//! writer chosen by format and target), so this sits at the edge.

use std::path::{Path, PathBuf};

use crate::answer::{Answer, Output, Selected};
use crate::diagnostic::Diagnostic;
use crate::diagram::{self, DateLabels, DiagramSpec, OutputFormat, Theme};
use crate::interchange::{self, ExportFormat};
use crate::model::walk::{select, Selection};
use crate::model::Graph;
use crate::query::ast::ExportKind;
use crate::query::eval::{ExportPlan, Outcome};
use crate::query::QueryError;
use crate::session::Session;

/// Why a statement could not be carried out.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// The query is wrong: it points at a word, in bytes of the line.
    #[error("{0}")]
    Query(QueryError),
    /// An export could not be written.
    #[error("{diagnostic}")]
    Write {
        /// What went wrong.
        diagnostic: Diagnostic,
        /// The bytes of the statement it points at: the target, or the format.
        span: (usize, usize),
    },
}

impl Failure {
    /// The failure shown against `text`, in which the statement begins at
    /// byte `offset` (0 for a one-line statement; the line's start in a
    /// script), so lines and columns are counted once, on the whole text.
    pub fn diagnostic(self, text: &str, offset: usize) -> Diagnostic {
        match self {
            Failure::Query(error) => error.shifted(offset).diagnostic(text, None),
            Failure::Write { diagnostic, span } => {
                diagnostic.at_span(text, offset + span.0, offset + span.1)
            }
        }
    }
}

/// Asks `session` the statement `line` and carries it out: the answer, or
/// what an export wrote.
pub fn execute<'s>(session: &'s Session, line: &str) -> Result<Output<'s>, Failure> {
    match session.ask(line).map_err(Failure::Query)? {
        Outcome::Answer(answer) => Ok(Output::Answer(answer)),
        Outcome::Export(mut plan) => {
            plan.statement = Some(without_target(line, &plan));
            let failed = |diagnostic| Failure::Write {
                diagnostic,
                span: plan.span,
            };
            if let (Some(graph), Some(target)) = (&session.path, &plan.target) {
                if crate::atomic::same_file(graph, Path::new(target)) {
                    return Err(failed(
                        Diagnostic::new(format!(
                            "`{target}` is the open graph's file: the export would replace the graph"
                        ))
                        .help(Some("write the export to another file".into())),
                    ));
                }
            }
            // A folder's file may be a link to the graph: no write may land there.
            let _graph = crate::atomic::Protected::new(session.path.as_deref());
            write_export(&session.graph, &plan).map_err(failed)
        }
    }
}

/// The statement `line` without its `to FILE`, so a diagram's header says
/// the same whether it was written to a file or to standard output.
fn without_target(line: &str, plan: &ExportPlan) -> String {
    let (Some(_), Some(before), Some(after)) = (
        &plan.target,
        line.get(..plan.span.0),
        line.get(plan.span.1..),
    ) else {
        return line.trim().to_string();
    };
    let before = before.trim_end();
    let cut = before.len().checked_sub(2).filter(|at| {
        before
            .get(*at..)
            .is_some_and(|w| w.eq_ignore_ascii_case("to"))
    });
    let before = cut.map_or(before, |at| &before[..at]);
    format!("{}{}", before.trim_end(), after.trim_end())
        .trim()
        .to_string()
}

/// Writes what `plan` asks for; DOT without a target comes back as text.
pub fn write_export<'g>(graph: &'g Graph, plan: &ExportPlan) -> Result<Output<'g>, Diagnostic> {
    match plan.kind {
        ExportKind::Diagram => dot(graph, plan),
        ExportKind::Data(format) => interchange(graph, plan, format),
    }
}

fn dot<'g>(graph: &'g Graph, plan: &ExportPlan) -> Result<Output<'g>, Diagnostic> {
    let spec = DiagramSpec {
        focus: plan.focus,
        depth: plan.depth,
        filter: plan.filter.clone(),
        time_label: plan.time_label.clone(),
        changes_window: plan.named_period,
        theme: if plan.theme.as_deref() == Some("dark") {
            Theme::Dark
        } else {
            Theme::Light
        },
        page: plan.page,
        dates: match plan.dates.as_deref() {
            Some("off") => DateLabels::Off,
            Some("changes") => DateLabels::Changes,
            _ => DateLabels::All,
        },
        statement: plan.statement.clone(),
        dates_by_number: Vec::new(),
    };
    let failed = |e: diagram::DiagramError| Diagnostic::new(e.to_string());
    if let Some(frames) = plan.frames {
        let Some(target) = &plan.target else {
            return Err(Diagnostic::new(
                "a storyboard needs a folder to write to: `frames 2019..2023 to frames/`",
            )
            .help(Some(
                "name files `to frames/*.png` to choose the format; the default is SVG".into(),
            )));
        };
        let (dir, format) = frame_target(target).map_err(failed)?;
        let years: Vec<i32> = if plan.frame_years.is_empty() {
            frames.years().collect()
        } else {
            plan.frame_years.clone()
        };
        let written = diagram::storyboard(graph, &spec, years.iter().copied(), &dir, format)
            .map_err(failed)?;
        let list: Vec<String> = written
            .paths
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        let mut text = format!(
            "wrote {} frame{}:\n  {}",
            list.len(),
            if list.len() == 1 { "" } else { "s" },
            list.join("\n  ")
        );
        let report = written.report();
        if !report.is_empty() {
            text.push('\n');
            text.push_str(&report);
        }
        push_notes(&mut text, &plan.notes);
        if list.len() == 1 {
            // A storyboard shows change; one frame shows none.
            push_notes(
                &mut text,
                &[
                    "one frame only, so nothing is seen to change: a smaller `step`, or a longer \
                   range of years, draws more"
                        .to_string(),
                ],
            );
        }
        let note =
            diagram::not_walked_in_frames_note(graph, spec.depth, &written.not_walked, &years);
        push_notes(&mut text, note.as_slice());
        return Ok(Output::Answer(Answer::text(text)));
    }
    match &plan.target {
        None => Ok(Output::Diagram(graph, spec, plan.notes.clone())),
        Some(target) => {
            let path = Path::new(target);
            let fit = diagram::export_fitting(graph, &spec, path, plan.dates.is_none())
                .map_err(failed)?;
            let mut text = match fit {
                Some((fit, thinned)) => {
                    let mut text = format!("wrote {target}: {}", fit.report());
                    if thinned {
                        text.push_str("\nnote: ");
                        text.push_str(fit.thinned_note());
                    }
                    text
                }
                None => format!("wrote {target}"),
            };
            push_notes(&mut text, &plan.notes);
            let changes = diagram::changes_need_a_window(&spec).map(String::from);
            push_notes(&mut text, changes.as_slice());
            push_notes(&mut text, diagram::not_walked_note(graph, &spec).as_slice());
            Ok(Output::Answer(Answer::text(text)))
        }
    }
}

/// CSV, JSON, GraphML, GEXF, Cypher or neo4j-admin files of the selection:
/// the focus's ego network, or every tie the filters accept.
fn interchange<'g>(
    graph: &'g Graph,
    plan: &ExportPlan,
    format: ExportFormat,
) -> Result<Output<'g>, Diagnostic> {
    if plan.frames.is_some() || plan.theme.is_some() || plan.dates.is_some() || plan.page.is_some()
    {
        return Err(Diagnostic::new(format!(
            "`frames`, `theme`, `dates`, `page` and `size` are for diagrams; export {} takes \
             none of them",
            format.name()
        )));
    }
    let Selection { actors, ties } = select(graph, plan.focus, plan.depth, &plan.filter);
    match &plan.target {
        None if format.is_directory() => Err(Diagnostic::new(format!(
            "export {} writes several files: give a folder with `to DIR/`",
            format.name()
        ))),
        None => Ok(Output::Export(graph, Selected { ties, actors }, format)),
        Some(target) => {
            let written = interchange::export(graph, &ties, &actors, format, Path::new(target))
                .map_err(|e| Diagnostic::new(format!("export {}: {e}", format.name())))?;
            let list: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
            Ok(Output::Answer(Answer::text(format!(
                "wrote {} ({} actors, {} ties)",
                list.join(", "),
                actors.len(),
                ties.len()
            ))))
        }
    }
}

/// Each caveat of the export on a line of its own, after its report.
fn push_notes(text: &mut String, notes: &[String]) {
    for note in notes {
        text.push_str("\nnote: ");
        text.push_str(note);
    }
}

/// `frames/` or `frames` → SVG files in it; `frames/*.png` → PNG files in
/// it. A name that looks like one file (`frames.svg`) is refused: a folder
/// of that name would be made, holding the frames, which no one asked for.
fn frame_target(target: &str) -> Result<(PathBuf, OutputFormat), diagram::DiagramError> {
    let path = Path::new(target);
    match path.file_stem().and_then(|s| s.to_str()) {
        Some("*") => {
            let format = OutputFormat::from_path(path)?;
            let dir = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            Ok((dir.to_path_buf(), format))
        }
        _ if !target.ends_with(['/', std::path::MAIN_SEPARATOR]) && looks_like_a_file(path) => {
            let parent = path.parent().unwrap_or(Path::new(""));
            let extension = path.extension().unwrap_or_default().to_string_lossy();
            let stem = path.file_stem().unwrap_or_default().to_string_lossy();
            Err(diagram::DiagramError::FramesToOneFile {
                target: target.to_string(),
                pattern: parent.join(format!("*.{extension}")).display().to_string(),
                folder: format!("{}/", parent.join(&*stem).display()),
            })
        }
        _ => Ok((path.to_path_buf(), OutputFormat::Svg)),
    }
}

/// Whether a name ends in the extension of a picture or DOT file.
fn looks_like_a_file(path: &Path) -> bool {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    matches!(
        extension.as_deref(),
        Some("dot" | "gv" | "svg" | "png" | "pdf" | "jpg" | "jpeg" | "gif" | "webp")
    )
}
