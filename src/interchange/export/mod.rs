//! Exports of a selection of a graph for other tools, one writer a file:
//! CSV in the import layout for spreadsheets and the CSV import
//! (`csv.rs`), node-link JSON for networkx (`json.rs`), GraphML for yEd,
//! Cytoscape and networkx (`graphml.rs`), GEXF 1.2 with spells for Gephi
//! (`gexf.rs`), a Cypher script for Neo4j (`cypher.rs`) and `neo4j-admin
//! import` CSV files for Neo4j's bulk importer (`neo4j_admin.rs`).
//! `selection.rs` holds what they share; `xml.rs` what GraphML and GEXF share.
//!
//! This file holds the list of formats and the entry points.
//!
//! A selection is a list of actors and a list of ties; the ends of every
//! selected tie are exported too, so the output never names a missing actor.

use std::path::{Path, PathBuf};

use crate::atomic::{write_all_atomically, write_atomically_with};
use crate::model::{ActorId, Graph, TieId};

mod csv;
mod cypher;
mod gexf;
mod graphml;
mod json;
mod neo4j_admin;
mod selection;
mod xml;

pub use self::csv::CSV_MARKER;
pub use self::cypher::cypher_type;
use self::selection::Selection;

pub use crate::model::ExportFormat;

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The output directory could not be made.
    #[error("cannot create directory `{path}`: {error}")]
    Directory {
        /// The directory that was to be made.
        path: String,
        /// Why making it failed.
        error: std::io::Error,
    },
    /// A file could not be written.
    #[error("{0}")]
    Write(#[from] crate::atomic::WriteError),
}

/// Writes the selected actors and ties (and the ends of those ties) to
/// `path` in `format`: a file, or a directory for [`ExportFormat::is_directory`]
/// formats. Every file is written atomically. Returns the files written.
pub fn export(
    graph: &Graph,
    ties: &[TieId],
    actors: &[ActorId],
    format: ExportFormat,
    path: &Path,
) -> Result<Vec<PathBuf>, ExportError> {
    if let Some(write) = streamed(format) {
        let selection = Selection::new(graph, ties, actors);
        write_atomically_with(path, &mut |out| write(&selection, out))?;
        return Ok(vec![path.to_path_buf()]);
    }
    let files = render(graph, ties, actors, format);
    let targets: Vec<(PathBuf, String)> = if format.is_directory() {
        std::fs::create_dir_all(path).map_err(|error| ExportError::Directory {
            path: path.display().to_string(),
            error,
        })?;
        files
            .into_iter()
            .map(|(name, text)| (path.join(name), text))
            .collect()
    } else {
        files
            .into_iter()
            .map(|(_, text)| (path.to_path_buf(), text))
            .collect()
    };
    // A folder's files are written all or none.
    let files: Vec<(&Path, &[u8])> = targets
        .iter()
        .map(|(file, text)| (file.as_path(), text.as_bytes()))
        .collect();
    write_all_atomically(&files)?;
    Ok(targets.into_iter().map(|(file, _)| file).collect())
}

/// Writes a single-file format's document to `out`: made as it is written
/// where the format is streamed (JSON, GraphML, GEXF), otherwise rendered
/// first. For a
/// folder format, its files one after the other.
pub fn write(
    graph: &Graph,
    ties: &[TieId],
    actors: &[ActorId],
    format: ExportFormat,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    if let Some(write) = streamed(format) {
        return write(&Selection::new(graph, ties, actors), out);
    }
    for (_, text) in render(graph, ties, actors, format) {
        out.write_all(text.as_bytes())?;
    }
    Ok(())
}

/// Writes a selection in one format to a stream.
type Writer = fn(&Selection<'_>, &mut dyn std::io::Write) -> std::io::Result<()>;

/// The writer of a format that is made as it is written, so that a large
/// export is never held whole in memory (within 1.5 times the loaded graph
/// on a hub of a million ties, `examples/export_memory.rs`).
fn streamed(format: ExportFormat) -> Option<Writer> {
    match format {
        ExportFormat::Json => Some(json::write),
        ExportFormat::GraphMl => Some(graphml::write),
        ExportFormat::Gexf => Some(gexf::write),
        _ => None,
    }
}

/// Every actor and tie of the graph, as a selection.
pub fn everything(graph: &Graph) -> (Vec<TieId>, Vec<ActorId>) {
    (
        graph.all_ties().map(|t| t.id).collect(),
        graph.actors().map(|(id, _)| id).collect(),
    )
}

/// The files of an export as (file name, text); single-file formats give
/// one entry, named with the format's usual extension.
pub fn render(
    graph: &Graph,
    ties: &[TieId],
    actors: &[ActorId],
    format: ExportFormat,
) -> Vec<(String, String)> {
    let selection = Selection::new(graph, ties, actors);
    match format {
        ExportFormat::Csv => csv::files(&selection),
        ExportFormat::Json => vec![("graph.json".into(), json::document(&selection))],
        ExportFormat::GraphMl => vec![("graph.graphml".into(), graphml::document(&selection))],
        ExportFormat::Gexf => vec![("graph.gexf".into(), gexf::document(&selection))],
        ExportFormat::Cypher => vec![("graph.cypher".into(), cypher::script(&selection))],
        ExportFormat::Neo4jAdmin => neo4j_admin::files(&selection),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_read_their_names() {
        for format in ExportFormat::ALL {
            assert_eq!(ExportFormat::parse(format.name()), Some(format));
        }
        assert_eq!(ExportFormat::parse("GraphML"), Some(ExportFormat::GraphMl));
        assert_eq!(ExportFormat::parse("neo4j"), Some(ExportFormat::Neo4jAdmin));
        assert_eq!(ExportFormat::parse("dot"), None);
        let directories: Vec<_> = ExportFormat::ALL
            .into_iter()
            .filter(|f| f.is_directory())
            .collect();
        assert_eq!(directories, [ExportFormat::Csv, ExportFormat::Neo4jAdmin]);
    }

    #[test]
    fn single_file_formats_are_written_to_the_path_and_others_into_it() {
        let graph = selection::sample();
        let (ties, actors) = everything(&graph);
        assert_eq!((ties.len(), actors.len()), (2, 4));
        let dir = tempfile::tempdir().unwrap();
        // Streamed (JSON) or rendered whole, a file holds what `render` gives.
        for format in ExportFormat::ALL.into_iter().filter(|f| !f.is_directory()) {
            let file = dir.path().join(format!("out.{}", format.name()));
            let written = export(&graph, &ties, &actors, format, &file).unwrap();
            assert_eq!(written, std::slice::from_ref(&file));
            let text = std::fs::read_to_string(&file).unwrap();
            assert_eq!(text, render(&graph, &ties, &actors, format)[0].1);
        }
        let out = dir.path().join("neo4j");
        let written = export(&graph, &ties, &actors, ExportFormat::Neo4jAdmin, &out).unwrap();
        let names: Vec<_> = written
            .iter()
            .map(|p| p.strip_prefix(&out).unwrap())
            .collect();
        assert_eq!(
            names,
            [
                Path::new("actors.csv"),
                Path::new("ties.csv"),
                Path::new("import.sh")
            ]
        );
    }
}
