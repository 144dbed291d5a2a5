//! End-to-end tests: they run the real `actorgraph` binary and compare its
//! whole output. Long outputs live in `tests/golden/cli/`;
//! `UPDATE_GOLDEN=1 cargo test --test cli` rewrites them.

use std::io::Read;
use std::path::PathBuf;
use std::process::Stdio;

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

mod check {
    use super::*;

    #[test]
    fn the_bundled_graph_passes() {
        Test::new()
            .args(&["check", "graphs/sahel.ron"])
            .stdout("graphs/sahel.ron: ok — 25 actors, 61 ties, 24 events, 10 sources\n")
            .run();
    }

    #[test]
    fn a_minimal_graph_passes_and_summarises() {
        check(MINIMAL)
            .stdout("graph.ron: ok — 2 actors, 1 tie, 0 events, 1 source\n")
            .run();
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
        check(text)
            .failure()
            .stderr_golden("tests/golden/cli/check-every-problem.txt")
            .run();
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
        // `2021~` on line 12 may fall after Wagner's arrival: possible, not
        // an error; 2012 on line 10 also predates France.
        check(text)
            .failure()
            .stderr_golden("tests/golden/cli/check-outside-lives.txt")
            .run();
        // A malformed uncertain date stops the read at its place.
        let not_a_date = "is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, optionally with \
                          EDTF's `~` (about), `?` (perhaps), `[A..B]` (between), `[..B]`, \
                          `[A..]` or `201X`";
        for (date, message) in [
            ("2022-13?", "month 13 does not exist".to_string()),
            (
                "[2023..2022]",
                "`[2023..2022]` ends before it starts".to_string(),
            ),
            ("2022~~", format!("`2022~~` {not_a_date}")),
            ("[..]", format!("`[..]` {not_a_date}")),
            ("20XXX", format!("`20XXX` {not_a_date}")),
        ] {
            let text = MINIMAL.replace("\"2020\"", &format!("\"{date}\""));
            check(&text)
                .failure()
                .stderr(&one_problem(&message, &text, 9, 60, date.len() + 1))
                .run();
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
        check(ties_first)
            .stdout("graph.ron: ok — 2 actors, 1 tie, 0 events, 0 sources\n")
            .run();
        // Sources declared after the ties that cite them are named as the problem.
        let sources_last = r#"(
    title: "t",
    actors: [(id: "a", name: "Alpha", kind: group), (id: "b", name: "Beta", kind: group)],
    ties: [(from: "a", to: "b", relation: "alliance", confidence: likely, sources: ["s"])],
    sources: [(id: "s", citation: "c")],
)"#;
        check(sources_last)
            .failure()
            .stderr(
                r#"error: tie cites source `s`, which the graph does not declare
 --> graph.ron:4:85
  |
4 |     ties: [(from: "a", to: "b", relation: "alliance", confidence: likely, sources: ["s"])],
  |                                                                                     ^^^

error: `sources` comes after `ties`: declare sources, relations and actors before the ties that use them
 --> graph.ron:5:14
  |
5 |     sources: [(id: "s", citation: "c")],
  |              ^^^^^^^^^^^^^^^^^^^^^^^^^^
graph.ron: 2 problems
"#,
            )
            .run();
    }

    #[test]
    fn a_missing_title_or_a_repeated_field_is_named() {
        let text = "(actors: [], ties: [])";
        check(text)
            .failure()
            .stderr(&one_problem(
                "Unexpected missing field named `title` in `GraphSpec`",
                text,
                1,
                22,
                1,
            ))
            .run();
        let text = "(title: \"a\", title: \"b\")";
        check(text)
            .failure()
            .stderr(&one_problem(
                "Unexpected duplicate field named `title` in `GraphSpec`",
                text,
                1,
                14,
                5,
            ))
            .run();
    }

    #[test]
    fn a_cycle_at_different_times_is_allowed() {
        let text = MINIMAL.replace(
            "ties: [",
            r#"ties: [
        (from: "a", to: "b", relation: "subgroup-of", start: "2010", end: "2012", confidence: confirmed),
        (from: "b", to: "a", relation: "subgroup-of", start: "2013", confidence: confirmed),"#,
        );
        check(text)
            .stdout("graph.ron: ok — 2 actors, 3 ties, 0 events, 1 source\n")
            .run();
    }

    #[test]
    fn syntax_errors_name_file_line_and_column() {
        let text = "(\n    title: \"t\",\n    actors: [\n        (id: \"a\", nme: \"A\", kind: group),\n    ],\n)";
        check(text)
            .failure()
            .stderr(
                r#"error: Unexpected field named `nme` in `Actor`, expected one of `id`, `name`, `aliases`, `kind`, `tags`, `active`, or `note` instead
 --> graph.ron:4:19
  |
4 |         (id: "a", nme: "A", kind: group),
  |                   ^^^
  = help: see the graph file format in the README for the allowed fields
graph.ron: 1 problem
"#,
            )
            .run();
    }

    #[test]
    fn bad_dates_and_kinds_are_syntax_errors_with_places() {
        let text = MINIMAL.replace("start: \"2020\"", "start: \"2020-13\"");
        check(&text)
            .failure()
            .stderr(&one_problem("month 13 does not exist", &text, 9, 60, 8))
            .run();
        let text = MINIMAL.replace("kind: militia", "kind: navy");
        let error = "Unexpected variant named `navy` in enum `ActorKind`, expected one of \
                     `group`, `faction`, `coalition`, `militia`, `community`, `state`, \
                     `state_force`, `pmc`, `igo`, or `person` instead";
        check(&text)
            .failure()
            .stderr(&one_problem(error, &text, 6, 61, 4))
            .run();
    }

    #[test]
    fn an_empty_file_is_refused() {
        for contents in ["", "   \n\n", "\u{FEFF}"] {
            check(contents)
                .failure()
                .stderr(
                    "error: `graph.ron` is empty\n --> graph.ron\n  = help: a graph file is one \
                     RON struct: `(title: \"…\", actors: [...], ties: [...])`\n\
                     graph.ron: 1 problem\n",
                )
                .run();
        }
    }

    #[test]
    fn a_binary_file_is_refused() {
        check([0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00])
            .failure()
            .stderr(
                "error: `graph.ron` is not text: invalid UTF-8 at byte 0\n --> graph.ron:1:1\n  \
                 |\n1 | \n  | ^\n  = help: graph files are UTF-8 RON text; is this a binary \
                 file?\ngraph.ron: 1 problem\n",
            )
            .run();
        // Control characters reach the message as replacement characters.
        check(b"(title: \"ok\"\x00\x01\x02)")
            .failure()
            .stderr(&one_problem(
                "Expected comma",
                "(title: \"ok\"\u{FFFD}\u{FFFD}\u{FFFD})",
                1,
                13,
                1,
            ))
            .run();
    }

    #[test]
    fn a_truncated_file_is_refused() {
        let cut = &MINIMAL[..MINIMAL.len() / 2];
        check(cut)
            .failure()
            .stderr(&one_problem("Expected opening `[`", cut, 6, 40, 1))
            .run();
        let text = "(title: \"never closed";
        check(text)
            .failure()
            .stderr(&one_problem("Expected end of string", text, 1, 9, 1))
            .run();
    }

    #[test]
    fn a_missing_file_is_named() {
        Test::new()
            .args(&["check", "no/such/graph.ron"])
            .failure()
            .stderr(
                "error: cannot read graph file `no/such/graph.ron`: no such file\n\
                 no/such/graph.ron: 1 problem\n",
            )
            .run();
        Test::new()
            .args(&["check", "graphs"])
            .failure()
            .stderr(
                "error: cannot read graph file `graphs`: it is a directory\ngraphs: 1 problem\n",
            )
            .run();
    }

    #[test]
    fn huge_strings_load_and_long_lines_are_cut_in_errors() {
        let long = "x".repeat(5_000_000);
        let text = MINIMAL.replace("title: \"t\"", &format!("title: \"{long}\""));
        check(text)
            .stdout("graph.ron: ok — 2 actors, 1 tie, 0 events, 1 source\n")
            .run();
        let text = format!("(title: \"t\", actors: [(id: \"{long}\", name: \"a\", kind: nope)])");
        check(text)
            .failure()
            .stderr_golden("tests/golden/cli/check-long-line.txt")
            .run();
    }

    #[test]
    fn deeply_nested_values_are_refused() {
        let text = format!(
            "(title: \"t\", actors: {}{})",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        check(text)
            .failure()
            .stderr_golden("tests/golden/cli/check-deep-brackets.txt")
            .run();
        check("(".repeat(200_000))
            .failure()
            .stderr_golden("tests/golden/cli/check-deep-parentheses.txt")
            .run();
    }

    #[test]
    fn all_files_are_checked_and_the_exit_code_reflects_any_failure() {
        Test::new()
            .write("good.ron", MINIMAL)
            .args(&["check", "$TMP/good.ron", "missing.ron", "graphs/sahel.ron"])
            .failure()
            .stdout(
                "$TMP/good.ron: ok — 2 actors, 1 tie, 0 events, 1 source\n\
                 graphs/sahel.ron: ok — 25 actors, 61 ties, 24 events, 10 sources\n",
            )
            .stderr("error: cannot read graph file `missing.ron`: no such file\nmissing.ron: 1 problem\n")
            .run();
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

    fn json(text: &str) -> serde_json::Value {
        serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
    }

    #[test]
    fn show_answers_for_every_required_actor_by_name_and_alias() {
        for (name, aliases) in REQUIRED {
            // The card's contents come from the graph, which changes; that
            // the card is the named actor's is the point here.
            let card = Test::new()
                .args(&["query", "--format", "json", &format!("show \"{name}\"")])
                .stdout_matches(move |out| json(out)["actor"]["name"] == *name)
                .run();
            // Every alias gives the very same card.
            for alias in aliases.iter() {
                Test::new()
                    .args(&["query", "--format", "json", &format!("show \"{alias}\"")])
                    .stdout(&card.stdout)
                    .run();
            }
        }
    }

    #[test]
    fn jnim_has_a_dozen_dated_ties() {
        // A property of the data (at least twelve dated ties), not of the
        // output's form, which `json_ties_have_the_documented_fields` pins.
        Test::new()
            .args(&["query", "--format", "json", "ties of JNIM"])
            .stdout_matches(|out| {
                let ties = json(out)["ties"].as_array().unwrap().clone();
                ties.iter().filter(|t| !t["start"].is_null()).count() >= 12
            })
            .run();
    }

    #[test]
    fn every_tie_in_the_bundled_graph_cites_a_source() {
        let graph = actorgraph::store::ron::load(&common::manifest("graphs/sahel.ron")).unwrap();
        for tie in graph.all_ties() {
            assert!(
                !tie.tie.sources().is_empty(),
                "tie {:?} cites no source",
                graph.tie_spec(tie)
            );
        }
        // What the binary says of the sources and the counts.
        Test::new()
            .args(&["query", "--format", "csv", "sources"])
            .stdout_golden("tests/golden/cli/sources.csv")
            .run();
        Test::new()
            .args(&["query", "--format", "json", "stats"])
            .stdout_golden("tests/golden/cli/stats.json")
            .run();
    }

    #[test]
    fn json_ties_have_the_documented_fields() {
        let output = Test::new()
            .args(&["query", "--format", "json", "show JNIM"])
            .stdout_golden("tests/golden/cli/show-jnim.json")
            .run();
        // The README documents these fields; the golden file may be
        // regenerated, so they are checked by name as well.
        let json = json(&output.stdout);
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
        Test::new()
            .args(&["query", "who allied with JNIM after 2022"])
            .stdout_golden("tests/golden/cli/who-allied-with-jnim-after-2022.txt")
            .run();
        Test::new()
            .args(&["query", "who allied with France after 2022"])
            .stdout("no actors match · after 2022\nnote: France is not active then (its life: 2013–2022-11)\n")
            .run();
    }

    #[test]
    fn a_syntax_error_points_a_caret_at_the_word() {
        Test::new()
            .args(&["query", "who alied with JNIM"])
            .failure()
            .stderr(
                "error: expected `allied with`, `fought`, `is hostile to` or `pledged allegiance \
                 to`, found `alied`\n --> <query>:1:5\n  |\n1 | who alied with JNIM\n  |     \
                 ^^^^^\n",
            )
            .run();
    }

    #[test]
    fn an_unknown_actor_suggests_the_nearest_names() {
        Test::new()
            .args(&["query", "show JNM"])
            .failure()
            .stderr(
                "error: no actor is called `JNM`\n --> <query>:1:6\n  |\n1 | show JNM\n  |      \
                 ^^^\n  = help: did you mean JNIM?\n",
            )
            .run();
        Test::new()
            .args(&["query", "show \"Daousak militia\""])
            .failure()
            .stderr(
                "error: no actor is called `Daousak militia`\n --> <query>:1:6\n  |\n\
                 1 | show \"Daousak militia\"\n  |      ^^^^^^^^^^^^^^^^^\n  = help: did you \
                 mean Daoussak militias, Daoussak communities or Daoussak leaders in Ménaka?\n",
            )
            .run();
    }

    #[test]
    fn an_empty_answer_says_so() {
        Test::new()
            .args(&["query", "who pledged allegiance to France"])
            .stdout("no actors match · as of 2023-02 (the graph's date)\nnote: France is not active then (its life: 2013–2022-11)\n")
            .run();
    }

    #[test]
    fn piping_queries_into_the_repl_prints_answers_without_prompts() {
        // The golden file holds no prompt and no escape code.
        Test::new()
            .stdin("who allied with JNIM after 2022\n\nshow MLF\n")
            .stdout_golden("tests/golden/cli/repl-piped.txt")
            .run();
    }

    #[test]
    fn a_bad_line_in_the_piped_repl_names_its_line_and_fails() {
        Test::new()
            .stdin("show JNIM\nshow Nobody\n")
            .failure()
            .stdout_golden("tests/golden/cli/show-jnim.txt")
            .stderr(
                "error: no actor is called `Nobody`\n --> <stdin>:2:6\n  |\n2 | show Nobody\n  |      \
                 ^^^^^^\n  = help: `actors` lists every actor; quote names with spaces: \"Wagner \
                 Group\"\n",
            )
            .run();
    }

    #[test]
    fn the_repl_loads_another_graph() {
        Test::new()
            .stdin("load tests/data/boundaries.ron\nshow Hub\n")
            .stdout_golden("tests/golden/cli/repl-load.txt")
            .run();
    }

    #[test]
    fn the_repl_imports_a_spreadsheet_into_the_open_graph() {
        // The strict import and the bare `import csv` fail.
        Test::new()
            .args(&["-g", "tests/data/boundaries.ron"])
            .stdin(
                "import csv tests/data/interchange/ties.csv actors tests/data/interchange/actors.csv\n\
                 show ISGS\nimport csv tests/data/interchange/ties.csv strict\nimport csv\n",
            )
            .failure()
            .stdout_golden("tests/golden/cli/repl-import.txt")
            .stderr_golden("tests/golden/cli/repl-import.stderr.txt")
            .run();
    }
}

mod scripts {
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
            .stderr("tests/data/boundaries.q: 99 statements, 99 expectations, 0 failed, 0 errors\n")
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
                 check.q: 2 statements, 1 expectations, 1 failed, 0 errors\n",
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
                 bad.q: 2 statements, 0 expectations, 0 failed, 1 errors\n",
            )
            .run();
    }

    #[test]
    fn scripts_read_from_standard_input() {
        Test::new()
            .args(&["run", "-"])
            .stdin("expect who pledged allegiance to AQIM includes JNIM\n")
            .stdout("» expect who pledged allegiance to AQIM includes JNIM\nok: the answer includes JNIM\n\n")
            .stderr("<stdin>: 1 statements, 1 expectations, 0 failed, 0 errors\n")
            .run();
    }
}

mod command_line {
    use super::*;

    #[test]
    fn a_bad_graph_flag_fails_every_command_with_the_file_named() {
        let missing = "error: cannot read graph file `missing.ron`: no such file\n";
        let bad = "error: Unexpected missing field named `name` in `Actor`\n --> bad.ron:1:31\n  \
                   |\n1 | (title: \"t\", actors: [(id: \"a\")])\n  |                               \
                   ^\n";
        for (args, stderr) in [
            (&["-g", "missing.ron", "query", "stats"][..], missing),
            (&["-g", "bad.ron", "query", "stats"], bad),
            (&["-g", "bad.ron"], bad),
        ] {
            Test::new()
                .write("bad.ron", "(title: \"t\", actors: [(id: \"a\")])")
                .current_dir(TMP)
                .args(args)
                .failure()
                .stderr(stderr)
                .run();
        }
    }

    #[test]
    fn scripts_that_cannot_be_read_are_named() {
        Test::new()
            .args(&["run", "no-such-script.q"])
            .failure()
            .stderr(
                "error: cannot read script `no-such-script.q`: No such file or directory (os error 2)\n",
            )
            .run();
        Test::new()
            .write("binary.q", [b's', b'h', 0xff, 0xfe, b'\n'])
            .current_dir(TMP)
            .args(&["run", "binary.q"])
            .failure()
            .stderr("error: `binary.q` is not text: invalid UTF-8 at byte 2\n")
            .run();
    }

    #[test]
    fn exports_for_other_tools_take_the_query_selection() {
        Test::new()
            .args(&["export", "graphml", "JNIM", "depth", "1"])
            .stdout_golden("tests/golden/cli/export-jnim-depth-1.graphml")
            .run();
        let output = Test::new()
            .args(&["export", "csv", "all", "to", "$TMP/csv/"])
            .stdout(
                "wrote $TMP/csv/actors.csv, $TMP/csv/ties.csv, $TMP/csv/relations.csv, \
                 $TMP/csv/sources.csv, $TMP/csv/events.csv, $TMP/csv/graph.csv \
                 (25 actors, 61 ties)\n",
            )
            .run();
        assert!(output.path("csv/ties.csv").exists());
        Test::new()
            .args(&["export", "csv", "all"])
            .failure()
            .stderr("error: export csv writes several files: give a folder with `to DIR/`\n --> <export>\n")
            .run();
        Test::new()
            .args(&["export", "xml", "all"])
            .failure()
            .stderr(
                "error: expected an export format, found `xml`\n --> <export>:1:8\n  |\n\
                 1 | export xml all\n  |        ^^^\n  = help: formats are dot, csv, json, \
                 graphml, gexf, cypher, neo4j-admin (dot also renders .svg, .png and .pdf \
                 through Graphviz)\n",
            )
            .run();
    }

    #[test]
    fn bad_usage_exits_2() {
        for (args, stderr) in [
            (
                &["--no-such-flag"][..],
                "error: unexpected argument '--no-such-flag' found\n\n\
                 Usage: actorgraph [OPTIONS] [COMMAND]\n\n\
                 For more information, try '--help'.\n",
            ),
            (
                &["check"],
                "error: the following required arguments were not provided:\n  <FILE>...\n\n\
                 Usage: actorgraph check <FILE>...\n\n\
                 For more information, try '--help'.\n",
            ),
            (
                &["query"],
                "error: the following required arguments were not provided:\n  <QUERY>...\n\n\
                 Usage: actorgraph query <QUERY>...\n\n\
                 For more information, try '--help'.\n",
            ),
            (
                &["--format", "xml", "query", "stats"],
                "error: invalid value 'xml' for '--format <FORMAT>'\n  \
                 [possible values: text, json, csv]\n\n\
                 For more information, try '--help'.\n",
            ),
        ] {
            Test::new().args(args).status(2).stderr(stderr).run();
        }
    }

    #[test]
    fn every_subcommand_has_an_example_in_its_help() {
        // The golden files show each example; the check by name below keeps
        // a regenerated file from losing one unnoticed.
        for sub in ["check", "query", "run", "export", "import", "completions"] {
            let output = Test::new()
                .args(&[sub, "--help"])
                .stdout_golden(&format!("tests/golden/cli/help-{sub}.txt"))
                .run();
            assert!(
                output
                    .stdout
                    .lines()
                    .any(|l| l.trim_start().starts_with("actorgraph ")),
                "{sub} --help has no example"
            );
        }
    }

    #[test]
    fn completions_are_printed_for_each_shell() {
        for shell in ["bash", "zsh", "fish"] {
            Test::new()
                .args(&["completions", shell])
                .stdout_golden(&format!("tests/golden/cli/completions-{shell}.txt"))
                .run();
        }
    }

    #[test]
    fn the_graph_flag_selects_the_graph_from_any_directory() {
        // The bundled graph is built into the binary.
        Test::new()
            .current_dir(TMP)
            .args(&["query", "show JNIM"])
            .stdout_golden("tests/golden/cli/show-jnim.txt")
            .run();
        let fixture = common::manifest("tests/data/boundaries.ron");
        Test::new()
            .current_dir(TMP)
            .args(&["-g", fixture.to_str().unwrap(), "query", "show Hub"])
            .stdout_golden("tests/golden/cli/show-hub.txt")
            .run();
    }

    #[test]
    fn a_closed_pipe_ends_quietly() {
        // `Test` reads all of standard output; this test must close it early.
        let mut child = binary()
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
        assert_eq!(stderr, "");
    }

    #[test]
    fn no_colour_when_not_a_terminal() {
        // Without NO_COLOR, the very text that NO_COLOR gives.
        Test::new()
            .env_remove("NO_COLOR")
            .args(&["query", "show JNIM"])
            .stdout_golden("tests/golden/cli/show-jnim.txt")
            .run();
    }
}
