//! Helpers shared by the integration tests.

use std::process::{Command, Stdio};

/// True when Graphviz can be run; otherwise a note, or a failure on CI,
/// where a missing `dot` must not pass as a skipped test.
pub fn graphviz() -> bool {
    let found = Command::new("dot")
        .arg("-V")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("Graphviz `dot` is missing, and CI=true: install graphviz");
        }
        eprintln!("note: Graphviz `dot` not found; skipping the rendering part of this test");
    }
    found
}
