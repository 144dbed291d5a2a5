//! Exports read back by their consumers (networkx) and round trips through CSV.

use super::*;

#[test]
fn csv_export_round_trips_to_an_equal_graph() {
    for path in ROUND_TRIP {
        let graph = graph_file(path);
        let dir = tempfile::tempdir().unwrap();
        let (ties, actors) = everything(&graph);
        let written =
            export::export(&graph, &ties, &actors, ExportFormat::Csv, dir.path()).unwrap();
        let names: Vec<_> = written
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
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
        let (back, report) = import(
            Some(&dir.path().join("actors.csv")),
            &dir.path().join("ties.csv"),
            &ImportOptions {
                strict: true,
                ..ImportOptions::default()
            },
        )
        .unwrap_or_else(|e| panic!("{path}: {e:?}"));
        assert!(report.rejections.is_empty(), "{path}: {report:?}");
        assert_eq!(back.to_spec(), graph.to_spec(), "{path}");
        assert!(graph == back, "{path}");
    }
}

/// Issue 14: a cell a spreadsheet would run as a formula is written with a
/// leading apostrophe, in every table of the folder; the round trip above
/// still restores the exact text.
#[test]
fn spreadsheet_formulas_are_neutralised() {
    let graph = graph_file("tests/data/interchange/formulas.ron");
    let (ties, actors) = everything(&graph);
    let files = export::render(&graph, &ties, &actors, ExportFormat::Csv);
    let every_cell: Vec<String> = files
        .iter()
        .flat_map(|(_, text)| {
            let mut reader = ::csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(text.as_bytes());
            reader
                .records()
                .flat_map(|r| r.unwrap().iter().map(str::to_string).collect::<Vec<_>>())
                .collect::<Vec<_>>()
        })
        .collect();
    for cell in &every_cell {
        assert!(
            !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "a live formula: {cell:?}"
        );
    }
    for guarded in [
        "'=cmd|' /C calc'!A0",
        "'-99",
        "'@src",
        "'=1+1",
        "''apostrophe first",
        "'=HYPERLINK(",
    ] {
        assert!(
            every_cell.iter().any(|c| c.starts_with(guarded)),
            "{guarded} not written"
        );
    }
}

#[test]
fn list_cells_escape_the_separator() {
    let graph = graph_file("tests/data/interchange/escapes.ron");
    let (ties, actors) = everything(&graph);
    let files = export::render(&graph, &ties, &actors, ExportFormat::Csv);
    let actors_csv = &files[0].1;
    assert!(
        actors_csv.contains(r",a\;b;c\\\;d;e\\\\;\\;AT&amp\;T,x\;y;back\\,"),
        "{actors_csv}"
    );
    assert!(files[1].1.contains(r",a\;b;back\\slash,"), "{}", files[1].1);
}

#[test]
fn entities_are_decoded_only_outside_a_folder_the_export_wrote() {
    let graph = graph_file("tests/data/interchange/escapes.ron");
    let dir = tempfile::tempdir().unwrap();
    let (ties, actors) = everything(&graph);
    export::export(&graph, &ties, &actors, ExportFormat::Csv, dir.path()).unwrap();
    let amp = |graph: &Graph| {
        let actor = graph.actor(graph.find("amp").unwrap());
        (actor.name.clone(), actor.note.clone())
    };
    let read = || {
        import(
            Some(&dir.path().join("actors.csv")),
            &dir.path().join("ties.csv"),
            &ImportOptions::default(),
        )
        .unwrap()
        .0
    };
    assert_eq!(amp(&read()), amp(&graph));
    // Without the export's marker the same tables are someone else's:
    // cells are trimmed and entities decoded.
    let marker = dir.path().join("graph.csv");
    let text = std::fs::read_to_string(&marker).unwrap();
    std::fs::write(
        &marker,
        text.replace(actorgraph::interchange::export::CSV_MARKER, ""),
    )
    .unwrap();
    let back = read();
    assert_eq!(
        amp(&back),
        (
            "Fish & Chips é".to_string(),
            Some("leading and trailing spaces".to_string())
        )
    );
    // The graph table still gives the title, relations and sources.
    assert_eq!(back.title, graph.title);
    assert_eq!(back.relations(), graph.relations());
}

#[test]
fn importing_an_exported_folder_into_an_open_graph_keeps_its_title() {
    use actorgraph::interchange::import_into;
    let graph = graph_file("graphs/sahel.ron");
    let dir = tempfile::tempdir().unwrap();
    let (ties, actors) = everything(&graph);
    export::export(&graph, &ties, &actors, ExportFormat::Csv, dir.path()).unwrap();
    let mut open = Graph::new("open");
    let report = import_into(
        &mut open,
        Some(&dir.path().join("actors.csv")),
        &dir.path().join("ties.csv"),
        &ImportOptions::default(),
    )
    .unwrap();
    assert!(report.rejections.is_empty(), "{report:?}");
    assert_eq!(open.title, "open");
    assert_eq!(open.as_of(), None);
    assert_eq!(open.to_spec().ties, graph.to_spec().ties);
    assert_eq!(open.sources(), graph.sources());
    // Again: every row merges, nothing is rejected.
    let again = import_into(
        &mut open,
        Some(&dir.path().join("actors.csv")),
        &dir.path().join("ties.csv"),
        &ImportOptions::default(),
    )
    .unwrap();
    assert!(again.rejections.is_empty(), "{again:?}");
    assert_eq!(
        (
            again.ties_added,
            again.relations_declared,
            again.sources_added
        ),
        (0, 0, 0)
    );
    assert_eq!(open.to_spec().ties, graph.to_spec().ties);
}

#[test]
fn networkx_reads_json_graphml_and_gexf() {
    let graph = sample();
    let dir = tempfile::tempdir().unwrap();
    let (ties, actors) = everything(&graph);
    for (format, file) in [
        (ExportFormat::Json, "g.json"),
        (ExportFormat::GraphMl, "g.graphml"),
        (ExportFormat::Gexf, "g.gexf"),
    ] {
        let path = dir.path().join(file);
        export::export(&graph, &ties, &actors, format, &path).unwrap();
        if format == ExportFormat::Json {
            // networkx ≥ 3.4 reads `edges` by default; `links` needs a keyword.
            let json: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            assert_eq!(json["edges"].as_array().unwrap().len(), 5);
            assert!(json.get("links").is_none());
        }
        let Some(found) = networkx(format.name(), &path, "wagner", "jnim", "fama") else {
            continue;
        };
        assert_eq!(found["nodes"], 6, "{format:?}: {found}");
        // One edge a tie: 4 symmetric ties and 1 subgroup-of tie.
        assert_eq!(found["edges"], 5, "{format:?}: {found}");
        assert_eq!(found["directed"], true, "{format:?}: {found}");
        let node = &found["node"];
        let name = if format == ExportFormat::Gexf {
            &node["label"]
        } else {
            &node["name"]
        };
        assert_eq!(name, "Wagner Group", "{format:?}: {found}");
        assert_eq!(node["kind"], "pmc", "{format:?}: {found}");
        let edge = &found["edge"];
        assert_eq!(edge["relation"], "hostility", "{format:?}: {found}");
        assert_eq!(edge["start"], "2012", "{format:?}: {found}");
        assert_eq!(edge["end"], "2023-05", "{format:?}: {found}");
        assert_eq!(edge["confidence"], "confirmed", "{format:?}: {found}");
        if format != ExportFormat::Json {
            // A symmetric tie in a directed graph says it is symmetric.
            assert_eq!(edge["directed"], false, "{format:?}: {found}");
        }
    }
}

/// Issue 11: the GraphML export was refused by the GraphML schema (the
/// graph's title as an id; node ids such as `islamic-state-(sahel)`), and
/// GEXF wrote symmetric ties as `mutual` edges. Both are checked against
/// their schemas (`tests/data/schemas`), on graphs with hostile ids too.
#[test]
fn graphml_and_gexf_are_valid_against_their_schemas() {
    if !common::xmllint() {
        return;
    }
    let schemas = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/schemas");
    let dir = tempfile::tempdir().unwrap();
    for path in ROUND_TRIP {
        let graph = graph_file(path);
        let (ties, actors) = everything(&graph);
        for (format, schema) in [
            (ExportFormat::GraphMl, "graphml.xsd"),
            (ExportFormat::Gexf, "gexf.xsd"),
        ] {
            let file = dir.path().join(format!("g.{}", format.name()));
            export::export(&graph, &ties, &actors, format, &file).unwrap();
            let output = Command::new("xmllint")
                .args(["--noout", "--nonet", "--schema"])
                .arg(schemas.join(schema))
                .arg(&file)
                .output()
                .unwrap();
            assert!(
                output.status.success(),
                "{path} as {format:?}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
    }
}

/// Issue 11: networkx read 178,924 GEXF edges from 100,000 ties (`mutual`
/// is two edges), and symmetric ties were directed edges. networkx reads one
/// edge a tie from GraphML and GEXF; a selection of symmetric ties only is
/// an undirected graph; every actor id comes back exactly.
#[test]
fn networkx_reads_one_edge_a_tie_and_every_id() {
    for path in ROUND_TRIP {
        let graph = graph_file(path);
        let (all, actors) = everything(&graph);
        let symmetric: Vec<_> = graph
            .all_ties()
            .filter(|t| !graph.relations().is_directed(t.tie.relation))
            .map(|t| t.id)
            .collect();
        let mixed = symmetric.len() < all.len();
        let dir = tempfile::tempdir().unwrap();
        for format in [ExportFormat::GraphMl, ExportFormat::Gexf] {
            for (ties, directed) in [(&all, mixed), (&symmetric, false)] {
                if ties.is_empty() {
                    continue;
                }
                let file = dir.path().join(format!("g.{}", format.name()));
                let actors = if ties.len() == all.len() {
                    &actors[..]
                } else {
                    &[]
                };
                export::export(&graph, ties, actors, format, &file).unwrap();
                let Some(found) = networkx(format.name(), &file, "", "", "") else {
                    return;
                };
                let what = format!("{path} as {format:?}, {} ties", ties.len());
                assert_eq!(found["edges"], ties.len(), "{what}: {found}");
                assert_eq!(found["directed"], directed, "{what}: {found}");
                if ties.len() == all.len() {
                    let mut ids: Vec<&str> = graph.actors().map(|(_, a)| a.id.as_str()).collect();
                    ids.sort();
                    assert_eq!(found["ids"], serde_json::json!(ids), "{what}");
                }
            }
        }
    }
}

#[test]
fn gexf_spells_cover_the_active_days() {
    let graph = sample();
    let (ties, actors) = everything(&graph);
    let files = export::render(&graph, &ties, &actors, ExportFormat::Gexf);
    let text = &files[0].1;
    assert!(text.contains("version=\"1.2\""));
    assert!(text.contains("<spell start=\"2012-01-01\" end=\"2023-05-31\"/>"));
    assert!(text.contains("<spell start=\"2019-12-01\"/>"));
    assert!(!text.contains("type=\"mutual\""));
    assert!(text.contains("Jama&apos;at Nusrat"));
}

#[test]
fn cypher_and_neo4j_admin_exports() {
    let graph = sample();
    let (ties, actors) = everything(&graph);
    let cypher = &export::render(&graph, &ties, &actors, ExportFormat::Cypher)[0].1;
    assert!(cypher.contains("//   CREATE CONSTRAINT actor_id IF NOT EXISTS"));
    // Rerunning the script merges: no CREATE of nodes or relationships.
    assert!(cypher.contains("// Idempotent"));
    assert!(!cypher.contains("CREATE ("), "{cypher}");
    assert!(cypher.contains("MERGE (a)-[r:`SUBGROUP_OF` {key: row.key}]->(b)"));
    assert!(cypher.contains("MERGE (a)-[r:`HOSTILITY` {key: row.key}]-(b)"));
    // Each tie has its own key.
    let keys: Vec<&str> = cypher
        .lines()
        .filter_map(|l| l.split_once(", key: ").map(|(_, rest)| rest))
        .map(|rest| rest.split_once(", props:").unwrap().0)
        .collect();
    assert_eq!(keys.len(), graph.tie_count());
    let unique: std::collections::BTreeSet<&&str> = keys.iter().collect();
    assert_eq!(unique.len(), keys.len(), "{keys:?}");
    assert!(
        keys.contains(&"'[\"fama\",\"jnim\",\"hostility\",\"2012\",\"2023-05\"]'"),
        "{keys:?}"
    );
    assert!(cypher.contains("name: 'Jama\\'at Nusrat al-Islam wal-Muslimin'"));
    assert!(cypher.contains("note: 'says \"fighting\", in Ménaka,\\nagain'"));
    let files = export::render(&graph, &ties, &actors, ExportFormat::Neo4jAdmin);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["actors.csv", "ties.csv", "import.sh"]);
    assert!(files[0]
        .1
        .starts_with("id:ID,name,kind,aliases:string[],tags:string[],note,:LABEL\n"));
    assert!(files[0].1.contains("Actor\u{1F}StateForce"));
    assert!(files[1].1.starts_with(":START_ID,:END_ID,:TYPE,"));
}

#[test]
fn a_selection_exports_the_ends_of_its_ties() {
    let graph = sample();
    let jnim = graph.find("jnim").unwrap();
    let ties: Vec<_> = graph
        .ties_of(jnim, &TieFilter::relation(RelationId::HOSTILITY))
        .map(|t| t.id)
        .collect();
    let files = export::render(&graph, &ties, &[], ExportFormat::Csv);
    assert_eq!(files[0].1.lines().count(), 1 + 3, "{}", files[0].1);
    assert_eq!(files[1].1.matches(",hostility,").count(), 2);
    assert!(!files[1].1.contains(",alliance,"));
}

#[test]
fn networkx_reads_uncertain_dates_and_evidence_from_json() {
    let graph = graph_file("tests/data/interchange/uncertain.ron");
    let dir = tempfile::tempdir().unwrap();
    let (ties, actors) = everything(&graph);
    let path = dir.path().join("u.json");
    export::export(&graph, &ties, &actors, ExportFormat::Json, &path).unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(json["graph"]["as_of"], "2023-02");
    assert_eq!(json["graph"]["events"][0]["what"], "unify under one banner");
    assert_eq!(json["graph"]["events"][1]["date"], "2022-12~");
    let Some(found) = networkx("json", &path, "b", "a", "b") else {
        return;
    };
    let edge = &found["edge"];
    assert_eq!(edge["start"], "2022-06~", "{found}");
    assert_eq!(edge["end"], "2022-11?", "{found}");
    assert_eq!(
        edge["evidence"], "Alpha \"stepped in\" mid-2022; not before.",
        "{found}"
    );
    assert_eq!(found["node"]["kind"], "militia", "{found}");
}
