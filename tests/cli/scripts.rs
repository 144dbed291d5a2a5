//! `actorgraph run`: query scripts, their expectations and their summaries.

use super::*;

#[test]
fn time_boundaries_hold() {
    Test::new()
        .args(&[
            "-g",
            "tests/data/boundaries.ron",
            "run",
            "tests/data/boundaries.q",
        ])
        .stdout_golden("tests/golden/cli/run-boundaries.txt")
        .stderr("tests/data/boundaries.q: 100 statements, 100 expectations, 0 failed, 0 errors\n")
        .run();
}

/// At least 40 questions phrased as analysts phrase them, of which at most
/// 4 (marked "not understood" in the file) may be refused; each answer is
/// in the golden file, so a change in any is seen.
#[test]
fn analysts_phrasings_work_as_typed() {
    let script = std::fs::read_to_string(common::manifest("tests/data/phrasings.q")).unwrap();
    let questions = script
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .count();
    let refused = script.matches("\n# (not understood)").count();
    assert!(questions >= 40, "{questions} phrasings");
    assert!(refused <= 4, "{refused} refused");
    Test::new()
        .args(&["run", "tests/data/phrasings.q"])
        .failure()
        .stdout_golden("tests/golden/cli/run-phrasings.txt")
        .stderr_matches(move |err| {
            err.ends_with(&format!(
                "tests/data/phrasings.q: {questions} statements, 0 expectations, 0 failed, {refused} errors\n"
            ))
        })
        .run();
}

#[test]
fn every_script_under_queries_runs_green() {
    let mut scripts: Vec<PathBuf> = std::fs::read_dir(common::manifest("queries"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "q"))
        .collect();
    scripts.sort();
    assert!(
        scripts.len() >= 3,
        "queries/ should hold the report's scripts"
    );
    for script in scripts {
        let name = script.file_stem().unwrap().to_str().unwrap();
        // Every statement and expectation of the script, all green.
        Test::new()
            .args(&["run", &format!("queries/{name}.q")])
            .stdout_golden(&format!("tests/golden/cli/run-{name}.txt"))
            .stderr_golden(&format!("tests/golden/cli/run-{name}.stderr.txt"))
            .run();
    }
}

#[test]
fn a_failed_expectation_names_file_and_line_and_fails_the_run() {
    Test::new()
        .write(
            "check.q",
            "# comment\n\nshow JNIM\nexpect who allied with JNIM after 2022 includes France\n",
        )
        .current_dir(TMP)
        .args(&["run", "check.q"])
        .failure()
        .stdout_golden("tests/golden/cli/run-failed-expectation.txt")
        .stderr(
            "error: expectation failed: expected the answer to include France, but it does \
                 not; it holds: Daoussak communities, Daoussak militias\n --> check.q:4:1\n  |\n\
                 4 | expect who allied with JNIM after 2022 includes France\n  | \
                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n\
                 check.q: 2 statements, 1 expectation, 1 failed, 0 errors\n",
        )
        .run();
}

#[test]
fn a_script_error_names_file_line_and_column() {
    Test::new()
        .write("bad.q", "show JNIM\n  ties of Nobody via alliance\n")
        .current_dir(TMP)
        .args(&["run", "bad.q"])
        .failure()
        .stdout_golden("tests/golden/cli/run-script-error.txt")
        .stderr(
            "error: no actor is called `Nobody`\n --> bad.q:2:11\n  |\n2 |   ties of Nobody \
                 via alliance\n  |           ^^^^^^\n  = help: `actors` lists every actor; \
                 quote names with spaces: \"Wagner Group\"\n\
                 bad.q: 2 statements, 0 expectations, 0 failed, 1 error\n",
        )
        .run();
}

#[test]
fn scripts_read_from_standard_input() {
    Test::new()
            .args(&["run", "-"])
            .stdin("expect who pledged allegiance to AQIM includes JNIM\n")
            .stdout("» expect who pledged allegiance to AQIM includes JNIM\nok: the answer includes JNIM\n\n")
            .stderr("<stdin>: 1 statement, 1 expectation, 0 failed, 0 errors\n")
            .run();
}

/// A failed expectation carries the answer's caveats: often the reason.
#[test]
fn a_failed_expectation_says_the_answers_notes() {
    Test::new()
        .write("e.q", "expect ties of France in 2023 is not empty\n")
        .args(&["run", "$TMP/e.q"])
        .failure()
        .stdout(
            "» expect ties of France in 2023 is not empty\n\
             FAILED: expected results, got none (note: France is not active then (its life: 2013–2022-11))\n\n",
        )
        .stderr_matches(|err| {
            err.contains("error: expectation failed: expected results, got none (note: France")
                && err.ends_with("e.q: 1 statement, 1 expectation, 1 failed, 0 errors\n")
        })
        .run();
}

/// `run` takes several scripts: each gets its summary, a missing one is
/// named, the rest still run, and the exit code reflects any failure.
#[test]
fn several_scripts_run_in_turn_each_with_its_summary() {
    Test::new()
        .write(
            "good.q",
            "expect who allied with JNIM includes Daoussak communities\n",
        )
        .write("bad.q", "expect stats is empty\n")
        .args(&["run", "$TMP/good.q", "$TMP/missing.q", "$TMP/bad.q"])
        .failure()
        .stdout_matches(|out| out.contains("ok: the answer includes Daoussak communities"))
        .stderr_matches(|err| {
            err.contains("$TMP/good.q: 1 statement, 1 expectation, 0 failed, 0 errors\n")
                && err.contains("cannot read script `$TMP/missing.q`")
                && err.contains("$TMP/bad.q: 1 statement, 1 expectation, 1 failed, 0 errors\n")
                && err.ends_with("3 scripts: 1 passed, 2 failed\n")
        })
        .run();
}

/// A yes-or-no answer is never surer than the weaker of a tie's dates and
/// its sources' rating, and says why it hedges; lists and paths count what
/// rests on unconfirmed ties (the Karsovia graph's own cases).
#[test]
fn verdicts_hedge_to_the_weaker_of_dates_and_sources() {
    Test::new()
        .args(&[
            "-g",
            "tests/data/diagram/karsovia.ron",
            "run",
            "tests/data/karsovia-verdicts.q",
        ])
        .success()
        .stdout_golden("tests/golden/cli/run-karsovia-verdicts.txt")
        .stderr(
            "tests/data/karsovia-verdicts.q: 16 statements, 1 expectation, 0 failed, 0 errors\n",
        )
        .run();
    for format in ["json", "jsonl"] {
        Test::new()
            .args(&[
                "-g",
                "tests/data/diagram/karsovia.ron",
                "-f",
                format,
                "query",
                "is NLA fighting Presidential Guard",
            ])
            .success()
            .stdout_matches(|out| {
                let answer: serde_json::Value =
                    serde_json::from_str(out.lines().next().unwrap_or(""))
                        .unwrap_or_else(|_| serde_json::from_str(out).expect("JSON"));
                answer["answer"] == "possibly"
                    && answer["because"] == "its only source, acled-2024, rates it possible"
            })
            .run();
    }
}

/// A script's `export dot` with no `to` writes DOT among the answers; its
/// notes, which the DOT cannot hold, reach standard error as a single
/// `export` on the command line gives them.
#[test]
fn a_scripts_dot_on_standard_output_keeps_its_notes() {
    Test::new()
        .write("view.q", "export dot France depth 0\nexport dot all as of 1900\n")
        .current_dir(TMP)
        .args(&["run", "view.q"])
        .success()
        .stdout_matches(|out| out.matches("// actorgraph diagram of ").count() == 2 && !out.contains("note:"))
        .stderr_matches(|err| {
            let lines: Vec<&str> = err.lines().collect();
            lines.len() == 2
                && lines[0]
                    == "note: depth 0 holds France alone, without its ties: `depth 1` adds its neighbours"
                && lines[1].starts_with("note: the time asked ends before")
        })
        .run();
}
