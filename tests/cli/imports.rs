//! `actorgraph import` from the command line (issue 11).

use super::*;

/// `-g GRAPH import … -o OUT` ignored `-g`: the tables now merge into it.
#[test]
fn import_merges_into_the_graph_named_by_g() {
    let output = Test::new()
        .write(
            "add.csv",
            "source,target,relation,start,end,confidence\njnim,newgroup,alliance,2023-01,,likely\n",
        )
        .current_dir(TMP)
        .args(&[
            "-g",
            &common::manifest("graphs/sahel.ron").display().to_string(),
            "import",
            "csv",
            "--ties",
            "add.csv",
            "-o",
            "merged.ron",
        ])
        .stderr_matches(|err| {
            err.starts_with("merged.ron: 1 actors (1 from ties), 1 ties imported")
        })
        .run();
    output
        .then()
        .current_dir(TMP)
        .args(&["-g", "merged.ron", "query", "actors", "-f", "json"])
        .stdout_matches(|out| {
            let actors: serde_json::Value = serde_json::from_str(out).unwrap();
            // The bundled graph's 25 actors and the new one.
            actors["actors"].as_array().map(Vec::len) == Some(26)
        })
        .run();
}

/// An import that rejected every row exited 0 and wrote an empty graph.
#[test]
fn an_import_that_rejects_every_row_writes_nothing_and_fails() {
    let output = Test::new()
        .write(
            "bad.csv",
            "source,target,relation,start,end,confidence\nx,y,nosuch,2020,,likely\n",
        )
        .current_dir(TMP)
        .args(&["import", "csv", "--ties", "bad.csv", "-o", "bad.ron"])
        .failure()
        .stderr_matches(|err| {
            err.ends_with("error: all 1 rows were rejected; nothing was written\n")
        })
        .run();
    assert!(!output.path("bad.ron").exists());
}

/// Issue 11, item 10: `-` is standard input for a table as it is standard
/// output for the graph; a table from standard input has no folder whose
/// companion tables could be read, and standard input is read once.
#[test]
fn a_table_can_come_from_standard_input() {
    Test::new()
        .args(&["import", "csv", "--ties", "-", "-o", "-"])
        .stdin("source,target,relation,start,end,confidence\na,b,alliance,2020,,likely\na,a,alliance,2020,,likely\n")
        .stdout_matches(|out| out.starts_with("(\n    title: \"imported\",") && out.contains("relation: \"alliance\""))
        .stderr_matches(|err| {
            err.contains("<stdin>:3")
                && err.contains("standard output: 2 actors (2 from ties), 1 ties imported")
        })
        .run();
    Test::new()
        .args(&[
            "import",
            "csv",
            "--actors",
            "-",
            "--ties",
            "-",
            "-o",
            "$TMP/g.ron",
        ])
        .failure()
        .stderr_matches(|err| err.contains("standard input can be read once"))
        .run();
}

/// Cold check of issue 11: merging into a hand-written graph and writing it
/// back over itself dropped its comments without a word.
#[test]
fn merging_back_over_a_commented_graph_is_refused() {
    let commented = MINIMAL.replacen("(\n", "// Curated by hand.\n(\n", 1);
    let refused = Test::new()
        .write("g.ron", &commented)
        .write("ties.csv", "source,target,relation\na,b,hostility\n")
        .args(&[
            "-g",
            "$TMP/g.ron",
            "import",
            "csv",
            "--ties",
            "$TMP/ties.csv",
            "-o",
            "$TMP/g.ron",
        ])
        .status(2)
        .stderr_matches(|err| err.contains("holds comments") && err.contains("merged.ron"))
        .run();
    assert_eq!(
        std::fs::read_to_string(refused.path("g.ron")).unwrap(),
        commented
    );
    // Without comments there is nothing to lose: the merge is written back.
    refused
        .then()
        .write("g.ron", MINIMAL)
        .write("ties.csv", "source,target,relation\na,b,hostility\n")
        .args(&[
            "-g",
            "$TMP/g.ron",
            "import",
            "csv",
            "--ties",
            "$TMP/ties.csv",
            "-o",
            "$TMP/g.ron",
        ])
        .stderr_matches(|err| err.contains("1 ties imported"))
        .run();
}

/// The walk-through of mappings/README.md: a third-party table merged into
/// the bundled graph with a review file, decided, imported again with
/// `--resolve`, and `check` passes on the result.
#[test]
fn a_review_file_round_trip_from_the_command_line() {
    let dir = common::manifest("tests/data/interchange/third-party");
    let file = |name: &str| dir.join(name).display().to_string();
    let sahel = common::manifest("graphs/sahel.ron").display().to_string();
    let import = |extra: &[&str]| {
        let mut args: Vec<String> = vec!["-g".into(), sahel.clone(), "import".into(), "csv".into()];
        for (flag, name) in [
            ("--actors", "actors.csv"),
            ("--ties", "ties.csv"),
            ("--mapping", "mapping.ron"),
        ] {
            args.push(flag.into());
            args.push(file(name));
        }
        args.extend(extra.iter().map(|a| a.to_string()));
        args.extend([
            "--review".into(),
            "merges.csv".into(),
            "-o".into(),
            "merged.ron".into(),
        ]);
        args
    };
    let first = import(&[]);
    let output = Test::new()
        .current_dir(TMP)
        .args(&first.iter().map(String::as_str).collect::<Vec<_>>())
        .stderr_matches(|err| {
            err.contains("merged: ") && err.contains("`Ansar Dine` is Ansar al Din (`ansar-al-din`)")
                && err.contains("repaired: `Jama\\u{92}at Nusrat")
                && err.contains("merges.csv: 1 actors for review")
                && err.contains("8 matched existing actors, 2 new, 1 for review; 21 rows read: 7 imported, 11 merged, 2 skipped, 1 rejected")
        })
        .run();
    let review = std::fs::read_to_string(output.path("merges.csv")).unwrap();
    assert!(review.contains("107,Daoussak militia,"), "{review}");
    std::fs::write(
        output.path("merges.csv"),
        review.replace("has,\n", "has,daoussak-militias\n"),
    )
    .unwrap();
    let second = import(&["--resolve", "merges.csv"]);
    let output = output
        .then()
        .current_dir(TMP)
        .args(&second.iter().map(String::as_str).collect::<Vec<_>>())
        .stderr_matches(|err| err.contains("9 matched existing actors, 2 new, 0 for review; 21 rows read: 8 imported, 12 merged, 0 skipped, 1 rejected"))
        .run();
    output
        .then()
        .current_dir(TMP)
        .args(&["check", "merged.ron"])
        .stdout_matches(|out| out.ends_with(": ok — 27 actors, 67 ties, 24 events, 10 sources\n"))
        .run();
}
