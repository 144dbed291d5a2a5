//! `actorgraph import`: reading spreadsheets into graph files.
//!
//! The work is `actorgraph::interchange`'s; this file parses the
//! arguments, hands the rejected rows to the reporter and writes the graph.

use std::path::{Path, PathBuf};
use std::time::Instant;

use actorgraph::interchange::{self, rejection_diagnostics, ImportError, ImportOptions, Mapping};
use actorgraph::session::REJECTION_FILE_LIMIT;
use actorgraph::store;

use super::report::{self, Done, Problems};

/// The formats `import` reads.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportFormat {
    /// An actors table and a ties table (or an event table with a mapping).
    Csv,
}

/// Arguments of `actorgraph import`.
#[derive(clap::Args, Debug)]
#[command(after_long_help = "\
In the default layout (no --mapping), three small tables are read too when \
they sit beside the ties file, as `actorgraph export csv` writes them: \
graph.csv (title,as_of,format), relations.csv (name,directed,note and the \
phrasing verb,past,base,inverse,also: relations declared before the ties) and \
sources.csv (id,citation,url). A folder whose graph.csv has format \
`actorgraph-csv/2` was written by the export: its cells are read exactly as \
written, less the apostrophe it puts before a cell a spreadsheet would run as \
a formula (`=`, `+`, `-`, `@`, tab, carriage return, or an apostrophe); \
elsewhere cells are trimmed and HTML entities decoded. In list cells (aliases, tags, sources) `;` separates items; `\\;` \
is a literal `;` and `\\\\` a backslash. See mappings/README.md.

Examples:
  actorgraph import csv --actors actors.csv --ties ties.csv -o graph.ron
  actorgraph export csv all to dir/ && actorgraph import csv --actors dir/actors.csv --ties dir/ties.csv -o back.ron")]
pub struct ImportArgs {
    /// What the input is.
    #[arg(value_enum, value_name = "FORMAT")]
    pub input: ImportFormat,

    /// The actors table (default columns id,name,kind,aliases). Without it,
    /// actors are created from the ties' ends.
    #[arg(long, value_name = "FILE")]
    pub actors: Option<PathBuf>,

    /// The ties table (default columns source,target,relation,start,end,confidence);
    /// graph.csv, relations.csv and sources.csv beside it are read too.
    #[arg(long, value_name = "FILE")]
    pub ties: PathBuf,

    /// Where to write the graph file, atomically: RON (a large one gets its
    /// snapshot when first opened), or a binary snapshot alone for a name
    /// ending in `.agraph`.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,

    /// A mapping file (RON) for other layouts; see mappings/README.md.
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,

    /// Fail, writing nothing, when any row is rejected.
    #[arg(long)]
    pub strict: bool,

    /// A tie with no end ends just before a later tie between the same pair
    /// begins whose relation supersedes it: hostility or rivalry ends an
    /// alliance, an alliance ends hostility or rivalry (a mapping's
    /// `supersede` says otherwise).
    #[arg(long)]
    pub close_on_next_relation: bool,

    /// The graph's title; by default graph.csv's, or the ties file's name.
    #[arg(long)]
    pub title: Option<String>,

    /// Write incoming actors the import cannot place alone (their names
    /// belong to several actors, or nearly match one) to this CSV file for
    /// review, instead of rejecting their rows; see mappings/README.md.
    #[arg(long, value_name = "FILE")]
    pub review: Option<PathBuf>,

    /// Read the decisions of a review file: in its `decision` column, an
    /// actor id to merge into, `new` or `skip`.
    #[arg(long, value_name = "FILE")]
    pub resolve: Option<PathBuf>,
}

/// Imports the tables and writes the graph file; rejected rows are listed
/// in colour when `color_err`.
/// With `into` (the `-g` graph), the tables are merged into that graph and
/// the result written to `-o`; without it, a new graph is made.
pub fn import(args: &ImportArgs, into: Option<&Path>, color_err: bool) -> anyhow::Result<Done> {
    let ImportFormat::Csv = args.input;
    // The graph may not be written over one of the tables it is read from.
    let inputs = [
        Some(&args.ties),
        args.actors.as_ref(),
        args.mapping.as_ref(),
        args.resolve.as_ref(),
    ];
    if let Some(input) = inputs
        .into_iter()
        .flatten()
        .find(|input| actorgraph::atomic::same_file(input, &args.output))
    {
        return Err(
            super::report::BadUsage(vec![actorgraph::diagnostic::Diagnostic::new(format!(
                "`-o {}` is `{}`, which the import reads: writing the graph there would destroy it",
                args.output.display(),
                input.display()
            ))
            .help(Some(
                "name a new file for the graph, such as graph.ron".into(),
            ))])
            .into(),
        );
    }
    // Merging into a graph and writing it back over itself writes the
    // canonical form: a hand-written file's comments would be lost.
    if let Some(into) = into.filter(|into| actorgraph::atomic::same_file(into, &args.output)) {
        if std::fs::read_to_string(into).is_ok_and(|text| store::ron::holds_comments(&text)) {
            return Err(
                super::report::BadUsage(vec![actorgraph::diagnostic::Diagnostic::new(format!(
                    "`-o {}` is the graph merged into, which holds comments: writing the \
                     merged graph (in canonical form) there would drop them",
                    args.output.display()
                ))
                .help(Some(
                    "write the merged graph to a new file, such as merged.ron".into(),
                ))])
                .into(),
            );
        }
    }
    let mapping = match &args.mapping {
        Some(path) => Mapping::load(path).map_err(|e| Problems::new(vec![e.diagnostic()]))?,
        None => Mapping::default(),
    };
    let decisions = match &args.resolve {
        Some(path) => interchange::read_decisions(path)?,
        None => Default::default(),
    };
    let options = ImportOptions {
        mapping,
        strict: args.strict,
        close_on_next_relation: args.close_on_next_relation,
        review: args.review.is_some(),
        decisions,
    };
    let started = Instant::now();
    let spinner =
        super::progress::Spinner::start("importing", super::progress::Counting::Items("rows"));
    let lines_before = interchange::import::guard::lines_read();
    spinner.follow(move || interchange::import::guard::lines_read() - lines_before);
    let result = match into {
        Some(path) => {
            let mut graph =
                store::open(path, &mut |_| {}).map_err(|error| Problems::new(error.diagnostics))?;
            interchange::import_into(&mut graph, args.actors.as_deref(), &args.ties, &options)
                .map(|report| (graph, report))
        }
        None => interchange::import(args.actors.as_deref(), &args.ties, &options),
    };
    drop(spinner);
    let (mut graph, report) = match result {
        Ok(done) => done,
        Err(ImportError::Strict(rejections)) => {
            return Err(Problems {
                diagnostics: rejection_diagnostics(&rejections, REJECTION_FILE_LIMIT),
                summary: Some(format!(
                    "error: {} rows rejected and --strict is on; nothing was written",
                    rejections.len()
                )),
            }
            .into());
        }
        Err(error) => return Err(error.into()),
    };
    report::rejected_rows(&report.rejections, color_err);
    for merge in &report.merges {
        report::status(&format!("merged: {merge}"));
    }
    for (written, fixed) in &report.repaired {
        report::status(&format!(
            "repaired: `{written}` read as `{fixed}` (Windows-1252)"
        ));
    }
    for warning in &report.warnings {
        report::status(&format!("warning: {warning}"));
    }
    if let Some(path) = &args.review {
        if report.review.is_empty() {
            if args.resolve.as_deref() == Some(path.as_path()) {
                // The decisions just applied stay where the analyst wrote them.
                report::status(&format!(
                    "{}: nothing more for review; its decisions were applied",
                    path.display()
                ));
            } else if path.exists() {
                // A review file left from an earlier run would be taken for this one's.
                actorgraph::atomic::write_atomically(
                    path,
                    interchange::review_table(&[]).as_bytes(),
                )?;
                report::status(&format!(
                    "{}: nothing for review (the decisions it held from an earlier run are cleared)",
                    path.display()
                ));
            } else {
                report::status(&format!(
                    "{}: nothing for review; not written",
                    path.display()
                ));
            }
        } else {
            actorgraph::atomic::write_atomically(
                path,
                interchange::review_table(&report.review).as_bytes(),
            )?;
            report::status(&format!(
                "{}: {} actors for review; write a decision in each row and import again with --resolve {}",
                path.display(),
                report.review.len(),
                path.display()
            ));
        }
    }
    // Every row rejected: an empty graph is no result worth a file.
    if report.ties_added + report.rows_merged == 0 && !report.rejections.is_empty() {
        return Err(Problems {
            diagnostics: Vec::new(),
            summary: Some(format!(
                "error: all {} rows were rejected; nothing was written",
                report.rejections.len()
            )),
        }
        .into());
    }
    if let Some(title) = &args.title {
        graph.title = title.clone();
    }
    super::save_graph(&graph, &args.output).map_err(|error| Problems::new(error.diagnostics))?;
    report::status(&format!(
        "{}: {} ({:.1} s)",
        if args.output == std::path::Path::new("-") {
            "standard output".to_string()
        } else {
            args.output.display().to_string()
        },
        report.summary(),
        started.elapsed().as_secs_f64()
    ));
    if graph.as_of().is_none() {
        // A graph without a date answers timeless questions across all time.
        report::status(
            "note: the graph has no as-of date (no graph.csv with one beside the ties): \
             questions with no time will cover all time",
        );
    }
    Ok(Done::Success)
}
