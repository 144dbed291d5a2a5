//! The `neo4j-admin` export, for Neo4j 5's bulk importer
//! (`neo4j-admin database import full`): `actors.csv` and `ties.csv` with
//! typed neo4j-admin headers, and `import.sh` with the command that loads
//! them into an empty database.
//!
//! - Lists (aliases, tags, sources, labels) are arrays whose items are
//!   separated by U+001F, the ASCII unit separator, declared with
//!   `--array-delimiter`: neo4j-admin has no escape for its delimiter, and
//!   `;` is common in names and notes. A U+001F inside an item (a control
//!   character no text needs) is written as a space.
//! - Dates are written as the text the graph holds (`start`, `end`: `2017`,
//!   `[..2015]`, `2022-06~`), and as typed `date` columns giving the earliest
//!   and latest day each can be (`start_earliest:date` …), empty where the
//!   side is open, so Neo4j can compare them without a guessed day.
//! - Notes may hold line breaks: the command sets `--multiline-fields=true`.

use crate::model::TieRef;

use super::csv::{actor_table, tie_table};
use super::cypher::relationship_type;
use super::selection::{actor, bound, tie, ActorCell, Column, Selection, TieCell};

/// The array delimiter: the ASCII unit separator.
const ARRAY: char = '\u{1F}';

/// Items joined with [`ARRAY`]; the delimiter inside an item becomes a space.
fn array<S: AsRef<str>>(items: &[S]) -> String {
    items
        .iter()
        .map(|item| item.as_ref().replace(ARRAY, " "))
        .collect::<Vec<_>>()
        .join(&ARRAY.to_string())
}

/// The node file's columns: `:ID`, typed properties and `:LABEL`.
const ACTORS: &[Column<ActorCell>] = &[
    Column::new("id:ID", actor::id),
    Column::new("name", actor::name),
    Column::new("kind", actor::kind),
    Column::new("aliases:string[]", |a| array(&a.aliases)),
    Column::new("tags:string[]", |a| array(&a.tags)),
    Column::new("note", actor::note),
    Column::new(":LABEL", |a| {
        array(&["Actor".to_string(), label(a.kind.as_str())])
    }),
];

/// The relationship file's columns: the ends, `:TYPE` and typed properties.
const TIES: &[Column<TieCell>] = &[
    Column::new(":START_ID", tie::source),
    Column::new(":END_ID", tie::target),
    Column::new(":TYPE", |s, t| relationship_type(s.relation(t))),
    Column::new("relation", tie::relation),
    Column::new("directed:boolean", tie::directed),
    Column::new("start", tie::start),
    Column::new("end", tie::end),
    Column::new("start_earliest:date", |_, t| bound(t.tie.start(), true)),
    Column::new("start_latest:date", |_, t| bound(t.tie.start(), false)),
    Column::new("end_earliest:date", |_, t| bound(t.tie.end(), true)),
    Column::new("end_latest:date", |_, t| bound(t.tie.end(), false)),
    Column::new("confidence", tie::confidence),
    Column::new("sources:string[]", |s, t: &TieRef<'_>| {
        array(&s.source_ids(t))
    }),
    Column::new("note", tie::note),
    Column::new("events:int", tie::events),
];

/// The script `import.sh` holds. The database name comes right after
/// `full`: since Neo4j 5.19 a name after `--nodes`/`--relationships` is read
/// as one more file (Neo4j's import tutorial writes it first).
const COMMAND: &str = "#!/bin/sh\n\
# Loads actors.csv and ties.csv into a new, empty database `neo4j` (Neo4j 5).\n\
# Arrays are separated by U+001F; notes may span lines.\n\
cd \"$(dirname \"$0\")\" || exit 1\n\
exec neo4j-admin database import full neo4j --array-delimiter=U+001F --multiline-fields=true --nodes=actors.csv --relationships=ties.csv\n";

/// A node label from an actor kind: `state_force` → `StateForce`.
fn label(kind: &str) -> String {
    let mut label = String::new();
    for part in kind.split('_') {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            label.extend(first.to_uppercase());
            label.push_str(chars.as_str());
        }
    }
    label
}

/// The files of the export: `actors.csv`, `ties.csv` and `import.sh`.
pub(super) fn files(s: &Selection<'_>) -> Vec<(String, String)> {
    vec![
        ("actors.csv".into(), actor_table(s, ACTORS)),
        ("ties.csv".into(), tie_table(s, TIES)),
        ("import.sh".into(), COMMAND.into()),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::selection::rendered;
    use super::super::ExportFormat;
    use super::*;

    #[test]
    fn labels_are_camel_case() {
        assert_eq!(label("state_force"), "StateForce");
        assert_eq!(label("group"), "Group");
    }

    #[test]
    fn headers_are_typed_and_rows_fill_them() {
        let files = rendered(ExportFormat::Neo4jAdmin);
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["actors.csv", "ties.csv", "import.sh"]);
        let actors: Vec<&str> = files[0].1.lines().collect();
        assert_eq!(
            actors[0],
            "id:ID,name,kind,aliases:string[],tags:string[],note,:LABEL"
        );
        assert_eq!(
            actors[1],
            "jnim,\"Jama'at \"\"Nusrat\"\"\",group,JNIM\u{1F}GSIM,al-qaeda,,Actor\u{1F}Group"
        );
        assert!(files[0]
            .1
            .contains("fama,Malian army,state_force,,,,Actor\u{1F}StateForce\n"));
        let ties: Vec<&str> = files[1].1.lines().collect();
        assert_eq!(
            ties[0],
            ":START_ID,:END_ID,:TYPE,relation,directed:boolean,start,end,\
             start_earliest:date,start_latest:date,end_earliest:date,end_latest:date,\
             confidence,sources:string[],note,events:int"
        );
        // March 2017, ongoing: the start is a month, the end open.
        assert_eq!(
            ties[1],
            "jnim,aqim,SUBGROUP_OF,subgroup-of,true,2017-03,,2017-03-01,2017-03-31,,,\
             confirmed,r1\u{1F}r2,O'Neil said so,"
        );
        // By 2015 at the latest: no earliest day.
        assert_eq!(
            ties[2],
            "jnim,fama,HOSTILITY,hostility,false,[..2015],2022-11,,2015-12-31,2022-11-01,2022-11-30,likely,,,3"
        );
        for (file, width) in [(&files[0].1, 7), (&files[1].1, 15)] {
            let mut reader = ::csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(file.as_bytes());
            for record in reader.records() {
                assert_eq!(record.unwrap().len(), width, "{file}");
            }
        }
    }

    /// Issue 11: items holding `;` were split by neo4j-admin, whose default
    /// array delimiter is `;` and which has no escape for it.
    #[test]
    fn array_items_keep_their_semicolons() {
        assert_eq!(array(&["a;b", "c"]), "a;b\u{1F}c");
        assert_eq!(array(&["x\u{1F}y"]), "x y");
        assert_eq!(array::<&str>(&[]), "");
    }

    /// Issue 11: no multiline flag, and the database name after the file
    /// options, where Neo4j 5.19 and later read it as a file.
    #[test]
    fn the_command_declares_the_delimiter_and_names_the_database_first() {
        let files = rendered(ExportFormat::Neo4jAdmin);
        let command = files[2].1.lines().last().unwrap();
        assert_eq!(
            command,
            "exec neo4j-admin database import full neo4j --array-delimiter=U+001F \
             --multiline-fields=true --nodes=actors.csv --relationships=ties.csv"
        );
    }
}
