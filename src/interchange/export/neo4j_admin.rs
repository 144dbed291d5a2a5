//! The `neo4j-admin` export, for Neo4j 5's bulk importer
//! (`neo4j-admin database import full`): `actors.csv` and `ties.csv` with
//! typed neo4j-admin headers, and `import.sh` with the command that loads
//! them into an empty database. Lists are `;`-separated arrays.

use super::csv::{actor_table, tie_table};
use super::cypher::relationship_type;
use super::selection::{actor, tie, ActorCell, Column, Selection, TieCell};

/// The node file's columns: `:ID`, typed properties and `:LABEL`.
const ACTORS: &[Column<ActorCell>] = &[
    Column::new("id:ID", actor::id),
    Column::new("name", actor::name),
    Column::new("kind", actor::kind),
    Column::new("aliases:string[]", actor::aliases),
    Column::new("tags:string[]", actor::tags),
    Column::new("note", actor::note),
    Column::new(":LABEL", |a| format!("Actor;{}", label(a.kind.as_str()))),
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
    Column::new("confidence", tie::confidence),
    Column::new("sources:string[]", tie::sources),
    Column::new("note", tie::note),
    Column::new("events:int", tie::events),
];

/// The command `import.sh` holds.
const COMMAND: &str = "# Load into an empty database (Neo4j 5):\n\
neo4j-admin database import full --array-delimiter=';' --nodes=actors.csv --relationships=ties.csv neo4j\n";

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
            "jnim,\"Jama'at \"\"Nusrat\"\"\",group,JNIM;GSIM,al-qaeda,,Actor;Group"
        );
        assert!(files[0]
            .1
            .contains("fama,Malian army,state_force,,,,Actor;StateForce\n"));
        let ties: Vec<&str> = files[1].1.lines().collect();
        assert_eq!(
            ties[0],
            ":START_ID,:END_ID,:TYPE,relation,directed:boolean,start,end,confidence,sources:string[],note,events:int"
        );
        assert_eq!(
            ties[1],
            "jnim,aqim,SUBGROUP_OF,subgroup-of,true,2017-03,,confirmed,r1;r2,O'Neil said so,"
        );
        assert_eq!(
            ties[2],
            "jnim,fama,HOSTILITY,hostility,false,[..2015],2022-11,likely,,,3"
        );
        for (file, width) in [(&files[0].1, 7), (&files[1].1, 11)] {
            let mut reader = ::csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(file.as_bytes());
            for record in reader.records() {
                assert_eq!(record.unwrap().len(), width, "{file}");
            }
        }
        assert!(files[2].1.contains("--array-delimiter=';'"));
    }
}
