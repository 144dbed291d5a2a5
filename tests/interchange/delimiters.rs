//! Issue 11, item 2: tables split by tabs or semicolons read like CSV: a
//! `.tsv` by its name, a `;` table (a spreadsheet saved in a European
//! locale) by its header, anything else by the mapping's `delimiter`.

use super::*;

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn pairs(graph: &Graph) -> Vec<String> {
    let mut pairs: Vec<String> = graph
        .all_ties()
        .map(|t| {
            let relation = graph.relations().name(t.tie.relation);
            format!(
                "{} {relation} {}",
                graph.actor(t.from).name,
                graph.actor(t.to).name
            )
        })
        .collect();
    pairs.sort();
    pairs
}

const EXPECTED: [&str; 2] = [
    "Ansar Dine, the faction alliance JNIM",
    "JNIM hostility ISGS",
];

#[test]
fn tabs_and_semicolons_are_read_by_name_header_or_mapping() {
    let dir = tempfile::tempdir().unwrap();
    let by_name = |delimiter: &str| -> ImportOptions {
        let text = format!(
            r#"(actors: None, {delimiter} ties: (source: (column: "source", by: Name),
                target: (column: "target", by: Name), relation: (column: "relation")))"#
        );
        ImportOptions {
            mapping: Mapping::parse(&text, "m.ron").unwrap(),
            ..ImportOptions::default()
        }
    };
    let rows = [
        ["source", "target", "relation"],
        ["Ansar Dine, the faction", "JNIM", "alliance"],
        ["JNIM", "ISGS", "hostility"],
    ];
    let joined = |sep: &str, quote_first: bool| -> String {
        rows.iter()
            .map(|row| {
                row.iter()
                    .map(|cell| {
                        if quote_first && cell.contains(',') {
                            format!("\"{cell}\"")
                        } else {
                            cell.to_string()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(sep)
            })
            .collect::<Vec<_>>()
            .join("\r\n")
    };
    // A .tsv by its name, a tabbed .txt and a ;-table by their headers.
    for (name, sep) in [("t.tsv", "\t"), ("t.txt", "\t"), ("t.csv", ";")] {
        let path = write(dir.path(), name, &joined(sep, false));
        let (graph, report) = import(None, &path, &by_name("")).unwrap();
        assert!(
            report.rejections.is_empty(),
            "{name}: {:#?}",
            report.rejections
        );
        assert_eq!(pairs(&graph), EXPECTED, "{name}");
    }
    // A header holding a comma in quotes looks comma-separated: the
    // mapping's word settles it.
    let path = write(
        dir.path(),
        "q.csv",
        "\"source, as coded\";target;relation\n\"Ansar Dine, the faction\";JNIM;alliance\n\
         JNIM;ISGS;hostility\n",
    );
    let mut options = by_name("delimiter: ';',");
    options.mapping.ties.source.column = "source, as coded".into();
    let (graph, report) = import(None, &path, &options).unwrap();
    assert!(report.rejections.is_empty(), "{:#?}", report.rejections);
    assert_eq!(pairs(&graph), EXPECTED);
}

#[test]
fn a_delimiter_that_cannot_split_cells_is_refused() {
    for bad in ["'\"'", "'\\n'", "'é'"] {
        let text = format!(
            r#"(delimiter: {bad}, ties: (source: (column: "a"), target: (column: "b"),
                relation: (fixed: "alliance")))"#
        );
        let error = Mapping::parse(&text, "m.ron").unwrap_err().diagnostic();
        assert!(
            error.message.contains("cannot separate cells"),
            "{bad}: {error:?}"
        );
    }
}

#[test]
fn the_command_line_imports_a_tsv() {
    Test::new()
        .write(
            "ties.tsv",
            "source\ttarget\trelation\tstart\njnim\tisgs\thostility\t2019-12\n",
        )
        .write(
            "actors.tsv",
            "id\tname\tkind\njnim\tJNIM\tgroup\nisgs\tISGS\tgroup\n",
        )
        .args(&[
            "import",
            "csv",
            "--actors",
            "$TMP/actors.tsv",
            "--ties",
            "$TMP/ties.tsv",
            "-o",
            "$TMP/g.ron",
        ])
        .stderr_matches(|err| err.contains("2 actors") && err.contains("1 tie"))
        .run();
}

/// Cold check of issue 11: Excel's `sep=;` line above the header was read
/// as the header. It names the delimiter; the header is the line after it,
/// and rejected rows keep their own line numbers.
#[test]
fn excels_separator_line_names_the_delimiter() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "excel.csv",
        "\u{FEFF}sep=;\r\nsource;target;relation;start;end;confidence\r\n\
         a;b;alliance;2018-03-15 00:00:00;;likely\r\n\
         a;c;friendship;2019;;likely\r\n",
    );
    let (graph, report) = import(None, &path, &ImportOptions::default()).unwrap();
    assert_eq!(graph.tie_count(), 1);
    let [rejected] = &report.rejections[..] else {
        panic!("{:#?}", report.rejections);
    };
    assert_eq!(rejected.line, 4);
    assert!(
        rejected.reason.contains("friendship"),
        "{}",
        rejected.reason
    );
    let tie = graph.all_ties().next().unwrap();
    assert_eq!(tie.tie.start().unwrap().to_string(), "2018-03-15");
}
