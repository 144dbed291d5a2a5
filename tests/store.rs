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
