//! CSV imports: layouts, mappings, rejections with their lines, merges into an open graph.

use super::*;
use actorgraph::interchange::import_into;

#[test]
fn default_layout_rejects_with_file_and_line_and_merges_duplicates() {
    let (graph, report) = import(
        Some(&data("actors.csv")),
        &data("ties.csv"),
        &ImportOptions::default(),
    )
    .unwrap();
    let lines: Vec<(String, u64)> = report
        .rejections
        .iter()
        .map(|r| {
            let file = Path::new(&r.origin).file_name().unwrap();
            (file.to_string_lossy().into_owned(), r.line)
        })
        .collect();
    let expected: Vec<(String, u64)> = [
        ("actors.csv", 9),
        ("actors.csv", 11),
        ("ties.csv", 8),
        ("ties.csv", 9),
        ("ties.csv", 10),
        ("ties.csv", 11),
        ("ties.csv", 12),
        ("ties.csv", 13),
    ]
    .iter()
    .map(|(f, l)| (f.to_string(), *l))
    .collect();
    assert_eq!(lines, expected, "{:#?}", report.rejections);
    let reasons: Vec<String> = report.rejections.iter().map(|r| r.to_string()).collect();
    assert!(reasons[0].contains("unknown kind `navy`"), "{reasons:?}");
    assert!(reasons[2].contains("`ghost`"), "{reasons:?}");
    assert!(reasons[3].contains("month 13"), "{reasons:?}");
    assert!(reasons[4].contains("before it starts"), "{reasons:?}");
    assert!(reasons[5].contains("itself"), "{reasons:?}");
    assert!(
        reasons[6].contains("unknown relation `friendship`"),
        "{reasons:?}"
    );
    assert!(
        reasons[7].contains("unknown confidence `sure`"),
        "{reasons:?}"
    );
    assert!(reasons[2].starts_with(&format!("{}:8: ", data("ties.csv").display())));

    assert_eq!(report.actors_added, 6);
    assert_eq!(report.ties_added, 5);
    // A repeated actor row, `dup` (whose alias is JNIM's name: merged, not
    // rejected, so its ties are kept) and two tie rows.
    assert_eq!(report.rows_merged, 4);
    assert_eq!(report.merges.len(), 1, "{:?}", report.merges);
    assert_eq!(graph.tie_count(), 5);

    // Names trimmed and entities decoded.
    let jnim = graph.find("jnim").unwrap();
    assert_eq!(
        graph.actor(jnim).name,
        "Jama'at Nusrat al-Islam wal-Muslimin"
    );
    assert_eq!(graph.actor(jnim).aliases, vec!["JNIM", "GSIM"]);
    let wagner = graph.find("Africa Corps & Wagner").unwrap();
    assert_eq!(graph.actor(wagner).kind, ActorKind::Pmc);

    // The two Wagner–FAMa rows are one symmetric alliance, at the stronger confidence.
    let alliances: Vec<_> = graph
        .ties(&TieFilter::relation(RelationId::ALLIANCE))
        .collect();
    assert_eq!(alliances.len(), 2);
    let wagner_fama = alliances
        .iter()
        .find(|t| t.other(wagner) != wagner && (t.from == wagner || t.to == wagner))
        .unwrap();
    assert_eq!(wagner_fama.tie.confidence, Confidence::Confirmed);
    // `2023-05-00` and `2017-00-00` read as a month and a year.
    assert_eq!(
        ends(&graph, RelationId::HOSTILITY),
        vec![
            (
                "jnim".into(),
                "fama".into(),
                "2012".into(),
                "2023-05".into()
            ),
            (
                "jnim".into(),
                "isgs".into(),
                "2019-12".into(),
                String::new()
            ),
        ]
    );
    assert_eq!(
        ends(&graph, RelationId::ALLIANCE)[0],
        ("cma".into(), "jnim".into(), "2017".into(), String::new())
    );
}

#[test]
fn strict_makes_any_rejection_fatal() {
    let options = ImportOptions {
        strict: true,
        ..ImportOptions::default()
    };
    match import(Some(&data("actors.csv")), &data("ties.csv"), &options) {
        Err(ImportError::Strict(rejections)) => assert_eq!(rejections.len(), 8),
        other => panic!("expected a strict failure, got {other:?}"),
    }
    // A clean file passes strict.
    assert!(import(None, &data("shifting.csv"), &options).is_ok());
}

#[test]
fn actors_come_from_tie_ends_without_an_actors_table() {
    let (graph, report) = import(None, &data("ties.csv"), &ImportOptions::default()).unwrap();
    assert_eq!(report.actors_created, 7, "{report:?}");
    assert!(graph.find("ghost").is_some());
    // Still rejected: bad month, end before start, self tie, unknown relation and confidence.
    assert_eq!(report.rejections.len(), 5, "{:#?}", report.rejections);
}

#[test]
fn subgroup_cycles_are_rejected_with_their_line() {
    let (graph, report) = import(None, &data("cycle.csv"), &ImportOptions::default()).unwrap();
    assert_eq!(report.rejections.len(), 1, "{:#?}", report.rejections);
    // The row that closes the loop goes, in the graph file's words.
    let rejection = &report.rejections[0];
    assert_eq!(rejection.line, 4, "{rejection}");
    assert_eq!(
        rejection.reason,
        "subgroup-of cycle `c` → `a` → `b` → `c` on 2011-12-31"
    );
    assert_eq!(graph.tie_count(), 3);
    assert!(Graph::build(graph.to_spec()).is_ok());
}

/// The REPL's import left subgroup-of loops in the open graph (the Taliban
/// both parent and subgroup of the Haqqani Network) that `check` then
/// refused: a row that would close one is rejected with `check`'s message,
/// and the graph's own ties stay.
#[test]
fn an_import_into_an_open_graph_never_closes_a_subgroup_loop() {
    let mut graph = graph_file("graphs/sahel.ron");
    let ties_before = graph.tie_count();
    let dir = tempfile::tempdir().unwrap();
    let ties = dir.path().join("loops.csv");
    std::fs::write(
        &ties,
        "source,target,relation,start,end,confidence\r\n\
         jnim,mlf,subgroup-of,2018,,confirmed\r\n\
         jnim,aqim,alliance,2018,,likely\r\n\
         al-qaeda,aqim,subgroup-of,2018,,likely\r\n",
    )
    .unwrap();
    let report = import_into(&mut graph, None, &ties, &ImportOptions::default()).unwrap();
    let rejected: Vec<(u64, &str)> = report
        .rejections
        .iter()
        .map(|r| (r.line, r.reason.as_str()))
        .collect();
    assert_eq!(
        rejected,
        [
            (2, "subgroup-of cycle `jnim` → `mlf` → `jnim` on 2018-12-31"),
            (
                4,
                "subgroup-of cycle `al-qaeda` → `aqim` → `al-qaeda` on 2018-12-31"
            ),
        ]
    );
    assert_eq!(graph.tie_count(), ties_before + 1);
    // What `check` reads back from the saved graph passes.
    let saved = dir.path().join("saved.ron");
    actorgraph::store::ron::save(&graph, &saved).unwrap();
    Test::new()
        .args(&["check", &saved.display().to_string()])
        .stdout_matches(|out| out.contains(": ok — 25 actors, 62 ties"))
        .run();
}

#[test]
fn a_tie_ends_where_a_later_relation_between_the_pair_begins() {
    let options = ImportOptions {
        close_on_next_relation: true,
        ..ImportOptions::default()
    };
    let (graph, report) = import(None, &data("shifting.csv"), &options).unwrap();
    // a–b alliance (by the hostility of June 2012), that hostility (by the
    // 2014 alliance), a–c alliance (by the hostility five days later).
    assert_eq!(report.ties_closed, 3);
    assert_eq!(
        ends(&graph, RelationId::ALLIANCE),
        vec![
            // Only "on or before": the sources date the later tie, not this end.
            (
                "a".into(),
                "b".into(),
                "2012-03".into(),
                "[..2012-05]".into()
            ),
            ("a".into(), "b".into(), "2014".into(), String::new()),
            (
                "a".into(),
                "c".into(),
                "2012-03-10".into(),
                "[..2012-03-14]".into()
            ),
        ]
    );
    assert_eq!(
        ends(&graph, RelationId::HOSTILITY),
        vec![
            ("a".into(), "c".into(), "2012-03-15".into(), "2013".into()),
            ("b".into(), "a".into(), "2012-06".into(), "[..2013]".into()),
        ]
    );
    // The tie's note says the end was inferred, and from what.
    let closed = graph
        .all_ties()
        .find(|t| t.tie.end().is_some_and(|e| e.to_string() == "[..2012-05]"))
        .unwrap();
    assert_eq!(
        closed.tie.note(),
        Some(
            "End inferred on import, not from a source: a hostility tie between the same \
             actors begins 2012-06, so this one ended on or before 2012-05."
        )
    );
    let (plain, _) = import(None, &data("shifting.csv"), &ImportOptions::default()).unwrap();
    assert_eq!(ends(&plain, RelationId::ALLIANCE)[0].3, "");
}

#[test]
fn acled_events_fold_into_one_tie_per_pair() {
    let options = ImportOptions {
        mapping: mapping("acled.ron"),
        ..ImportOptions::default()
    };
    let (graph, report) = import(None, &data("acled-sample.csv"), &options).unwrap();
    assert_eq!(report.rows_skipped, 1, "the protest");
    // MLI9 has no second actor; nothing else is rejected.
    assert_eq!(report.rejections.len(), 1, "{:#?}", report.rejections);
    assert_eq!(report.rejections[0].line, 10);
    assert!(report.rejections[0].reason.contains("target is empty"));
    let jnim = graph
        .find("JNIM: Group for Support of Islam and Muslims")
        .unwrap();
    let is = graph.find("Islamic State (Sahel)").unwrap();
    let fighting: Vec<_> = graph
        .ties_of(jnim, &TieFilter::relation(RelationId::HOSTILITY))
        .filter(|t| t.other(jnim) == is)
        .collect();
    assert_eq!(fighting.len(), 1, "both directions fold into one tie");
    let tie = fighting[0].tie;
    assert_eq!(tie.events(), Some(4), "three dated events and one undated");
    assert_eq!(tie.start().unwrap().to_string(), "2023-01-15");
    assert_eq!(tie.end().unwrap().to_string(), "2023-07-04");
    let strategic = graph.relations().find("strategic-development").unwrap();
    assert_eq!(graph.ties(&TieFilter::relation(strategic)).count(), 1);
    assert!(graph.find_source("Reuters").is_some() && graph.find_source("AFP").is_some());
    // MLI2, MLI6 (FAMa–JNIM again), MLI7 and MLI8.
    assert_eq!(report.events_folded, 4);
}

#[test]
fn ucdp_dyad_years_fold_into_one_tie_per_dyad() {
    let options = ImportOptions {
        mapping: mapping("ucdp.ron"),
        strict: true,
        ..ImportOptions::default()
    };
    let (graph, report) = import(None, &data("ucdp-sample.csv"), &options).unwrap();
    assert_eq!(report.ties_added, 3);
    assert_eq!(report.actors_created, 4);
    let mali = graph.find("Government of Mali").unwrap();
    assert_eq!(graph.actor(mali).kind, ActorKind::State);
    let jnim = graph.find("JNIM").unwrap();
    let tie = graph
        .ties_of(jnim, &TieFilter::default())
        .next()
        .unwrap()
        .tie;
    assert_eq!(tie.span_label(), "2017–2022");
    assert_eq!(tie.events(), Some(4));
}

#[test]
fn mapping_errors_name_the_place() {
    let error = Mapping::parse("(ties: (source: (colum: \"a\")))", "m.ron").unwrap_err();
    let shown = error.diagnostic().render(false);
    assert!(shown.contains(" --> m.ron:1:"), "{shown}");
    assert!(shown.contains("^"), "{shown}");
}

#[test]
fn a_tie_to_a_rejected_actor_row_names_that_row() {
    use actorgraph::interchange::{import_tables, Companions};
    let mut graph = Graph::new("t");
    let report = import_tables(
        &mut graph,
        Companions::none(),
        Some(table(
            "id,name,kind
a,A,group
b,B,navy
",
            "a.csv",
        )),
        table(
            "source,target,relation
a,b,alliance
a,c,alliance
",
            "t.csv",
        ),
        &ImportOptions::default(),
    )
    .unwrap();
    let reasons: Vec<String> = report.rejections.iter().map(|r| r.to_string()).collect();
    assert_eq!(reasons.len(), 3, "{reasons:#?}");
    assert!(
        reasons[0].starts_with("a.csv:3: actor `b`: unknown kind `navy`"),
        "{reasons:#?}"
    );
    assert_eq!(
        reasons[1],
        "t.csv:2: actor `b`'s row was rejected (a.csv:3)"
    );
    assert_eq!(reasons[2], "t.csv:3: actor `c` is not in the actors table");
}

#[test]
fn without_an_actors_table_tie_ends_meet_actors_by_the_name_rules() {
    use actorgraph::interchange::{import_tables, Companions};
    let mut graph = Graph::new("t");
    graph
        .add_actor(actorgraph::model::Actor::new(
            "menaka-town",
            "Ménaka",
            ActorKind::Community,
        ))
        .unwrap();
    let report = import_tables(
        &mut graph,
        Companions::none(),
        None::<actorgraph::interchange::Table<std::io::Empty>>,
        table(
            "source,target,relation
Menaka,isgs,hostility
MÉNAKA,isgs,hostility
",
            "t.csv",
        ),
        &ImportOptions::default(),
    )
    .unwrap();
    assert!(report.rejections.is_empty(), "{report:?}");
    assert_eq!(report.actors_created, 1, "only isgs");
    assert_eq!(report.rows_merged, 1);
    assert_eq!(graph.actor_count(), 2);
    let menaka = graph.find("menaka-town").unwrap();
    assert_eq!(graph.ties_of(menaka, &TieFilter::default()).count(), 1);
}

#[test]
fn a_failed_import_into_an_open_graph_changes_nothing() {
    use actorgraph::interchange::import_into;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("relations.csv"),
        "name,directed
fresh-relation,true
",
    )
    .unwrap();
    // Actors read fine; the ties file lacks a column: a fatal error after
    // the relations and actors went in.
    std::fs::write(
        dir.path().join("actors.csv"),
        "id,name,kind
new,New,group
",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("ties.csv"),
        "source,relation
new,alliance
",
    )
    .unwrap();
    let mut graph = graph_file("graphs/sahel.ron");
    let before = graph.clone();
    let result = import_into(
        &mut graph,
        Some(&dir.path().join("actors.csv")),
        &dir.path().join("ties.csv"),
        &ImportOptions::default(),
    );
    assert!(
        matches!(result, Err(ImportError::MissingColumn { .. })),
        "{result:?}"
    );
    assert!(graph == before);
    assert!(graph.find("new").is_none());
    assert!(graph.relations().find("fresh-relation").is_none());
}

#[test]
fn the_import_command_writes_a_graph_file() {
    let output = Test::new()
        .args(&[
            "import",
            "csv",
            "--actors",
            "tests/data/interchange/actors.csv",
            "--ties",
            "tests/data/interchange/ties.csv",
            "-o",
            "$TMP/g.ron",
        ])
        .stderr_golden("tests/golden/cli/import-rejections.stderr.txt")
        .run();
    let graph = actorgraph::store::ron::load(&output.path("g.ron")).unwrap();
    assert_eq!(graph.tie_count(), 5);

    let output = Test::new()
        .args(&[
            "import",
            "csv",
            "--strict",
            "--ties",
            "tests/data/interchange/ties.csv",
            "-o",
            "$TMP/strict.ron",
        ])
        .failure()
        .stderr_golden("tests/golden/cli/import-strict.stderr.txt")
        .run();
    assert!(!output.path("strict.ron").exists());
}

#[test]
fn large_files_read_on_two_threads_give_the_same_graph_and_rejections() {
    use actorgraph::interchange::{import_tables, Table};
    use std::fmt::Write as _;
    let dir = tempfile::tempdir().unwrap();
    let mut actors = String::from("id,name,kind,aliases\n");
    for i in 0..500 {
        let _ = writeln!(actors, "x{i},Actor {i},group,");
    }
    let relations = ["alliance", "hostility", "allegiance", "rivalry"];
    let mut ties = String::from("source,target,relation,start,end,confidence\n");
    let mut n: u64 = 7;
    for row in 0..40_000 {
        n = n
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let a = (n >> 33) % 520; // some ends are unknown
        let b = (n >> 13) % 500;
        let relation = relations[((n >> 45) % 4) as usize];
        let year = 1990 + (n >> 50) % 40; // some years are after the end
        let _ = writeln!(ties, "x{a},x{b},{relation},{year},2025,likely");
        if row % 97 == 0 {
            let _ = writeln!(ties, "x{a},x{b},{relation},{year},2025,confirmed");
        }
    }
    assert!(ties.len() > 1 << 20);
    std::fs::write(dir.path().join("a.csv"), &actors).unwrap();
    std::fs::write(dir.path().join("t.csv"), &ties).unwrap();
    let options = ImportOptions::default();
    let (threaded, threaded_report) = import(
        Some(&dir.path().join("a.csv")),
        &dir.path().join("t.csv"),
        &options,
    )
    .unwrap();
    let mut plain = Graph::new("t");
    let table = |text: &str, origin: &str| Table {
        reader: std::io::Cursor::new(text.as_bytes().to_vec()),
        origin: dir.path().join(origin).display().to_string(),
        bytes: None,
        reading: actorgraph::interchange::CellReading::Cleaned,
        delimiter: b',',
    };
    let plain_report = import_tables(
        &mut plain,
        actorgraph::interchange::Companions::none(),
        Some(table(&actors, "a.csv")),
        table(&ties, "t.csv"),
        &options,
    )
    .unwrap();
    assert!(threaded_report.rejections.len() > 1000);
    assert!(threaded_report.rows_merged > 100);
    assert_eq!(threaded_report, plain_report);
    assert_eq!(threaded.to_spec().ties, plain.to_spec().ties);
}

#[test]
fn importing_into_an_open_graph_merges_and_fills_freed_slots() {
    use actorgraph::interchange::import_into;
    // The cycle check removed a tie, leaving a free slot the next import reuses.
    let (mut graph, _) = import(None, &data("cycle.csv"), &ImportOptions::default()).unwrap();
    let before = graph.tie_count();
    let report = import_into(
        &mut graph,
        None,
        &data("shifting.csv"),
        &ImportOptions {
            close_on_next_relation: true,
            ..ImportOptions::default()
        },
    )
    .unwrap();
    assert_eq!(report.ties_added, 5);
    assert_eq!(report.ties_closed, 3);
    assert_eq!(report.actors_created, 0, "a, b and c are there already");
    assert_eq!(graph.tie_count(), before + 5);
    // The same file again merges every row.
    let again = import_into(
        &mut graph,
        None,
        &data("shifting.csv"),
        &ImportOptions::default(),
    );
    let again = again.unwrap();
    // Ties the rule closed no longer match their open rows; the others merge.
    assert_eq!(again.ties_added, 3);
    assert_eq!(again.rows_merged, 2);
    // Strict failure leaves the graph as it was.
    let count = graph.tie_count();
    let strict = ImportOptions {
        strict: true,
        ..ImportOptions::default()
    };
    assert!(import_into(
        &mut graph,
        Some(&data("actors.csv")),
        &data("ties.csv"),
        &strict
    )
    .is_err());
    assert_eq!(graph.tie_count(), count);
}

/// The importer keeps the graph file's rule: a tie dated outside an actor's
/// life is rejected with its line, whichever end it concerns.
#[test]
fn a_tie_dated_outside_an_actors_life_is_rejected() {
    use actorgraph::interchange::{import_tables, Companions};
    let mut graph = Graph::new("t");
    let report = import_tables(
        &mut graph,
        Companions::none(),
        Some(table(
            "id,name,kind,active_start,active_end
a,A,group,2017-03,
b,B,group,,2016
c,C,group,,
",
            "a.csv",
        )),
        table(
            "source,target,relation,start,end
a,c,alliance,2015,
c,b,hostility,2018,
a,c,hostility,2018,
c,b,alliance,2014,2015
",
            "t.csv",
        ),
        &ImportOptions::default(),
    )
    .unwrap();
    let reasons: Vec<String> = report.rejections.iter().map(|r| r.to_string()).collect();
    assert_eq!(
        reasons,
        vec![
            "t.csv:2: tie starts (2015) before `a` exists (active 2017-03–)".to_string(),
            "t.csv:3: tie starts (2018) after `b` has ceased to exist (active ?–2016)".to_string(),
        ]
    );
    assert_eq!(graph.tie_count(), 2);
    assert!(Graph::build(graph.to_spec()).is_ok());
}

/// Ids were compared like names: `-99` was `99`, and the rejection said
/// "`-99` is already a name of …". Ids are exact; the two cannot both be
/// ids (names are read without punctuation), and the message says so.
#[test]
fn ids_are_compared_exactly_and_a_near_id_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let ties = dir.path().join("ids.csv");
    std::fs::write(
        &ties,
        "source,target,relation,start,end,confidence\n\
         99,a,alliance,2010,,likely\n\
         -99,b,alliance,2011,,likely\n\
         99,b,hostility,2012,,likely\n",
    )
    .unwrap();
    let (graph, report) = import(None, &ties, &ImportOptions::default()).unwrap();
    let reasons: Vec<(u64, &str)> = report
        .rejections
        .iter()
        .map(|r| (r.line, r.reason.as_str()))
        .collect();
    assert_eq!(
        reasons,
        [(
            3,
            "actor id `-99` differs from the id `99` of 99 only in case, accents or punctuation, \
             which names are read without"
        )]
    );
    assert_eq!(graph.tie_count(), 2);
    let rows = report.rows();
    assert_eq!((rows.imported, rows.rejected, rows.total()), (2, 1, 3));
}

/// A column mixing `2/18/10` with `2012-03-00` had 20 % of its rows
/// rejected: `Auto` reads every shape at its precision, in a CRLF file with
/// its lines right, and a date that reads both ways is rejected with its
/// row and value, never guessed.
#[test]
fn a_crlf_file_with_mixed_date_formats_imports_every_row_at_its_precision() {
    let mapping = Mapping::parse(
        r#"(actors: None, ties: (
            source: (column: "source"), target: (column: "target"),
            relation: (column: "relation"),
            start: (column: "start", format: Auto), end: (column: "end", format: Auto),
        ))"#,
        "auto.ron",
    )
    .unwrap();
    let options = ImportOptions {
        mapping,
        ..ImportOptions::default()
    };
    let (graph, report) = import(None, &data("mixed-dates.csv"), &options).unwrap();
    let spans: Vec<String> = graph.all_ties().map(|t| t.tie.span_label()).collect();
    assert_eq!(
        spans,
        ["2010-02-18–", "2012-03–", "2012–2015-05-06", "2021-12-29–"]
    );
    let rejected: Vec<String> = report.rejections.iter().map(|r| r.to_string()).collect();
    assert_eq!(rejected.len(), 1, "{rejected:?}");
    assert!(
        rejected[0].starts_with(&format!(
            "{}:6: start: `3/4/2012` could be 4 March 2012 or 3 April 2012: the mapping's \
             `Auto` does not guess; write `AutoMonthFirst` or `AutoDayFirst`",
            data("mixed-dates.csv").display()
        )),
        "{rejected:?}"
    );
    // Settled in the mapping, the same row reads.
    let settled = ImportOptions {
        mapping: Mapping::parse(
            r#"(actors: None, ties: (source: (column: "source"), target: (column: "target"),
                relation: (column: "relation"), start: (column: "start", format: AutoMonthFirst)))"#,
            "mdy.ron",
        )
        .unwrap(),
        ..ImportOptions::default()
    };
    let (graph, report) = import(None, &data("mixed-dates.csv"), &settled).unwrap();
    assert!(report.rejections.is_empty(), "{:#?}", report.rejections);
    assert_eq!(graph.tie_count(), 5);
}

/// ACLED's Malian military forces became `group`, associated actors were
/// dropped and fatalities lost: kinds come from `inter1`/`inter2` (code 8,
/// external/other forces, fits no one kind and stays a group), associated
/// actors become ties of the event, and a folded tie keeps its event count
/// and summed fatalities; the rows still add up.
#[test]
fn acled_codes_give_kinds_and_associates_and_fatalities_are_kept() {
    let options = ImportOptions {
        mapping: mapping("acled.ron"),
        ..ImportOptions::default()
    };
    let (graph, report) = import(None, &data("acled-sample.csv"), &options).unwrap();
    let kind = |name: &str| graph.actor(graph.find(name).unwrap()).kind;
    assert_eq!(
        kind("Military Forces of Mali (2021-)"),
        ActorKind::StateForce
    );
    assert_eq!(
        kind("JNIM: Group for Support of Islam and Muslims"),
        ActorKind::Group
    );
    assert_eq!(kind("Wagner Group"), ActorKind::Group, "inter code 8");
    assert!(
        graph.find("Protesters (Mali)").is_none(),
        "the protest is skipped"
    );
    // MLI6: Wagner fought beside the Malian army.
    let (fama, wagner) = (
        graph.find("Military Forces of Mali (2021-)").unwrap(),
        graph.find("Wagner Group").unwrap(),
    );
    let beside: Vec<_> = graph
        .ties_of(wagner, &TieFilter::relation(RelationId::ALLIANCE))
        .filter(|t| t.other(wagner) == fama)
        .map(|t| (t.tie.span_label(), t.tie.events()))
        .collect();
    assert_eq!(beside, [("2023-06-30–2023-06-30".to_string(), Some(1))]);
    assert_eq!(report.associate_ties, 1);
    let jnim = graph
        .find("JNIM: Group for Support of Islam and Muslims")
        .unwrap();
    let is = graph.find("Islamic State (Sahel)").unwrap();
    let fighting = graph
        .ties_of(jnim, &TieFilter::relation(RelationId::HOSTILITY))
        .find(|t| t.other(jnim) == is)
        .unwrap();
    assert_eq!(
        (fighting.tie.events(), fighting.tie.fatalities()),
        (Some(4), Some(12 + 5 + 8 + 8))
    );
    // Each event's note survives the fold, under its date.
    assert_eq!(fighting.tie.note(), Some("2023-01-15: Clash near Menaka"));
    let agreement = graph.relations().find("strategic-development").unwrap();
    let agreed = graph.ties(&TieFilter::relation(agreement)).next().unwrap();
    assert_eq!(agreed.tie.note(), Some("2023-05-11: Agreement reported"));
    let rows = report.rows();
    assert_eq!(rows.total(), report.rows_read, "{rows:?}");
    // Kept through a graph file.
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("acled.ron");
    actorgraph::store::ron::save(&graph, &saved).unwrap();
    assert_eq!(actorgraph::store::ron::load(&saved).unwrap(), graph);
}

/// UCDP's side B is a government in an interstate conflict
/// (`type_of_conflict` 2) and an armed group otherwise.
#[test]
fn ucdp_side_types_give_kinds() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("dyads.csv");
    std::fs::write(
        &file,
        "dyad_id,side_a,side_b,year,type_of_conflict\n\
         1,Government of Mali,JNIM,2018,3\n\
         2,Government of Mali,Government of Burkina Faso,2019,2\n",
    )
    .unwrap();
    let options = ImportOptions {
        mapping: mapping("ucdp.ron"),
        ..ImportOptions::default()
    };
    let (graph, report) = import(None, &file, &options).unwrap();
    assert!(report.rejections.is_empty(), "{:#?}", report.rejections);
    let kind = |name: &str| graph.actor(graph.find(name).unwrap()).kind;
    assert_eq!(kind("Government of Mali"), ActorKind::State);
    assert_eq!(kind("JNIM"), ActorKind::Group);
    assert_eq!(kind("Government of Burkina Faso"), ActorKind::State);
}
