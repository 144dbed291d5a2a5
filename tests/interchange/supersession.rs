//! Issue 11, item 7: a later tie ends an open earlier one between the same
//! pair only when its relation supersedes the earlier one's (hostility or
//! rivalry ends an alliance; an alliance ends hostility). A splinter, or any
//! relation not listed, leaves the earlier tie alone.

use super::*;

const TIES: &str = "source,target,relation,start,end,confidence\n\
    a,b,alliance,2012-03,,confirmed\n\
    b,a,splinter,2013-01,,confirmed\n\
    c,d,alliance,2014,,confirmed\n\
    c,d,rivalry,2016-05,,confirmed\n\
    e,f,hostility,2015,,confirmed\n\
    e,f,peace-agreement,2018-02,,confirmed\n";

/// The relations the rows name, declared so every row is read.
const RELATIONS: &str = "name,directed,note\n\
    splinter,true,\n\
    rivalry,false,\n\
    peace-agreement,false,\n";

fn imported(
    supersede: Option<(&str, &str)>,
    close: bool,
) -> (Graph, actorgraph::interchange::ImportReport) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ties.csv"), TIES).unwrap();
    std::fs::write(dir.path().join("relations.csv"), RELATIONS).unwrap();
    let mut options = ImportOptions {
        close_on_next_relation: close,
        ..ImportOptions::default()
    };
    if let Some((later, earlier)) = supersede {
        options
            .mapping
            .supersede
            .insert(later.into(), vec![earlier.into()]);
    }
    let imported = import(None, &dir.path().join("ties.csv"), &options).unwrap();
    assert!(
        imported.1.rejections.is_empty(),
        "{:#?}",
        imported.1.rejections
    );
    imported
}

fn spans(graph: &Graph) -> Vec<String> {
    let mut spans: Vec<String> = graph
        .all_ties()
        .map(|t| {
            format!(
                "{}-{} {} {}..{}",
                graph.actor(t.from).id,
                graph.actor(t.to).id,
                graph.relations().name(t.tie.relation),
                t.tie.start().map(|d| d.to_string()).unwrap_or_default(),
                t.tie.end().map(|d| d.to_string()).unwrap_or_default()
            )
        })
        .collect();
    spans.sort();
    spans
}

#[test]
fn by_default_only_hostility_and_rivalry_end_an_alliance() {
    let (graph, report) = imported(None, true);
    assert_eq!(report.ties_closed, 1);
    assert_eq!(
        spans(&graph),
        [
            "a-b alliance 2012-03..",
            "b-a splinter 2013-01..",
            "c-d alliance 2014..[..2016-04]",
            "c-d rivalry 2016-05..",
            "e-f hostility 2015..",
            "e-f peace-agreement 2018-02..",
        ]
    );
}

#[test]
fn the_mapping_says_which_relation_ends_which() {
    // Declaring supersession is asking for it: no flag needed.
    let (graph, report) = imported(Some(("peace-agreement", "hostility")), false);
    assert_eq!(report.ties_closed, 1);
    let spans = spans(&graph);
    assert!(
        spans.contains(&"e-f hostility 2015..[..2018-01]".to_string()),
        "{spans:?}"
    );
    assert!(
        spans.contains(&"c-d alliance 2014..".to_string()),
        "{spans:?}"
    );
}

#[test]
fn a_mapping_file_declares_supersession() {
    let text = r#"(supersede: {"peace-agreement": ["hostility"], "rivalry": ["alliance"]},
        ties: (source: (column: "source"), target: (column: "target"),
               relation: (column: "relation")))"#;
    let mapping = Mapping::parse(text, "m.ron").unwrap();
    assert_eq!(mapping.supersede["peace-agreement"], ["hostility"]);
}

#[test]
fn without_the_flag_or_a_rule_nothing_is_closed() {
    let (_, report) = imported(None, false);
    assert_eq!(report.ties_closed, 0);
}
