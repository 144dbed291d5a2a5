//! Merging a third-party relationship table into the bundled Sahel graph
//! (issue 11): incoming actors met with the graph's by name, alias,
//! acronym, article and repaired spelling; ties never dropped for a name
//! that collides; every row accounted for; the review file's round trip.

use super::*;
use actorgraph::interchange::{import_into, read_decisions, review_table, ImportReport};

fn third_party(name: &str) -> PathBuf {
    data(&format!("third-party/{name}"))
}

fn merge_into_sahel(options: &ImportOptions) -> (Graph, ImportReport) {
    let mut graph = graph_file("graphs/sahel.ron");
    let report = import_into(
        &mut graph,
        Some(&third_party("actors.csv")),
        &third_party("ties.csv"),
        options,
    )
    .unwrap();
    (graph, report)
}

fn options(review: bool) -> ImportOptions {
    ImportOptions {
        mapping: Mapping::load(&third_party("mapping.ron")).unwrap(),
        review,
        ..ImportOptions::default()
    }
}

/// The ids of the actors tied to `actor` by `relation`.
fn tied(graph: &Graph, actor: &str, relation: RelationId) -> Vec<String> {
    let id = graph.find(actor).unwrap();
    let mut ids: Vec<String> = graph
        .all_ties()
        .filter(|t| t.tie.relation == relation && (t.from == id || t.to == id))
        .map(|t| graph.actor(t.other(id)).id.clone())
        .collect();
    ids.sort();
    ids
}

#[test]
fn incoming_names_that_collide_with_aliases_merge_and_keep_their_ties() {
    let actors_before = graph_file("graphs/sahel.ron").actor_count();
    let (graph, report) = merge_into_sahel(&options(true));
    // "Ansar Dine" (twice, under ids 101 and 99), "The Macina Liberation
    // Front", "The Islamic State", "(JNIM)", the U+0092 spelling, "(ISGS)"
    // and "Republic of Mali" are actors the graph has.
    assert_eq!(report.actors_matched, 8, "{:#?}", report.merges);
    assert_eq!(report.actors_added, 2, "Katiba Serma and -99");
    assert_eq!(report.review.len(), 1, "Daoussak militia");
    assert_eq!(graph.actor_count(), actors_before + 2);
    let merges = report.merges.join("\n");
    for (incoming, existing) in [
        ("Ansar Dine", "ansar-al-din"),
        ("The Macina Liberation Front", "mlf"),
        ("The Islamic State", "islamic-state"),
        ("Group for Support of Islam and Muslims (JNIM)", "jnim"),
        ("Jama’at Nusrat al Islam wa al Muslimeen", "jnim"),
        ("Islamic State in the Greater Sahara (ISGS)", "isgs"),
    ] {
        assert!(
            merges.contains(&format!("`{incoming}` is "))
                && merges.contains(&format!("(`{existing}`)")),
            "{incoming} → {existing}: {merges}"
        );
    }
    // The control character is repaired and the repair reported visibly.
    assert_eq!(
        report.repaired,
        [(
            "Jama\\u{92}at Nusrat al Islam wa al Muslimeen".to_string(),
            "Jama’at Nusrat al Islam wa al Muslimeen".to_string()
        )]
    );
    // Ties land on the graph's actors: none is dropped for the collision.
    assert!(tied(&graph, "ansar-al-din", RelationId::ALLIANCE).contains(&"mlf".to_string()));
    assert!(tied(&graph, "jnim", RelationId::ALLIANCE).contains(&"108".to_string()));
    assert!(tied(&graph, "isgs", RelationId::HOSTILITY).contains(&"jnim".to_string()));
    // Ids are exact: `-99` is an actor of its own, `99` is Ansar Dine.
    let unknown = graph.find("Unknown armed men").unwrap();
    assert_eq!(graph.actor(unknown).id, "-99");
    assert_eq!(tied(&graph, "-99", RelationId::HOSTILITY), ["mali"]);
    let summary = report.summary();
    assert!(
        summary.contains("8 matched existing actors, 2 new, 1 for review"),
        "{summary}"
    );
    // Nothing the import kept is something `check` refuses.
    assert!(Graph::build(graph.to_spec()).is_ok());
}

/// Rows that merge into one tie keep every row's description (and the
/// graph's own note and sources).
#[test]
fn rows_merged_into_one_tie_keep_every_description() {
    let sahel = graph_file("graphs/sahel.ron");
    let (graph, report) = merge_into_sahel(&options(true));
    let war = |graph: &Graph| {
        let (ansar, mali) = (
            graph.find("ansar-al-din").unwrap(),
            graph.find("mali").unwrap(),
        );
        graph
            .all_ties()
            .find(|t| {
                t.tie.relation == RelationId::HOSTILITY
                    && [t.from, t.to] == [ansar, mali]
                    && t.tie.start() == Some("2012".parse().unwrap())
            })
            .map(|t| {
                (
                    t.tie.note().unwrap_or("").to_string(),
                    t.tie.sources().len(),
                )
            })
            .unwrap()
    };
    let (before, sources) = war(&sahel);
    let (after, sources_after) = war(&graph);
    assert_eq!(sources_after, sources);
    assert!(after.starts_with(&before), "{after}");
    for description in [
        "Ansar Dine took up arms against the Malian state in 2012",
        "The Malian army fought Ansar Dine in the north",
        "A duplicate row for Ansar Dine under another id",
    ] {
        assert!(after.contains(description), "{description}: {after}");
    }
    assert_eq!(
        report.rows_merged - report.actors_matched,
        3,
        "three tie rows merged"
    );
}

/// Every row read is imported, merged, skipped or rejected, once.
#[test]
fn every_row_read_is_counted_once() {
    let (_, report) = merge_into_sahel(&options(true));
    let rows = report.rows();
    assert_eq!(report.rows_read, 21, "11 actor rows and 10 tie rows");
    assert_eq!(rows.total(), report.rows_read, "{rows:?}");
    assert_eq!((rows.skipped, rows.rejected), (2, 1), "{rows:?}");
    assert!(report.summary().ends_with(&format!(
        "21 rows read: {} imported, {} merged, 2 skipped, 1 rejected",
        rows.imported, rows.merged
    )));
    // Without a review file the actor held for review is rejected, with
    // what to do about it, and the counts still add up.
    let (_, report) = merge_into_sahel(&options(false));
    let rows = report.rows();
    assert_eq!(rows.total(), report.rows_read, "{rows:?}");
    let reasons: Vec<&str> = report
        .rejections
        .iter()
        .map(|r| r.reason.as_str())
        .collect();
    assert!(
        reasons.iter().any(|r| r
            .contains("`Daoussak militia` may be Daoussak militias (`daoussak-militias`)")
            && r.contains("--review FILE")),
        "{reasons:#?}"
    );
    // Other files: the default layout and an event table.
    for report in [
        import(
            Some(&data("actors.csv")),
            &data("ties.csv"),
            &ImportOptions::default(),
        )
        .unwrap()
        .1,
        import(None, &data("cycle.csv"), &ImportOptions::default())
            .unwrap()
            .1,
        import(
            None,
            &data("acled-sample.csv"),
            &ImportOptions {
                mapping: mapping("acled.ron"),
                ..ImportOptions::default()
            },
        )
        .unwrap()
        .1,
    ] {
        let rows = report.rows();
        assert!(report.rows_read > 0);
        assert_eq!(
            rows.total(),
            report.rows_read,
            "{rows:?} {:#?}",
            report.rejections
        );
    }
}

/// The review file names the candidates; a decision written in it merges
/// the actor on the next run, and nothing is left for review.
#[test]
fn a_review_file_round_trip_settles_an_ambiguous_match() {
    let (_, report) = merge_into_sahel(&options(true));
    let text = review_table(&report.review);
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("incoming_id,incoming_name,where,candidate_ids,candidate_names,why,decision")
    );
    let row = lines.next().unwrap();
    assert!(
        row.starts_with("107,Daoussak militia,")
            && row.contains(",daoussak-militias,Daoussak militias,")
            && row.ends_with(','),
        "{row}"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("merges.csv");
    std::fs::write(&path, format!("{}daoussak-militias\n", text.trim_end())).unwrap();
    let decided = ImportOptions {
        decisions: read_decisions(&path).unwrap(),
        ..options(true)
    };
    let (graph, report) = merge_into_sahel(&decided);
    assert!(report.review.is_empty(), "{:#?}", report.review);
    assert_eq!(report.actors_matched, 9);
    assert!(tied(&graph, "daoussak-militias", RelationId::HOSTILITY).contains(&"isgs".to_string()));
    let rows = report.rows();
    assert_eq!((rows.total(), rows.skipped), (report.rows_read, 0));
}
