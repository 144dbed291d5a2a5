//! `actorgraph import`: reading spreadsheets into graph files.
//!
//! The work is [`crate::interchange::csv`]; this file parses the
//! arguments, reports the rejected rows on stderr and writes the graph.

use std::path::PathBuf;
use std::time::Instant;

use crate::interchange::{self, ImportError, ImportOptions, Mapping};
use crate::store;

/// The formats `import` reads.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportFormat {
    /// An actors table and a ties table (or an event table with a mapping).
    Csv,
}

/// Arguments of `actorgraph import`.
#[derive(clap::Args, Debug)]
pub struct ImportArgs {
    /// What the input is.
    #[arg(value_enum, value_name = "FORMAT")]
    pub input: ImportFormat,

    /// The actors table (default columns id,name,kind,aliases). Without it,
    /// actors are created from the ties' ends.
    #[arg(long, value_name = "FILE")]
    pub actors: Option<PathBuf>,

    /// The ties table (default columns source,target,relation,start,end,confidence).
    #[arg(long, value_name = "FILE")]
    pub ties: PathBuf,

    /// Where to write the graph file (RON); written atomically.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,

    /// A mapping file (RON) for other layouts; see mappings/README.md.
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,

    /// Fail, writing nothing, when any row is rejected.
    #[arg(long)]
    pub strict: bool,

    /// A tie with no end ends just before a later tie of another relation
    /// between the same pair begins.
    #[arg(long)]
    pub close_on_next_relation: bool,

    /// The graph's title; the ties file's name by default.
    #[arg(long)]
    pub title: Option<String>,
}

/// Runs an import; true when it succeeded.
pub fn run(args: &ImportArgs) -> anyhow::Result<bool> {
    let ImportFormat::Csv = args.input;
    let mapping = match &args.mapping {
        Some(path) => Mapping::load(path)?,
        None => Mapping::default(),
    };
    let options = ImportOptions {
        mapping,
        strict: args.strict,
        close_on_next_relation: args.close_on_next_relation,
    };
    let started = Instant::now();
    let spinner = super::progress::Spinner::start("importing");
    let result = interchange::import(args.actors.as_deref(), &args.ties, &options);
    drop(spinner);
    let (mut graph, report) = match result {
        Ok(done) => done,
        Err(ImportError::Strict(rejections)) => {
            for rejection in &rejections {
                eprintln!("rejected: {rejection}");
            }
            eprintln!(
                "error: {} rows rejected and --strict is on; nothing was written",
                rejections.len()
            );
            return Ok(false);
        }
        Err(error) => return Err(error.into()),
    };
    for rejection in &report.rejections {
        eprintln!("rejected: {rejection}");
    }
    if let Some(title) = &args.title {
        graph.title = title.clone();
    }
    store::ron::save(&graph, &args.output).map_err(|error| super::Reported(error.diagnostics))?;
    eprintln!(
        "{}: {} ({:.1} s)",
        args.output.display(),
        report.summary(),
        started.elapsed().as_secs_f64()
    );
    Ok(true)
}
