//! The CSV export, for spreadsheets and for actorgraph's own CSV import:
//! `actors.csv` and `ties.csv` in the import layout, with the tables that
//! layout cannot hold beside them. The import (`crate::interchange::import`) reads
//! a directory this wrote back into an equal graph.
//!
//! Also the table writer the `neo4j-admin` export shares.

use crate::model::{Actor, EventSpec, Graph, Phrasing, Relation, RelationLook, Source};

use super::super::import::cells::join_list;
use super::selection::{actor, date, tie, ActorCell, Cell, Column, Selection, TieCell};

/// The `format` cell of the `graph.csv` the CSV export writes. The import
/// reads the tables of a directory holding it exactly as written: no
/// trimming, no entity decoding.
pub const CSV_MARKER: &str = "actorgraph-csv/2";

/// A list cell in the import layout: joined with `;`, escaped by [`join_list`].
fn list<S: AsRef<str>>(items: &[S]) -> String {
    join_list(items, ";")
}

/// `actors.csv`: one actor a row.
const ACTORS: &[Column<ActorCell>] = &[
    Column::new("id", actor::id),
    Column::new("name", actor::name),
    Column::new("kind", actor::kind),
    Column::new("aliases", |a| list(&a.aliases)),
    Column::new("tags", |a| list(&a.tags)),
    Column::new("active_start", |a| date(a.active.unwrap_or_default().start)),
    Column::new("active_end", |a| date(a.active.unwrap_or_default().end)),
    Column::new("note", actor::note),
];

/// `ties.csv`: one tie a row, its ends by actor id.
const TIES: &[Column<TieCell>] = &[
    Column::new("source", tie::source),
    Column::new("target", tie::target),
    Column::new("relation", tie::relation),
    Column::new("start", tie::start),
    Column::new("end", tie::end),
    Column::new("confidence", tie::confidence),
    Column::new("sources", |s, t| list(&s.source_ids(t))),
    Column::new("note", tie::note),
    Column::new("evidence", tie::evidence),
    Column::new("events", tie::events),
];

/// `relations.csv`: every declared relation.
const RELATIONS: &[Column<Cell<Relation>>] = &[
    Column::new("name", |r| r.name.clone()),
    Column::new("directed", |r| r.directed.to_string()),
    Column::new("note", |r| r.note.clone().unwrap_or_default()),
    Column::new("verb", |r| phrasing(r, |p| p.verb.clone())),
    Column::new("past", |r| phrasing(r, |p| p.past.clone())),
    Column::new("base", |r| phrasing(r, |p| p.base.clone())),
    Column::new("inverse", |r| phrasing(r, |p| p.inverse.clone())),
    Column::new("also", |r| {
        r.phrasing.as_ref().map_or(String::new(), |p| list(&p.also))
    }),
    Column::new("color", |r| look(r, |l| l.color.map(|c| c.to_string()))),
    Column::new("line", |r| look(r, |l| l.line.map(|f| f.to_string()))),
    Column::new("arrow", |r| look(r, |l| l.arrow.map(|a| a.to_string()))),
];

/// One word of a relation's drawing, or an empty cell.
fn look(relation: &Relation, word: impl Fn(&RelationLook) -> Option<String>) -> String {
    relation.look.as_ref().and_then(word).unwrap_or_default()
}

/// One word of a relation's phrasing, or an empty cell.
fn phrasing(relation: &Relation, word: impl Fn(&Phrasing) -> Option<String>) -> String {
    relation
        .phrasing
        .as_ref()
        .and_then(word)
        .unwrap_or_default()
}

/// `sources.csv`: every source, with citation and URL.
const SOURCES: &[Column<Cell<Source>>] = &[
    Column::new("id", |s| s.id.clone()),
    Column::new("citation", |s| s.citation.clone()),
    Column::new("url", |s| s.url.clone().unwrap_or_default()),
];

/// `events.csv`: the events whose actors are all selected.
const EVENTS: &[Column<Cell<EventSpec>>] = &[
    Column::new("date", |e| e.date.to_string()),
    Column::new("actors", |e| list(&e.actors)),
    Column::new("what", |e| e.what.clone()),
    Column::new("confidence", |e| e.confidence.to_string()),
    Column::new("sources", |e| list(&e.sources)),
    Column::new("evidence", |e| e.evidence.clone().unwrap_or_default()),
    Column::new("note", |e| e.note.clone().unwrap_or_default()),
];

/// `graph.csv`: one row of the graph's own fields.
const GRAPH: &[Column<Cell<Graph>>] = &[
    Column::new("title", |g| g.title.clone()),
    Column::new("as_of", |g| date(g.as_of())),
    Column::new("format", |_| CSV_MARKER.to_string()),
];

/// A CSV table: a header of the columns' names, then a row an item, each
/// cell read by `read` from its column's cell function.
pub(super) fn table<C, T>(
    columns: &[Column<C>],
    items: impl IntoIterator<Item = T>,
    read: impl Fn(&C, &T) -> String,
) -> String {
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    let header = columns.iter().map(|c| c.name);
    writer.write_record(header).expect("writing to memory");
    for item in items {
        let row = columns
            .iter()
            .map(|c| crate::spreadsheet::guard_formula(read(&c.cell, &item)));
        writer.write_record(row).expect("writing to memory");
    }
    String::from_utf8(writer.into_inner().expect("writing to memory")).expect("UTF-8 in, UTF-8 out")
}

/// A table of actors, one a row.
pub(super) fn actor_table(s: &Selection<'_>, columns: &[Column<ActorCell>]) -> String {
    table(columns, s.actors(), |cell, a: &&Actor| cell(a))
}

/// A table of ties, one a row.
pub(super) fn tie_table(s: &Selection<'_>, columns: &[Column<TieCell>]) -> String {
    table(columns, &s.ties, |cell, t| cell(s, t))
}

/// The CSV export: `actors.csv` and `ties.csv` in the import layout (list
/// cells joined with `;`, escaped by [`join_list`]), then what that layout
/// cannot hold: `relations.csv` (every declared relation), `sources.csv`
/// (every source, with citation and URL), `events.csv` and `graph.csv`
/// (title, as-of date and the [`CSV_MARKER`]).
pub(super) fn files(s: &Selection<'_>) -> Vec<(String, String)> {
    let relations = s.graph.relations().declared();
    vec![
        ("actors.csv".into(), actor_table(s, ACTORS)),
        ("ties.csv".into(), tie_table(s, TIES)),
        (
            "relations.csv".into(),
            table(RELATIONS, relations, |c, r| c(r)),
        ),
        (
            "sources.csv".into(),
            table(SOURCES, s.graph.sources(), |c, x| c(x)),
        ),
        ("events.csv".into(), table(EVENTS, s.events(), |c, e| c(e))),
        ("graph.csv".into(), table(GRAPH, [s.graph], |c, g| c(g))),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::selection::rendered;
    use super::super::ExportFormat;
    use super::*;

    /// The records of a CSV text, header first.
    fn records(text: &str) -> Vec<Vec<String>> {
        ::csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect()
    }

    #[test]
    fn every_row_has_as_many_cells_as_its_header() {
        let files = rendered(ExportFormat::Csv);
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "actors.csv",
                "ties.csv",
                "relations.csv",
                "sources.csv",
                "events.csv",
                "graph.csv"
            ]
        );
        for (name, text) in &files {
            let records = records(text);
            assert!(records.len() >= 2, "{name} has rows: {text}");
            for record in &records {
                assert_eq!(record.len(), records[0].len(), "{name}: {record:?}");
            }
        }
    }

    #[test]
    fn tables_hold_the_import_layout() {
        let files = rendered(ExportFormat::Csv);
        let actors = records(&files[0].1);
        assert_eq!(
            actors[0],
            [
                "id",
                "name",
                "kind",
                "aliases",
                "tags",
                "active_start",
                "active_end",
                "note"
            ]
        );
        assert_eq!(
            actors[1],
            [
                "jnim",
                "Jama'at \"Nusrat\"",
                "group",
                "JNIM;GSIM",
                "al-qaeda",
                "",
                "",
                ""
            ]
        );
        assert_eq!(actors[2][7], "line one\nline two");
        assert_eq!(
            files[1].1.lines().next().unwrap(),
            "source,target,relation,start,end,confidence,sources,note,evidence,events"
        );
        let ties = records(&files[1].1);
        assert_eq!(
            ties[1],
            [
                "jnim",
                "aqim",
                "subgroup-of",
                "2017-03",
                "",
                "confirmed",
                "r1;r2",
                "O'Neil said so",
                "Founding video.",
                ""
            ]
        );
        assert_eq!(ties[2][3..6], ["[..2015]", "2022-11", "likely"]);
        assert_eq!(ties[2][9], "3");
        assert_eq!(
            files[2].1,
            "name,directed,note,verb,past,base,inverse,also,color,line,arrow\nfunds,true,\"from pays to, in cash\",,,,,,,,\n"
        );
        // Both events: every actor is selected.
        assert_eq!(records(&files[4].1).len(), 3);
        assert_eq!(
            files[5].1,
            format!("title,as_of,format\nTest & <sample>,2023-02,{CSV_MARKER}\n")
        );
    }

    #[test]
    fn list_cells_escape_the_separator() {
        let graph = crate::store::ron::parse(
            r#"(title: "t", actors: [(id: "a", name: "A", kind: group, aliases: ["a;b", "c\\d"])])"#,
            "t.ron",
        )
        .unwrap();
        let s = Selection::new(&graph, &[], &[graph.find("a").unwrap()]);
        let text = actor_table(&s, ACTORS);
        assert_eq!(records(&text)[1][3], r"a\;b;c\\d", "{text}");
    }
}
