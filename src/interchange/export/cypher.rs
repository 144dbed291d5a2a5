//! The Cypher export, for any openCypher database (Neo4j's `cypher-shell
//! -f FILE`, FalkorDB, Memgraph): a script that merges the actors as
//! `:Actor` nodes and the ties as relationships typed by relation. Rerunning
//! it updates properties and adds nothing: actors merge on `id`, ties on a
//! key of their identity.
//!
//! Only portable openCypher is run: Neo4j's `CREATE CONSTRAINT … REQUIRE`
//! is in a comment, to be run first there. Each statement ends at the end
//! of a line with `;`, which no other line has, so a client that runs one
//! statement at a time can split the script. A tie's dates are its text as
//! written (`start`, `end`) and the earliest and latest day each can be as
//! `date` values (`start_earliest` …), which compare in a query.

use std::fmt::Write as _;

use crate::model::TieRef;

use super::selection::{bound, date, Selection};

/// Rows a single `UNWIND` carries.
const BATCH: usize = 500;

/// A Cypher string literal.
fn string(text: &str) -> String {
    let mut out = String::from("'");
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// A Cypher list of string literals.
fn list<S: AsRef<str>>(items: &[S]) -> String {
    let items: Vec<String> = items.iter().map(|i| string(i.as_ref())).collect();
    format!("[{}]", items.join(", "))
}

/// A relationship type from a relation name, bare: `subgroup-of` →
/// `SUBGROUP_OF`. The `neo4j-admin` export writes it as `:TYPE`.
pub(super) fn relationship_type(relation: &str) -> String {
    relation
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_uppercase().next().unwrap_or(c)
            } else {
                '_'
            }
        })
        .collect()
}

/// A relationship type from a relation name, quoted for a query:
/// `subgroup-of` → `` `SUBGROUP_OF` ``.
pub fn cypher_type(relation: &str) -> String {
    format!("`{}`", relationship_type(relation))
}

/// What identifies a tie in Neo4j, so that a rerun merges instead of
/// duplicating: a JSON array of its ends' ids, its relation and its dates
/// (the identity the CSV import merges on; symmetric ties in id order).
fn tie_key(s: &Selection<'_>, t: &TieRef<'_>) -> String {
    let (from, to) = (s.id(t.from), s.id(t.to));
    let (from, to) = if s.directed(t) || from <= to {
        (from, to)
    } else {
        (to, from)
    };
    serde_json::json!([
        from,
        to,
        s.relation(t),
        date(t.tie.start()),
        date(t.tie.end())
    ])
    .to_string()
}

/// `rows` in batches of [`BATCH`]: each batch an `UNWIND` of its rows as
/// `row`, followed by `then`.
fn unwind(out: &mut String, rows: &[String], then: &str) {
    for chunk in rows.chunks(BATCH) {
        out.push_str("UNWIND [\n");
        out.push_str(&chunk.join(",\n"));
        out.push_str("\n] AS row\n");
        out.push_str(then);
    }
}

/// An actor's row: its properties, which `SET a += row` copies.
fn actor_row(s: &Selection<'_>, actor: crate::model::ActorId) -> String {
    let actor = s.graph.actor(actor);
    let mut row = format!(
        "  {{id: {}, name: {}, kind: {}, aliases: {}, tags: {}",
        string(&actor.id),
        string(&actor.name),
        string(actor.kind.as_str()),
        list(&actor.aliases),
        list(&actor.tags)
    );
    if let Some(note) = &actor.note {
        let _ = write!(row, ", note: {}", string(note));
    }
    row.push('}');
    row
}

/// A tie's row: its ends, its key and the relationship's properties.
fn tie_row(s: &Selection<'_>, t: &TieRef<'_>) -> String {
    let mut props = format!(
        "relation: {}, directed: {}, confidence: {}",
        string(s.relation(t)),
        s.directed(t),
        string(t.tie.confidence.as_str())
    );
    if let Some(start) = t.tie.start() {
        let _ = write!(props, ", start: {}", string(&start.to_string()));
    }
    if let Some(end) = t.tie.end() {
        let _ = write!(props, ", end: {}", string(&end.to_string()));
    }
    for (name, date, first) in [
        ("start_earliest", t.tie.start(), true),
        ("start_latest", t.tie.start(), false),
        ("end_earliest", t.tie.end(), true),
        ("end_latest", t.tie.end(), false),
    ] {
        let day = bound(date, first);
        if !day.is_empty() {
            let _ = write!(props, ", {name}: date('{day}')");
        }
    }
    if !t.tie.sources().is_empty() {
        let _ = write!(props, ", sources: {}", list(&s.source_ids(t)));
    }
    if let Some(note) = t.tie.note() {
        let _ = write!(props, ", note: {}", string(note));
    }
    if let Some(events) = t.tie.events() {
        let _ = write!(props, ", events: {events}");
    }
    format!(
        "  {{from: {}, to: {}, key: {}, props: {{{props}}}}}",
        string(s.id(t.from)),
        string(s.id(t.to)),
        string(&tie_key(s, t))
    )
}

/// The Cypher script of a selection.
pub(super) fn script(s: &Selection<'_>) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "// {} — written by actorgraph as openCypher; run with cypher-shell -f FILE",
        s.graph.title.replace(['\n', '\r'], " ")
    );
    out.push_str(
        "// Idempotent: actors MERGE on `id` and ties on `key` (their ends, relation and\n\
         // dates), so running the script again updates properties and adds nothing.\n\
         // Each statement ends with the first line that ends with a semicolon.\n\
         // Index actor ids first, or every MERGE scans all actors. In Neo4j:\n\
         //   CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE\n\
         // In FalkorDB (and Neo4j without the constraint):\n\
         //   CREATE INDEX FOR (a:Actor) ON (a.id)\n",
    );
    let actors: Vec<String> = s.actors.iter().map(|a| actor_row(s, *a)).collect();
    unwind(
        &mut out,
        &actors,
        "MERGE (a:Actor {id: row.id}) SET a += row;\n",
    );
    // Relationship types are fixed in a query, so ties go by relation.
    let mut relations: Vec<_> = s.ties.iter().map(|t| t.tie.relation).collect();
    relations.sort();
    relations.dedup();
    for relation in relations {
        let rows: Vec<String> = s
            .ties
            .iter()
            .filter(|t| t.tie.relation == relation)
            .map(|t| tie_row(s, t))
            .collect();
        // A symmetric tie merges in either direction, so a graph that
        // stores its ends the other way round still finds it.
        let arrow = if s.graph.relations().is_directed(relation) {
            "->"
        } else {
            "-"
        };
        let then = format!(
            "MATCH (a:Actor {{id: row.from}}), (b:Actor {{id: row.to}})\nMERGE (a)-[r:{} {{key: row.key}}]{arrow}(b)\nSET r = row.props, r.key = row.key;\n",
            cypher_type(s.graph.relations().name(relation))
        );
        unwind(&mut out, &rows, &then);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::selection::rendered_file;
    use super::super::ExportFormat;
    use super::*;

    #[test]
    fn literals_and_types() {
        assert_eq!(string("O'Neil \\ x"), "'O\\'Neil \\\\ x'");
        assert_eq!(string("a\nb\tc\r"), "'a\\nb\\tc\\r'");
        assert_eq!(list(&["a", "b'"]), "['a', 'b\\'']");
        assert_eq!(list::<&str>(&[]), "[]");
        assert_eq!(cypher_type("subgroup-of"), "`SUBGROUP_OF`");
        assert_eq!(relationship_type("trades with"), "TRADES_WITH");
    }

    #[test]
    fn the_script_merges_and_never_creates_nodes_or_relationships() {
        let text = rendered_file(ExportFormat::Cypher, "graph.cypher");
        assert!(text.starts_with(
            "// Test & <sample> — written by actorgraph as openCypher; run with cypher-shell -f FILE\n"
        ));
        // Issue 11: Neo4j's constraint syntax is no openCypher; it is a comment.
        let code: Vec<&str> = text.lines().filter(|l| !l.starts_with("//")).collect();
        assert!(code.iter().all(|l| !l.contains("CREATE ")), "{text}");
        assert!(text.contains("\n//   CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE\n"));
        // Statements end where a line ends with `;`, and nowhere else.
        let ends = code.iter().filter(|l| l.ends_with(';')).count();
        assert_eq!(ends, text.matches(";\n").count());
        assert_eq!(ends, text.matches("UNWIND [").count());
        assert!(text.contains(
            "  {id: 'jnim', name: 'Jama\\'at \"Nusrat\"', kind: 'group', aliases: ['JNIM', 'GSIM'], tags: ['al-qaeda']},\n"
        ));
        assert!(text.contains("note: 'line one\\nline two'}"));
        assert!(text.contains("\n] AS row\nMERGE (a:Actor {id: row.id}) SET a += row;\n"));
        // One UNWIND for the actors, one for each relation.
        assert_eq!(text.matches("UNWIND [\n").count(), 3);
        assert!(text.contains("MERGE (a)-[r:`SUBGROUP_OF` {key: row.key}]->(b)\nSET r = row.props, r.key = row.key;\n"));
        assert!(text.contains("MERGE (a)-[r:`HOSTILITY` {key: row.key}]-(b)\n"));
        assert!(text.ends_with("SET r = row.props, r.key = row.key;\n"));
    }

    #[test]
    fn tie_rows_carry_a_key_and_only_the_properties_they_have() {
        let text = rendered_file(ExportFormat::Cypher, "graph.cypher");
        let subgroup = "  {from: 'jnim', to: 'aqim', key: '[\"jnim\",\"aqim\",\"subgroup-of\",\"2017-03\",\"\"]', props: {relation: 'subgroup-of', directed: true, confidence: 'confirmed', start: '2017-03', start_earliest: date('2017-03-01'), start_latest: date('2017-03-31'), sources: ['r1', 'r2'], note: 'O\\'Neil said so'}}\n";
        assert!(text.contains(subgroup), "{text}");
        // A symmetric tie's key names its ends in id order.
        assert!(text.contains("key: '[\"fama\",\"jnim\",\"hostility\",\"[..2015]\",\"2022-11\"]'"));
        assert!(text.contains(
            "directed: false, confidence: 'likely', start: '[..2015]', end: '2022-11', \
             start_latest: date('2015-12-31'), end_earliest: date('2022-11-01'), \
             end_latest: date('2022-11-30'), events: 3}}"
        ));
    }
}
