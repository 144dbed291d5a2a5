//! Every example the docs and `--help` show runs as written: the examples
//! column of docs/QUERIES.md's forms, each `actorgraph> ` line of
//! docs/QUERIES.md and the README (an error where the docs show one), and
//! each command under `--help`'s Examples.

use super::*;

/// The text of every `code` span in `line`.
fn code_spans(line: &str) -> Vec<String> {
    line.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// The examples column of the forms table: each code span of its third cell.
fn form_examples(doc: &str) -> Vec<String> {
    let forms = doc.split("## Forms").nth(1).expect("a Forms section");
    let table = forms.split("\n\n").nth(1).expect("the forms table");
    table
        .lines()
        .skip(2)
        .filter_map(|row| {
            // Cells split at `|` outside code spans; `\|` stands inside them.
            let cells: Vec<&str> = row.split(" | ").collect();
            cells.get(2).map(|c| code_spans(c))
        })
        .flatten()
        .collect()
}

/// Each `actorgraph> QUERY` line of the document's code blocks, and whether
/// the docs show it failing (the next line starts with `error:`).
fn session_lines(doc: &str) -> Vec<(String, bool)> {
    let lines: Vec<&str> = doc.lines().collect();
    lines
        .iter()
        .enumerate()
        .filter_map(|(i, line)| {
            let query = line.strip_prefix("actorgraph> ")?;
            let fails = lines.get(i + 1).is_some_and(|l| l.starts_with("error:"));
            Some((query.to_string(), !fails))
        })
        .collect()
}

/// Runs `query` on the bundled graph in a fresh folder (exports write there).
fn runs(query: &str, ok: bool) {
    let test = Test::new().args(&["query", query]).current_dir(TMP);
    let test = if ok {
        test.stdout_matches(|_| true).stderr_matches(|_| true)
    } else {
        test.failure()
            .stderr_matches(|err| err.starts_with("error:"))
    };
    test.run();
}

#[test]
fn every_query_example_in_the_docs_runs_as_written() {
    let queries = std::fs::read_to_string(common::manifest("docs/QUERIES.md")).unwrap();
    let readme = std::fs::read_to_string(common::manifest("README.md")).unwrap();
    let examples = form_examples(&queries);
    assert!(examples.len() >= 25, "{examples:?}");
    for example in examples.iter().filter(|e| !e.starts_with("export")) {
        runs(example, true);
    }
    let sessions: Vec<(String, bool)> = session_lines(&queries)
        .into_iter()
        .chain(session_lines(&readme))
        .collect();
    assert!(sessions.len() >= 6, "{sessions:?}");
    for (query, ok) in sessions {
        runs(&query, ok);
    }
}

#[test]
fn every_example_under_help_runs() {
    let help = Test::new().arg("--help").stdout_matches(|_| true).run();
    let help = help.stdout;
    let examples: Vec<&str> = help
        .split("Examples:")
        .nth(1)
        .expect("--help has examples")
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("actorgraph"))
        .map(|rest| rest.split("   ").next().unwrap_or(rest).trim())
        .collect();
    assert!(examples.len() >= 4, "{examples:?}");
    // In a scratch folder holding the repository's graphs and queries, so
    // an example that writes a file (`-o jnim-ties.jsonl`) leaves the
    // checkout clean.
    let scratch = tempfile::tempdir().unwrap();
    for folder in ["graphs", "queries"] {
        std::os::unix::fs::symlink(common::manifest(folder), scratch.path().join(folder)).unwrap();
    }
    for arguments in examples {
        // Through the shell, so quotes and globs read as an analyst's would.
        let status = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("\"$0\" {arguments} </dev/null >/dev/null"))
            .arg(env!("CARGO_BIN_EXE_actorgraph"))
            .current_dir(scratch.path())
            .status()
            .unwrap();
        assert!(status.success(), "actorgraph {arguments}: {status}");
    }
    let written = std::fs::read_to_string(scratch.path().join("jnim-ties.jsonl")).unwrap();
    assert!(written.lines().count() > 3, "{written}");
}
