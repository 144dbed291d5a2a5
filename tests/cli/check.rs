//! `actorgraph check`: graph files validated, every problem placed.

use super::*;

#[test]
fn the_bundled_graph_passes() {
    Test::new()
        .args(&["check", "graphs/sahel.ron"])
        .stdout("graphs/sahel.ron: ok — 25 actors, 61 ties, 24 events, 10 sources\n")
        .run();
}

#[test]
fn the_graph_named_with_g_is_checked_as_every_command_reads_it() {
    Test::new()
        .args(&["-g", "graphs/sahel.ron", "check"])
        .stdout("graphs/sahel.ron: ok — 25 actors, 61 ties, 24 events, 10 sources\n")
        .run();
    // Named twice, checked once.
    Test::new()
        .args(&["-g", "graphs/sahel.ron", "check", "graphs/sahel.ron"])
        .stdout("graphs/sahel.ron: ok — 25 actors, 61 ties, 24 events, 10 sources\n")
        .run();
    Test::new()
        .args(&["check"])
        .status(2)
        .stderr_matches(|err| {
            err.contains("name the graph files to check") && err.contains("-g FILE check")
        })
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
            .stderr(&one_problem(&message, &text, 9, 59, date.len() + 2))
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
        .stderr(
            &one_problem("the graph has no `title`", text, 1, 1, 1).replace(
                "graph.ron: 1 problem",
                "  = help: give what the graph covers, for titles and listings: \
             `title: \"Sahel armed groups\"`\ngraph.ron: 1 problem",
            ),
        )
        .run();
    let text = "(title: \"a\", title: \"b\")";
    check(text)
        .failure()
        .stderr(&one_problem(
            "the graph gives `title` twice: keep one",
            text,
            1,
            14,
            5,
        ))
        .run();
}

/// Left `b` in 2016 and `b` joined `a` in 2016: the two may not have
/// overlapped, so the file loads; queries only chain them where they may.
/// Surely overlapping dates (within 2016 and from 2016-12) still fail.
#[test]
fn a_cycle_the_dates_only_make_possible_is_allowed() {
    let handover = |second_start: &str| {
        MINIMAL.replace(
            "ties: [",
            &format!(
                r#"ties: [
        (from: "a", to: "b", relation: "subgroup-of", start: "2010", end: "2016", confidence: confirmed),
        (from: "b", to: "a", relation: "subgroup-of", start: "{second_start}", confidence: confirmed),"#
            ),
        )
    };
    check(handover("2016"))
        .stdout(
            "graph.ron: ok — 2 actors, 3 ties, 0 events, 1 source
",
        )
        .run();
    check(handover("2015-12"))
        .failure()
        .stderr_matches(|err| err.contains("subgroup-of cycle `a` → `b` → `a` on 2015-12-31"))
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
fn every_missing_field_is_reported_at_once_at_its_item() {
    // Fields a tie, actor, source, relation or event cannot do without,
    // left out across the file: each is named in words, at its item's
    // opening, all in one go, with the other problems still found.
    let text = r#"(
    sources: [(id: "s"), (citation: "no id")],
    relations: [(name: "leads")],
    actors: [
        (id: "a", name: "A", kind: group),
        (id: "b", kind: group),
        (name: "C", kind: group),
    ],
    ties: [
        (from: "a", to: "b", relation: "alliance", sources: ["s"]),
        (from: "a", relation: "hostility", confidence: likely),
        (from: "a", to: "b", relation: "alliance", sources: ["t"]),
    ],
    events: [(date: "2020", actors: ["a"], what: "met")],
)"#;
    let shown = check(text).failure().stderr_matches(|_| true).run().stderr;
    let messages: Vec<&str> = shown.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(
        messages,
        [
            "error: this source has no `citation`",
            "error: this source has no `id`",
            "error: this relation has no `directed`",
            "error: this actor has no `name`",
            "error: this actor has no `id`",
            "error: this tie has no `confidence`",
            "error: this tie has no `to`",
            "error: this tie has no `confidence`",
            "error: tie cites source `t`, which the graph does not declare",
            "error: this event has no `confidence`",
            "error: the graph has no `title`",
        ]
    );
    for (place, line) in [
        ("graph.ron:2:15", "this source has no `citation`"),
        ("graph.ron:2:26", "this source has no `id`"),
        ("graph.ron:6:9", "this actor has no `name`"),
        ("graph.ron:10:9", "this tie has no `confidence`"),
        ("graph.ron:11:9", "this tie has no `to`"),
        ("graph.ron:14:14", "this event has no `confidence`"),
        ("graph.ron:1:1", "the graph has no `title`"),
    ] {
        let at = shown
            .find(line)
            .unwrap_or_else(|| panic!("no `{line}`:\n{shown}"));
        assert!(
            shown[at..].contains(place),
            "`{line}` not at {place}:\n{shown}"
        );
    }
    assert!(shown.ends_with("graph.ron: 11 problems\n"), "{shown}");
    for jargon in ["Unexpected", "Spec", "Draft", "`Actor`"] {
        assert!(!shown.contains(jargon), "{jargon}:\n{shown}");
    }
}

#[test]
fn syntax_errors_name_file_line_and_column() {
    let text = "(\n    title: \"t\",\n    actors: [\n        (id: \"a\", nme: \"A\", kind: group),\n    ],\n)";
    check(text)
            .failure()
            .stderr(
                r#"error: this actor has no field `nme`: its fields are `id`, `name`, `aliases`, `kind`, `tags`, `active` or `note`
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
        .stderr(&one_problem("month 13 does not exist", &text, 9, 59, 9))
        .run();
    let text = MINIMAL.replace("kind: militia", "kind: navy");
    let error = "`navy` is not an actor kind: write `group`, `faction`, `coalition`, \
                 `militia`, `community`, `state`, `state_force`, `pmc`, `igo` or `person`";
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
            "expected a comma between two fields or items",
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
        .stderr(&one_problem(
            "expected a list in brackets: `[…]`",
            cut,
            6,
            40,
            1,
        ))
        .run();
    let text = "(title: \"never closed";
    check(text)
        .failure()
        .stderr(&one_problem(
            "the text is not closed: a `\"` is missing",
            text,
            1,
            9,
            1,
        ))
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
        .stderr("error: cannot read graph file `graphs`: it is a directory\ngraphs: 1 problem\n")
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
        .stderr(
            "error: cannot read graph file `missing.ron`: no such file\nmissing.ron: 1 problem\n",
        )
        .run();
}

#[test]
fn every_bad_date_is_reported_with_the_other_problems() {
    let text = MINIMAL
        .replace(
            "(id: \"a\", name: \"Alpha\", kind: group)",
            "(id: \"a\", name: \"Alpha\", kind: group, active: (start: \"2013-13\"))",
        )
        .replace("start: \"2020\"", "start: \"20XX~\", end: \"[2016..2014]\"")
        .replace("sources: [\"s\"]),", "sources: [\"nope\"]),");
    check(&text)
        .failure()
        .stderr_matches(|stderr| {
            [
                "month 13 does not exist\n --> graph.ron:5:",
                "`20XX~` is not a date",
                "`[2016..2014]` ends before it starts",
                "tie cites source `nope`",
                "graph.ron: 4 problems",
            ]
            .iter()
            .all(|part| stderr.contains(part))
        })
        .run();
}

/// An unreadable `as_of` is reported at that field, with the other bad
/// dates, and never read as a placeholder date.
#[test]
fn a_bad_as_of_is_placed_at_its_field() {
    let text = MINIMAL
        .replace("title: \"t\",", "title: \"t\",\n    as_of: \"2023-13\",")
        .replace("start: \"2020\"", "start: \"20x0\"");
    check(&text)
        .failure()
        .stderr_matches(|stderr| {
            [
                "month 13 does not exist\n --> graph.ron:3:12\n",
                "`20x0` is not a date",
                "graph.ron: 2 problems",
            ]
            .iter()
            .all(|part| stderr.contains(part))
        })
        .run();
}

/// Issue 14, item 9: ids, relations and sources quoted in `check`'s
/// messages are data; an escape sequence in them must not reach the
/// terminal (here an OSC that would set the window's title).
#[test]
fn messages_never_pass_escape_sequences_through() {
    let text = "(\n    title: \"t\",\n    sources: [(id: \"s\", citation: \"c\")],\n    actors: [(id: \"a\", name: \"A\", kind: group)],\n    ties: [\n        (from: \"a\", to: \"x\\u{1b}]0;pwned\\u{7}\", relation: \"r\\u{1b}[2J\", confidence: likely, sources: [\"s\\u{9b}31m\"]),\n    ],\n)";
    check(text)
        .failure()
        .stderr_matches(|err| {
            err.contains("pwned")
                && !err
                    .chars()
                    .any(|c| c.is_control() && c != '\n' && c != '\t')
        })
        .run();
}

/// A cold check: a `)` missing at a line's end was reported at the next
/// line, where RON noticed it. The bracket or quote left open is shown
/// instead, on its own line, with where to close it.
#[test]
fn a_bracket_or_quote_left_open_is_shown_where_it_opens() {
    let cases: &[(&str, &str, &str)] = &[
        (
            r#"(from: "a", to: "b", relation: "alliance", start: "2020", confidence: likely, sources: ["s"]),"#,
            r#"(from: "a", to: "b", relation: "alliance", start: "2020", confidence: likely, sources: ["s"],"#,
            "error: this `(` is never closed: line 10 begins a new item\n --> graph.ron:9:9\n",
        ),
        (
            r#"sources: ["s"]),"#,
            r#"sources: ["s"),"#,
            "error: this `[` is never closed\n --> graph.ron:9:96\n",
        ),
        (
            r#"(from: "a", to: "b","#,
            r#"(from: "a, to: "b","#,
            "error: this text is not closed where it should be: a `\"` is missing\n --> graph.ron:9:16\n",
        ),
    ];
    for (good, bad, expected) in cases {
        // A second tie after the first, so the missing `)` shows on the next line.
        let text = MINIMAL.replacen(
            "        (from: \"a\", to: \"b\", relation: \"alliance\", start: \"2020\", confidence: likely, sources: [\"s\"]),\n",
            "        (from: \"a\", to: \"b\", relation: \"alliance\", start: \"2020\", confidence: likely, sources: [\"s\"]),\n        (from: \"b\", to: \"a\", relation: \"alliance\", confidence: likely, sources: [\"s\"]),\n",
            1,
        );
        assert!(text.contains(good), "{good}");
        let text = text.replacen(good, bad, 1);
        let expected = expected.to_string();
        check(text)
            .failure()
            .stderr_matches(move |err| err.starts_with(&expected) && err.contains("help: "))
            .run();
    }
}

/// A cold check: a range typed with three dots was reported by a fragment
/// (`.2022-06` is not a date). The mistake is pointed at inside the date,
/// with the range written right.
#[test]
fn a_range_almost_written_right_is_pointed_at_inside_the_date() {
    for (typo, mistake, message) in [
        (
            "[2020...2021]",
            "...",
            "`...` in `[2020...2021]` is not how a range is written: write `..` (two dots): `[2020..2021]`",
        ),
        (
            "2020..",
            "..",
            "`..` in `2020..` is not how a range is written: a range goes in square brackets: `[2020..]`",
        ),
    ] {
        let text = MINIMAL.replace("start: \"2020\"", &format!("start: \"{typo}\""));
        let line = 9;
        let column = text.lines().nth(line - 1).unwrap().find(typo).unwrap()
            + typo.find(mistake).unwrap()
            + 1;
        check(text.clone())
            .failure()
            .stderr(&one_problem(message, &text, line, column, mistake.len()))
            .run();
    }
}

/// A word off its list (`confidence: sure`, `kind: gang`) stopped the read
/// at the first; each is now reported with the rest, at its place, with
/// the words allowed.
#[test]
fn every_word_off_its_list_is_reported_at_once() {
    let text = MINIMAL
        .replace("kind: militia", "kind: gang")
        .replace("confidence: likely", "confidence: sure");
    check(text)
        .failure()
        .stderr_matches(|err| {
            err.contains("error: `gang` is not an actor kind: write `group`, ")
                && err.contains(" --> graph.ron:6:61\n")
                && err.contains(
                    "error: `sure` is not a confidence: write `possible`, `likely` or `confirmed`\n --> graph.ron:9:79\n",
                )
                && err.ends_with("graph.ron: 2 problems\n")
        })
        .run();
}
