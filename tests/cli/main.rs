//! End-to-end tests: they run the real `actorgraph` binary and compare its
//! whole output. Long outputs live in `tests/golden/cli/`;
//! `UPDATE_GOLDEN=1 cargo test --test cli` rewrites them.

use std::io::Read;
use std::path::PathBuf;
use std::process::Stdio;

#[path = "../common/mod.rs"]
mod common;
use common::{binary, Test, TMP};

const MINIMAL: &str = r#"(
    title: "t",
    sources: [(id: "s", citation: "c")],
    actors: [
        (id: "a", name: "Alpha", kind: group),
        (id: "b", name: "Beta", aliases: ["B-Group"], kind: militia),
    ],
    ties: [
        (from: "a", to: "b", relation: "alliance", start: "2020", confidence: likely, sources: ["s"]),
    ],
)"#;

/// `actorgraph check graph.ron`, run in `$TMP`, where `graph.ron` holds
/// `contents`: messages name the file as given, with no temporary path.
fn check(contents: impl AsRef<[u8]>) -> Test {
    Test::new()
        .write("graph.ron", contents)
        .current_dir(TMP)
        .args(&["check", "graph.ron"])
}

/// The message of a `graph.ron` with one problem: `error` and its help,
/// pointing at `column` of `line` (1-based) with `width` carets.
fn one_problem(error: &str, text: &str, line: usize, column: usize, width: usize) -> String {
    let source = text.lines().nth(line - 1).unwrap();
    let gutter = " ".repeat(line.to_string().len());
    format!(
        "error: {error}\n{gutter}--> graph.ron:{line}:{column}\n{gutter} |\n{line} | {source}\n\
         {gutter} | {}{}\ngraph.ron: 1 problem\n",
        " ".repeat(column - 1),
        "^".repeat(width),
    )
}

mod check;

mod queries;

mod scripts;

mod command_line;

mod docs;
mod hostile;
mod imports;
mod snapshots;

mod terminal;

mod repl;

mod outputs;

mod saving;
