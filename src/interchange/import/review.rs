//! The review file: incoming actors the import could not place on its own
//! (their names belong to several actors, or only nearly match one), for
//! the analyst to decide, and the decisions read back on the next run.
//!
//! Columns, one row an incoming actor:
//!
//! * `incoming_id` — its id in the table imported (for an actor named only
//!   in a ties table, the cell that names it);
//! * `incoming_name` — its name there;
//! * `where` — the file and line it was first met on;
//! * `candidate_ids`, `candidate_names` — the graph's actors it may be,
//!   `;` between two;
//! * `why` — why it was not matched alone;
//! * `decision` — empty until the analyst writes one: the id of the actor
//!   it is (one of the candidates, or any actor of the graph), `new` for an
//!   actor of its own, or `skip` to leave it and its ties out.

use std::collections::BTreeMap;
use std::path::Path;

use super::cells::{clean, join_list};
use super::table::{csv_reader, next_record, Header};
use super::ImportError;
use crate::spreadsheet::guard_formula;

/// The review file's columns, in order.
pub const REVIEW_COLUMNS: [&str; 7] = [
    "incoming_id",
    "incoming_name",
    "where",
    "candidate_ids",
    "candidate_names",
    "why",
    "decision",
];

/// An incoming actor left for the analyst.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewItem {
    /// Its id in the table imported (or the ties cell naming it).
    pub incoming_id: String,
    /// Its name there.
    pub incoming_name: String,
    /// `file:line` it was first met on.
    pub place: String,
    /// The graph's actors it may be: (id, name).
    pub candidates: Vec<(String, String)>,
    /// Why it was not matched alone.
    pub why: String,
}

/// What the analyst decided for an incoming actor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    /// It is the graph's actor with this id.
    Merge(String),
    /// It is an actor of its own.
    New,
    /// It and its ties stay out.
    Skip,
}

/// Decisions by incoming id, as read from a review file.
pub type Decisions = BTreeMap<String, Decision>;

/// The review file's text, its cells guarded against spreadsheet formulas.
pub fn review_table(items: &[ReviewItem]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record(REVIEW_COLUMNS)
        .expect("writing to memory");
    for item in items {
        let ids: Vec<&str> = item.candidates.iter().map(|(id, _)| id.as_str()).collect();
        let names: Vec<&str> = item
            .candidates
            .iter()
            .map(|(_, name)| name.as_str())
            .collect();
        let row = [
            item.incoming_id.clone(),
            item.incoming_name.clone(),
            item.place.clone(),
            join_list(&ids, ";"),
            join_list(&names, ";"),
            item.why.clone(),
            String::new(),
        ];
        writer
            .write_record(row.map(guard_formula))
            .expect("writing to memory");
    }
    String::from_utf8(writer.into_inner().expect("writing to memory")).expect("UTF-8 in, UTF-8 out")
}

/// Reads the decisions of a review file; rows left undecided are left out.
/// A decision other than an id, `new` or `skip` cannot be told from an id,
/// so any non-empty cell that is not `new` or `skip` names an actor (an
/// unknown one is reported when the import meets it).
pub fn read_decisions(path: &Path) -> Result<Decisions, ImportError> {
    let origin = path.display().to_string();
    // Opened as any table: a review file saved from a spreadsheet in a
    // European locale comes back split by semicolons.
    let table = super::table::Table::open(path)?;
    let mut reader = csv_reader(table.reader, table.delimiter);
    let header = Header::read(&mut reader, &origin)?;
    let id_col = header.require("incoming_id")?;
    let decision_col = header.require("decision")?;
    let mut decisions = Decisions::new();
    let mut record = csv::StringRecord::new();
    let mut malformed = Vec::new();
    while next_record(&mut reader, &mut record, &origin, |r| malformed.push(r))?.is_some() {
        // Cells as written, less the apostrophe that guards a formula.
        let cell = |col: usize| {
            let text = record.get(col).unwrap_or_default();
            clean(text.strip_prefix('\'').unwrap_or(text)).into_owned()
        };
        let (id, decision) = (cell(id_col), cell(decision_col));
        if id.is_empty() || decision.is_empty() {
            continue;
        }
        let decision = match decision.to_lowercase().as_str() {
            "new" => Decision::New,
            "skip" => Decision::Skip,
            _ => Decision::Merge(decision),
        };
        decisions.insert(id, decision);
    }
    if let Some(first) = malformed.into_iter().next() {
        return Err(ImportError::Csv {
            origin: first.origin,
            line: first.line,
            message: first.reason,
        });
    }
    Ok(decisions)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_review_file_reads_back_its_decisions() {
        let items = [
            ReviewItem {
                incoming_id: "12".into(),
                incoming_name: "Daoussak militia".into(),
                place: "t.csv:3".into(),
                candidates: vec![("daoussak-militias".into(), "Daoussak militias".into())],
                why: "a near spelling".into(),
            },
            ReviewItem {
                incoming_id: "=1+1".into(),
                incoming_name: "x".into(),
                place: "t.csv:4".into(),
                candidates: vec![("a".into(), "A".into()), ("b".into(), "B".into())],
                why: "several".into(),
            },
        ];
        let text = review_table(&items);
        assert!(text.starts_with(
            "incoming_id,incoming_name,where,candidate_ids,candidate_names,why,decision\n\
             12,Daoussak militia,t.csv:3,daoussak-militias,Daoussak militias,a near spelling,\n\
             '=1+1,x,t.csv:4,a;b,A;B,several,\n"
        ));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("merges.csv");
        let decided = text
            .replace("a near spelling,\n", "a near spelling,daoussak-militias\n")
            .replace("several,\n", "several, New \n");
        std::fs::write(&path, decided + "13,y,t.csv:5,,,,skip\n14,z,t.csv:6,,,,\n").unwrap();
        let decisions = read_decisions(&path).unwrap();
        let expected: Decisions = [
            (
                "12".to_string(),
                Decision::Merge("daoussak-militias".into()),
            ),
            ("=1+1".to_string(), Decision::New),
            ("13".to_string(), Decision::Skip),
        ]
        .into_iter()
        .collect();
        assert_eq!(decisions, expected);
    }
}
