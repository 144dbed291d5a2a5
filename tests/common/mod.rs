//! Helpers shared by the integration tests: [`Test`], the one way to run the
//! `actorgraph` binary, and the Graphviz probe.
//!
//! A `Test` expects the whole of standard output and standard error and the
//! exact exit code; what a test does not set is expected empty (outputs) or
//! 0 (status). Each `Test` owns a temporary folder: `$TMP` in arguments,
//! standard input, the working folder and environment values stands for it,
//! and its path in the outputs is replaced by `$TMP` before they are
//! compared, so answers that name temporary files are still compared whole;
//! a timing closing a line, such as ` (0.3 s)`, becomes ` (N s)`.
//!
//! `UPDATE_GOLDEN=1 cargo test` rewrites the golden files that
//! `stdout_golden` and `stderr_golden` name; review the diff before
//! committing them.

// Each test binary uses only some of these helpers.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// What stands for the test's temporary folder.
pub const TMP: &str = "$TMP";

/// True when Graphviz can be run; otherwise a note, or a failure on CI,
/// where a missing `dot` must not pass as a skipped test.
pub fn graphviz() -> bool {
    tool_found("dot", "Graphviz `dot`", "graphviz")
}

/// True when tmux can be run, for the pseudo-terminal tests; as
/// [`graphviz`], a failure on CI when it is missing.
pub fn tmux() -> bool {
    tool_found("tmux", "tmux", "tmux")
}

/// True when libxml2's `xmllint` can be run, to check XML exports against
/// their schemas; as [`graphviz`], a failure on CI when it is missing.
pub fn xmllint() -> bool {
    tool_runs("xmllint", &["--version"], "xmllint", "libxml2-utils")
}

/// True when `program -V` runs; otherwise a note, or a panic under
/// `CI=true`, where a missing tool must not pass as a skipped test.
fn tool_found(program: &str, name: &str, package: &str) -> bool {
    tool_runs(program, &["-V"], name, package)
}

/// True when `program ARGS` runs and succeeds; otherwise as [`tool_found`].
pub fn tool_runs(program: &str, args: &[&str], name: &str, package: &str) -> bool {
    let found = Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("{name} is missing, and CI=true: install {package}");
        }
        eprintln!("note: {name} not found; skipping the part of this test that needs it");
    }
    found
}

/// The `actorgraph` binary, colours off, in the crate's folder. Only for
/// what [`Test`] cannot do (closing a pipe while the binary writes).
pub fn binary() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_actorgraph"));
    command
        .env("NO_COLOR", "1")
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

/// A path inside the crate, whatever the working folder.
pub fn manifest(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

type Check = Box<dyn Fn(&str) -> bool>;

enum Expected {
    Exact(String),
    Golden(PathBuf),
    Matches(Check),
}

/// One run of the binary and everything expected of it.
pub struct Test {
    tempdir: tempfile::TempDir,
    args: Vec<String>,
    stdin: Vec<u8>,
    env: Vec<(String, Option<String>)>,
    current_dir: Option<String>,
    stdout: Expected,
    stderr: Expected,
    status: i32,
}

impl Default for Test {
    fn default() -> Self {
        Self::new()
    }
}

impl Test {
    /// `actorgraph` with no arguments, empty standard input, `NO_COLOR=1`,
    /// run in the crate's folder; it should succeed and print nothing.
    pub fn new() -> Self {
        Test {
            tempdir: tempfile::tempdir().expect("a temporary folder"),
            args: Vec::new(),
            stdin: Vec::new(),
            // The binary wraps text to the terminal's width, or to COLUMNS.
            env: vec![
                ("NO_COLOR".into(), Some("1".into())),
                ("COLUMNS".into(), None),
            ],
            current_dir: None,
            stdout: Expected::Exact(String::new()),
            stderr: Expected::Exact(String::new()),
            status: 0,
        }
    }

    /// The temporary folder `$TMP` stands for.
    pub fn tempdir(&self) -> &Path {
        self.tempdir.path()
    }

    pub fn arg(mut self, arg: &str) -> Self {
        self.args.push(arg.to_string());
        self
    }

    pub fn args(mut self, args: &[&str]) -> Self {
        self.args.extend(args.iter().map(|a| a.to_string()));
        self
    }

    /// The words of `line`, split at spaces, as arguments.
    pub fn words(mut self, line: &str) -> Self {
        self.args.extend(line.split(' ').map(str::to_string));
        self
    }

    pub fn stdin(mut self, stdin: impl AsRef<[u8]>) -> Self {
        self.stdin = stdin.as_ref().to_vec();
        self
    }

    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.env.push((key.into(), Some(value.into())));
        self
    }

    pub fn env_remove(mut self, key: &str) -> Self {
        self.env.push((key.into(), None));
        self
    }

    pub fn current_dir(mut self, dir: &str) -> Self {
        self.current_dir = Some(dir.to_string());
        self
    }

    /// Writes `contents` to `$TMP/name` (folders included) before the run.
    pub fn write(self, name: &str, contents: impl AsRef<[u8]>) -> Self {
        let path = self.tempdir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
        self
    }

    /// Creates the folder `$TMP/name`.
    pub fn create_dir(self, name: &str) -> Self {
        std::fs::create_dir_all(self.tempdir.path().join(name)).unwrap();
        self
    }

    pub fn stdout(mut self, expected: &str) -> Self {
        self.stdout = Expected::Exact(expected.to_string());
        self
    }

    pub fn stderr(mut self, expected: &str) -> Self {
        self.stderr = Expected::Exact(expected.to_string());
        self
    }

    /// Standard output is the golden file `path` (from the crate's folder).
    pub fn stdout_golden(mut self, path: &str) -> Self {
        self.stdout = Expected::Golden(manifest(path));
        self
    }

    pub fn stderr_golden(mut self, path: &str) -> Self {
        self.stderr = Expected::Golden(manifest(path));
        self
    }

    /// Only for output that varies from run to run; say why where used.
    pub fn stdout_matches(mut self, check: impl Fn(&str) -> bool + 'static) -> Self {
        self.stdout = Expected::Matches(Box::new(check));
        self
    }

    /// Only for output that varies from run to run; say why where used.
    pub fn stderr_matches(mut self, check: impl Fn(&str) -> bool + 'static) -> Self {
        self.stderr = Expected::Matches(Box::new(check));
        self
    }

    pub fn status(mut self, status: i32) -> Self {
        self.status = status;
        self
    }

    pub fn success(self) -> Self {
        self.status(0)
    }

    /// Exit code 1: a failed check, query, expectation or write (2 is bad
    /// usage: use `status(2)`).
    pub fn failure(self) -> Self {
        self.status(1)
    }

    fn expand(&self, text: &str) -> String {
        text.replace(TMP, &self.tempdir.path().display().to_string())
    }

    fn normalise(&self, text: &str) -> String {
        let mut text = text.to_string();
        let path = self.tempdir.path();
        let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        for path in [canonical.as_path(), path] {
            text = text.replace(&path.display().to_string(), TMP);
        }
        without_timings(&text)
    }

    /// Runs the binary and checks every expectation; the outputs (with the
    /// temporary folder still there) are returned for checks on files.
    #[track_caller]
    pub fn run(self) -> Output {
        let mut command = assert_cmd::Command::cargo_bin("actorgraph").expect("binary builds");
        command.args(self.args.iter().map(|a| self.expand(a)));
        for (key, value) in &self.env {
            match value {
                Some(value) => command.env(key, self.expand(value)),
                None => command.env_remove(key),
            };
        }
        let dir = match &self.current_dir {
            Some(dir) => PathBuf::from(self.expand(dir)),
            None => manifest(""),
        };
        command.current_dir(dir);
        let stdin = match std::str::from_utf8(&self.stdin) {
            Ok(text) => self.expand(text).into_bytes(),
            Err(_) => self.stdin.clone(),
        };
        command.write_stdin(stdin);
        let output = command.output().expect("run actorgraph");
        let stdout = self.normalise(&String::from_utf8_lossy(&output.stdout));
        let stderr = self.normalise(&String::from_utf8_lossy(&output.stderr));
        let status = output.status.code().unwrap_or(-1);
        let mut failures = Vec::new();
        if stderr.contains("panicked") {
            failures.push(format!("the binary panicked:\n{stderr}"));
        }
        if status != self.status {
            failures.push(format!(
                "exit status: expected {}, got {status}",
                self.status
            ));
        }
        for (name, expected, actual) in [
            ("stdout", &self.stdout, &stdout),
            ("stderr", &self.stderr, &stderr),
        ] {
            if let Some(failure) = check(name, expected, actual) {
                failures.push(failure);
            }
        }
        if !failures.is_empty() {
            panic!(
                "actorgraph {:?} (stdin {:?}):\n{}\n--- whole stdout\n{}\n--- whole stderr\n{}",
                self.args,
                truncated(&String::from_utf8_lossy(&self.stdin)),
                failures.join("\n"),
                truncated(&stdout),
                truncated(&stderr),
            );
        }
        Output {
            stdout,
            stderr,
            tempdir: self.tempdir,
        }
    }
}

/// Each line's closing timing, such as ` (0.3 s)`, as ` (N s)`: how long a
/// step took varies from run to run.
fn without_timings(text: &str) -> String {
    text.split_inclusive('\n')
        .map(|line| {
            let (body, end) = match line.strip_suffix('\n') {
                Some(body) => (body, "\n"),
                None => (line, ""),
            };
            let timed = body
                .strip_suffix(" s)")
                .and_then(|head| head.rsplit_once(" ("));
            match timed {
                Some((head, seconds)) if seconds.parse::<f64>().is_ok() => {
                    format!("{head} (N s){end}")
                }
                _ => line.to_string(),
            }
        })
        .collect()
}

/// What a run printed, and its temporary folder.
pub struct Output {
    pub stdout: String,
    pub stderr: String,
    pub tempdir: tempfile::TempDir,
}

impl Output {
    /// `$TMP/name`.
    pub fn path(&self, name: &str) -> PathBuf {
        self.tempdir.path().join(name)
    }

    /// A new `Test` whose `$TMP` is this run's folder, to go on with the
    /// files it wrote.
    pub fn then(self) -> Test {
        Test {
            tempdir: self.tempdir,
            ..Test::new()
        }
    }
}

fn truncated(text: &str) -> &str {
    match text.char_indices().nth(4000) {
        Some((at, _)) => &text[..at],
        None => text,
    }
}

/// `None` when `actual` is what was expected, else the failure with a diff.
fn check(name: &str, expected: &Expected, actual: &str) -> Option<String> {
    match expected {
        Expected::Exact(expected) => (expected != actual).then(|| {
            format!(
                "{name} differs (- expected, + actual):\n{}",
                diff(expected, actual)
            )
        }),
        Expected::Golden(path) => {
            if std::env::var_os("UPDATE_GOLDEN").is_some() {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, actual).unwrap();
                return None;
            }
            let Ok(expected) = std::fs::read_to_string(path) else {
                return Some(format!(
                    "{name}: no golden file {}; write it with UPDATE_GOLDEN=1",
                    path.display()
                ));
            };
            (expected != actual).then(|| {
                format!(
                    "{name} differs from {} (- golden, + actual; \
                     UPDATE_GOLDEN=1 rewrites it):\n{}",
                    path.display(),
                    diff(&expected, actual)
                )
            })
        }
        Expected::Matches(check) => (!check(actual)).then(|| format!("{name} does not match")),
    }
}

/// A line diff of `expected` and `actual`: changed lines with three lines
/// of context, `-` expected, `+` actual.
pub fn diff(expected: &str, actual: &str) -> String {
    let old: Vec<&str> = expected.split_inclusive('\n').collect();
    let new: Vec<&str> = actual.split_inclusive('\n').collect();
    if old.len() * new.len() > 4_000_000 {
        let at = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
        return format!(
            "first difference at line {}:\n-{:?}\n+{:?}\n",
            at + 1,
            old.get(at).map(|l| truncated(l)),
            new.get(at).map(|l| truncated(l))
        );
    }
    // Longest common subsequence, from the end.
    let mut lcs = vec![vec![0u32; new.len() + 1]; old.len() + 1];
    for i in (0..old.len()).rev() {
        for j in (0..new.len()).rev() {
            lcs[i][j] = if old[i] == new[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut lines = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < old.len() || j < new.len() {
        if i < old.len() && j < new.len() && old[i] == new[j] {
            lines.push((' ', old[i]));
            i += 1;
            j += 1;
        } else if i < old.len() && (j == new.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            lines.push(('-', old[i]));
            i += 1;
        } else {
            lines.push(('+', new[j]));
            j += 1;
        }
    }
    let near_change = |at: usize| {
        lines[at.saturating_sub(3)..(at + 4).min(lines.len())]
            .iter()
            .any(|(mark, _)| *mark != ' ')
    };
    let mut text = String::new();
    let mut skipped = false;
    for (at, (mark, line)) in lines.iter().enumerate() {
        if !near_change(at) {
            skipped = true;
            continue;
        }
        if skipped {
            text.push_str("@@\n");
            skipped = false;
        }
        text.push(*mark);
        match line.strip_suffix('\n') {
            Some(line) => {
                text.push_str(line);
                text.push('\n');
            }
            None => {
                text.push_str(line);
                text.push_str("⏎ (no newline at the end)\n");
            }
        }
    }
    text
}
