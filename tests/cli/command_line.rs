//! The command line around the questions: flags, exports, imports, colours, pipes.

use super::*;

#[test]
fn a_bad_graph_flag_fails_every_command_with_the_file_named() {
    let missing = "error: cannot read graph file `missing.ron`: no such file\n";
    // Every field the actor lacks, each at the actor's opening.
    let lacks = |field: &str, help: &str| {
        format!(
            "error: this actor has no `{field}`\n --> bad.ron:1:23\n  |\n1 | (title: \"t\", \
             actors: [(id: \"a\")])\n  |                       ^\n  = help: {help}\n"
        )
    };
    let bad = &format!(
        "{}\n{}",
        lacks("name", "give the name outputs show (`name: \"JNIM\"`)"),
        lacks(
            "kind",
            "give one of `group`, `faction`, `coalition`, `militia`, `community`, `state`, \
             `state_force`, `pmc`, `igo` or `person` (`kind: group`)"
        )
    );
    for (args, stderr) in [
        (&["-g", "missing.ron", "query", "stats"][..], missing),
        (&["-g", "bad.ron", "query", "stats"], bad.as_str()),
        (&["-g", "bad.ron"], bad.as_str()),
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
        .stderr(
            "error: export csv writes several files: give a folder with `to DIR/`\n --> <export>:1:8\n  |\n1 | export csv all\n  |        ^^^\n",
        )
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
            "error: name the graph files to check: `actorgraph check graphs/sahel.ron` \
             (or `actorgraph -g FILE check`)\n",
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
                 [possible values: text, json, jsonl, csv]\n\n\
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
