//! Golden answers: each block of `tests/golden/queries.txt` is a query line
//! (`> QUERY`), the exact text answer on the bundled graph, and a blank line.
//! `UPDATE_GOLDEN=1 cargo test --test golden_queries` rewrites the file from
//! the current answers; review the diff before committing it.

use actorgraph::answer::Format;
use actorgraph::session::Session;
use actorgraph::statement::execute;

const PATH: &str = "tests/golden/queries.txt";

fn blocks(text: &str) -> Vec<(String, String)> {
    let mut blocks = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(query) = line.strip_prefix("> ") else {
            continue;
        };
        let mut answer = String::new();
        while let Some(next) = lines.peek() {
            if next.starts_with("> ") {
                break;
            }
            answer.push_str(lines.next().unwrap());
            answer.push('\n');
        }
        blocks.push((query.to_string(), answer.trim_end().to_string()));
    }
    blocks
}

fn answer(session: &Session, query: &str) -> String {
    match execute(session, query) {
        Ok(output) => output.render(Format::Text, false, None).into_owned(),
        Err(failure) => failure.diagnostic(query, 0).render(false),
    }
    .trim_end()
    .to_string()
}

#[test]
fn answers_match_the_golden_file() {
    let session = Session::bundled().unwrap();
    let text = std::fs::read_to_string(PATH).unwrap();
    let blocks = blocks(&text);
    assert!(
        blocks.len() >= 20,
        "the golden file should cover every form"
    );
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        let mut updated = String::new();
        for (query, _) in &blocks {
            updated.push_str(&format!("> {query}\n{}\n\n", answer(&session, query)));
        }
        std::fs::write(PATH, updated).unwrap();
        return;
    }
    let mut failures = Vec::new();
    for (query, expected) in &blocks {
        let actual = answer(&session, query);
        if &actual != expected {
            failures.push(format!(
                "> {query}\n--- expected\n{expected}\n--- actual\n{actual}\n"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} golden answers differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The same answers from the graph read back from its binary snapshot:
/// a cached or `.agraph` graph answers exactly as its RON file does.
#[test]
fn answers_are_the_same_from_the_snapshot() {
    use actorgraph::store::snapshot::{decode, encode, Kind, SourceKey};
    let from_ron = Session::bundled().unwrap();
    let bytes = encode(&from_ron.graph, Kind::Primary, SourceKey::default(), 0);
    let (_, graph) = decode(&bytes).unwrap();
    let from_snapshot = Session::new(graph, from_ron.origin.clone(), None);
    let text = std::fs::read_to_string(PATH).unwrap();
    let blocks = blocks(&text);
    let differing: Vec<&str> = blocks
        .iter()
        .map(|(query, _)| query.as_str())
        .filter(|query| answer(&from_ron, query) != answer(&from_snapshot, query))
        .collect();
    assert!(
        differing.is_empty(),
        "answers differ from the snapshot: {differing:?}"
    );
    assert!(blocks.len() >= 20);
}
