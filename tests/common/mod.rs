//! Helpers shared by the integration tests.

// Each test binary uses only some of these helpers.
#![allow(dead_code)]

use std::io::Write as _;
use std::process::{Command, Output, Stdio};

use assert_cmd::cargo::CommandCargoExt;

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

/// The `actorgraph` binary, colours off.
pub fn actorgraph() -> Command {
    let mut command = Command::cargo_bin("actorgraph").expect("binary builds");
    command.env("NO_COLOR", "1");
    command
}

/// Runs `command` with `stdin` as its input; fails the test on a panic.
pub fn run_piped(mut command: Command, stdin: &[u8]) -> Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn actorgraph");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "panic:\n{stderr}");
    output
}
