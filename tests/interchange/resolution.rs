//! Entity resolution in a merge, found by a cold test of issue 11: exact
//! names rejected in a `by: Name` column, an id column's names handled two
//! ways, numbered units offered as near spellings, a near check that ran
//! only in a merge, and bracketed acronyms that made no alias.

use super::*;
use actorgraph::interchange::{import_into, ImportReport};

fn resolution(name: &str) -> PathBuf {
    data(&format!("resolution/{name}"))
}

fn by_name() -> ImportOptions {
    ImportOptions {
        mapping: Mapping::load(&resolution("by-name.ron")).unwrap(),
        ..ImportOptions::default()
    }
}

fn merge(ties: &str, options: &ImportOptions) -> (Graph, ImportReport) {
    let mut graph = graph_file("graphs/sahel.ron");
    let report = import_into(&mut graph, None, &resolution(ties), options).unwrap();
    (graph, report)
}

fn ids_tied_to(graph: &Graph, actor: &str) -> Vec<String> {
    let id = graph.find(actor).unwrap();
    let mut ids: Vec<String> = graph
        .all_ties()
        .filter(|t| t.from == id || t.to == id)
        .map(|t| graph.actor(t.other(id)).id.clone())
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// `JNIM`, `Wagner`, `MINUSMA`, `Islamic State` in a `by: Name` column
/// were rejected ("the name `jnim` of `jnim-2` is already claimed by
/// JNIM"), dropping their ties: the rule that ids are exact was applied to
/// names. A name merges with the actor holding it, and says by what rule.
#[test]
fn exact_names_in_a_name_column_merge_and_keep_their_ties() {
    let (graph, report) = merge("names.csv", &by_name());
    assert!(report.rejections.is_empty(), "{:#?}", report.rejections);
    let merges = report.merges.join("\n");
    for line in [
        "`JNIM` is JNIM (`jnim`), by name",
        "`Wagner` is Wagner Group (`wagner`), by its alias `Wagner`",
        "`MINUSMA` is MINUSMA (`minusma`), by name",
        "`Islamic State` is Islamic State (`islamic-state`), by name",
        "`MLF` is ",
    ] {
        assert!(merges.contains(line), "{line}\n{merges}");
    }
    // `mali`, an exact id, is matched too, and counted.
    assert!(ids_tied_to(&graph, "mali").contains(&"katiba-serma".to_string()));
    assert_eq!(report.rows().imported + report.rows().merged, 8);
    assert!(
        report
            .summary()
            .contains("9 matched existing actors, 1 new"),
        "{}",
        report.summary()
    );
    // Importing the merged graph's own table again merges every row.
    let mut again = graph.clone();
    let report = import_into(&mut again, None, &resolution("names.csv"), &by_name()).unwrap();
    assert!(report.rejections.is_empty(), "{:#?}", report.rejections);
    assert_eq!(report.rows().merged, 8, "{}", report.summary());
    assert_eq!(again.tie_count(), graph.tie_count());
}

/// In the default layout (`by: Id`), `Ansar Dine` merged by name while
/// `JNIM` was refused as differing from the id `jnim` "only in case". An
/// id column's value that is no id but an actor's name or alias merges by
/// name, and the merge says so; `-99` beside `99` stays refused (see
/// imports.rs).
#[test]
fn a_name_in_an_id_column_merges_by_name_and_says_so() {
    let (graph, report) = merge("ids.tsv", &ImportOptions::default());
    assert!(report.rejections.is_empty(), "{:#?}", report.rejections);
    let merges = report.merges.join("\n");
    assert!(
        merges.contains(
            "`JNIM` is JNIM (`jnim`), by name (`JNIM` in an id column is no id of the graph)"
        ),
        "{merges}"
    );
    assert!(merges.contains("`Ansar Dine` is Ansar al Din (`ansar-al-din`), by its alias `Ansar Dine` (`Ansar Dine` in an id column"), "{merges}");
    assert_eq!(
        ids_tied_to(&graph, "Katiba Serma"),
        ["ansar-al-din", "isgs", "jnim"]
    );
}

/// `Brigade 312` was rejected as "may be Brigade 313", though the two came
/// from the same file; alone, the same file ran no check, so `Ansaroul
/// Islam` silently became a second actor. One rule now, with or without a
/// graph: numbers make different actors; a near spelling is a warning
/// saying where the other name came from, or with `--review` a row of the
/// review file; never a rejection.
#[test]
fn near_spellings_warn_or_go_to_review_the_same_in_a_merge_or_alone() {
    let (merged, report) = merge("near.csv", &by_name());
    let (alone, alone_report) = import(None, &resolution("near.csv"), &by_name()).unwrap();
    for (graph, report) in [(&merged, &report), (&alone, &alone_report)] {
        assert!(report.rejections.is_empty(), "{:#?}", report.rejections);
        assert_eq!(
            report.warnings,
            ["near.csv:5: `Ansaroul Islam` is a near spelling of Ansarul Islam (`ansarul-islam`), \
              which this import made; kept as a new actor (to merge it, import with --review FILE, \
              decide there, and import again with --resolve FILE)"
                .replace("near.csv", &resolution("near.csv").display().to_string())],
        );
        for unit in ["Brigade 312", "Brigade 313", "Liwa 51", "Liwa 57"] {
            assert!(graph.find(unit).is_some(), "{unit}");
        }
    }
    let review = ImportOptions {
        review: true,
        ..by_name()
    };
    let (_, report) = import(None, &resolution("near.csv"), &review).unwrap();
    assert_eq!(report.review.len(), 1);
    assert_eq!(report.review[0].incoming_name, "Ansaroul Islam");
    assert_eq!(report.rows().for_review, 1, "{:?}", report.rows());
}

/// `Jama’at Nusrat al-Islam wal-Muslimin (JNIM)` beside `JNIM` made two
/// actors, and after a merge `show MUJAO` failed: a bracketed acronym in a
/// new actor's name is its alias, and matched (so is ACLED's leading
/// "ACRONYM: Name").
#[test]
fn a_bracketed_acronym_is_an_alias_of_a_new_actor() {
    let (graph, report) = import(None, &resolution("acronyms.csv"), &by_name()).unwrap();
    assert!(report.rejections.is_empty(), "{:#?}", report.rejections);
    let jnim = graph.find("JNIM").unwrap();
    assert_eq!(
        graph.actor(jnim).name,
        "Jama’at Nusrat al-Islam wal-Muslimin (JNIM)"
    );
    // ACLED's "JNIM: Group for …" is read the same way.
    assert_eq!(
        ids_tied_to(&graph, "JNIM"),
        ["katiba-gourma", "katiba-hanifa", "katiba-serma"]
    );
    let (merged, _) = merge("acronyms.csv", &by_name());
    let mujao = merged.find("MUJAO").expect("MUJAO is an alias");
    assert_eq!(merged.actor(mujao).aliases, ["MUJAO"]);
}

/// `jnim;aqim;allegiance;2017-03` beside the graph's JNIM → AQIM
/// allegiance (`[..2023-02]–`) became a second, parallel tie, and the
/// summary said 0 merged. A row for a tie the graph has (same ends and
/// relation, dates that may overlap) merges into it: the graph's dates
/// stay, the row's note and its own dates are kept as evidence.
#[test]
fn a_row_for_a_tie_the_graph_has_merges_into_it() {
    let sahel = graph_file("graphs/sahel.ron");
    let (graph, report) = merge("liens.csv", &ImportOptions::default());
    let allegiances = |graph: &Graph| -> Vec<(Option<String>, String)> {
        let (jnim, aqim) = (graph.find("jnim").unwrap(), graph.find("aqim").unwrap());
        graph
            .all_ties()
            .filter(|t| t.tie.relation == RelationId::ALLEGIANCE && [t.from, t.to] == [jnim, aqim])
            .map(|t| (t.tie.note().map(str::to_string), t.tie.span_label()))
            .collect()
    };
    let merged = allegiances(&graph);
    assert_eq!(merged.len(), 1, "{merged:#?}");
    let note = merged[0].0.clone().unwrap();
    let before = allegiances(&sahel)[0].0.clone().unwrap();
    assert!(note.starts_with(&before), "{note}");
    assert!(
        note.contains("Allégeance; réaffirmée en 2019 (")
            && note.contains("liens.csv:2 dates it 2017-03–)"),
        "{note}"
    );
    assert_eq!(
        merged[0].1,
        allegiances(&sahel)[0].1,
        "the graph's dates stay"
    );
    assert_eq!(report.ties_added, 0, "{}", report.summary());
    assert_eq!(report.rows().merged, 4, "{}", report.summary());
    assert_eq!(graph.tie_count(), sahel.tie_count());
    assert!(Graph::build(graph.to_spec()).is_ok());
}
