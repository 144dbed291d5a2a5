//! One query at a time: answers, errors and formats, as a person sees them.

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
fn a_question_before_every_dated_tie_says_so() {
    Test::new()
        .args(&["query", "who allied with JNIM before 2000"])
        .stdout(
            "no actors match · before 2000\n\
             note: the time asked ends before the graph's earliest dated tie (2012): nothing is known to hold\n      \
             before 2000; a tie shown has no known earliest start, so it only possibly held\n\
             note: JNIM is not active then (its life: 2017-03–)\n",
        )
        .run();
}

#[test]
fn a_network_that_holds_its_focus_alone_says_why() {
    Test::new()
        .args(&["query", "neighbors of France via subgroup-of as of 2014"])
        .stdout(
            "hops  actor   kind   certainty\n\
             0     France  state  certain\n\
             \n\
             1 actor, 0 ties · as of 2014\n\
             note: France has no subgroup-of tie as of 2014; its ties then: hostility (2), alliance (1)\n",
        )
        .run();
    Test::new()
        .args(&["query", "ties of France via subgroup-of as of 2014"])
        .stdout_matches(|out| {
            out.ends_with("note: France has no subgroup-of tie as of 2014; its ties then: hostility (2), alliance (1)\n")
        })
        .run();
}

#[test]
fn a_syntax_error_points_a_caret_at_the_word() {
    Test::new()
        .args(&["query", "who alied with JNIM"])
        .failure()
        .stderr(
            "error: expected a relation, such as `pledged allegiance to`, `allied with`, `fought`, \
                 `subgroup of`, …, found `alied`\n --> <query>:1:5\n  |\n1 | who alied with JNIM\n  |     \
                 ^^^^^\n  = help: did you mean `allied with`? `relations` lists each relation and how to ask it\n",
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

/// A failed `load` says which graph the next answers still come from.
#[test]
fn a_failed_load_says_the_old_graph_stays() {
    Test::new()
        .args(&["-g", "tests/data/boundaries.ron"])
        .write(
            "bad.ron",
            "(title: \"t\", actors: [], ties: [], as_of: \"2023-13\")",
        )
        .stdin("load $TMP/bad.ron\nshow Hub\n")
        .failure()
        .stdout_matches(|out| out.contains("Hub (hub)"))
        .stderr_matches(|err| {
            err.contains("month 13 does not exist")
                && err.ends_with("not loaded: still asking tests/data/boundaries.ron\n")
        })
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

/// `--echo` heads each piped answer with its query, so answers can be told
/// apart; blank and `#` lines are not echoed.
#[test]
fn echo_heads_each_piped_answer_with_its_query() {
    Test::new()
        .args(&["-g", "tests/data/boundaries.ron", "--echo"])
        .stdin("ties of Patron\n\n# a comment\nsubgroups of Hub certainly\n")
        .stdout(
            "» ties of Patron\n\
             relation       actor  dates     certainty  confidence  sources\n\
             allegiance  ←  Hub    2017-03–  certain    confirmed   s\n\
             1 tie · as of 2023-02 (the graph's date)\n\
             » subgroups of Hub certainly\n\
             actor  tie          relation     dates     certainty  confidence  sources\n\
             Child  Child → Hub  subgroup-of  2017-03–  certain    confirmed   s\n\
             1 actor · as of 2023-02 (the graph's date)\n\
             note: a question with no time asks about 2023-02, the graph's date; across all time there is 1 more\n      \
             (Grandchild): add `ever`, or a time such as `in 2020`\n",
        )
        .run();
}

/// CSV answers give a tie's start and end in columns of their own, each
/// as written (empty when unknown or ongoing), for spreadsheets to sort.
#[test]
fn csv_answers_split_a_ties_dates() {
    // Tie tables always have `details`, even when no tie has a note.
    let csv = |query: &str| {
        Test::new().args(&[
            "-g",
            "tests/data/boundaries.ron",
            "query",
            "-f",
            "csv",
            query,
        ])
    };
    csv("who fought \"Old Ally\" ever")
        .stdout_matches(|out| {
            out.starts_with(
                "actor,tie,relation,start,end,certainty,confidence,sources,details,answered_for\n",
            ) && out.contains(",hostility,,,certain,")
        })
        .run();
    csv("ties of \"Ended Nov\" ever")
        .stdout(
            "relation,direction,actor,start,end,certainty,confidence,sources,details,answered_for\n\
             alliance,both,Hub,2014,2022-11,certain,confirmed,s,,all time\n",
        )
        .run();
}

/// Names as typed: a leading "the" and a closing question mark are not
/// part of the name.
#[test]
fn the_mlf_and_a_question_mark_find_the_actor() {
    Test::new()
        .args(&["query", "who fought the MLF as of 2023-02?"])
        .stdout_matches(|out| out.contains("Malian junta") && out.ends_with("· as of 2023-02\n"))
        .run();
}

/// A misspelt keyword swallowed into a bare name is named as such, at the
/// word, instead of "no such actor, did you mean JNIM?".
#[test]
fn a_misspelt_keyword_is_blamed_not_the_name() {
    Test::new()
        .args(&["query", "who allied with JNIM aftr 2022"])
        .failure()
        .stderr(
            "error: `aftr` looks like a misspelt `after`\n \
             --> <query>:1:22\n  |\n1 | who allied with JNIM aftr 2022\n  |                      ^^^^\n",
        )
        .run();
}

/// A misspelt actor whose last word is near a keyword (`Fron`, `from`) gets
/// the actor; so does any quoted name, which is all name.
#[test]
fn a_misspelt_name_is_not_blamed_on_a_keyword() {
    Test::new()
        .args(&["query", "ties of Macina Liberation Fron"])
        .failure()
        .stderr_matches(|err| err.contains("did you mean MLF") && !err.contains("misspelt `from`"))
        .run();
    Test::new()
        .args(&["query", "ties of \"JNIM aftr\""])
        .failure()
        .stderr_matches(|err| {
            err.contains("no actor is called `JNIM aftr`") && !err.contains("misspelt")
        })
        .run();
}

/// A relation named twice after `via` is said at its second naming, and
/// `page` with `size` is a conflict, not a repetition.
#[test]
fn a_filter_named_twice_is_pointed_at() {
    Test::new()
        .args(&["query", "ties of JNIM via alliance, hostility, Alliance"])
        .failure()
        .stderr_matches(|err| {
            err.starts_with("error: `Alliance` is named twice after `via`\n")
                && err.contains("1:39")
        })
        .run();
    Test::new()
        .args(&["export", "dot", "JNIM", "page", "A4", "size", "10,5"])
        .failure()
        .stderr_matches(|err| {
            err.starts_with(
                "error: `size` and `page` both set the picture's size: give one of them\n",
            )
        })
        .run();
}

/// A misspelt relation is matched by fewest edits first: `allience` is one
/// letter from alliance and was offered allegiance.
#[test]
fn a_misspelt_relation_gets_the_nearest_by_edits() {
    Test::new()
        .args(&["query", "ties of JNIM via allience"])
        .failure()
        .stderr_matches(|err| err.contains("help: did you mean alliance? relations are"))
        .run();
}

/// The cold read of issue 10: a pair that names one actor twice is said to
/// be one actor; `--echo` keeps JSON Lines parseable by echoing on stderr.
#[test]
fn one_actor_named_twice_and_echo_beside_data_formats() {
    Test::new()
        .args(&[
            "query",
            "is JNIM allied with Jama'at Nusrat al Islam wa al Muslimeen",
        ])
        .stdout_matches(|out| out.contains("are the same actor, JNIM"))
        .run();
    Test::new()
        .args(&["--echo", "-f", "jsonl"])
        .stdin("ties of MLF\n")
        .stdout_matches(|out| {
            out.lines()
                .all(|l| serde_json::from_str::<serde_json::Value>(l).is_ok())
        })
        .stderr("» ties of MLF\n")
        .run();
}

/// The second cold read of issue 10: CSV carried no yes or no, and a
/// question asked the wrong way round showed no tie.
#[test]
fn verdicts_lead_csv_rows_and_show_the_tie_that_runs_the_other_way() {
    Test::new()
        .args(&["query", "-f", "csv", "is ISGS allied with JNIM"])
        .stdout(
            "answer,relation,tie,start,end,certainty,confidence,sources,details,answered_for\n\
             no,,,,,,,,,as of 2023-02 (the graph's date)\n",
        )
        .run();
    Test::new()
        .args(&["query", "is JNIM a subgroup of MLF"])
        .stdout_matches(|out| {
            out.starts_with("no: JNIM subgroup of MLF (no tie reads that way; the one below runs the other way)")
                && out.contains("MLF → JNIM")
        })
        .run();
}

/// A cold check: `timeline` listed a `2023-06~` tie before a `2023-05`
/// event. Every precision sorts at its stated position: a month, an
/// approximate month, a year, a range, an uncertain year.
#[test]
fn a_timeline_sorts_mixed_precisions_at_their_stated_position() {
    Test::new()
        .args(&[
            "-g",
            "tests/data/diagram/karsovia.ron",
            "query",
            "timeline NLA",
        ])
        .success()
        .stdout_matches(|out| {
            let dates: Vec<&str> = out
                .lines()
                .skip(1)
                .filter(|l| !l.starts_with(' '))
                .filter_map(|l| l.split_whitespace().next())
                .collect();
            let at = |date: &str| dates.iter().position(|d| *d == date).unwrap_or(usize::MAX);
            at("2023-05") < at("2023-06~")
                && at("2021-08-04") < at("2022?")
                && at("2022?") < at("2022-01-15")
                && at("2022-02") < at("[2022-03..2022-06]")
                && at("2022-04") < at("2022-07~")
        })
        .run();
}

/// A question with no time is asked as of the graph's date: a list that
/// leaves out a tie that held only before says so, and names who, not
/// only when the list is empty (the cold check's `who trained FDF` left
/// out a trainer of 2019–2022 without a word).
#[test]
fn a_list_asked_as_of_now_names_what_held_only_before() {
    Test::new()
        .args(&["query", "who fought JNIM"])
        .stdout_matches(|out| {
            out.contains("\nISGS ")
                && !out.contains("\nFrance ")
                && out
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .contains("across all time there is 1 more (France): add `ever`")
        })
        .run();
    Test::new()
        .args(&["query", "who fought JNIM ever"])
        .stdout_matches(|out| out.contains("\nFrance ") && !out.contains("add `ever`"))
        .run();
    // Nothing left out, nothing said.
    Test::new()
        .args(&["query", "who leads JNIM"])
        .stdout_matches(|out| !out.contains("across all time"))
        .run();
}

/// A yes/no answer is said as the question was: `are A and B at war` is
/// answered `A and B are at war`, `were …` in the past; `did A lead B` is
/// answered `A led B`, a declared relation's irregular past included; a
/// symmetric relation named by a noun is asked of a pair (`rivals`).
#[test]
fn yes_no_answers_are_said_as_asked() {
    for (graph, query, answer) in [
        (
            None,
            "are JNIM and ISGS at war",
            "yes: JNIM and ISGS are at war",
        ),
        (
            None,
            "were JNIM and ISGS at war in 2020",
            "possibly: JNIM and ISGS were at war",
        ),
        (
            None,
            "did Iyad ag Ghali lead JNIM in 2019",
            "yes: Iyad ag Ghali led JNIM",
        ),
        (
            Some("tests/data/diagram/karsovia.ron"),
            "did Amar Tesh lead NLA in 2020",
            "yes: Amar Tesh led Northern Liberation Army",
        ),
        (
            Some("tests/data/diagram/karsovia.ron"),
            "were NLA and Sword of Faith rivals in 2021",
            "likely: Northern Liberation Army and Sword of Faith were rivals",
        ),
    ] {
        let mut args = Vec::new();
        if let Some(graph) = graph {
            args.extend(["-g", graph]);
        }
        args.extend(["query", query]);
        Test::new()
            .args(&args)
            .stdout_matches(move |out| out.starts_with(answer))
            .run();
    }
}
