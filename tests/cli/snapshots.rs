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

/// Cold check of issue 13: a graph read from a pipe lost its first bytes
/// to the snapshot test, and a FIFO in a cache's place hung every command.
#[test]
fn pipes_and_fifos_are_read_as_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let graph = dir.path().join("g.ron");
    std::fs::copy(common::manifest("graphs/sahel.ron"), &graph).unwrap();
    let fifo = dir.path().join(".g.ron.agraph");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let run = |args: &[&str]| {
        let mut child = binary()
            .args(args)
            .env("ACTORGRAPH_SNAPSHOT", "always")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        for _ in 0..200 {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        if child.try_wait().unwrap().is_none() {
            let _ = child.kill();
            panic!("actorgraph {args:?} hung");
        }
        child.wait_with_output().unwrap()
    };
    let g = graph.display().to_string();
    let out = run(&["-g", &g, "query", "show JNIM"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let piped = format!(
        "cat '{g}' | '{}' -g /dev/stdin query 'show JNIM'",
        env!("CARGO_BIN_EXE_actorgraph")
    );
    let out = std::process::Command::new("sh")
        .args(["-c", &piped])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("JNIM"));
}

/// A REPL on an `.agraph` file saves its imports back to it, as the quit
/// warning promises (cold check: `save` refused to write anything but RON).
#[test]
fn the_repl_saves_imports_back_to_an_agraph_file() {
    let output = Test::new()
        .current_dir(TMP)
        .write(
            "add.csv",
            "source,target,relation,start,end,confidence\njnim,newgroup,alliance,2023-01,,likely\n",
        )
        .args(&["-g", &sahel(), "--color", "never"])
        .stdin("save g.agraph\n")
        .stdout_matches(|out| out.contains("saved 25 actors and 61 ties to g.agraph"))
        .run();
    let output = output
        .then()
        .current_dir(TMP)
        .args(&["-g", "g.agraph", "--color", "never"])
        .stdin("import csv add.csv\nquit\n")
        .stdout_matches(|out| out.contains("imported into the open graph"))
        .stderr_matches(|err| err.contains("(`save` writes them to g.agraph)"))
        .run();
    output
        .then()
        .current_dir(TMP)
        .args(&["-g", "g.agraph", "--color", "never"])
        .stdin("import csv add.csv\nsave\n")
        .stdout_matches(|out| out.contains("saved 26 actors and 62 ties to g.agraph"))
        .run()
        .then()
        .current_dir(TMP)
        .args(&["-g", "g.agraph", "query", "ties of newgroup"])
        .stdout_matches(|out| out.contains("alliance  —  JNIM   2023-01–"))
        .run();
}

/// Cold check: an `.agraph` file with its first byte changed was read as
/// RON ("is not text"), and an unknown `ACTORGRAPH_SNAPSHOT` passed unseen.
#[test]
fn a_snapshot_damaged_at_its_start_is_called_so_and_unknown_policies_are_named() {
    let output = Test::new()
        .current_dir(TMP)
        .env("ACTORGRAPH_SNAPSHOT", "Never")
        .args(&["-g", &sahel(), "--color", "never"])
        .stdin("save g.agraph\n")
        .stdout_matches(|out| out.contains("saved 25 actors"))
        .stderr(
            "warning: ACTORGRAPH_SNAPSHOT=Never is not known: it works as `auto`; \
             use `auto`, `always` or `never`\n",
        )
        .run();
    let path = output.path("g.agraph");
    let mut bytes = std::fs::read(&path).unwrap();
    bytes[0] ^= 0x01;
    std::fs::write(&path, &bytes).unwrap();
    output
        .then()
        .current_dir(TMP)
        .env("ACTORGRAPH_SNAPSHOT", "")
        .args(&["-g", "g.agraph", "query", QUERY])
        .status(1)
        .stderr_matches(|err| {
            err.starts_with("error: cannot open `g.agraph`: it is not an actorgraph snapshot")
                && err.contains("the snapshot's mark, are damaged")
                && !err.contains("warning")
        })
        .run();
}
