//! The REPL's `save`: imports into the open graph are kept only when saved;
//! a save is atomic and canonical, and never drops a file's comments or
//! writes over another file unasked. Quitting with unsaved imports warns.

use super::*;

const IMPORT: &str = "import csv $TMP/ties.csv actors $TMP/actors.csv";

/// A run with a graph file `g.ron` holding `graph`, and a table to import
/// into it: one new actor and its tie to an actor of the graph.
fn with_tables(graph: &str) -> Test {
    Test::new()
        .write("g.ron", graph)
        .write("actors.csv", "id,name,kind,aliases\nw,Wagner Group,pmc,\n")
        .write(
            "ties.csv",
            "source,target,relation,start,end,confidence\nw,a,alliance,2021-12,,confirmed\n",
        )
}

#[test]
fn an_import_saved_from_the_repl_passes_check() {
    let saved = with_tables(MINIMAL)
        .args(&["-g", "$TMP/g.ron"])
        .stdin(format!("{IMPORT}\nsave\n"))
        .stdout_matches(|out| {
            out.contains("imported into the open graph (`save` writes it to its file)")
                && out.contains("saved 3 actors and ")
                && out.contains("ties to $TMP/g.ron\n")
        })
        .stderr_matches(|err| !err.contains("not saved"))
        .run();
    let text = std::fs::read_to_string(saved.path("g.ron")).unwrap();
    assert!(
        text.contains("Wagner Group") && text.contains("Alpha"),
        "{text}"
    );
    saved
        .then()
        .args(&["check", "$TMP/g.ron"])
        .stdout_matches(|out| out.contains("$TMP/g.ron: ok"))
        .run();
}

#[test]
fn a_piped_session_that_ends_with_unsaved_imports_says_so() {
    with_tables(MINIMAL)
        .args(&["-g", "$TMP/g.ron"])
        .stdin(format!("{IMPORT}\nquit\nshow Alpha\n"))
        .stdout_matches(|out| {
            out.contains("imported into the open graph") && !out.contains("Alpha")
        })
        .stderr_matches(|err| {
            err.ends_with(
                "warning: the open graph's changes from an import were not saved \
                 (`save` writes them to $TMP/g.ron)\n",
            )
        })
        .run();
}

#[test]
fn save_keeps_comments_and_other_files_unless_told_to_replace() {
    let commented = MINIMAL.replacen("(\n", "// Hand-written: keep me.\n(\n", 1);
    let refused = with_tables(&commented)
        .write("other.ron", "not mine")
        .args(&["-g", "$TMP/g.ron"])
        .stdin(format!(
            "{IMPORT}\nsave\nsave $TMP/other.ron\nsave $TMP/g.json\n"
        ))
        .failure()
        .stdout_matches(|out| !out.contains("saved"))
        .stderr_matches(|err| {
            err.contains("error: `$TMP/g.ron` holds comments, which a save drops")
                && err.contains("`save $TMP/g.ron replace` to drop them")
                && err.contains("error: `$TMP/other.ron` exists and is not the open graph's file")
                && err.contains("`save $TMP/other.ron replace` writes over it")
                && err.contains("`$TMP/g.json`: save writes a RON graph file (or a snapshot); name it .ron (or .agraph)")
        })
        .run();
    assert_eq!(
        std::fs::read_to_string(refused.path("g.ron")).unwrap(),
        commented
    );
    assert_eq!(
        std::fs::read_to_string(refused.path("other.ron")).unwrap(),
        "not mine"
    );
    let replaced = refused
        .then()
        .args(&["-g", "$TMP/g.ron"])
        .stdin(format!(
            "{IMPORT}\nsave $TMP/other.ron replace\nsave $TMP/g.ron replace\n"
        ))
        .stdout_matches(|out| out.matches("saved 3 actors").count() == 2)
        .run();
    let text = std::fs::read_to_string(replaced.path("g.ron")).unwrap();
    assert!(!text.contains("keep me") && text.contains("Wagner Group"));
    assert_eq!(
        text,
        std::fs::read_to_string(replaced.path("other.ron")).unwrap()
    );
}

#[test]
fn save_to_a_new_file_makes_it_the_sessions_file() {
    let saved = Test::new()
        .write("actors.csv", "id,name,kind,aliases\nw,Wagner Two,pmc,\n")
        .write(
            "ties.csv",
            "source,target,relation,start,end,confidence\nw,jnim,hostility,2021-12,,confirmed\n",
        )
        .stdin(format!(
            "save\n{IMPORT}\nsave $TMP/mine.ron\nsave\nshow Wagner Two\n"
        ))
        .failure()
        .stdout_matches(|out| {
            out.contains("imported into the open graph (`save FILE` writes it to a file)")
                && out.matches("ties to $TMP/mine.ron\n").count() == 2
        })
        .stderr_matches(|err| {
            err.starts_with("error: usage: save [FILE.ron|FILE.agraph] [replace]")
                && err.contains("the bundled graph has no file of its own")
                && !err.contains("not saved")
        })
        .run();
    saved
        .then()
        .args(&["-g", "$TMP/mine.ron", "query", "ties of Wagner Two"])
        .stdout_matches(|out| out.contains("hostility") && out.contains("JNIM"))
        .run();
}

/// Runs a REPL with `args` in `dir`, types `before`, waits for its answer
/// (a line holding `answered`), lets `meanwhile` change files, then types
/// `after`: its standard output and error.
fn session_around(
    dir: &std::path::Path,
    args: &[&str],
    before: &str,
    answered: &str,
    meanwhile: impl FnOnce(),
    after: &str,
) -> (String, String) {
    use std::io::{BufRead, BufReader, Write};
    let mut child = binary()
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(before.as_bytes()).unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut shown = String::new();
    while !shown.contains(answered) {
        assert_ne!(
            stdout.read_line(&mut shown).unwrap(),
            0,
            "no `{answered}` in {shown}"
        );
    }
    meanwhile();
    stdin.write_all(after.as_bytes()).unwrap();
    drop(stdin);
    stdout.read_to_string(&mut shown).unwrap();
    let output = child.wait_with_output().unwrap();
    (shown, String::from_utf8_lossy(&output.stderr).into_owned())
}

/// Another session saved the file, with no comment to give it away: this
/// session's `save` refuses rather than lose that work, whether the graph
/// came from `-g` or from `load`, until told `replace`.
#[test]
fn save_refuses_to_write_over_a_file_changed_since_it_was_opened() {
    let test = with_tables(MINIMAL);
    let dir = test.tempdir().to_path_buf();
    let theirs = MINIMAL.replace("start: \"2020\"", "start: \"2019-03\"");
    for args in [&["-g", "g.ron"][..], &[]] {
        std::fs::write(dir.join("g.ron"), MINIMAL).unwrap();
        let before = if args.is_empty() {
            "load g.ron\nimport csv ties.csv actors actors.csv\n"
        } else {
            "import csv ties.csv actors actors.csv\n"
        };
        let (out, err) = session_around(
            &dir,
            args,
            before,
            "imported into the open graph",
            || std::fs::write(dir.join("g.ron"), &theirs).unwrap(),
            "save\n",
        );
        assert!(!out.contains("saved"), "{out}");
        assert!(
            err.contains(
                "error: `g.ron` changed on disk since this session opened it \
                 (another session's save, or an edit): a save would lose those changes"
            ) && err.contains("`save g.mine.ron`")
                && err.contains("`save g.ron replace` to write over them"),
            "{err}"
        );
        assert_eq!(std::fs::read_to_string(dir.join("g.ron")).unwrap(), theirs);
    }
    let (out, err) = session_around(
        &dir,
        &["-g", "g.ron"],
        "import csv ties.csv actors actors.csv\n",
        "imported",
        || std::fs::write(dir.join("g.ron"), MINIMAL).unwrap(),
        "save g.ron replace\nsave\n",
    );
    assert_eq!(out.matches("saved 3 actors").count(), 2, "{out}\n{err}");
    assert!(std::fs::read_to_string(dir.join("g.ron"))
        .unwrap()
        .contains("Wagner Group"));
}
