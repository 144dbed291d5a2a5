//! Graph files through the library: round trips and atomic writes.

use std::path::Path;

use actorgraph::store::ron::{load, parse, save, to_string};

#[test]
fn load_save_load_gives_an_equal_graph() {
    for path in [
        "graphs/sahel.ron",
        "tests/data/boundaries.ron",
        "tests/data/interchange/uncertain.ron",
    ] {
        let graph = load(Path::new(path)).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let copy = dir.path().join("copy.ron");
        save(&graph, &copy).unwrap();
        let again = load(&copy).unwrap();
        assert!(graph == again, "{path} changed on a round trip");
        // Canonical: saving again gives the same bytes.
        assert_eq!(std::fs::read_to_string(&copy).unwrap(), to_string(&again));
    }
}

#[test]
fn saving_leaves_no_temporary_files_and_replaces_whole() {
    let graph = load(Path::new("tests/data/boundaries.ron")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("g.ron");
    std::fs::write(&target, "old contents").unwrap();
    save(&graph, &target).unwrap();
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["g.ron"]);
    assert!(parse(&std::fs::read_to_string(&target).unwrap(), "g.ron").is_ok());
}

#[test]
fn saving_into_a_missing_directory_fails_cleanly() {
    let graph = load(Path::new("tests/data/boundaries.ron")).unwrap();
    let error = save(&graph, Path::new("/nonexistent-dir/x/g.ron")).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("cannot write `/nonexistent-dir/x/g.ron`"),
        "{error}"
    );
}

#[test]
fn a_relations_style_is_kept_and_a_bad_one_is_pointed_at() {
    let text = r##"(
    title: "Styled",
    relations: [
        (name: "funds", directed: true, style: (color: "#117733", line: "double", arrow: "vee")),
    ],
)"##;
    let graph = parse(text, "styled.ron").unwrap();
    let saved = to_string(&graph);
    assert!(
        saved.contains(r##"style: (color: "#117733", line: "double", arrow: "vee")"##),
        "{saved}"
    );
    assert!(parse(&saved, "again.ron").unwrap() == graph);

    let bad = text.replace("#117733", "#11773");
    let error = parse(&bad, "bad.ron").unwrap_err().render(false);
    assert!(error.contains("`#11773` is not a colour"), "{error}");
    assert!(error.contains("bad.ron:4:"), "points at the line: {error}");
    let symmetric = text.replace("directed: true", "directed: false");
    let error = parse(&symmetric, "sym.ron").unwrap_err().render(false);
    assert!(
        error.contains(
            "relation `funds` is symmetric (directed: false), so its edges have no arrowhead"
        ),
        "{error}"
    );
    assert!(error.contains("sym.ron:4:"), "{error}");
}

// ---- the binary snapshot ----

use actorgraph::model::Graph;
use actorgraph::store::snapshot::{self, Damage, Kind, SourceKey};
use actorgraph::store::{cache_path, open_with, CachePolicy};

const GRAPHS: [&str; 3] = [
    "graphs/sahel.ron",
    "tests/data/boundaries.ron",
    "tests/data/interchange/uncertain.ron",
];

fn snapshot_of(graph: &Graph) -> Vec<u8> {
    snapshot::encode(graph, Kind::Primary, SourceKey::default(), 0)
}

/// Everything a question reads: the document, the packed links, the day
/// index and the names.
fn assert_same_graph(expected: &Graph, actual: &Graph, what: &str) {
    assert!(expected == actual, "{what}: the documents differ");
    assert_eq!(
        expected.packed_links(),
        actual.packed_links(),
        "{what}: links"
    );
    let days = |g: &Graph| -> Vec<(Vec<i32>, Vec<i32>)> {
        g.active_day_lists()
            .map(|(f, l)| (f.to_vec(), l.to_vec()))
            .collect()
    };
    assert_eq!(days(expected), days(actual), "{what}: day index");
    let names = |g: &Graph| {
        let mut names: Vec<(String, usize)> = g
            .name_entries()
            .map(|(k, a)| (k.to_string(), a.index()))
            .collect();
        names.sort();
        names
    };
    assert_eq!(names(expected), names(actual), "{what}: names");
}

#[test]
fn a_snapshot_gives_back_the_same_graph_and_indexes() {
    for path in GRAPHS {
        let graph = load(Path::new(path)).unwrap();
        let (header, again) = snapshot::decode(&snapshot_of(&graph)).unwrap();
        assert_eq!(header.kind, Kind::Primary);
        assert_same_graph(&graph, &again, path);
    }
}

/// A relation's own look (issue 12) is part of the document: a snapshot
/// that dropped it would draw the relation in the default style.
#[test]
fn a_relations_look_comes_back_from_its_snapshot() {
    let text = r##"(
    title: "Styled",
    relations: [
        (name: "funds", directed: true, style: (color: "#117733", line: "double", arrow: "vee")),
        (name: "talks", directed: false),
    ],
)"##;
    let graph = parse(text, "styled.ron").unwrap();
    let (_, again) = snapshot::decode(&snapshot_of(&graph)).unwrap();
    assert_same_graph(&graph, &again, "styled");
    assert_eq!(to_string(&again), to_string(&graph));
}

#[test]
fn a_graph_with_gaps_is_snapshotted_without_them() {
    let mut graph = load(Path::new("graphs/sahel.ron")).unwrap();
    let first_tie = graph.all_ties().next().unwrap().id;
    graph.remove_tie(first_tie);
    let (second_actor, _) = graph.actors().nth(1).unwrap();
    graph.remove_actor(second_actor);
    assert!(!graph.is_compact());
    // What the same document gives when read afresh.
    let expected = Graph::build(graph.to_spec()).unwrap();
    let (_, again) = snapshot::decode(&snapshot_of(&graph)).unwrap();
    assert!(again.is_compact());
    assert_same_graph(&expected, &again, "after removals");
}

#[test]
fn every_flipped_bit_and_every_truncation_is_refused() {
    let graph = load(Path::new("tests/data/boundaries.ron")).unwrap();
    let bytes = snapshot_of(&graph);
    for at in 0..bytes.len() {
        for bit in [0, 3, 7] {
            let mut damaged = bytes.clone();
            damaged[at] ^= 1 << bit;
            assert!(
                snapshot::decode(&damaged).is_err(),
                "byte {at} bit {bit} flipped went unnoticed"
            );
        }
    }
    for len in 0..bytes.len() {
        let error = snapshot::decode(&bytes[..len]).unwrap_err();
        assert!(
            matches!(error, Damage::Truncated(..) | Damage::NotSnapshot),
            "{len} bytes: {error}"
        );
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert_eq!(snapshot::decode(&longer).unwrap_err(), Damage::Trailing(1));
}

/// The decoder must not panic even on bytes whose checksum matches (a
/// forger's, or a bug's): every flip and cut of a body, decoded directly
/// (`examples/fuzz.rs snapshot` goes further).
#[test]
fn the_body_decoder_never_panics() {
    let graph = load(Path::new("tests/data/boundaries.ron")).unwrap();
    let bytes = snapshot_of(&graph);
    let body = &bytes[snapshot::HEADER_BYTES..];
    assert!(snapshot::decode_body(body).is_ok());
    let mut read = 0;
    for at in 0..body.len() {
        for value in [0x00, 0xff, body[at] ^ 0x01, body[at] ^ 0x80] {
            let mut damaged = body.to_vec();
            damaged[at] = value;
            if let Ok(graph) = snapshot::decode_body(&damaged) {
                read_all_of(&graph);
                read += 1;
            }
        }
        let _ = snapshot::decode_body(&body[..at]);
    }
    // Most flips land in what is read in place, and are met only when read.
    assert!(read > body.len(), "{read} damaged bodies opened");
}

/// Everything a graph read in place can be asked: every actor, tie, link,
/// name and count, the whole document, and a change (which reads it into
/// memory whole).
fn read_all_of(graph: &Graph) {
    use actorgraph::model::{RelationId, TieFilter};
    let filter = TieFilter::default();
    for (id, actor) in graph.actors() {
        assert!(graph.find(&actor.id).is_some() || !actor.id.is_empty());
        let _ = graph.ties_of(id, &filter).count();
        let _ = graph
            .links(id, &TieFilter::relation(RelationId::ALLIANCE))
            .count();
        let _ = graph.life(id);
    }
    for tie in graph.all_ties() {
        let _ = graph.bounds(tie);
        let _ = graph.source_ids(tie.tie).count();
    }
    for (relation, _) in graph.relations().iter() {
        let _ = graph.count_active(relation, &filter);
    }
    let _ = graph.suggest("jnim", 3);
    let _ = to_string(graph);
    let mut copy = graph.clone();
    let first = copy.actors().next().map(|(id, _)| id);
    if let Some(id) = first {
        copy.remove_actor(id);
    }
    let _ = copy.to_spec();
}

fn ron_copy(dir: &Path, from: &str) -> std::path::PathBuf {
    let path = dir.join("g.ron");
    std::fs::copy(from, &path).unwrap();
    path
}

#[test]
fn a_ron_file_is_cached_beside_itself_and_read_back_from_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let ron = ron_copy(dir.path(), "graphs/sahel.ron");
    let parsed = open_with(&ron, CachePolicy::Always, &mut |_| {}).unwrap();
    let cache = cache_path(&ron);
    assert_eq!(cache, dir.path().join(".g.ron.agraph"));
    let (header, cached) = snapshot::decode(&std::fs::read(&cache).unwrap()).unwrap();
    assert_eq!(header.kind, Kind::Cache);
    assert_eq!(header.source.size, std::fs::metadata(&ron).unwrap().len());
    assert_same_graph(&parsed, &cached, "the cache");
    // Opening again reads the cache: a cache that differs from the RON
    // file while its key matches is believed (which is what a cache is
    // for), so a marked title shows which one was read.
    let mut marked = cached.clone();
    marked.title = "from the cache".into();
    let marked_bytes = snapshot::encode(&marked, Kind::Cache, header.source, header.written);
    std::fs::write(&cache, marked_bytes).unwrap();
    let again = open_with(&ron, CachePolicy::Always, &mut |_| {}).unwrap();
    assert_eq!(again.title, "from the cache");
    // `never` reads the RON file and leaves the cache alone.
    let never = open_with(&ron, CachePolicy::Never, &mut |_| {}).unwrap();
    assert_same_graph(&parsed, &never, "never");
}

#[test]
fn a_damaged_or_truncated_cache_is_rebuilt_from_its_ron_file() {
    let dir = tempfile::tempdir().unwrap();
    let ron = ron_copy(dir.path(), "graphs/sahel.ron");
    let parsed = open_with(&ron, CachePolicy::Always, &mut |_| {}).unwrap();
    let cache = cache_path(&ron);
    let good = std::fs::read(&cache).unwrap();
    let mut flipped = good.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x10;
    let mut other_version = good.clone();
    other_version[8] ^= 0x01;
    for (what, bad) in [
        ("flipped", flipped),
        ("truncated", good[..good.len() - 100].to_vec()),
        ("header only", good[..snapshot::HEADER_BYTES].to_vec()),
        ("empty", Vec::new()),
        ("other version", other_version),
        ("not a snapshot", b"(title: \"x\")".to_vec()),
    ] {
        std::fs::write(&cache, &bad).unwrap();
        let opened = open_with(&ron, CachePolicy::Always, &mut |_| {}).unwrap();
        assert_same_graph(&parsed, &opened, what);
        let rebuilt = std::fs::read(&cache).unwrap();
        let (_, cached) = snapshot::decode(&rebuilt)
            .unwrap_or_else(|damage| panic!("{what}: not rebuilt: {damage}"));
        assert_same_graph(&parsed, &cached, what);
        // Only the header's stamp may differ from the first build.
        assert!(rebuilt[snapshot::HEADER_BYTES..] == good[snapshot::HEADER_BYTES..]);
    }
}

/// A RON file changed after its cache was built, even to the same size and
/// with its modification time put back, is read afresh.
#[test]
fn a_cache_older_than_its_ron_file_is_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let ron = ron_copy(dir.path(), "graphs/sahel.ron");
    // Past the margin in which file times are not trusted alone.
    std::thread::sleep(std::time::Duration::from_millis(
        (actorgraph::store::RACY_MARGIN_NS / 1_000_000) as u64 + 100,
    ));
    let before = open_with(&ron, CachePolicy::Always, &mut |_| {}).unwrap();
    let name = |graph: &Graph| graph.actor(graph.find("jnim").unwrap()).name.clone();
    assert_eq!(name(&before), "JNIM");
    let modified = std::fs::metadata(&ron).unwrap().modified().unwrap();
    let text = std::fs::read_to_string(&ron).unwrap();
    let changed = text.replacen("name: \"JNIM\"", "name: \"JNIX\"", 1);
    assert_ne!(text, changed);
    assert_eq!(text.len(), changed.len());
    std::fs::write(&ron, &changed).unwrap();
    let file = std::fs::File::options().write(true).open(&ron).unwrap();
    file.set_modified(modified).unwrap();
    drop(file);
    let after = open_with(&ron, CachePolicy::Always, &mut |_| {}).unwrap();
    assert_eq!(name(&after), "JNIX", "the stale cache was believed");
    assert_same_graph(&parse(&changed, "g.ron").unwrap(), &after, "aged");
}

#[test]
fn a_cache_that_cannot_be_written_does_not_stop_loading() {
    let dir = tempfile::tempdir().unwrap();
    let ron = ron_copy(dir.path(), "graphs/sahel.ron");
    // A folder where the cache would go: it can be neither read nor replaced.
    std::fs::create_dir(cache_path(&ron)).unwrap();
    let parsed = open_with(&ron, CachePolicy::Always, &mut |_| {}).unwrap();
    assert_same_graph(&load(Path::new("graphs/sahel.ron")).unwrap(), &parsed, "");
    assert!(cache_path(&ron).is_dir());
}

#[test]
fn a_damaged_snapshot_that_is_the_only_file_is_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.agraph");
    let graph = load(Path::new("graphs/sahel.ron")).unwrap();
    actorgraph::store::save(&graph, &path).unwrap();
    let opened = open_with(&path, CachePolicy::Always, &mut |_| {}).unwrap();
    assert_same_graph(&graph, &opened, "primary");
    let mut bytes = std::fs::read(&path).unwrap();
    let at = bytes.len() - 10;
    bytes[at] ^= 0x04;
    std::fs::write(&path, &bytes).unwrap();
    let error = open_with(&path, CachePolicy::Always, &mut |_| {})
        .unwrap_err()
        .to_string();
    assert!(error.contains("checksum does not match"), "{error}");
    assert!(error.contains("nothing can rebuild it"), "{error}");
    std::fs::write(&path, &bytes[..1000]).unwrap();
    let error = open_with(&path, CachePolicy::Always, &mut |_| {})
        .unwrap_err()
        .to_string();
    assert!(error.contains("truncated (1000 bytes of"), "{error}");
}

/// Ties built from event data carry every detail a tie can (sources,
/// notes, event counts, fatalities): all of it comes back.
#[test]
fn an_event_dataset_comes_back_whole_from_its_snapshot() {
    use actorgraph::interchange::{import, ImportOptions, Mapping};
    let options = ImportOptions {
        mapping: Mapping::load(Path::new("mappings/acled.ron")).unwrap(),
        ..ImportOptions::default()
    };
    let (graph, _) = import(
        None,
        Path::new("tests/data/interchange/acled-sample.csv"),
        &options,
    )
    .unwrap();
    assert!(graph.all_ties().any(|t| t.tie.fatalities().is_some()));
    assert!(graph.all_ties().any(|t| t.tie.events().is_some()));
    let (_, again) = snapshot::decode(&snapshot_of(&graph)).unwrap();
    assert_same_graph(&graph, &again, "acled");
    assert!(graph
        .all_ties()
        .zip(again.all_ties())
        .all(|(a, b)| a.tie == b.tie && (a.from, a.to) == (b.from, b.to)));
}

/// The fuzzer's seeds are snapshots this build reads: seeds of an older
/// format would all be refused at the header, and the fuzzer would never
/// reach the decoder.
#[test]
fn the_snapshot_fuzz_seeds_are_of_the_current_format() {
    let mut seeds = 0;
    for entry in std::fs::read_dir("fuzz/seeds/snapshot").unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        if let Err(damage) = snapshot::decode(&bytes) {
            panic!(
                "{}: {damage}; rewrite the seeds (ACTORGRAPH_SNAPSHOT=always actorgraph check FILE.ron writes .FILE.ron.agraph)",
                path.display()
            );
        }
        seeds += 1;
    }
    assert!(seeds >= 3);
}

/// A graph opened from a snapshot is read in place: questions leave it
/// so; its first change reads it whole into memory, and from then on it
/// answers as the same graph changed in memory would.
#[test]
fn a_snapshot_is_read_in_place_until_its_first_change() {
    use actorgraph::model::{Actor, ActorKind, TieFilter};
    let graph = load(Path::new("graphs/sahel.ron")).unwrap();
    let (_, mut opened) = snapshot::decode(&snapshot_of(&graph)).unwrap();
    assert!(opened.is_stored());
    let jnim = opened.find("jnim").unwrap();
    let filter = TieFilter::default();
    let ties: Vec<_> = opened.ties_of(jnim, &filter).map(|t| t.id).collect();
    assert_eq!(
        ties,
        graph
            .ties_of(jnim, &filter)
            .map(|t| t.id)
            .collect::<Vec<_>>()
    );
    assert!(opened.is_stored(), "a question read the graph whole");

    let mut expected = graph.clone();
    for g in [&mut expected, &mut opened] {
        let added = g.add_actor(Actor::new("newcomer", "Newcomer", ActorKind::Group));
        let added = added.unwrap();
        let tie = g.ties_of(jnim, &filter).next().unwrap().tie.clone();
        g.add_tie(added, jnim, tie).unwrap();
    }
    assert!(!opened.is_stored());
    assert_same_graph(&expected, &opened, "changed");
    assert_eq!(opened.find("newcomer"), expected.find("newcomer"));
    assert_eq!(opened.degree(jnim), expected.degree(jnim));
}

/// The links and day index a snapshot keeps hold bounds computed up to its
/// as-of date: a new date (an import into the graph sets one) must not
/// leave them in force.
#[test]
fn a_snapshot_given_a_new_as_of_date_answers_as_the_graph_in_memory() {
    use actorgraph::model::{PartialDate, RelationId, TieFilter, Window};
    let graph = load(Path::new("graphs/sahel.ron")).unwrap();
    let (_, mut opened) = snapshot::decode(&snapshot_of(&graph)).unwrap();
    let mut expected = graph.clone();
    let earlier: PartialDate = "2013".parse().unwrap();
    expected.set_as_of(Some(earlier));
    opened.set_as_of(Some(earlier));
    assert_same_graph(&expected, &opened, "new as-of date");
    let window = Window::on("2016-01-01".parse::<PartialDate>().unwrap().first_day());
    let filter = TieFilter::default().during(window);
    assert_eq!(
        opened.count_active(RelationId::ALLIANCE, &filter),
        expected.count_active(RelationId::ALLIANCE, &filter)
    );
}
