//! Answers in JSON Lines (`-f jsonl`), and answers written to a file (`-o`).

use super::*;

use serde_json::{Map, Value};

/// The lines of a JSON Lines answer, each parsed on its own.
fn json_lines(text: &str) -> Vec<Map<String, Value>> {
    text.lines()
        .map(|line| match serde_json::from_str(line) {
            Ok(Value::Object(object)) => object,
            other => panic!("not a JSON object: {line}\n{other:?}"),
        })
        .collect()
}

/// `actorgraph -f FORMAT query QUERY`'s standard output; it must succeed.
fn answer(format: &str, query: &str) -> String {
    Test::new()
        .args(&["-f", format, "query", query])
        // Checked by the caller, which parses it.
        .stdout_matches(|_| true)
        .run()
        .stdout
}

/// The keys every line adds to its row: what it is, and the answer's time
/// and caveats.
fn row_of(line: &Map<String, Value>) -> (String, Map<String, Value>) {
    let mut row = line.clone();
    let kind = row
        .remove("row")
        .and_then(|r| r.as_str().map(str::to_string));
    row.remove("time");
    row.remove("notes");
    (kind.expect("every line says what row it is"), row)
}

#[test]
fn jsonl_gives_one_line_per_row_with_the_json_answers_keys() {
    // (query, the JSON answer's lists that the lines hold, in order, and their row name)
    let cases: &[(&str, &[(&str, &str)])] = &[
        ("who allied with JNIM after 2022", &[("actors", "actor")]),
        ("ties of JNIM via alliance, hostility", &[("ties", "tie")]),
        ("neighbors of MLF", &[("actors", "actor"), ("ties", "tie")]),
        (
            "why JNIM and AQIM",
            &[("ties", "tie"), ("sources", "source")],
        ),
        ("timeline MLF", &[("events", "event")]),
        ("relations", &[("relations", "relation")]),
        ("sources", &[("sources", "source")]),
    ];
    for (query, lists) in cases {
        let json: Value = serde_json::from_str(&answer("json", query)).unwrap();
        let lines = json_lines(&answer("jsonl", query));
        let mut expected = Vec::new();
        for (list, row) in *lists {
            let items = json[list]
                .as_array()
                .unwrap_or_else(|| panic!("{query}: {list}"));
            expected.extend(items.iter().map(|item| (row.to_string(), item.clone())));
        }
        assert!(!expected.is_empty(), "{query} should have rows");
        assert_eq!(lines.len(), expected.len(), "{query}: one line per row");
        for (line, (row, item)) in lines.iter().zip(&expected) {
            let (kind, fields) = row_of(line);
            assert_eq!(&kind, row, "{query}");
            assert_eq!(
                &Value::Object(fields),
                item,
                "{query}: the row's keys as in JSON"
            );
            assert_eq!(
                line.get("time"),
                json.get("time"),
                "{query}: the time on every line"
            );
        }
    }
}

/// A path's ties each carry their path and hop; a yes-or-no answer is one
/// line with the ties that decide it.
#[test]
fn jsonl_numbers_a_paths_ties_and_gives_a_verdict_in_one_line() {
    let query = "how is JNIM connected to CMA";
    let json: Value = serde_json::from_str(&answer("json", query)).unwrap();
    let lines = json_lines(&answer("jsonl", query));
    let mut expected = Vec::new();
    for (p, path) in json["paths"].as_array().unwrap().iter().enumerate() {
        for (h, hop) in path.as_array().unwrap().iter().enumerate() {
            for tie in hop["ties"].as_array().unwrap() {
                let mut row = tie.as_object().unwrap().clone();
                row.insert("path".into(), (p + 1).into());
                row.insert("hop".into(), (h + 1).into());
                expected.push(Value::Object(row));
            }
        }
    }
    assert!(expected.len() >= 4, "{expected:?}");
    let rows: Vec<Value> = lines
        .iter()
        .map(|line| {
            let (kind, fields) = row_of(line);
            assert_eq!(kind, "tie");
            Value::Object(fields)
        })
        .collect();
    assert_eq!(rows, expected);

    let verdict = json_lines(&answer("jsonl", "is Wagner fighting JNIM"));
    assert_eq!(verdict.len(), 1);
    let (kind, fields) = row_of(&verdict[0]);
    assert_eq!(kind, "verdict");
    assert_eq!(fields["answer"], "yes");
    assert_eq!(fields["ties"].as_array().map(Vec::len), Some(1));
}

#[test]
fn jsonl_gives_a_card_and_stats_in_one_line_each() {
    let card = json_lines(&answer("jsonl", "show JNIM"));
    assert_eq!(card.len(), 1);
    let (kind, fields) = row_of(&card[0]);
    assert_eq!(kind, "card");
    assert_eq!(fields["id"], "jnim");
    assert_eq!(fields["judged"], "now");
    assert!(fields["ties"].as_array().is_some_and(|t| !t.is_empty()));

    let stats = json_lines(&answer("jsonl", "stats"));
    assert_eq!(stats.len(), 1);
    let json: Value = serde_json::from_str(&answer("json", "stats")).unwrap();
    let (kind, fields) = row_of(&stats[0]);
    assert_eq!(kind, "stats");
    assert_eq!(fields["actors"], json["actors"]);
    assert_eq!(fields["ties"], json["ties"]);
}

#[test]
fn jsonl_carries_the_answers_caveats_on_every_line() {
    let lines = json_lines(&answer("jsonl", "who fought JNIM after 2024"));
    let json: Value = serde_json::from_str(&answer("json", "who fought JNIM after 2024")).unwrap();
    assert!(json["notes"].as_array().is_some_and(|n| !n.is_empty()));
    assert!(!lines.is_empty());
    for line in &lines {
        assert_eq!(line.get("notes"), json.get("notes"));
    }
}

#[test]
fn jsonl_writes_no_line_for_an_answer_without_results() {
    Test::new()
        .args(&["-f", "jsonl", "query", "who allied with France after 2022"])
        .stdout("")
        .run();
}

#[test]
fn jsonl_streams_from_a_script_one_answer_after_another() {
    let output = Test::new()
        .write("two.q", "who allied with JNIM after 2022\nstats\n")
        .current_dir(TMP)
        .args(&["-f", "jsonl", "run", "two.q"])
        // Checked below, line by line.
        .stdout_matches(|_| true)
        .run();
    let rows: Vec<String> = json_lines(&output.stdout)
        .iter()
        .map(|line| row_of(line).0)
        .collect();
    assert_eq!(rows, ["actor", "actor", "stats"]);
}

#[test]
fn dash_o_writes_the_bytes_standard_output_would_hold() {
    let query = "who allied with JNIM after 2022";
    for (format, golden) in [
        (
            "text",
            "tests/golden/cli/who-allied-with-jnim-after-2022.txt",
        ),
        ("json", "tests/golden/cli/show-jnim.json"),
    ] {
        let query = if format == "json" { "show JNIM" } else { query };
        let output = Test::new()
            .args(&["-f", format, "query", query, "-o", "$TMP/answer"])
            .run();
        let written = std::fs::read_to_string(output.path("answer")).unwrap();
        let expected = std::fs::read_to_string(common::manifest(golden)).unwrap();
        assert_eq!(written, expected, "{format}");
    }
}

#[test]
fn dash_o_takes_a_scripts_and_the_piped_repls_answers() {
    let output = Test::new()
        .args(&["-o", "$TMP/run.txt", "run", "queries/report-judgements.q"])
        .stderr_golden("tests/golden/cli/run-report-judgements.stderr.txt")
        .run();
    let written = std::fs::read_to_string(output.path("run.txt")).unwrap();
    let expected = std::fs::read_to_string(common::manifest(
        "tests/golden/cli/run-report-judgements.txt",
    ))
    .unwrap();
    assert_eq!(written, expected);

    let output = Test::new()
        .stdin("who allied with JNIM after 2022\n\nshow MLF\n")
        .args(&["-o", "$TMP/repl.txt"])
        .run();
    let written = std::fs::read_to_string(output.path("repl.txt")).unwrap();
    let expected =
        std::fs::read_to_string(common::manifest("tests/golden/cli/repl-piped.txt")).unwrap();
    assert_eq!(written, expected);
}

#[test]
fn dash_o_refuses_a_target_that_cannot_be_written_before_any_work() {
    Test::new()
        .current_dir(TMP)
        .args(&["query", "show JNIM", "-o", "no/such/answer.txt"])
        .status(2)
        .stderr(
            "error: cannot write answers to `no/such/answer.txt`: there is no folder `no/such`\n \
             --> <arguments>:1:4\n  |\n1 | -o no/such/answer.txt\n  |    ^^^^^^^^^^^^^^^^^^\n  \
             = help: name a file in a folder that exists and can be written\n",
        )
        .run();
    Test::new()
        .create_dir("answers")
        .current_dir(TMP)
        .args(&["-o", "answers", "query", "show JNIM"])
        .status(2)
        .stderr(
            "error: cannot write answers to `answers`: it is a folder\n --> <arguments>:1:4\n  \
             |\n1 | -o answers\n  |    ^^^^^^^\n  \
             = help: name a file in a folder that exists and can be written\n",
        )
        .run();
}

#[test]
fn dash_o_leaves_the_file_alone_when_the_query_fails() {
    let output = Test::new()
        .write("answer.txt", "kept\n")
        .current_dir(TMP)
        .args(&["query", "show Nobody", "-o", "answer.txt"])
        .failure()
        .stderr_matches(|e| e.starts_with("error: no actor is called `Nobody`"))
        .run();
    assert_eq!(
        std::fs::read_to_string(output.path("answer.txt")).unwrap(),
        "kept\n"
    );
}
