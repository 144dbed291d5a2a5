//! Issue 11, item 1: one date column written several ways (a coded
//! spreadsheet mixing `2/18/10` with `2012-03-00`), read in one pass with
//! the right precision; an order a date cannot settle is never guessed.

use super::*;

/// A CRLF ties table whose dates mix four ways of writing them.
const MIXED: &str = "source,target,relation,start,end\r\n\
    a,b,alliance,2/18/10,2012-03-00\r\n\
    a,c,hostility,2012-03-00,\r\n\
    b,c,alliance,8 May 2014,12/31/2015\r\n\
    c,d,hostility,2013-00-00,18/2/2016\r\n\
    b,d,alliance,3/4/2012,\r\n";

fn mixed_mapping(format: &str) -> Mapping {
    Mapping::parse(
        &format!(
            r#"(actors: None, ties: (
                source: (column: "source", by: Name), target: (column: "target", by: Name),
                relation: (column: "relation"),
                start: (column: "start", {format}), end: (column: "end", {format})))"#
        ),
        "mixed.ron",
    )
    .unwrap()
}

fn import_mixed(format: &str) -> (Graph, actorgraph::interchange::ImportReport) {
    let dir = tempfile::tempdir().unwrap();
    let ties = dir.path().join("ties.csv");
    std::fs::write(&ties, MIXED).unwrap();
    let options = ImportOptions {
        mapping: mixed_mapping(format),
        ..ImportOptions::default()
    };
    import(None, &ties, &options).unwrap()
}

fn dated(graph: &Graph) -> Vec<String> {
    let mut ties: Vec<String> = graph
        .all_ties()
        .map(|t| {
            format!(
                "{}-{} {}..{}",
                graph.actor(t.from).name,
                graph.actor(t.to).name,
                t.tie.start().map(|d| d.to_string()).unwrap_or_default(),
                t.tie.end().map(|d| d.to_string()).unwrap_or_default()
            )
        })
        .collect();
    ties.sort();
    ties
}

#[test]
fn auto_reads_a_crlf_column_of_mixed_dates_and_rejects_only_the_ambiguous_one() {
    let (graph, report) = import_mixed("format: Auto");
    assert_eq!(
        dated(&graph),
        [
            "a-b 2010-02-18..2012-03",
            "a-c 2012-03..",
            "b-c 2014-05-08..2015-12-31",
            "c-d 2013..2016-02-18",
        ]
    );
    let [rejected] = &report.rejections[..] else {
        panic!("{:#?}", report.rejections);
    };
    assert_eq!(rejected.line, 6, "the file's own line, CRLF or not");
    assert!(
        rejected
            .reason
            .contains("`3/4/2012` could be 4 March 2012 or 3 April 2012")
            && rejected.reason.contains("AutoMonthFirst"),
        "{}",
        rejected.reason
    );
}

#[test]
fn the_mapping_settles_the_order_of_day_and_month() {
    let (graph, report) = import_mixed("format: AutoDayFirst");
    assert!(dated(&graph).contains(&"b-d 2012-04-03..".to_string()));
    // 2/18/10 and 12/31/2015 have no day-first reading: rejected, not swapped.
    let [first, second] = &report.rejections[..] else {
        panic!("{:#?}", report.rejections);
    };
    assert_eq!((first.line, second.line), (2, 4));
    assert_eq!(
        first.reason,
        "start: `2/18/10`: month 18 does not exist, read day first as the mapping says \
         (the other way it would be 18 February 2010)"
    );
    assert!(
        second.reason.starts_with("end: `12/31/2015`"),
        "{}",
        second.reason
    );

    let (graph, report) = import_mixed("formats: [MonthDayYear, DayMonthNameYear, Iso]");
    assert_eq!(report.rejections.len(), 1, "{:#?}", report.rejections);
    assert!(report.rejections[0].reason.contains("`18/2/2016`"));
    assert!(dated(&graph).contains(&"b-d 2012-03-04..".to_string()));
}
