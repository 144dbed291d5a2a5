//! End-to-end tests: they run the real `actorgraph` binary.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Stdio;

mod common;
use common::{actorgraph, run_piped};

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Run {
    run_with_stdin(args, "")
}

fn run_with_stdin(args: &[&str], stdin: &str) -> Run {
    run_with_bytes(args, stdin.as_bytes())
}

fn run_with_bytes(args: &[&str], stdin: &[u8]) -> Run {
    let mut command = actorgraph();
    command.args(args);
    let output = run_piped(command, stdin);
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn temp_file(name: &str, contents: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, contents).unwrap();
    (dir, path)
}

fn check_file(contents: &[u8]) -> Run {
    let (_dir, path) = temp_file("graph.ron", contents);
    run(&["check", path.to_str().unwrap()])
}

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

mod check {
    use super::*;

    #[test]
    fn the_bundled_graph_passes() {
        let result = run(&["check", "graphs/sahel.ron"]);
        assert_eq!(result.code, 0, "{}", result.stderr);
        assert!(
            result.stdout.starts_with("graphs/sahel.ron: ok — "),
            "{}",
            result.stdout
        );
        assert!(result.stdout.contains(" actors, ") && result.stdout.contains(" sources"));
    }

    #[test]
    fn a_minimal_graph_passes_and_summarises() {
        let result = check_file(MINIMAL.as_bytes());
        assert_eq!(result.code, 0, "{}", result.stderr);
        assert!(
            result.stdout.contains("ok — 2 actors, 1 ties, 1 sources"),
            "{}",
            result.stdout
        );
    }

    #[test]
    fn every_problem_is_reported_at_once_with_its_place() {
        let text = r#"(
    title: "t",
    sources: [(id: "s", citation: "c"), (id: "s", citation: "again")],
    actors: [
        (id: "jnim", name: "JNIM", kind: group),
        (id: "jnim", name: "Other", kind: group),
        (id: "mlf", name: "MLF", aliases: ["JNIM"], kind: group),
        (id: "aqim", name: "AQIM", kind: group, active: (start: "2010", end: "2005")),
    ],
    ties: [
        (from: "jnm", to: "aqim", relation: "allegiance", confidence: confirmed),
        (from: "jnim", to: "aqim", relation: "friendship", confidence: confirmed),
        (from: "jnim", to: "aqim", relation: "alliance", start: "2022", end: "2021-05", confidence: confirmed),
        (from: "mlf", to: "mlf", relation: "alliance", confidence: confirmed),
        (from: "mlf", to: "jnim", relation: "alliance", confidence: likely, sources: ["ctp"]),
        (from: "mlf", to: "jnim", relation: "subgroup-of", start: "2015", confidence: confirmed),
        (from: "jnim", to: "mlf", relation: "subgroup-of", start: "2017", end: "2018", confidence: confirmed),
        (from: "JNIM", to: "mlf", relation: "alliance", confidence: confirmed),
    ],
)"#;
        let result = check_file(text.as_bytes());
        assert_eq!(result.code, 1);
        let err = &result.stderr;
        for (message, place) in [
            ("source `s` is declared twice", ":3:"),
            ("actor id `jnim` is used twice", ":6:"),
            ("already claimed by JNIM", ":7:"),
            ("ends (2005) before it starts (2010)", ":8:"),
            ("tie names actor `jnm`", ":11:16"),
            ("relation `friendship` is not declared", ":12:"),
            ("tie ends (2021-05) before it starts (2022)", ":13:"),
            ("tie from `mlf` to itself", ":14:"),
            ("source `ctp`", ":15:"),
            ("subgroup-of cycle", ":16:"),
            ("`JNIM` is not an actor id", ":18:"),
        ] {
            let at = err
                .find(message)
                .unwrap_or_else(|| panic!("missing {message:?} in\n{err}"));
            let location = err[at..].lines().nth(1).unwrap_or("");
            assert!(
                location.contains(place),
                "{message:?} should be at {place}, got {location:?}"
            );
        }
        assert!(err.contains("did you mean `jnim`?"), "{err}");
        assert!(err.contains("write `jnim` for JNIM"), "{err}");
        assert!(err.contains("11 problems"), "{err}");
    }

    #[test]
    fn ties_outside_their_actors_lives_and_bad_uncertain_dates_are_placed() {
        let text = r#"(
    title: "t",
    as_of: "2023~",
    actors: [
        (id: "jnim", name: "JNIM", kind: group, active: (start: "2017-03")),
        (id: "france", name: "France", kind: state, active: (start: "2013-01", end: "2022-11")),
        (id: "wagner", name: "Wagner", kind: pmc, active: (start: "[2021-09..2021-12]")),
    ],
    ties: [
        (from: "jnim", to: "france", relation: "hostility", start: "2012", confidence: confirmed),
        (from: "wagner", to: "france", relation: "hostility", end: "2023-06", confidence: confirmed),
        (from: "jnim", to: "wagner", relation: "hostility", start: "2021~", confidence: confirmed),
    ],
    events: [
        (date: "2016", actors: ["wagner"], what: "arrive", confidence: confirmed),
    ],
)"#;
        let result = check_file(text.as_bytes());
        assert_eq!(result.code, 1);
        let err = &result.stderr;
        for (message, place) in [
            ("as_of `2023~` is not a plain date", ":3:12"),
            (
                "tie starts (2012) before `jnim` exists (active 2017-03–)",
                ":10:68",
            ),
            (
                "tie ends (2023-06) after `france` has ceased to exist (active 2013-01–2022-11)",
                ":11:68",
            ),
            (
                "event dated 2016 lies outside the life of `wagner`",
                ":15:16",
            ),
        ] {
            let at = err
                .find(message)
                .unwrap_or_else(|| panic!("missing {message:?} in\n{err}"));
            let location = err[at..].lines().nth(1).unwrap_or("");
            assert!(
                location.contains(place),
                "{message:?} should be at {place}, got {location:?}"
            );
        }
        // `2021~` may fall after Wagner's arrival: possible, not an error.
        assert!(!err.contains(":12:"), "{err}");
        assert!(err.contains("5 problems"), "{err}"); // 2012 also predates France
                                                      // A malformed uncertain date stops the read at its place.
        for (date, message) in [
            ("2022-13?", "month 13 does not exist"),
            ("[2023..2022]", "`[2023..2022]` ends before it starts"),
            ("2022~~", "`2022~~` is not a date"),
            ("[..]", "`[..]` is not a date"),
            ("20XXX", "`20XXX` is not a date"),
        ] {
            let text = MINIMAL.replace("\"2020\"", &format!("\"{date}\""));
            let result = check_file(text.as_bytes());
            assert_eq!(result.code, 1, "{date}");
            assert!(result.stderr.contains(message), "{date}: {}", result.stderr);
            assert!(result.stderr.contains(":9:60"), "{date}: {}", result.stderr);
        }
    }

    #[test]
    fn fields_may_come_in_any_order_but_declarations_before_ties() {
        // Ties before actors are kept aside and checked at the end.
        let ties_first = r#"(
    ties: [(from: "a", to: "b", relation: "alliance", confidence: likely)],
    actors: [(id: "a", name: "Alpha", kind: group), (id: "b", name: "Beta", kind: group)],
    title: "t",
)"#;
        let result = check_file(ties_first.as_bytes());
        assert_eq!(result.code, 0, "{}", result.stderr);
        assert!(
            result.stdout.contains("2 actors, 1 ties"),
            "{}",
            result.stdout
        );
        // Sources declared after the ties that cite them are named as the problem.
        let sources_last = r#"(
    title: "t",
    actors: [(id: "a", name: "Alpha", kind: group), (id: "b", name: "Beta", kind: group)],
    ties: [(from: "a", to: "b", relation: "alliance", confidence: likely, sources: ["s"])],
    sources: [(id: "s", citation: "c")],
)"#;
        let result = check_file(sources_last.as_bytes());
        assert_eq!(result.code, 1);
        assert!(
            result.stderr.contains("`sources` comes after `ties`"),
            "{}",
            result.stderr
        );
        assert!(result.stderr.contains("graph.ron:5:"), "{}", result.stderr);
    }

    #[test]
    fn a_missing_title_or_a_repeated_field_is_named() {
        let result = check_file(b"(actors: [], ties: [])");
        assert_eq!(result.code, 1);
        assert!(result.stderr.contains("title"), "{}", result.stderr);
        let result = check_file(b"(title: \"a\", title: \"b\")");
        assert_eq!(result.code, 1);
        assert!(
            result.stderr.contains("duplicate") || result.stderr.contains("twice"),
            "{}",
            result.stderr
        );
        assert!(result.stderr.contains("graph.ron:1:"), "{}", result.stderr);
    }

    #[test]
    fn a_cycle_at_different_times_is_allowed() {
        let text = MINIMAL.replace(
            "ties: [",
            r#"ties: [
        (from: "a", to: "b", relation: "subgroup-of", start: "2010", end: "2012", confidence: confirmed),
        (from: "b", to: "a", relation: "subgroup-of", start: "2013", confidence: confirmed),"#,
        );
        let result = check_file(text.as_bytes());
        assert_eq!(result.code, 0, "{}", result.stderr);
    }

    #[test]
    fn syntax_errors_name_file_line_and_column() {
        let text = "(\n    title: \"t\",\n    actors: [\n        (id: \"a\", nme: \"A\", kind: group),\n    ],\n)";
        let result = check_file(text.as_bytes());
        assert_eq!(result.code, 1);
        assert!(result.stderr.contains("graph.ron:4:"), "{}", result.stderr);
        assert!(result.stderr.contains("nme"), "{}", result.stderr);
    }

    #[test]
    fn bad_dates_and_kinds_are_syntax_errors_with_places() {
        let text = MINIMAL.replace("start: \"2020\"", "start: \"2020-13\"");
        let result = check_file(text.as_bytes());
        assert_eq!(result.code, 1);
        assert!(
            result.stderr.contains("month 13 does not exist"),
            "{}",
            result.stderr
        );
        assert!(result.stderr.contains("graph.ron:9:"), "{}", result.stderr);
        let text = MINIMAL.replace("kind: militia", "kind: navy");
        let result = check_file(text.as_bytes());
        assert_eq!(result.code, 1);
        assert!(result.stderr.contains("navy"), "{}", result.stderr);
    }

    #[test]
    fn an_empty_file_is_refused() {
        for contents in ["", "   \n\n", "\u{FEFF}"] {
            let result = check_file(contents.as_bytes());
            assert_eq!(result.code, 1);
            assert!(
                result.stderr.contains("graph.ron` is empty"),
                "{}",
                result.stderr
            );
        }
    }

    #[test]
    fn a_binary_file_is_refused() {
        let result = check_file(&[0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00]);
        assert_eq!(result.code, 1);
        assert!(
            result
                .stderr
                .contains("is not text: invalid UTF-8 at byte 0"),
            "{}",
            result.stderr
        );
        let result = check_file(b"(title: \"ok\"\x00\x01\x02)");
        assert_eq!(result.code, 1);
        assert!(result.stderr.contains("graph.ron:1:"), "{}", result.stderr);
    }

    #[test]
    fn a_truncated_file_is_refused() {
        let cut = &MINIMAL[..MINIMAL.len() / 2];
        let result = check_file(cut.as_bytes());
        assert_eq!(result.code, 1);
        assert!(result.stderr.contains("graph.ron:"), "{}", result.stderr);
        let result = check_file(b"(title: \"never closed");
        assert_eq!(result.code, 1);
        assert!(result.stderr.contains("graph.ron:1:"), "{}", result.stderr);
    }

    #[test]
    fn a_missing_file_is_named() {
        let result = run(&["check", "no/such/graph.ron"]);
        assert_eq!(result.code, 1);
        assert!(
            result
                .stderr
                .contains("cannot read graph file `no/such/graph.ron`: no such file"),
            "{}",
            result.stderr
        );
        let result = run(&["check", "graphs"]);
        assert_eq!(result.code, 1);
        assert!(result.stderr.contains("`graphs`"), "{}", result.stderr);
    }

    #[test]
    fn huge_strings_load_and_long_lines_are_cut_in_errors() {
        let long = "x".repeat(5_000_000);
        let text = MINIMAL.replace("title: \"t\"", &format!("title: \"{long}\""));
        let result = check_file(text.as_bytes());
        assert_eq!(
            result.code,
            0,
            "{}",
            &result.stderr[..result.stderr.len().min(500)]
        );
        let text = format!("(title: \"t\", actors: [(id: \"{long}\", name: \"a\", kind: nope)])");
        let result = check_file(text.as_bytes());
        assert_eq!(result.code, 1);
        assert!(
            result.stderr.len() < 10_000,
            "error output is {} bytes",
            result.stderr.len()
        );
        assert!(result.stderr.contains("graph.ron:1:"));
    }

    #[test]
    fn deeply_nested_values_are_refused() {
        let text = format!(
            "(title: \"t\", actors: {}{})",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let result = check_file(text.as_bytes());
        assert_eq!(result.code, 1);
        assert!(
            result.stderr.contains("graph.ron:1:"),
            "{}",
            &result.stderr[..result.stderr.len().min(500)]
        );
        let text = "(".repeat(200_000);
        let result = check_file(text.as_bytes());
        assert_eq!(result.code, 1);
    }

    #[test]
    fn all_files_are_checked_and_the_exit_code_reflects_any_failure() {
        let (_dir, good) = temp_file("good.ron", MINIMAL.as_bytes());
        let result = run(&[
            "check",
            good.to_str().unwrap(),
            "missing.ron",
            "graphs/sahel.ron",
        ]);
        assert_eq!(result.code, 1);
        assert_eq!(result.stdout.lines().count(), 2, "{}", result.stdout);
    }
}

mod queries {
    use super::*;

    const REQUIRED: &[(&str, &[&str])] = &[
        ("JNIM", &["Jama'at Nusrat al Islam wa al Muslimeen"]),
        ("Ansar al Din", &["Ansar Dine", "ansar al-din"]),
        ("MLF", &["Macina Liberation Front", "Katiba Macina"]),
        ("AQIM", &["al Qaeda in the Islamic Maghreb"]),
        ("al Qaeda", &[]),
        ("ISGS", &["Islamic State Sahel Province", "IS Sahel"]),
        ("Islamic State", &[]),
        ("Wagner Group", &["Wagner"]),
        ("Malian junta", &["Malian government"]),
        ("France", &["French forces"]),
        ("MINUSMA", &[]),
        ("Daoussak militias", &[]),
        ("CMA", &[]),
        ("Iyad ag Ghali", &[]),
    ];

    #[test]
    fn show_answers_for_every_required_actor_by_name_and_alias() {
        for (name, aliases) in REQUIRED {
            for spelling in std::iter::once(name).chain(aliases.iter()) {
                let result = run(&["query", "--format", "json", &format!("show \"{spelling}\"")]);
                assert_eq!(result.code, 0, "show {spelling}: {}", result.stderr);
                let json: serde_json::Value = serde_json::from_str(&result.stdout).unwrap();
                assert_eq!(json["actor"]["name"], *name, "show {spelling}");
            }
        }
    }

    #[test]
    fn jnim_has_a_dozen_dated_ties() {
        let result = run(&["query", "--format", "json", "ties of JNIM"]);
        let json: serde_json::Value = serde_json::from_str(&result.stdout).unwrap();
        let dated = json["ties"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| !t["start"].is_null())
            .count();
        assert!(dated >= 12, "JNIM has {dated} dated ties");
    }

    #[test]
    fn every_tie_in_the_bundled_graph_cites_a_source() {
        let result = run(&["query", "--format", "json", "stats"]);
        assert_eq!(result.code, 0);
        let result = run(&["query", "--format", "csv", "sources"]);
        assert_eq!(result.code, 0);
        let graph = actorgraph::store::ron::load(Path::new("graphs/sahel.ron")).unwrap();
        for tie in graph.all_ties() {
            assert!(
                !tie.tie.sources().is_empty(),
                "tie {:?} cites no source",
                graph.tie_spec(tie)
            );
        }
    }

    #[test]
    fn json_ties_have_the_documented_fields() {
        let result = run(&["query", "--format", "json", "show JNIM"]);
        assert_eq!(result.code, 0, "{}", result.stderr);
        let json: serde_json::Value = serde_json::from_str(&result.stdout).unwrap();
        assert_eq!(json["kind"], "card");
        assert_eq!(json["actor"]["id"], "jnim");
        let tie = &json["actor"]["ties"][0];
        for field in [
            "from",
            "to",
            "relation",
            "start",
            "end",
            "confidence",
            "sources",
        ] {
            assert!(tie.get(field).is_some(), "tie lacks {field}: {tie}");
        }
        assert!(tie["from"]["id"].is_string() && tie["from"]["name"].is_string());
    }

    #[test]
    fn who_allied_with_jnim_after_2022_reads_like_the_report() {
        let result = run(&["query", "who allied with JNIM after 2022"]);
        assert_eq!(result.code, 0, "{}", result.stderr);
        assert!(
            result.stdout.contains("Daoussak militias"),
            "{}",
            result.stdout
        );
        assert!(result.stdout.contains("likely"), "{}", result.stdout);
        let result = run(&["query", "who allied with France after 2022"]);
        assert!(
            !result.stdout.contains("Daoussak militias"),
            "{}",
            result.stdout
        );
    }

    #[test]
    fn a_syntax_error_points_a_caret_at_the_word() {
        let result = run(&["query", "who alied with JNIM"]);
        assert_eq!(result.code, 1);
        assert!(result.stderr.contains("found `alied`"), "{}", result.stderr);
        assert!(
            result
                .stderr
                .contains("1 | who alied with JNIM\n  |     ^^^^^"),
            "{}",
            result.stderr
        );
    }

    #[test]
    fn an_unknown_actor_suggests_the_nearest_names() {
        let result = run(&["query", "show JNM"]);
        assert_eq!(result.code, 1);
        assert!(
            result.stderr.contains("no actor is called `JNM`"),
            "{}",
            result.stderr
        );
        assert!(
            result.stderr.contains("did you mean JNIM"),
            "{}",
            result.stderr
        );
        let result = run(&["query", "show \"Daousak militia\""]);
        assert!(
            result.stderr.contains("Daoussak militias"),
            "{}",
            result.stderr
        );
    }

    #[test]
    fn an_empty_answer_says_so() {
        let result = run(&["query", "who pledged allegiance to France"]);
        assert_eq!(result.code, 0);
        assert!(
            result.stdout.contains("no actors match"),
            "{}",
            result.stdout
        );
    }

    #[test]
    fn piping_queries_into_the_repl_prints_answers_without_prompts() {
        let result = run_with_stdin(&[], "who allied with JNIM after 2022\n\nshow MLF\n");
        assert_eq!(result.code, 0, "{}", result.stderr);
        assert!(!result.stdout.contains("actorgraph>"));
        assert!(result.stdout.contains("Daoussak militias"));
        assert!(result.stdout.contains("MLF (mlf)"));
        assert!(!result.stdout.contains('\x1b'));
    }

    #[test]
    fn a_bad_line_in_the_piped_repl_names_its_line_and_fails() {
        let result = run_with_stdin(&[], "show JNIM\nshow Nobody\n");
        assert_eq!(result.code, 1);
        assert!(result.stdout.contains("JNIM (jnim)"));
        assert!(result.stderr.contains("<stdin>:2:6"), "{}", result.stderr);
    }

    #[test]
    fn the_repl_loads_another_graph() {
        let result = run_with_stdin(&[], "load tests/data/boundaries.ron\nshow Hub\n");
        assert_eq!(result.code, 0, "{}", result.stderr);
        assert!(result.stdout.contains("loaded tests/data/boundaries.ron"));
        assert!(result.stdout.contains("Hub (hub)"));
    }

    #[test]
    fn the_repl_imports_a_spreadsheet_into_the_open_graph() {
        let input =
            "import csv tests/data/interchange/ties.csv actors tests/data/interchange/actors.csv\n\
                     show ISGS\nimport csv tests/data/interchange/ties.csv strict\nimport csv\n";
        let result = run_with_stdin(&["-g", "tests/data/boundaries.ron"], input);
        assert_eq!(
            result.code, 1,
            "the strict import and the bare `import csv` fail"
        );
        assert!(
            result
                .stdout
                .contains("imported into tests/data/boundaries.ron: "),
            "{}",
            result.stdout
        );
        assert!(
            result
                .stdout
                .contains("Islamic State in the Greater Sahara (isgs)"),
            "{}",
            result.stdout
        );
        assert!(
            result
                .stderr
                .contains("rejected: tests/data/interchange/ties.csv:9: "),
            "{}",
            result.stderr
        );
        assert!(
            result
                .stderr
                .contains("strict import: nothing was imported"),
            "{}",
            result.stderr
        );
        assert!(
            result.stderr.contains("usage: import csv TIES.csv"),
            "{}",
            result.stderr
        );
    }

    #[test]
    fn a_change_of_relation_is_marked_only_after_the_old_tie_ended() {
        let result = run(&[
            "-g",
            "tests/data/boundaries.ron",
            "query",
            "changes between 2022 and 2023",
        ]);
        assert_eq!(result.code, 0, "{}", result.stderr);
        let changed: Vec<&str> = result
            .stdout
            .lines()
            .filter(|l| l.contains("changed from"))
            .collect();
        assert_eq!(changed.len(), 1, "{}", result.stdout);
        assert!(
            changed[0].starts_with("2023-02-08") && changed[0].contains("changed from alliance")
        );
    }

    #[test]
    fn csv_output_is_a_table() {
        let result = run(&["query", "--format", "csv", "ties of JNIM via subgroup-of"]);
        assert_eq!(result.code, 0);
        let mut reader = csv::Reader::from_reader(result.stdout.as_bytes());
        let headers = reader.headers().unwrap().clone();
        assert_eq!(headers.get(0), Some("relation"));
        assert_eq!(headers.get(1), Some("direction"));
        let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert!(records.len() >= 2);
        assert!(
            records.iter().all(|r| r.get(1) == Some("in")),
            "subgroups point in to JNIM"
        );
    }
}

mod scripts {
    use super::*;

    #[test]
    fn time_boundaries_hold() {
        let result = run(&[
            "-g",
            "tests/data/boundaries.ron",
            "run",
            "tests/data/boundaries.q",
        ]);
        assert_eq!(result.code, 0, "{}\n{}", result.stdout, result.stderr);
        assert!(!result.stdout.contains("FAILED"));
        assert!(
            result.stderr.contains("0 failed, 0 errors"),
            "{}",
            result.stderr
        );
    }

    #[test]
    fn every_script_under_queries_runs_green() {
        let mut scripts: Vec<PathBuf> = std::fs::read_dir("queries")
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
            let result = run(&["run", script.to_str().unwrap()]);
            assert_eq!(
                result.code,
                0,
                "{}:\n{}\n{}",
                script.display(),
                result.stdout,
                result.stderr
            );
            assert!(
                result.stdout.contains("ok:"),
                "{} has no expectations",
                script.display()
            );
        }
    }

    #[test]
    fn a_failed_expectation_names_file_and_line_and_fails_the_run() {
        let (_dir, path) = temp_file(
            "check.q",
            b"# comment\n\nshow JNIM\nexpect who allied with JNIM after 2022 includes France\n",
        );
        let result = run(&["run", path.to_str().unwrap()]);
        assert_eq!(result.code, 1);
        assert!(result.stderr.contains("check.q:4:1"), "{}", result.stderr);
        assert!(result.stdout.contains("» show JNIM"));
    }

    #[test]
    fn a_script_error_names_file_line_and_column() {
        let (_dir, path) = temp_file(
            "bad.q",
            "show JNIM\n  ties of Nobody via alliance\n".as_bytes(),
        );
        let result = run(&["run", path.to_str().unwrap()]);
        assert_eq!(result.code, 1);
        assert!(result.stderr.contains("bad.q:2:11"), "{}", result.stderr);
    }

    #[test]
    fn scripts_read_from_standard_input() {
        let result = run_with_stdin(
            &["run", "-"],
            "expect who pledged allegiance to AQIM includes JNIM\n",
        );
        assert_eq!(result.code, 0, "{}", result.stderr);
    }
}

mod command_line {
    use super::*;

    #[test]
    fn a_bad_graph_flag_fails_every_command_with_the_file_named() {
        let (_dir, bad) = temp_file("bad.ron", b"(title: \"t\", actors: [(id: \"a\")])");
        let bad = bad.to_str().unwrap();
        for args in [
            vec!["-g", "missing.ron", "query", "stats"],
            vec!["-g", bad, "query", "stats"],
            vec!["-g", bad],
        ] {
            let result = run(&args);
            assert_eq!(result.code, 1, "{args:?}");
            assert!(
                result.stderr.contains("missing.ron") || result.stderr.contains("bad.ron:1:"),
                "{}",
                result.stderr
            );
        }
    }

    #[test]
    fn scripts_that_cannot_be_read_are_named() {
        let result = run(&["run", "no-such-script.q"]);
        assert_eq!(result.code, 1);
        assert!(
            result
                .stderr
                .contains("cannot read script `no-such-script.q`"),
            "{}",
            result.stderr
        );
        let (_dir, binary) = temp_file("binary.q", &[b's', b'h', 0xff, 0xfe, b'\n']);
        let result = run(&["run", binary.to_str().unwrap()]);
        assert_eq!(result.code, 1);
        assert!(
            result
                .stderr
                .contains("is not text: invalid UTF-8 at byte 2"),
            "{}",
            result.stderr
        );
    }

    #[test]
    fn a_piped_line_that_is_not_text_is_an_error_on_that_line() {
        let result = run_with_bytes(&[], b"show MLF\n\xff\xfe\nshow AQIM\n");
        assert_eq!(result.code, 1);
        assert!(
            result.stdout.contains("MLF (mlf)") && result.stdout.contains("AQIM (aqim)"),
            "{}",
            result.stdout
        );
        assert!(result.stderr.contains("<stdin>:2"), "{}", result.stderr);
    }

    #[test]
    fn writing_where_it_cannot_fails_once_and_clearly() {
        for args in [
            vec!["export", "dot", "all", "to", "/nonexistent-dir/x.dot"],
            vec![
                "export",
                "graphml",
                "all",
                "to",
                "/nonexistent-dir/x.graphml",
            ],
            vec![
                "import",
                "csv",
                "--ties",
                "tests/data/interchange/ties.csv",
                "-o",
                "/nonexistent-dir/x.ron",
            ],
        ] {
            let result = run(&args);
            assert_eq!(result.code, 1, "{args:?}");
            assert!(
                result.stderr.contains("cannot write `/nonexistent-dir/x."),
                "{}",
                result.stderr
            );
            assert!(
                result.stderr.contains("its folder does not exist"),
                "{}",
                result.stderr
            );
            assert!(
                !result.stderr.contains("error: error:") && !result.stderr.contains(".tmp"),
                "{}",
                result.stderr
            );
        }
    }

    #[test]
    fn exports_for_other_tools_take_the_query_selection() {
        let result = run(&["export", "graphml", "JNIM", "depth", "1"]);
        assert_eq!(result.code, 0, "{}", result.stderr);
        assert!(result.stdout.starts_with("<?xml"), "{}", result.stdout);
        assert!(result.stdout.contains("JNIM"));
        let dir = tempfile::tempdir().unwrap();
        let target = format!("{}/", dir.path().join("csv").display());
        let result = run(&["export", "csv", "all", "to", &target]);
        assert_eq!(result.code, 0, "{}", result.stderr);
        assert!(
            result.stdout.contains(" actors, ") && result.stdout.contains(" ties)"),
            "{}",
            result.stdout
        );
        assert!(dir.path().join("csv/ties.csv").exists());
        let result = run(&["export", "csv", "all"]);
        assert_eq!(result.code, 1);
        assert!(result.stderr.contains("give a folder"), "{}", result.stderr);
        let result = run(&["export", "xml", "all"]);
        assert_eq!(result.code, 1);
        assert!(
            result.stderr.contains("formats are dot"),
            "{}",
            result.stderr
        );
        let result = run(&["export", "json", "all", "frames", "2019..2020"]);
        assert_eq!(result.code, 1);
        assert!(result.stderr.contains("for diagrams"), "{}", result.stderr);
    }

    #[test]
    fn bad_usage_exits_2() {
        assert_eq!(run(&["--no-such-flag"]).code, 2);
        assert_eq!(run(&["check"]).code, 2);
        assert_eq!(run(&["query"]).code, 2);
        assert_eq!(run(&["--format", "xml", "query", "stats"]).code, 2);
    }

    #[test]
    fn every_subcommand_has_an_example_in_its_help() {
        for sub in ["check", "query", "run", "export", "import", "completions"] {
            let result = run(&[sub, "--help"]);
            assert_eq!(result.code, 0);
            assert!(
                result.stdout.contains("actorgraph "),
                "{sub} --help has no example"
            );
        }
    }

    #[test]
    fn completions_are_printed_for_each_shell() {
        for shell in ["bash", "zsh", "fish"] {
            let result = run(&["completions", shell]);
            assert_eq!(result.code, 0);
            assert!(result.stdout.contains("actorgraph"));
        }
    }

    #[test]
    fn the_graph_flag_selects_the_graph_from_any_directory() {
        let dir = tempfile::tempdir().unwrap();
        let output = actorgraph()
            .current_dir(dir.path())
            .args(["query", "show JNIM"])
            .output()
            .unwrap();
        assert!(output.status.success());
        let fixture = std::fs::canonicalize("tests/data/boundaries.ron").unwrap();
        let output = actorgraph()
            .current_dir(dir.path())
            .args(["-g", fixture.to_str().unwrap(), "query", "show Hub"])
            .output()
            .unwrap();
        assert!(output.status.success());
    }

    #[test]
    fn a_closed_pipe_ends_quietly() {
        let mut child = actorgraph()
            .args(["query", "actors"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let status = child.wait().unwrap();
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        assert!(status.success(), "exit {status:?}: {stderr}");
        assert!(stderr.is_empty(), "{stderr}");
    }

    #[test]
    fn no_colour_when_not_a_terminal() {
        let output = actorgraph()
            .env_remove("NO_COLOR")
            .args(["query", "show JNIM"])
            .output()
            .unwrap();
        assert!(!String::from_utf8_lossy(&output.stdout).contains('\x1b'));
    }
}
