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
