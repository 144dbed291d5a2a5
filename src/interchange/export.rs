//! Exports of a selection of a graph for other tools: CSV in the import
//! layout, networkx node-link JSON, GraphML, GEXF 1.3 with spells, a Cypher
//! script, and `neo4j-admin import` CSV files.
//!
//! A selection is a list of actors and a list of ties; the ends of every
//! selected tie are exported too, so the output never names a missing actor.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::model::{ActorId, Graph, TieId, TieRef};
use crate::store::atomic::write_atomically;

use super::text::join_list;

/// The formats [`export`] writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    /// `actors.csv` and `ties.csv` in a directory, in the import layout,
    /// with `relations.csv`, `sources.csv` and `graph.csv` for what that
    /// layout cannot hold.
    Csv,
    /// networkx node-link JSON (`edges`, networkx 3.4's default), one file.
    Json,
    /// GraphML, one file.
    GraphMl,
    /// GEXF 1.3 with each tie's dates as a spell, one file.
    Gexf,
    /// A Cypher script that creates the actors and ties, one file.
    Cypher,
    /// `actors.csv`, `ties.csv` with neo4j-admin headers and the command, in a directory.
    Neo4jAdmin,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 6] = [
        ExportFormat::Csv,
        ExportFormat::Json,
        ExportFormat::GraphMl,
        ExportFormat::Gexf,
        ExportFormat::Cypher,
        ExportFormat::Neo4jAdmin,
    ];

    /// The name used on the command line and in the language.
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
            ExportFormat::GraphMl => "graphml",
            ExportFormat::Gexf => "gexf",
            ExportFormat::Cypher => "cypher",
            ExportFormat::Neo4jAdmin => "neo4j-admin",
        }
    }

    /// Reads a format name (case-insensitive; `neo4j` means `neo4j-admin`).
    pub fn parse(name: &str) -> Option<ExportFormat> {
        let name = name.to_ascii_lowercase();
        if name == "neo4j" {
            return Some(ExportFormat::Neo4jAdmin);
        }
        ExportFormat::ALL.into_iter().find(|f| f.name() == name)
    }

    /// True when the format writes several files into a directory.
    pub fn is_directory(self) -> bool {
        matches!(self, ExportFormat::Csv | ExportFormat::Neo4jAdmin)
    }
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("cannot create directory `{path}`: {error}")]
    Directory { path: String, error: std::io::Error },
    #[error("{0}")]
    Write(#[from] crate::store::atomic::WriteError),
}

/// Writes the selected actors and ties (and the ends of those ties) to
/// `path` in `format`: a file, or a directory for [`ExportFormat::is_directory`]
/// formats. Every file is written atomically. Returns the files written.
pub fn export(
    graph: &Graph,
    ties: &[TieId],
    actors: &[ActorId],
    format: ExportFormat,
    path: &Path,
) -> Result<Vec<PathBuf>, ExportError> {
    let files = render(graph, ties, actors, format);
    let targets: Vec<(PathBuf, String)> = if format.is_directory() {
        std::fs::create_dir_all(path).map_err(|error| ExportError::Directory {
            path: path.display().to_string(),
            error,
        })?;
        files
            .into_iter()
            .map(|(name, text)| (path.join(name), text))
            .collect()
    } else {
        files
            .into_iter()
            .map(|(_, text)| (path.to_path_buf(), text))
            .collect()
    };
    let mut written = Vec::new();
    for (file, text) in targets {
        write_atomically(&file, text.as_bytes())?;
        written.push(file);
    }
    Ok(written)
}

/// Every actor and tie of the graph, as a selection.
pub fn everything(graph: &Graph) -> (Vec<TieId>, Vec<ActorId>) {
    (
        graph.all_ties().map(|t| t.id).collect(),
        graph.actors().map(|(id, _)| id).collect(),
    )
}

/// The files of an export as (file name, text); single-file formats give
/// one entry, named with the format's usual extension.
pub fn render(
    graph: &Graph,
    ties: &[TieId],
    actors: &[ActorId],
    format: ExportFormat,
) -> Vec<(String, String)> {
    let selection = Selection::new(graph, ties, actors);
    match format {
        ExportFormat::Csv => csv_files(&selection),
        ExportFormat::Json => vec![("graph.json".into(), json(&selection))],
        ExportFormat::GraphMl => vec![("graph.graphml".into(), graphml(&selection))],
        ExportFormat::Gexf => vec![("graph.gexf".into(), gexf(&selection))],
        ExportFormat::Cypher => vec![("graph.cypher".into(), cypher(&selection))],
        ExportFormat::Neo4jAdmin => neo4j_admin(&selection),
    }
}

/// The selection, in graph order, with every tie's ends included.
struct Selection<'g> {
    graph: &'g Graph,
    actors: Vec<ActorId>,
    ties: Vec<TieRef<'g>>,
}

impl<'g> Selection<'g> {
    fn new(graph: &'g Graph, ties: &[TieId], actors: &[ActorId]) -> Self {
        let ties: BTreeSet<TieId> = ties.iter().copied().collect();
        let ties: Vec<TieRef<'g>> = ties.into_iter().filter_map(|t| graph.tie(t)).collect();
        let mut chosen: BTreeSet<ActorId> = actors
            .iter()
            .copied()
            .filter(|a| graph.get_actor(*a).is_some())
            .collect();
        for tie in &ties {
            chosen.insert(tie.from);
            chosen.insert(tie.to);
        }
        Selection {
            graph,
            actors: chosen.into_iter().collect(),
            ties,
        }
    }

    fn relation(&self, tie: &TieRef<'_>) -> &str {
        self.graph.relations().name(tie.tie.relation)
    }

    fn directed(&self, tie: &TieRef<'_>) -> bool {
        self.graph.relations().is_directed(tie.tie.relation)
    }

    fn id(&self, actor: ActorId) -> &str {
        &self.graph.actor(actor).id
    }

    fn source_ids(&self, tie: &TieRef<'_>) -> Vec<&str> {
        self.graph.source_ids(tie.tie).collect()
    }

    /// Source ids joined with `;`, for tools that read the list as text.
    fn sources(&self, tie: &TieRef<'_>) -> String {
        self.source_ids(tie).join(";")
    }
}

fn date(date: Option<crate::model::PartialDate>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

// ---- CSV ----

fn csv_text(rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        writer.write_record(&row).expect("writing to memory");
    }
    String::from_utf8(writer.into_inner().expect("writing to memory")).expect("UTF-8 in, UTF-8 out")
}

/// The `format` cell of the `graph.csv` the CSV export writes. The import
/// reads the tables of a directory holding it exactly as written: no
/// trimming, no entity decoding.
pub const CSV_MARKER: &str = "actorgraph-csv/1";

/// The CSV export: `actors.csv` and `ties.csv` in the import layout (list
/// cells joined with `;`, escaped by [`join_list`]), then what that layout
/// cannot hold: `relations.csv` (every declared relation), `sources.csv`
/// (every source, with citation and URL) and `graph.csv` (title, as-of date
/// and the [`CSV_MARKER`]).
fn csv_files(s: &Selection<'_>) -> Vec<(String, String)> {
    let header = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
    let actors = std::iter::once(header(&[
        "id",
        "name",
        "kind",
        "aliases",
        "tags",
        "active_start",
        "active_end",
        "note",
    ]))
    .chain(s.actors.iter().map(|a| {
        let actor = s.graph.actor(*a);
        let active = actor.active.unwrap_or_default();
        vec![
            actor.id.clone(),
            actor.name.clone(),
            actor.kind.to_string(),
            join_list(&actor.aliases, ";"),
            join_list(&actor.tags, ";"),
            date(active.start),
            date(active.end),
            actor.note.clone().unwrap_or_default(),
        ]
    }));
    let ties = std::iter::once(header(&[
        "source",
        "target",
        "relation",
        "start",
        "end",
        "confidence",
        "sources",
        "note",
        "evidence",
        "events",
    ]))
    .chain(s.ties.iter().map(|t| {
        vec![
            s.id(t.from).to_string(),
            s.id(t.to).to_string(),
            s.relation(t).to_string(),
            date(t.tie.start()),
            date(t.tie.end()),
            t.tie.confidence.to_string(),
            join_list(&s.source_ids(t), ";"),
            t.tie.note().map(str::to_string).unwrap_or_default(),
            t.tie.evidence().map(str::to_string).unwrap_or_default(),
            t.tie.events().map(|e| e.to_string()).unwrap_or_default(),
        ]
    }));
    let relations = std::iter::once(header(&["name", "directed", "note"])).chain(
        s.graph.relations().declared().iter().map(|r| {
            vec![
                r.name.clone(),
                r.directed.to_string(),
                r.note.clone().unwrap_or_default(),
            ]
        }),
    );
    let sources = std::iter::once(header(&["id", "citation", "url"])).chain(
        s.graph.sources().iter().map(|source| {
            vec![
                source.id.clone(),
                source.citation.clone(),
                source.url.clone().unwrap_or_default(),
            ]
        }),
    );
    let graph = [
        header(&["title", "as_of", "format"]),
        vec![
            s.graph.title.clone(),
            date(s.graph.as_of()),
            CSV_MARKER.to_string(),
        ],
    ];
    // Events whose actors are all in the selection.
    let events = std::iter::once(header(&[
        "date",
        "actors",
        "what",
        "confidence",
        "sources",
        "evidence",
        "note",
    ]))
    .chain(
        s.graph
            .events()
            .iter()
            .filter(|e| e.actors.iter().all(|a| s.actors.contains(a)))
            .map(|e| {
                let spec = s.graph.event_spec(e);
                vec![
                    spec.date.to_string(),
                    join_list(&spec.actors, ";"),
                    spec.what,
                    spec.confidence.to_string(),
                    join_list(&spec.sources, ";"),
                    spec.evidence.unwrap_or_default(),
                    spec.note.unwrap_or_default(),
                ]
            }),
    );
    vec![
        ("actors.csv".into(), csv_text(actors)),
        ("ties.csv".into(), csv_text(ties)),
        ("relations.csv".into(), csv_text(relations)),
        ("sources.csv".into(), csv_text(sources)),
        ("events.csv".into(), csv_text(events)),
        ("graph.csv".into(), csv_text(graph)),
    ]
}

// ---- JSON (networkx node-link) ----

fn json(s: &Selection<'_>) -> String {
    use serde_json::{json, Map, Value};
    let optional = |map: &mut Map<String, Value>, key: &str, value: String| {
        if !value.is_empty() {
            map.insert(key.into(), Value::String(value));
        }
    };
    let nodes: Vec<Value> = s
        .actors
        .iter()
        .map(|a| {
            let actor = s.graph.actor(*a);
            let mut node = Map::new();
            node.insert("id".into(), json!(actor.id));
            node.insert("name".into(), json!(actor.name));
            node.insert("kind".into(), json!(actor.kind.as_str()));
            optional(&mut node, "aliases", actor.aliases.join(";"));
            optional(&mut node, "tags", actor.tags.join(";"));
            optional(&mut node, "note", actor.note.clone().unwrap_or_default());
            Value::Object(node)
        })
        .collect();
    let edges: Vec<Value> = s
        .ties
        .iter()
        .map(|t| {
            let mut edge = Map::new();
            edge.insert("source".into(), json!(s.id(t.from)));
            edge.insert("target".into(), json!(s.id(t.to)));
            edge.insert("key".into(), json!(t.id.index()));
            edge.insert("relation".into(), json!(s.relation(t)));
            edge.insert("directed".into(), json!(s.directed(t)));
            optional(&mut edge, "start", date(t.tie.start()));
            optional(&mut edge, "end", date(t.tie.end()));
            edge.insert("confidence".into(), json!(t.tie.confidence.as_str()));
            optional(&mut edge, "sources", s.sources(t));
            optional(
                &mut edge,
                "note",
                t.tie.note().map(str::to_string).unwrap_or_default(),
            );
            optional(
                &mut edge,
                "evidence",
                t.tie.evidence().map(str::to_string).unwrap_or_default(),
            );
            if let Some(events) = t.tie.events() {
                edge.insert("events".into(), json!(events));
            }
            Value::Object(edge)
        })
        .collect();
    let document = json!({
        "directed": true,
        "multigraph": true,
        "graph": {
            "title": s.graph.title,
            "as_of": date(s.graph.as_of()),
            "events": s
                .graph
                .events()
                .iter()
                .filter(|e| e.actors.iter().all(|a| s.actors.contains(a)))
                .map(|e| s.graph.event_spec(e))
                .collect::<Vec<_>>(),
        },
        "nodes": nodes,
        "edges": edges,
    });
    let mut text = serde_json::to_string_pretty(&document).expect("JSON values serialise");
    text.push('\n');
    text
}

// ---- XML helpers ----

/// Text escaped for XML attributes and content; characters XML 1.0 cannot
/// hold are dropped.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\t' | '\r' => {
                let _ = write!(out, "&#{};", c as u32);
            }
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

// ---- GraphML ----

fn graphml(s: &Selection<'_>) -> String {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
    let node_keys = ["name", "kind", "aliases", "tags", "note"];
    for key in node_keys {
        let _ = writeln!(
            out,
            "  <key id=\"n_{key}\" for=\"node\" attr.name=\"{key}\" attr.type=\"string\"/>"
        );
    }
    let edge_keys = [
        ("relation", "string"),
        ("directed", "boolean"),
        ("start", "string"),
        ("end", "string"),
        ("confidence", "string"),
        ("sources", "string"),
        ("note", "string"),
        ("events", "int"),
    ];
    for (key, kind) in edge_keys {
        let _ = writeln!(
            out,
            "  <key id=\"e_{key}\" for=\"edge\" attr.name=\"{key}\" attr.type=\"{kind}\"/>"
        );
    }
    let _ = writeln!(
        out,
        "  <graph id=\"{}\" edgedefault=\"directed\">",
        xml(&s.graph.title)
    );
    let data = |out: &mut String, key: &str, value: &str| {
        if !value.is_empty() {
            let _ = writeln!(out, "      <data key=\"{key}\">{}</data>", xml(value));
        }
    };
    for a in &s.actors {
        let actor = s.graph.actor(*a);
        let _ = writeln!(out, "    <node id=\"{}\">", xml(&actor.id));
        data(&mut out, "n_name", &actor.name);
        data(&mut out, "n_kind", actor.kind.as_str());
        data(&mut out, "n_aliases", &actor.aliases.join(";"));
        data(&mut out, "n_tags", &actor.tags.join(";"));
        data(&mut out, "n_note", actor.note.as_deref().unwrap_or(""));
        out.push_str("    </node>\n");
    }
    for t in &s.ties {
        let _ = writeln!(
            out,
            "    <edge id=\"t{}\" source=\"{}\" target=\"{}\">",
            t.id.index(),
            xml(s.id(t.from)),
            xml(s.id(t.to))
        );
        data(&mut out, "e_relation", s.relation(t));
        data(
            &mut out,
            "e_directed",
            if s.directed(t) { "true" } else { "false" },
        );
        data(&mut out, "e_start", &date(t.tie.start()));
        data(&mut out, "e_end", &date(t.tie.end()));
        data(&mut out, "e_confidence", t.tie.confidence.as_str());
        data(&mut out, "e_sources", &s.sources(t));
        data(&mut out, "e_note", t.tie.note().unwrap_or(""));
        if let Some(events) = t.tie.events() {
            data(&mut out, "e_events", &events.to_string());
        }
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

// ---- GEXF 1.3 ----

fn gexf(s: &Selection<'_>) -> String {
    use crate::model::PartialDate;
    let day = |d: i32| PartialDate::from_day(d).to_string();
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<gexf xmlns=\"http://gexf.net/1.3\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n");
    let _ = writeln!(
        out,
        "  <meta>\n    <creator>actorgraph</creator>\n    <description>{}</description>\n  </meta>",
        xml(&s.graph.title)
    );
    out.push_str(
        "  <graph mode=\"dynamic\" defaultedgetype=\"directed\" timeformat=\"date\" timerepresentation=\"interval\">\n",
    );
    out.push_str("    <attributes class=\"node\" mode=\"static\">\n");
    for (i, key) in ["kind", "aliases", "tags", "note"].iter().enumerate() {
        let _ = writeln!(
            out,
            "      <attribute id=\"{i}\" title=\"{key}\" type=\"string\"/>"
        );
    }
    out.push_str("    </attributes>\n    <attributes class=\"edge\" mode=\"static\">\n");
    let edge_keys = [
        ("relation", "string"),
        ("start", "string"),
        ("end", "string"),
        ("confidence", "string"),
        ("sources", "string"),
        ("note", "string"),
        ("events", "integer"),
    ];
    for (i, (key, kind)) in edge_keys.iter().enumerate() {
        let _ = writeln!(
            out,
            "      <attribute id=\"{i}\" title=\"{key}\" type=\"{kind}\"/>"
        );
    }
    out.push_str("    </attributes>\n    <nodes>\n");
    let values = |out: &mut String, values: &[(usize, String)]| {
        let values: Vec<&(usize, String)> = values.iter().filter(|(_, v)| !v.is_empty()).collect();
        if values.is_empty() {
            return;
        }
        out.push_str("        <attvalues>\n");
        for (i, value) in values {
            let _ = writeln!(
                out,
                "          <attvalue for=\"{i}\" value=\"{}\"/>",
                xml(value)
            );
        }
        out.push_str("        </attvalues>\n");
    };
    for a in &s.actors {
        let actor = s.graph.actor(*a);
        let _ = writeln!(
            out,
            "      <node id=\"{}\" label=\"{}\">",
            xml(&actor.id),
            xml(&actor.name)
        );
        values(
            &mut out,
            &[
                (0, actor.kind.to_string()),
                (1, actor.aliases.join(";")),
                (2, actor.tags.join(";")),
                (3, actor.note.clone().unwrap_or_default()),
            ],
        );
        out.push_str("      </node>\n");
    }
    out.push_str("    </nodes>\n    <edges>\n");
    for t in &s.ties {
        // `mutual` rather than `undirected`: Gephi draws it both ways, and
        // networkx accepts it in a directed graph.
        let kind = if s.directed(t) { "directed" } else { "mutual" };
        let _ = writeln!(
            out,
            "      <edge id=\"t{}\" source=\"{}\" target=\"{}\" type=\"{kind}\" label=\"{}\">",
            t.id.index(),
            xml(s.id(t.from)),
            xml(s.id(t.to)),
            xml(s.relation(t))
        );
        values(
            &mut out,
            &[
                (0, s.relation(t).to_string()),
                (1, date(t.tie.start())),
                (2, date(t.tie.end())),
                (3, t.tie.confidence.to_string()),
                (4, s.sources(t)),
                (5, t.tie.note().map(str::to_string).unwrap_or_default()),
                (6, t.tie.events().map(|e| e.to_string()).unwrap_or_default()),
            ],
        );
        // The spell runs over the days the tie is active; an unknown start
        // or an ongoing end leaves that side open.
        // An uncertain date gives the widest span it allows; a side with no
        // bound (`[..2023-02]` as a start) stays open too.
        let window = t.tie.window();
        let open_start = window.first == crate::model::time::DAY_MIN;
        let open_end = window.last == crate::model::time::DAY_MAX;
        let mut spell = String::from("          <spell");
        if !open_start {
            let _ = write!(spell, " start=\"{}\"", day(window.first));
        }
        if !open_end {
            let _ = write!(spell, " end=\"{}\"", day(window.last));
        }
        if !open_start || !open_end {
            out.push_str("        <spells>\n");
            out.push_str(&spell);
            out.push_str("/>\n        </spells>\n");
        }
        out.push_str("      </edge>\n");
    }
    out.push_str("    </edges>\n  </graph>\n</gexf>\n");
    out
}

// ---- Cypher ----

/// A Cypher string literal.
fn cypher_string(text: &str) -> String {
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

/// A relationship type from a relation name: `subgroup-of` → `SUBGROUP_OF`.
pub fn cypher_type(relation: &str) -> String {
    let name: String = relation
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_uppercase().next().unwrap_or(c)
            } else {
                '_'
            }
        })
        .collect();
    format!("`{}`", name.replace('`', "_"))
}

fn cypher_list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|i| cypher_string(i)).collect();
    format!("[{}]", items.join(", "))
}

const CYPHER_BATCH: usize = 500;

fn cypher(s: &Selection<'_>) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "// {} — written by actorgraph; run with cypher-shell -f FILE",
        s.graph.title.replace(['\n', '\r'], " ")
    );
    out.push_str(
        "// Idempotent: actors MERGE on `id` and ties on `key` (their ends, relation and\n\
         // dates), so running the script again updates properties and adds nothing.\n",
    );
    out.push_str(
        "CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE;\n",
    );
    for chunk in s.actors.chunks(CYPHER_BATCH) {
        out.push_str("UNWIND [\n");
        let rows: Vec<String> = chunk
            .iter()
            .map(|a| {
                let actor = s.graph.actor(*a);
                let mut row = format!(
                    "  {{id: {}, name: {}, kind: {}, aliases: {}, tags: {}",
                    cypher_string(&actor.id),
                    cypher_string(&actor.name),
                    cypher_string(actor.kind.as_str()),
                    cypher_list(&actor.aliases),
                    cypher_list(&actor.tags)
                );
                if let Some(note) = &actor.note {
                    let _ = write!(row, ", note: {}", cypher_string(note));
                }
                row.push('}');
                row
            })
            .collect();
        out.push_str(&rows.join(",\n"));
        out.push_str("\n] AS row\nMERGE (a:Actor {id: row.id}) SET a += row;\n");
    }
    // Relationship types are fixed in a query, so ties go by relation.
    let mut relations: Vec<_> = s.ties.iter().map(|t| t.tie.relation).collect();
    relations.sort();
    relations.dedup();
    for relation in relations {
        let ties: Vec<&TieRef<'_>> = s
            .ties
            .iter()
            .filter(|t| t.tie.relation == relation)
            .collect();
        let name = s.graph.relations().name(relation);
        for chunk in ties.chunks(CYPHER_BATCH) {
            out.push_str("UNWIND [\n");
            let rows: Vec<String> = chunk
                .iter()
                .map(|t| {
                    let mut props = format!(
                        "relation: {}, directed: {}, confidence: {}",
                        cypher_string(name),
                        s.directed(t),
                        cypher_string(t.tie.confidence.as_str())
                    );
                    if let Some(start) = t.tie.start() {
                        let _ = write!(props, ", start: {}", cypher_string(&start.to_string()));
                    }
                    if let Some(end) = t.tie.end() {
                        let _ = write!(props, ", end: {}", cypher_string(&end.to_string()));
                    }
                    if !t.tie.sources().is_empty() {
                        let sources: Vec<String> =
                            s.source_ids(t).into_iter().map(str::to_string).collect();
                        let _ = write!(props, ", sources: {}", cypher_list(&sources));
                    }
                    if let Some(note) = t.tie.note() {
                        let _ = write!(props, ", note: {}", cypher_string(note));
                    }
                    if let Some(events) = t.tie.events() {
                        let _ = write!(props, ", events: {events}");
                    }
                    format!(
                        "  {{from: {}, to: {}, key: {}, props: {{{props}}}}}",
                        cypher_string(s.id(t.from)),
                        cypher_string(s.id(t.to)),
                        cypher_string(&tie_key(s, t))
                    )
                })
                .collect();
            out.push_str(&rows.join(",\n"));
            // A symmetric tie merges in either direction, so a graph that
            // stores its ends the other way round still finds it.
            let arrow = if s.graph.relations().is_directed(relation) {
                "->"
            } else {
                "-"
            };
            let _ = writeln!(
                out,
                "\n] AS row\nMATCH (a:Actor {{id: row.from}}), (b:Actor {{id: row.to}})\nMERGE (a)-[r:{} {{key: row.key}}]{arrow}(b)\nSET r = row.props, r.key = row.key;",
                cypher_type(name)
            );
        }
    }
    out
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

// ---- neo4j-admin ----

fn neo4j_admin(s: &Selection<'_>) -> Vec<(String, String)> {
    let label = |kind: &str| -> String {
        let mut label = String::new();
        for part in kind.split('_') {
            let mut chars = part.chars();
            if let Some(first) = chars.next() {
                label.extend(first.to_uppercase());
                label.push_str(chars.as_str());
            }
        }
        label
    };
    let actors = std::iter::once(
        [
            "id:ID",
            "name",
            "kind",
            "aliases:string[]",
            "tags:string[]",
            "note",
            ":LABEL",
        ]
        .map(String::from)
        .to_vec(),
    )
    .chain(s.actors.iter().map(|a| {
        let actor = s.graph.actor(*a);
        vec![
            actor.id.clone(),
            actor.name.clone(),
            actor.kind.to_string(),
            actor.aliases.join(";"),
            actor.tags.join(";"),
            actor.note.clone().unwrap_or_default(),
            format!("Actor;{}", label(actor.kind.as_str())),
        ]
    }));
    let ties = std::iter::once(
        [
            ":START_ID",
            ":END_ID",
            ":TYPE",
            "relation",
            "directed:boolean",
            "start",
            "end",
            "confidence",
            "sources:string[]",
            "note",
            "events:int",
        ]
        .map(String::from)
        .to_vec(),
    )
    .chain(s.ties.iter().map(|t| {
        vec![
            s.id(t.from).to_string(),
            s.id(t.to).to_string(),
            cypher_type(s.relation(t)).trim_matches('`').to_string(),
            s.relation(t).to_string(),
            s.directed(t).to_string(),
            date(t.tie.start()),
            date(t.tie.end()),
            t.tie.confidence.to_string(),
            s.sources(t),
            t.tie.note().map(str::to_string).unwrap_or_default(),
            t.tie.events().map(|e| e.to_string()).unwrap_or_default(),
        ]
    }));
    let command = "# Load into an empty database (Neo4j 5):\n\
neo4j-admin database import full --array-delimiter=';' --nodes=actors.csv --relationships=ties.csv neo4j\n";
    vec![
        ("actors.csv".into(), csv_text(actors)),
        ("ties.csv".into(), csv_text(ties)),
        ("import.sh".into(), command.into()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(xml("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
        assert_eq!(cypher_string("O'Neil \\ x"), "'O\\'Neil \\\\ x'");
        assert_eq!(cypher_type("subgroup-of"), "`SUBGROUP_OF`");
        assert_eq!(ExportFormat::parse("GraphML"), Some(ExportFormat::GraphMl));
        assert_eq!(ExportFormat::parse("neo4j"), Some(ExportFormat::Neo4jAdmin));
    }
}
