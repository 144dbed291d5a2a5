//! Graphs opened through their binary snapshots (issue 13): a cache beside
//! a RON file, or an `.agraph` file as a graph's only file.

use super::*;

const QUERY: &str = "ties of JNIM via alliance";

fn sahel() -> String {
    common::manifest("graphs/sahel.ron").display().to_string()
}

/// The answer from the RON file itself, never through a cache.
fn answer_from_ron() -> String {
    Test::new()
        .env("ACTORGRAPH_SNAPSHOT", "never")
        .args(&["-g", &sahel(), "query", QUERY])
        .stdout_matches(|_| true)
        .run()
        .stdout
}

#[test]
fn a_cached_graph_answers_as_its_ron_file_and_check_reads_it_too() {
    let expected = answer_from_ron();
    let output = Test::new()
        .env("ACTORGRAPH_SNAPSHOT", "always")
        .current_dir(TMP)
        .write("g.ron", std::fs::read(sahel()).unwrap())
        .args(&["-g", "g.ron", "query", QUERY])
        .stdout(&expected)
        .run();
    assert!(
        output.path(".g.ron.agraph").is_file(),
        "no cache was written"
    );
    // Second run: from the cache; then damage it: rebuilt, same answer.
    let output = output
        .then()
        .env("ACTORGRAPH_SNAPSHOT", "always")
        .current_dir(TMP)
        .args(&["-g", "g.ron", "query", QUERY])
        .stdout(&expected)
        .run();
    let cache = output.path(".g.ron.agraph");
    let mut bytes = std::fs::read(&cache).unwrap();
    let half = bytes.len() / 2;
    bytes.truncate(half);
    std::fs::write(&cache, &bytes).unwrap();
    let output = output
        .then()
        .env("ACTORGRAPH_SNAPSHOT", "always")
        .current_dir(TMP)
        .args(&["-g", "g.ron", "query", QUERY])
        .stdout(&expected)
        .run();
    assert!(std::fs::read(output.path(".g.ron.agraph")).unwrap().len() > half);
    let summary = "g.ron: ok — 25 actors, 61 ties, 24 events, 10 sources\n";
    let output = output
        .then()
        .env("ACTORGRAPH_SNAPSHOT", "never")
        .current_dir(TMP)
        .args(&["check", "g.ron"])
        .stdout(summary)
        .run();
    output
        .then()
        .env("ACTORGRAPH_SNAPSHOT", "always")
        .current_dir(TMP)
        .args(&["check", "g.ron"])
        .stdout(summary)
        .run();
}

#[test]
fn an_agraph_file_is_a_graph_of_its_own_and_refused_when_damaged() {
    let expected = answer_from_ron();
    let output = Test::new()
        .current_dir(TMP)
        .write(
            "add.csv",
            "source,target,relation,start,end,confidence\njnim,newgroup,alliance,2023-01,,likely\n",
        )
        .args(&[
            "-g",
            &sahel(),
            "import",
            "csv",
            "--ties",
            "add.csv",
            "-o",
            "g.agraph",
        ])
        .stderr_matches(|err| err.starts_with("g.agraph: 1 actors (1 from ties), 1 ties imported"))
        .run();
    let output = output
        .then()
        .current_dir(TMP)
        .args(&["-g", "g.agraph", "query", "ties of newgroup"])
        .stdout_matches(|out| out.contains("alliance  —  JNIM   2023-01–"))
        .run();
    let path = output.path("g.agraph");
    let mut bytes = std::fs::read(&path).unwrap();
    let at = bytes.len() - 7;
    bytes[at] ^= 0x20;
    std::fs::write(&path, &bytes).unwrap();
    output
        .then()
        .current_dir(TMP)
        .args(&["-g", "g.agraph", "query", QUERY])
        .status(1)
        .stderr_matches(|err| {
            err.contains("cannot open `g.agraph`: its body checksum does not match")
                && err.contains("nothing can rebuild it")
        })
        .run();
    assert!(!expected.is_empty());
}
