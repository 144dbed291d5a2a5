//! One test per bug that was found and fixed, named after the bug, through
//! the real binary (ripgrep's `tests/regression.rs`). The commit that fixed
//! each is named beside it; a failure here means the bug is back.

mod common;
use common::Test;

/// A graph of `n` actors `A0`…`A{n-1}` in a chain of alliances.
fn chain(n: usize) -> String {
    let actors: Vec<String> = (0..n)
        .map(|i| format!("        (id: \"a{i}\", name: \"A{i}\", kind: group),\n"))
        .collect();
    let ties: Vec<String> = (1..n)
        .map(|i| {
            format!(
                "        (from: \"a{}\", to: \"a{i}\", relation: \"alliance\", confidence: confirmed),\n",
                i - 1
            )
        })
        .collect();
    format!(
        "(\n    title: \"chain\",\n    actors: [\n{}    ],\n    ties: [\n{}    ],\n)\n",
        actors.concat(),
        ties.concat()
    )
}

/// 2f886b7: a walk stopped at 32 hops without saying so.
#[test]
fn depth_was_silently_capped_at_32() {
    Test::new()
        .write("chain.ron", chain(40))
        .args(&["-g", "$TMP/chain.ron", "query", "neighbors of A0 depth 40"])
        .stdout_golden("tests/golden/cli/regression-depth-40.txt")
        .run();
}

/// 2f886b7: `query show "al Qaeda in the Islamic Maghreb"` in separate words
/// lost the quotes and looked up the first word alone.
#[test]
fn quoted_multi_word_alias_broke_query_show() {
    for args in [
        &["query", "show", "\"al Qaeda in the Islamic Maghreb\""][..],
        &["query", "show \"al Qaeda in the Islamic Maghreb\""],
        &["query", "show", "al Qaeda in the Islamic Maghreb"],
        &["query", "show", "AQIM"],
    ] {
        Test::new()
            .args(args)
            .stdout_golden("tests/golden/cli/show-aqim.txt")
            .run();
    }
}

/// 2f886b7: a line of piped input that was not UTF-8 ended the REPL; it is
/// an error on that line, and the next lines still run.
#[test]
fn non_utf8_line_on_a_pipe_ended_the_repl() {
    Test::new()
        .stdin(b"show ISGS\n\xff\xfe\nshow CMA\n")
        .failure()
        .stdout_golden("tests/golden/cli/regression-show-isgs-and-cma.txt")
        .stderr("error: this line is not UTF-8 text\n --> <stdin>:2\n")
        .run();
}

/// 2f886b7: names and notes went to the terminal with their control
/// characters (escape sequences, bells, carriage returns).
#[test]
fn control_characters_in_names_reached_the_terminal() {
    let graph = "(\n    title: \"t\",\n    actors: [\n        \
        (id: \"red\", name: \"Red\\u{1b}[31m Front\\u{7}\", kind: group, note: \"one\\rtwo\\u{1b}]0;title\\u{7}\"),\n        \
        (id: \"tab\", name: \"Tab\\tBrigade\", kind: militia),\n    ],\n    ties: [\n        \
        (from: \"red\", to: \"tab\", relation: \"alliance\", confidence: confirmed, note: \"x\\u{8}y\"),\n    ],\n)\n";
    for query in ["actors", "show red"] {
        let output = Test::new()
            .write("control.ron", graph)
            .args(&["-g", "$TMP/control.ron", "query", query])
            .stdout_golden(&format!(
                "tests/golden/cli/regression-control-{}.txt",
                query.replace(' ', "-")
            ))
            .run();
        // Not even in a regenerated golden file.
        assert!(
            !output.stdout.chars().any(|c| c.is_control() && c != '\n'),
            "{:?}",
            output.stdout
        );
    }
}

/// 92a5c7c: a failed write printed `error: error: …` and named the
/// temporary file beside the target.
#[test]
fn write_errors_printed_error_error() {
    let no_folder = "its folder does not exist: no folder `/nonexistent-dir`";
    Test::new()
        .args(&["export", "dot", "all", "to", "/nonexistent-dir/x.dot"])
        .failure()
        .stderr(&format!(
            "error: cannot write `/nonexistent-dir/x.dot`: {no_folder}\n --> <export>:1:19\n  |\n\
             1 | export dot all to /nonexistent-dir/x.dot\n  |                   ^^^^^^^^^^^^^^^^^^^^^^\n"
        ))
        .run();
    Test::new()
        .args(&[
            "export",
            "graphml",
            "all",
            "to",
            "/nonexistent-dir/x.graphml",
        ])
        .failure()
        .stderr(&format!(
            "error: export graphml: cannot write `/nonexistent-dir/x.graphml`: {no_folder}\n \
             --> <export>:1:23\n  |\n1 | export graphml all to /nonexistent-dir/x.graphml\n  \
             |                       ^^^^^^^^^^^^^^^^^^^^^^^^^^\n"
        ))
        .run();
    Test::new()
        .args(&[
            "import",
            "csv",
            "--ties",
            "tests/data/interchange/ties.csv",
            "-o",
            "/nonexistent-dir/x.ron",
        ])
        .failure()
        .stderr_matches(move |stderr| {
            // The rejected rows come first (shown under their reasons), then
            // the one error, said once.
            stderr.ends_with(&format!(
                "error: cannot write `/nonexistent-dir/x.ron`: {no_folder}\n"
            )) && !stderr.contains("error: error:")
                && stderr.contains("warning: rejected:")
        })
        .run();
}

/// 8f008b2, 1ee1272: exporting the Sahel graph to CSV and importing it back
/// lost relations, sources, the title, uncertain dates and events.
#[test]
fn csv_round_trip_was_lossy() {
    let export = Test::new()
        .args(&["export", "csv", "all", "to", "$TMP/csv/"])
        .stdout(
            "wrote $TMP/csv/actors.csv, $TMP/csv/ties.csv, $TMP/csv/relations.csv, \
             $TMP/csv/sources.csv, $TMP/csv/events.csv, $TMP/csv/graph.csv (25 actors, 61 ties)\n",
        )
        .run();
    let output = export
        .then()
        .args(&[
            "import",
            "csv",
            "--strict",
            "--actors",
            "$TMP/csv/actors.csv",
            "--ties",
            "$TMP/csv/ties.csv",
            "-o",
            "$TMP/back.ron",
        ])
        .stderr(
            "$TMP/back.ron: 25 actors (0 from ties), 61 ties imported; 12 relations declared; \
             10 sources added; 24 events added; read graph.csv, relations.csv, sources.csv, \
             events.csv; 133 rows read: 133 imported, 0 merged, 0 skipped, 0 rejected (N s)\n",
        )
        .run();
    let back = actorgraph::store::ron::load(&output.path("back.ron")).unwrap();
    let sahel = actorgraph::store::ron::load(&common::manifest("graphs/sahel.ron")).unwrap();
    assert_eq!(back.to_spec(), sahel.to_spec());
    assert!(back == sahel);
}

/// 2f886b7: `frames` (one picture a year) was accepted beside a time
/// operator, which it silently overrode; and in exports that draw no
/// pictures.
#[test]
fn frames_could_be_combined_with_a_time_operator() {
    Test::new()
        .args(&[
            "export", "dot", "JNIM", "frames", "2019..2020", "as", "of", "2022", "to", "$TMP/f/",
        ])
        .failure()
        .stderr(
            "error: `frames` and a time operator cannot be combined\n --> <export>:1:35\n  |\n\
             1 | export dot JNIM frames 2019..2020 as of 2022 to $TMP/f/\n  |                                   \
             ^^\n  = help: each frame shows one year; leave out the time operator\n",
        )
        .run();
    Test::new()
        .args(&["export", "json", "all", "frames", "2019..2020"])
        .failure()
        .stderr("error: `frames`, `theme`, `dates`, `page` and `size` are for diagrams; export json takes none of them\n --> <export>:1:8\n  |\n1 | export json all frames 2019..2020\n  |        ^^^^\n")
        .run();
}

/// 2f886b7: a second time operator replaced the first without a word.
#[test]
fn a_second_time_operator_was_silently_taken() {
    Test::new()
        .args(&["query", "who allied with JNIM after 2020 before 2023"])
        .failure()
        .stderr(
            "error: `before` is a second time operator\n --> <query>:1:33\n  |\n\
             1 | who allied with JNIM after 2020 before 2023\n  |                                 \
             ^^^^^^\n  = help: use one time operator; `between A and B` gives a range\n",
        )
        .run();
}

/// 2f886b7: `actors of kind state force` matched the kind `state` and left
/// `force` over.
#[test]
fn actors_of_kind_state_force_took_the_shorter_kind() {
    Test::new()
        .args(&["query", "actors of kind state force"])
        .stdout("actor        kind\nMalian army  state_force\n1 actor\n")
        .run();
}

/// 2f886b7: `neighbors` listed ties relative to the focus (`Hub ← Child`)
/// instead of from → to (`Child → Hub`).
#[test]
fn neighbors_listed_ties_relative_to_the_focus() {
    Test::new()
        .args(&[
            "-g",
            "tests/data/boundaries.ron",
            "query",
            "neighbors of Child depth 1",
        ])
        .stdout(
            "hops  actor  kind     certainty\n\
             0     Child  faction  certain\n\
             1     Hub    group    certain\n\
             \n\
             relation     tie          dates     certainty  confidence  sources\n\
             subgroup-of  Child → Hub  2017-03–  certain    confirmed   s\n\
             2 actors, 1 tie · as of 2023-02 (the graph's date)\n",
        )
        .run();
}

/// 2f886b7: `changes` marked a tie as `changed from` the old relation while
/// the old tie was still running; and summaries said `1 ties`.
#[test]
fn changed_from_was_marked_before_the_old_tie_ended() {
    Test::new()
        .args(&[
            "-g",
            "tests/data/boundaries.ron",
            "query",
            "changes between 2022 and 2023",
        ])
        .stdout(
            "date        event                  who              relation   certainty  confidence  sources\n\
             2022        began                  One Day — Hub    alliance   certain    confirmed   s\n\
             2022-07     began                  Hub — Mid Year   alliance   certain    likely      s\n\
             2022-11     ended                  Ended Nov — Hub  alliance   certain    confirmed   s\n\
             2023-01     ended                  One Day — Hub    alliance   certain    confirmed   s\n\
             2023-02-08  changed from alliance  Hub — One Day    hostility  certain    confirmed   s\n\
             2023-02-08  ended                  Hub — One Day    hostility  certain    confirmed   s\n\
             6 events · between 2022 and 2023\n",
        )
        .run();
}

/// 2f886b7: summaries said `1 ties` and `1 actors`.
#[test]
fn summaries_said_1_ties() {
    Test::new()
        .args(&["-g", "tests/data/boundaries.ron", "query", "ties of Patron"])
        .stdout(
            "relation       actor  dates     certainty  confidence  sources\n\
             allegiance  ←  Hub    2017-03–  certain    confirmed   s\n\
             1 tie · as of 2023-02 (the graph's date)\n",
        )
        .run();
}

/// 2f886b7: `stats` in JSON gave bare arrays instead of objects.
#[test]
fn stats_json_gave_arrays() {
    Test::new()
        .args(&[
            "-g",
            "tests/data/boundaries.ron",
            "query",
            "--format",
            "json",
            "stats",
        ])
        .stdout_golden("tests/golden/cli/regression-stats-boundaries.json")
        .run();
}

/// 2f886b7: an unknown help topic and `expect export` had no message of
/// their own.
#[test]
fn an_unknown_help_topic_and_expect_export_had_no_message() {
    Test::new()
        .args(&["query", "help nosuch"])
        .failure()
        .stderr_matches(|e| e.starts_with("error: no help on `nosuch`"))
        .run();
    Test::new()
        .args(&["run", "-"])
        .stdin("expect export dot all\n")
        .failure()
        .stdout("» expect export dot all\nerror (see standard error)\n\n")
        .stderr(
            "error: expected `includes`, `excludes`, `is empty`, `is not empty` or `count N`, \
             found the end of the query\n --> <stdin>:1:22\n  |\n1 | expect export dot all\n  \
             |                      ^\n<stdin>: 1 statement, 1 expectation, 0 failed, 1 error\n",
        )
        .run();
}

/// Issue 14, item 13: `help nonsense` printed a note and exited 0, so a
/// script or a shell could not tell it from help. It is now an error at
/// the topic, listing the topics.
#[test]
fn help_nonsense_exited_0() {
    Test::new()
        .args(&["query", "help nonsense"])
        .failure()
        .stdout("")
        .stderr(
            "error: no help on `nonsense`\n --> <query>:1:6\n  |\n1 | help nonsense\n  |      \
             ^^^^^^^^\n  = help: topics are pairs, verbs, time, export and expect, or `help` for everything\n",
        )
        .run();
    Test::new()
        .args(&["query", "help Time"])
        .stdout_matches(|out| out.starts_with("Time (T is"))
        .run();
}

/// bc31953: CSV tie tables called the arrow column `kind`, with arrows for
/// values, when the header was blank.
#[test]
fn csv_tie_tables_called_the_direction_column_kind() {
    Test::new()
        .args(&[
            "-g",
            "tests/data/boundaries.ron",
            "query",
            "--format",
            "csv",
            "ties of Hub via subgroup-of, allegiance ever",
        ])
        .stdout(
            "relation,direction,actor,start,end,certainty,confidence,sources,details,answered_for\n\
             allegiance,out,Patron,2017-03,,certain,confirmed,s,,all time\n\
             subgroup-of,in,Child,2017-03,,certain,confirmed,s,,all time\n",
        )
        .run();
}

/// A question asked of `tests/data/chains.ron`: chains whose links differ
/// in certainty, and an undated actor.
fn on_chains(query: &str) -> Test {
    Test::new().args(&["-g", "tests/data/chains.ron", "query", query])
}

/// Review of issue 8: a step down a chain was as sure as its own tie, so a
/// certain subgroup of a possible subgroup was listed as certain (and its
/// tie shown certain under a possible row); a neighbour was certain at a
/// hop reached only by possible ties; and a network's summary counted
/// possible actors as if they were ties.
#[test]
fn a_chain_was_as_sure_as_its_last_link() {
    on_chains("subgroups of Hub as of 2022-03")
        .stdout(
            "actor   tie            relation     dates  certainty  confidence  sources\n\
             Branch  Branch → Hub   subgroup-of  2022–  possible   confirmed   s\n\
            \x20 Cell  Cell → Branch  subgroup-of  2020–  possible   confirmed   s\n\
             2 actors, 2 of them possibly · as of 2022-03\n",
        )
        .run();
    on_chains("parents of Cell as of 2022-03")
        .stdout(
            "actor       tie            relation     dates  certainty  confidence  sources\n\
             Branch      Cell → Branch  subgroup-of  2020–  certain    confirmed   s\n\
            \x20 Hub       Branch → Hub   subgroup-of  2022–  possible   confirmed   s\n\
            \x20   Patron  Hub → Patron   allegiance   2015–  possible   confirmed   s\n\
             3 actors, 2 of them possibly · as of 2022-03\n",
        )
        .run();
    on_chains("neighbors of Cell depth 3 as of 2022-03")
        .stdout(
            "hops  actor   kind     certainty\n\
             0     Cell    faction  certain\n\
             1     Branch  faction  certain\n\
             2     Hub     group    possible\n\
             3     Patron  group    possible\n\
             \n\
             relation     tie            dates  certainty  confidence  sources\n\
             allegiance   Hub → Patron   2015–  possible   confirmed   s\n\
             subgroup-of  Cell → Branch  2020–  certain    confirmed   s\n\
             subgroup-of  Branch → Hub   2022–  possible   confirmed   s\n\
             4 actors (2 of them possibly), 3 ties (2 of them possibly) · as of 2022-03\n",
        )
        .run();
}

/// Review of issue 8: an undated actor counted as certainly alive in any
/// window (`stats during 1200`); only a certain tie makes it certain.
#[test]
fn an_undated_actor_was_certainly_alive_at_any_time() {
    on_chains("stats during 1990")
        .stdout_matches(|out| {
            out.contains("1 actor (1 of them possibly); 0 active ties · during 1990\n")
        })
        .run();
    on_chains("stats during 2013")
        .stdout_matches(|out| out.contains("5 actors; 1 active tie · during 2013\n"))
        .run();
    on_chains("neighbors of Drifter during 1990")
        .stdout_matches(|out| out.contains("0     Drifter  group  possible\n"))
        .run();
    // `certainly` keeps only what is sure: no possibly-alive actor counted.
    // 1990 is before every dated tie of the graph: a note says so.
    let before = "note: the time asked ends before the graph's earliest dated tie (2012)";
    on_chains("stats during 1990 certainly")
        .stdout_matches(move |out| {
            out.contains("0 actors; 0 active ties · during 1990\n") && out.contains(before)
        })
        .run();
    on_chains("neighbors of Drifter during 1990 certainly")
        .stdout_matches(move |out| {
            out.contains("0 actors, 0 ties · during 1990\n") && out.contains(before)
        })
        .run();
}

/// Cold read of issue 8: `neighbors` showed France as a certain neighbour
/// of JNIM at one hop in 2017, though their direct tie is only possible
/// then (France is certain only two hops away, through Ansar al Din).
#[test]
fn a_neighbour_was_certain_at_a_hop_only_possible_ties_reach() {
    Test::new()
        .args(&["query", "neighbors of JNIM depth 2 in 2017"])
        .stdout_matches(|out| {
            out.contains("\n1     France                       state        possible\n")
                && out.contains("France — JNIM")
        })
        .run();
}

/// Cold read of issue 8: `timeline` marked `changed from hostility` when the
/// hostility (ended `[2015..2020]`) may have outlasted the alliance begun
/// in 2016, and listed a tie's end before its own beginning when the start
/// was written open before (`[..2022-11]`, ended `2022-11`).
#[test]
fn a_change_was_claimed_while_the_old_tie_may_still_have_run() {
    let graph = r#"(
    title: "t",
    as_of: "2021-06",
    sources: [(id: "s", citation: "c")],
    actors: [
        (id: "z", name: "Zeta", kind: state),
        (id: "t", name: "Theta", kind: community),
    ],
    ties: [
        (from: "z", to: "t", relation: "hostility", start: "2011", end: "[2015..2020]", confidence: confirmed, sources: ["s"]),
        (from: "z", to: "t", relation: "alliance", start: "2016", confidence: likely, sources: ["s"]),
        (from: "t", to: "z", relation: "allegiance", start: "[..2019-11]", end: "2019-11", confidence: confirmed, sources: ["s"]),
    ],
)"#;
    Test::new()
        .write("g.ron", graph)
        .args(&["-g", "$TMP/g.ron", "query", "timeline Theta"])
        .stdout(
            "date          event  who           relation    certainty  confidence  sources\n\
             2011          began  Zeta — Theta  hostility   certain    confirmed   s\n\
             [2015..2020]  ended  Zeta — Theta  hostility   certain    confirmed   s\n\
             2016          began  Zeta — Theta  alliance    certain    likely      s\n\
             [..2019-11]   began  Theta → Zeta  allegiance  certain    confirmed   s\n\
             2019-11       ended  Theta → Zeta  allegiance  certain    confirmed   s\n\
             5 events · all time; now is 2021-06, the graph's date\n",
        )
        .run();
}

/// Cold check of 2026-12-02: a tie with no end whose actor's life ended
/// read as running ("2011–", `"end": null`), though only `timeline` said
/// it "ended with" the actor. Every answer now ends it with the actor, and
/// says so in text, CSV and JSON.
#[test]
fn a_tie_with_no_end_read_as_running_after_its_actor_ended() {
    let ask = |format: &str, question: &str| {
        Test::new()
            .args(&[
                "-g",
                "tests/data/boundaries.ron",
                "query",
                "-f",
                format,
                question,
            ])
            .stdout_matches(|_| true)
            .run()
            .stdout
    };
    let table = ask("text", "ties of Gone ever");
    let row = table.lines().find(|l| l.contains("Old Ally")).unwrap();
    assert!(row.contains("?–[..2016-06]"), "{table}");
    assert!(
        table.contains("ended with Gone (active until 2016-06); the tie's own end is not recorded"),
        "{table}"
    );
    let when = ask("text", "when did Gone fight \"Old Ally\"");
    assert!(
        when.contains("no end recorded, but Gone was active only until 2016-06, so it ended by"),
        "{when}"
    );
    assert_eq!(
        when.matches("ended with Gone").count(),
        0,
        "said once: {when}"
    );
    let csv = ask("csv", "ties of Gone ever");
    assert!(csv.contains(",,[..2016-06],"), "{csv}");
    let json: serde_json::Value = serde_json::from_str(&ask("json", "ties of Gone ever")).unwrap();
    let text = json.to_string();
    assert!(
        text.contains(r#""ended_with":{"actor":{"id":"gone","name":"Gone"},"end":"2016-06"}"#),
        "{text}"
    );
}
