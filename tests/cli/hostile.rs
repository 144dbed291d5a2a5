//! Hostile input (issue 14): files that would make a naive reader eat
//! rows, memory or the terminal. Each test fails on the behaviour the issue
//! reports and passes on the fix.

use super::*;

/// An unclosed quote made the csv crate read every following row into one
/// cell, silently, even under `--strict`; the import now stops at the line
/// where the quote opens, and writes nothing.
#[test]
fn an_unclosed_quote_stops_the_import_at_its_line() {
    for strict in [false, true] {
        let mut args = vec![
            "import",
            "csv",
            "--actors",
            "actors.csv",
            "--ties",
            "ties.csv",
            "-o",
            "g.ron",
        ];
        if strict {
            args.push("--strict");
        }
        let test = Test::new()
            .write("actors.csv", "id,name,kind\na,\"Alpha,group\nb,Beta,group\nc,Gamma,group\n")
            .write("ties.csv", "source,target,relation,start,end,confidence\nb,c,alliance,2020,,likely\n")
            .current_dir(TMP)
            .args(&args)
            .failure()
            .stderr(
                "error: actors.csv:2: the quote opened here is never closed, so every row after it would be read as one cell\n",
            );
        let output = test.run();
        assert!(!output.path("g.ron").exists(), "nothing is written");
        assert!(output.path("actors.csv").exists());
    }
    // A note's closing quote lost in a ties file: the same.
    Test::new()
        .write(
            "ties.csv",
            "source,target,relation,start,end,confidence,note\na,b,alliance,2020,,likely,\"open\nb,c,alliance,2020,,likely,x\n",
        )
        .current_dir(TMP)
        .args(&["import", "csv", "--ties", "ties.csv", "-o", "g.ron"])
        .failure()
        .stderr_matches(|err| err.starts_with("error: ties.csv:2: the quote opened here is never closed"))
        .run();
}

/// `/dev/zero` as a table or a graph grew memory without end; a line past
/// 64 MiB now stops the read.
#[test]
fn an_endless_line_is_refused_not_read() {
    if !std::path::Path::new("/dev/zero").exists() {
        return;
    }
    Test::new()
        .args(&["import", "csv", "--ties", "/dev/zero", "-o", "$TMP/g.ron"])
        .failure()
        .stderr("error: /dev/zero:1: a line longer than 64 MiB: is this a CSV file?\n")
        .run();
    Test::new()
        .args(&["-g", "/dev/zero", "query", "stats"])
        .failure()
        .stderr(
            "error: `/dev/zero` has a line longer than 64 MiB (line 1): is it a graph file?\n --> /dev/zero\n",
        )
        .run();
}
