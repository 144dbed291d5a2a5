//! `export dot` end to end: the real binary, through `export`, `query` and
//! `run -`, writing DOT, pictures and storyboards. Tests that need Graphviz
//! print a note and pass without it, except under `CI=true`, where a
//! missing `dot` fails them. Also `-` for standard output and input.

mod common;
use common::{graphviz, manifest, Test};

const JNIM: &str = "export dot JNIM depth 2 as of 2023-02";
const GOLDEN: &str = "tests/golden/dot/sahel-jnim-2-as-of-2023-02.dot";

#[test]
fn dot_to_stdout_is_the_golden_file_every_time() {
    // Byte-identical across runs.
    for _ in 0..2 {
        Test::new().words(JNIM).stdout_golden(GOLDEN).run();
    }
}

#[test]
fn query_run_and_export_give_the_same_dot() {
    // `dot_to_stdout_is_the_golden_file_every_time` pins the text; here the
    // export's answer is the measure of the other two ways in.
    let exported = Test::new()
        .words(JNIM)
        .stdout_matches(|dot| {
            // A header comment for people, then the graph.
            dot.starts_with("// actorgraph diagram of ")
                && dot.lines().find(|l| !l.starts_with("//")) == Some("digraph actorgraph {")
        })
        .run()
        .stdout;
    Test::new().args(&["query", JNIM]).stdout(&exported).run();
    Test::new()
        .args(&["run", "-"])
        .stdin(format!("{JNIM}\n"))
        .stdout(&format!("» {JNIM}\n{exported}\n"))
        .run();
}

#[test]
fn pictures_are_rendered_by_extension() {
    if !graphviz() {
        return;
    }
    let magic: [(&str, &[u8]); 4] = [
        ("svg", b"<svg"),
        ("png", b"\x89PNG"),
        ("pdf", b"%PDF"),
        ("dot", b"digraph"),
    ];
    for (ext, start) in magic {
        // A picture says how it fits its page; DOT text has no page.
        let wrote = match ext {
            "dot" => "wrote $TMP/jnim.dot\n".to_string(),
            _ => {
                format!("wrote $TMP/jnim.{ext}: sized for a 16:9 slide (13.33 × 7.5 in), node text")
            }
        };
        let output = Test::new()
            .words(&format!("{JNIM} to $TMP/jnim.{ext}"))
            .stdout_matches(move |out| out.starts_with(&wrote))
            .run();
        let bytes = std::fs::read(output.path(&format!("jnim.{ext}"))).unwrap();
        let head = &bytes[..bytes.len().min(4000)];
        assert!(
            head.windows(start.len()).any(|w| w == start),
            "{ext}: {:?}",
            String::from_utf8_lossy(head)
        );
    }
    // Through `query` and a script as well.
    let output = Test::new()
        .args(&["query", &format!("{JNIM} to $TMP/query.svg")])
        .stdout_matches(|out| out.starts_with("wrote $TMP/query.svg: sized for a 16:9 slide"))
        .run();
    // Graphviz's SVG varies with its version: only its kind is checked.
    let svg = std::fs::read_to_string(output.path("query.svg")).unwrap();
    assert!(svg.contains("<svg"), "{svg}");
    let output = Test::new()
        .args(&["run", "-"])
        .stdin(format!("{JNIM} to $TMP/script.png\n"))
        .stdout_matches(|out| {
            out.starts_with(&format!(
                "» {JNIM} to $TMP/script.png\nwrote $TMP/script.png: sized for a 16:9 slide"
            ))
        })
        .run();
    assert!(std::fs::read(output.path("script.png"))
        .unwrap()
        .starts_with(b"\x89PNG"));
}

#[test]
fn a_storyboard_writes_one_file_a_year() {
    if !graphviz() {
        return;
    }
    let output = Test::new()
        .words("export dot JNIM depth 2 frames 2019..2023 to $TMP/frames/")
        .stdout_matches(|out| {
            // The files, then how the frames fit the slide (issue 12).
            out.contains("/frames/jnim-2019.svg\n")
                && out.contains(
                    "/frames/jnim-2023.svg\nframes sized for a 16:9 slide (13.33 × 7.5 in)",
                )
                && out.starts_with("wrote 5 frames:\n")
        })
        .run();
    let mut names: Vec<String> = std::fs::read_dir(output.path("frames"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "jnim-2019.svg",
            "jnim-2020.svg",
            "jnim-2021.svg",
            "jnim-2022.svg",
            "jnim-2023.svg"
        ]
    );
}

#[test]
fn a_missing_graphviz_says_how_to_install_it_and_writes_nothing() {
    let output = Test::new()
        .create_dir("empty")
        .create_dir("out")
        .env("PATH", "$TMP/empty")
        .words(&format!("{JNIM} to $TMP/out/jnim.svg"))
        .failure()
        // The caret under the target is as wide as the real temporary path.
        .stderr_matches(|err| {
            err.starts_with(
                "error: Graphviz's `dot` was not found: install Graphviz (e.g. `apt-get install \
                 graphviz` or `brew install graphviz`) to render .svg, .png or .pdf, or export to a \
                 .dot file\n --> <export>:1:42\n",
            )
        })
        .run();
    assert_eq!(std::fs::read_dir(output.path("out")).unwrap().count(), 0);
    // DOT needs no Graphviz.
    let output = output
        .then()
        .env("PATH", "$TMP/empty")
        .words(&format!("{JNIM} to $TMP/out/jnim.dot"))
        .stdout("wrote $TMP/out/jnim.dot\n")
        .run();
    assert!(output.path("out/jnim.dot").exists());
}

#[test]
fn an_unknown_extension_names_the_file() {
    let output = Test::new()
        .words(&format!("{JNIM} to $TMP/jnim.gif"))
        .failure()
        .stderr_matches(|err| {
            err.starts_with(
                "error: `$TMP/jnim.gif`: unknown diagram format; name the file .dot, .svg, .png or \
                 .pdf\n --> <export>:1:42\n",
            )
        })
        .run();
    assert!(!output.path("jnim.gif").exists());
    // A folder, or a name with no extension, is told how frames are written.
    Test::new()
        .words(&format!("{JNIM} to $TMP/frames"))
        .failure()
        .stderr_matches(|err| {
            err.contains("unknown diagram format")
                && err.contains("named with a trailing `/` (`frames 2012..2023 step 4 to frames/`)")
        })
        .run();
}

#[test]
fn theme_dark_changes_the_background() {
    // The light picture is the golden file of the tests above.
    Test::new()
        .words(&format!("{JNIM} theme dark"))
        .stdout_golden("tests/golden/cli/sahel-jnim-2-as-of-2023-02-dark.dot")
        .run();
    if !graphviz() {
        return;
    }
    let output = Test::new()
        .words(&format!("{JNIM} theme dark to $TMP/dark.svg"))
        .stdout_matches(|out| out.starts_with("wrote $TMP/dark.svg: sized for a 16:9 slide"))
        .run();
    let text = std::fs::read_to_string(output.path("dark.svg")).unwrap();
    // Graphviz's SVG varies with its version; the background is what counts.
    assert!(text.contains("fill=\"#1e1e1e\""), "dark background drawn");
}

/// Issue 11, item 10: `-` is standard output wherever a file is written
/// (`export … to -`, `-o -`, `import csv … -o -`) and standard input where a
/// graph is read (`-g -`, `check -`); no file named `-` is ever made.
#[test]
fn a_dash_is_standard_output_or_standard_input() {
    let sahel = manifest("graphs/sahel.ron").display().to_string();
    let ron = std::fs::read_to_string(&sahel).unwrap();
    let json = Test::new()
        .words("export json JNIM")
        .stdout_matches(|out| out.starts_with("{\n"))
        .run()
        .stdout;
    for words in [
        format!("-g {sahel} export json JNIM to -"),
        format!("-g {sahel} -o - export json JNIM"),
        "-g - export json JNIM to -".to_string(),
    ] {
        let output = Test::new()
            .current_dir("$TMP")
            .words(&words)
            .stdin(&ron)
            .stdout(&json)
            .run();
        assert!(!output.path("-").exists(), "{words}");
    }
    let output = Test::new()
        .current_dir("$TMP")
        .args(&["query", "show JNIM", "-o", "-"])
        .stdout_matches(|out| out.starts_with("JNIM (jnim)\n"))
        .run();
    assert!(!output.path("-").exists());
    Test::new()
        .current_dir("$TMP")
        .args(&["check", "-"])
        .stdin(&ron)
        .stdout_matches(|out| out.contains("ok — 25 actors, 61 ties"))
        .run();
    // The graph an import prints is the file it would write.
    let tables = manifest("tests/data/interchange");
    let import = |target: &str| {
        let output = Test::new()
            .current_dir("$TMP")
            .args(&["import", "csv", "--ties"])
            .arg(&tables.join("ties.csv").display().to_string())
            .args(&["--actors", &tables.join("actors.csv").display().to_string()])
            .args(&["-o", target])
            .stdout_matches(|_| true)
            .stderr_matches(|_| true)
            .run();
        assert!(!output.path("-").exists());
        output
    };
    let printed = import("-").stdout;
    let written = import("$TMP/g.ron");
    let file = std::fs::read_to_string(written.path("g.ron")).unwrap();
    assert!(printed.starts_with("(\n"), "{printed}");
    assert_eq!(printed, file);
}

/// `-` cannot hold both the graph and the queries.
#[test]
fn a_graph_from_standard_input_leaves_no_room_for_queries() {
    Test::new()
        .args(&["-g", "-", "run", "-"])
        .stdin("show JNIM\n")
        .status(2)
        .stderr_matches(|err| err.starts_with("error: `-g -` reads the graph from standard input"))
        .run();
}

#[test]
fn a_view_before_every_dated_tie_says_so() {
    // Everything drawn as of 1900 is an undated tie, possibly held: the
    // report says the date is before anything the graph dates.
    let before = "note: the time asked ends before the graph's earliest dated tie (2012): \
                  nothing is known to hold as of 1900; a tie shown has no known earliest start, so it \
                  only possibly held\n";
    Test::new()
        .words("export dot all as of 1900 to $TMP/a.dot")
        .stdout(&format!("wrote $TMP/a.dot\n{before}"))
        .run();
    // A view within the data has no such note.
    Test::new()
        .words("export dot all as of 2013 to $TMP/b.dot")
        .stdout("wrote $TMP/b.dot\n")
        .run();
}

#[test]
fn a_view_that_holds_its_focus_alone_says_why() {
    // Filtered by relation: the ties it does have are named.
    Test::new()
        .words("export dot France via subgroup-of to $TMP/f.dot")
        .stdout(
            "wrote $TMP/f.dot\nnote: France has no subgroup-of tie at any time; its ties: \
             hostility (3), alliance (1)\n",
        )
        .run();
    // By depth.
    Test::new()
        .words("export dot France depth 0 to $TMP/f.dot")
        .stdout(
            "wrote $TMP/f.dot\nnote: depth 0 holds France alone, without its ties: `depth 1` \
             adds its neighbours\n",
        )
        .run();
    // A view with ties has no such note; it names the ties between its
    // actors that it leaves out, as it draws only those of its focus.
    Test::new()
        .words("export dot France to $TMP/f.dot")
        .stdout(
            "wrote $TMP/f.dot\nnote: 4 ties between the actors drawn are left out, as a view \
             of 1 hop draws only its focus's own ties: Ansar al Din subgroup-of JNIM; JNIM \
             hostility ISGS; JNIM alliance Daoussak militias; ISGS hostility Daoussak militias; \
             `depth 2` draws them, with the actors a hop further\n",
        )
        .run();
    // DOT on standard output keeps it whole: the note goes to standard error.
    Test::new()
        .words("export dot France depth 0")
        .stdout_matches(|dot| {
            dot.starts_with("// actorgraph diagram of ") && !dot.contains("note:")
        })
        .stderr(
            "note: depth 0 holds France alone, without its ties: `depth 1` adds its neighbours\n",
        )
        .run();
    Test::new()
        .args(&["query", "export dot all as of 1900"])
        .stdout_matches(|dot| dot.starts_with("// actorgraph diagram of "))
        .stderr_matches(|err| err.starts_with("note: the time asked ends before"))
        .run();
}

/// A view too crowded to read thins its dates to those that change in its
/// time window, but only when it has one: without, `dates changes` would
/// drop only the "undated" labels, the caveat a reader needs. Karsovia is
/// a cold check's graph, whose two-hop view is too small to read. A view
/// left with no date says so.
#[test]
fn dates_are_thinned_only_in_a_time_window() {
    if !graphviz() {
        return;
    }
    let graph = manifest("tests/data/diagram/karsovia.ron")
        .display()
        .to_string();
    let thinned = "note: dates are shown only where they change";
    let whole = Test::new()
        .args(&["-g", &graph])
        .words("export dot NLA depth 2 to $TMP/whole.svg")
        .stdout_matches(move |out| {
            out.contains("warning: node text")
                && !out.contains(thinned)
                && out.contains("a span of time (`during`) and `dates changes`")
        })
        .run();
    let svg = std::fs::read_to_string(whole.path("whole.svg")).unwrap();
    assert!(
        svg.contains(">undated<"),
        "the undated ties keep their caveat"
    );
    Test::new()
        .args(&["-g", &graph])
        .words("export dot NLA depth 2 during 2023 to $TMP/then.svg")
        .stdout_matches(move |out| out.contains(thinned))
        .run();
    // No tie of the two hops may start or end in March 2024: the reader
    // is told that no date is drawn, not that some are.
    Test::new()
        .args(&["-g", &graph])
        .words("export dot NLA depth 2 as of 2024-03 to $TMP/none.svg")
        .stdout_matches(move |out| {
            out.contains("note: no date is drawn: no tie starts or ends in the view's time")
                && !out.contains(thinned)
        })
        .run();
    // `as of 2023-09` names September 2023 (its ties judged on its last
    // day): an end in that month is a change of the view's time, and
    // drawn. The cold check's end in June 2019, "as of 2019-06", was
    // dropped, and the note said no tie ended then.
    let september = Test::new()
        .args(&["-g", &graph])
        .words("export dot NLA depth 2 as of 2023-09 to $TMP/september.svg")
        .stdout_matches(move |out| out.contains(thinned) && !out.contains("no date is drawn"))
        .run();
    let svg = std::fs::read_to_string(september.path("september.svg")).unwrap();
    assert!(
        svg.contains("until Sep 2023"),
        "the end in the month is drawn"
    );
    // `dates changes` with no time to be inside of draws every date, and
    // says so (a cold check saw the same picture and no word why).
    Test::new()
        .args(&["-g", &graph])
        .words("export dot NLA depth 1 dates changes to $TMP/changes.svg")
        .stdout_matches(|out| {
            out.contains("note: `dates changes` draws only the dates inside the view's time, and this view has none (all dates), so every date is drawn")
        })
        .run();
}
