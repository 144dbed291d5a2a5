//! The binary on a real terminal: a tmux pane of a chosen width runs the
//! REPL, and the screen it shows is read back. No word on it may be split
//! and no line may pass the pane's edge; colour shows on a terminal and
//! only there. Without tmux these tests print a note and pass, except
//! under `CI=true`, where they fail (`.ci/run` installs tmux).

use std::collections::HashSet;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use unicode_width::UnicodeWidthStr;

use super::*;

/// A detached tmux pane on a server of its own (its socket in a temporary
/// folder, so no other tmux is touched), killed when dropped.
struct Pane {
    folder: tempfile::TempDir,
}

impl Pane {
    /// A pane `width` columns wide running `program` (a shell command) in
    /// the crate's folder, with HOME in a temporary folder (the REPL's
    /// history goes there) and `TERM` as given.
    fn open(width: u16, term: &str, program: &str) -> Pane {
        let pane = Pane {
            folder: tempfile::tempdir().expect("a temporary folder"),
        };
        let home = pane.folder.path().display().to_string();
        let command = format!(
            "cd '{}' && env -u NO_COLOR HOME='{home}' XDG_DATA_HOME='{home}' TERM={term} {program}; sleep 60",
            env!("CARGO_MANIFEST_DIR")
        );
        let width = width.to_string();
        pane.tmux(&[
            "new-session",
            "-d",
            "-x",
            &width,
            "-y",
            "40",
            "-s",
            "test",
            &command,
        ]);
        pane
    }

    fn tmux(&self, args: &[&str]) -> Output {
        let socket = self.folder.path().join("tmux.sock");
        let output = Command::new("tmux")
            .arg("-S")
            .arg(&socket)
            .args(["-f", "/dev/null"])
            .args(args)
            .env_remove("TMUX")
            .env("TERM", "xterm-256color")
            .output()
            .expect("run tmux");
        assert!(
            output.status.success(),
            "tmux {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        output
    }

    fn type_line(&self, line: &str) {
        self.tmux(&["send-keys", "-t", "test", "-l", line]);
        self.tmux(&["send-keys", "-t", "test", "Enter"]);
    }

    /// The whole screen and its scrollback, a line a row; `joined` joins
    /// rows the terminal folded into the lines the program wrote; `escapes`
    /// keeps the colours as escapes.
    fn screen(&self, joined: bool, escapes: bool) -> String {
        let mut args = vec!["capture-pane", "-p", "-t", "test", "-S", "-"];
        if joined {
            args.push("-J");
        }
        if escapes {
            args.push("-e");
        }
        String::from_utf8_lossy(&self.tmux(&args).stdout).into_owned()
    }

    /// The screen once `done` holds of it, or a failure after ten seconds.
    fn wait_for(&self, what: &str, done: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen(false, false);
            if done(&screen) {
                return screen;
            }
            if start.elapsed() > Duration::from_secs(10) {
                panic!("waited ten seconds for {what}; the screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Pane {
    fn drop(&mut self) {
        let socket = self.folder.path().join("tmux.sock");
        let _ = Command::new("tmux")
            .arg("-S")
            .arg(&socket)
            .arg("kill-server")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}

/// The REPL's prompt, as the screen gives it back: without its closing space.
const PROMPT: &str = "actorgraph>";

fn prompts(screen: &str) -> usize {
    screen.lines().filter(|l| l.starts_with(PROMPT)).count()
}

/// The REPL on the bundled graph in a pane `width` wide, asked `query`:
/// the pane, and the lines of the answer as the screen shows them.
fn ask_repl(width: u16, query: &str) -> (Pane, Vec<String>) {
    let binary = env!("CARGO_BIN_EXE_actorgraph");
    let pane = Pane::open(
        width,
        "xterm-256color",
        &format!("'{binary}' -g graphs/sahel.ron"),
    );
    pane.wait_for("the prompt", |s| prompts(s) == 1);
    pane.type_line(query);
    pane.wait_for("the answer and the next prompt", |s| prompts(s) == 2);
    let screen = pane.screen(false, false);
    (pane, answer_lines(&screen, query))
}

/// The lines between the prompt that asked `query` and the next prompt.
fn answer_lines(screen: &str, query: &str) -> Vec<String> {
    screen
        .lines()
        .skip_while(|line| line.trim_end() != format!("{PROMPT} {query}"))
        .skip(1)
        .take_while(|line| !line.starts_with(PROMPT))
        .map(|line| line.trim_end().to_string())
        .collect()
}

/// The words of `query`'s answer on a pipe, where nothing is wrapped.
fn pipe_words(query: &str) -> HashSet<String> {
    let output = binary()
        .args(["-g", "graphs/sahel.ron", "query", query])
        .output()
        .expect("run actorgraph");
    assert!(output.status.success());
    String::from_utf8_lossy(&output.stdout)
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

/// Asks `show JNIM` in a pane `width` wide: every word on the screen is a
/// whole word of the pipe's answer — a column moved under its row is
/// labelled `header:` and a shortened source list ends in `…`, the only
/// additions — and no line the program wrote passes the pane's edge.
fn show_jnim_fits(width: u16) {
    if !common::tmux() {
        return;
    }
    let query = "show JNIM";
    let whole = pipe_words(query);
    let (pane, lines) = ask_repl(width, query);
    assert!(
        lines.iter().any(|l| l.contains("Iyad ag Ghali")),
        "the whole answer: {lines:#?}"
    );
    for word in lines.iter().flat_map(|line| line.split_whitespace()) {
        let bare = word.trim_end_matches([':', ';']);
        assert!(
            word == "…" || whole.contains(word) || whole.contains(bare),
            "`{word}` is not a word of the answer: split at {width} columns?\n{}",
            lines.join("\n")
        );
    }
    // Rows the terminal folded come back joined: none may be wider.
    let joined = pane.screen(true, false);
    for line in answer_lines(&joined, query) {
        assert!(
            line.width() <= usize::from(width),
            "wider than {width} columns: {line:?}"
        );
    }
}

#[test]
fn show_jnim_fits_80_columns_without_splitting_a_word() {
    show_jnim_fits(80);
}

#[test]
fn show_jnim_fits_100_columns_without_splitting_a_word() {
    show_jnim_fits(100);
}

#[test]
fn show_jnim_fits_60_columns_without_splitting_a_word() {
    show_jnim_fits(60);
}

#[test]
fn help_fits_the_terminal() {
    if !common::tmux() {
        return;
    }
    let (pane, lines) = ask_repl(60, "help");
    assert!(lines.len() > 20, "{lines:#?}");
    for line in answer_lines(&pane.screen(true, false), "help") {
        assert!(line.width() <= 60, "wider than 60 columns: {line:?}");
    }
}

/// What `query` shows on a terminal whose TERM is `term`, escapes kept.
fn painted_query(term: &str, flags: &str, query: &str) -> String {
    let binary = env!("CARGO_BIN_EXE_actorgraph");
    let pane = Pane::open(80, term, &format!("'{binary}' {flags} query '{query}'"));
    pane.wait_for("the answer", |s| s.contains("2 actors"));
    pane.screen(false, true)
}

#[test]
fn sureness_is_coloured_on_a_terminal_unless_term_is_dumb_or_never() {
    if !common::tmux() {
        return;
    }
    let query = "who allied with JNIM as of 2022-06";
    let bold = "\x1b[1m";
    let coloured = painted_query("xterm-256color", "", query);
    assert!(
        coloured.contains(bold),
        "no colour on a terminal:\n{coloured}"
    );
    for (term, flags) in [("dumb", ""), ("xterm-256color", "--color never")] {
        let plain = painted_query(term, flags, query);
        assert!(
            !plain.contains(bold),
            "colour with TERM={term} {flags}:\n{plain}"
        );
    }
}

#[test]
fn colour_can_be_asked_for_on_a_pipe_and_moves_no_column() {
    let query = "who allied with JNIM as of 2022-06";
    let plain = Test::new()
        .args(&["--color", "never", "query", query])
        .stdout_golden("tests/golden/cli/who-allied-as-of-2022-06.txt")
        .run()
        .stdout;
    // NO_COLOR gives way to an explicit choice.
    let painted = Test::new()
        .args(&["--color", "always", "query", query])
        .stdout_golden("tests/golden/cli/who-allied-as-of-2022-06.color.txt")
        .run()
        .stdout;
    assert_ne!(painted, plain);
    assert_eq!(without_escapes(&painted), plain);
    // On a pipe, auto is no colour, whatever TERM says.
    Test::new()
        .env_remove("NO_COLOR")
        .env("TERM", "xterm-256color")
        .args(&["--color", "auto", "query", query])
        .stdout_golden("tests/golden/cli/who-allied-as-of-2022-06.txt")
        .run();
}

/// `text` without ANSI escape sequences (ESC `[` … final byte).
fn without_escapes(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn the_colour_choice_is_checked() {
    Test::new()
        .args(&["--color", "sometimes", "query", "stats"])
        .status(2)
        .stderr(
            "error: invalid value 'sometimes' for '--color <WHEN>'\n  \
             [possible values: auto, always, never]\n\n\
             For more information, try '--help'.\n",
        )
        .run();
}

/// Issue 11, item 10: a long import showed an empty `░░░ 0/0` bar, then
/// nothing while the file was written. On a terminal it now shows the rows
/// read, their rate and the time taken, then the bytes saved; the line is
/// cleared when done, and a pipe sees none of it.
#[test]
fn a_long_import_shows_rows_rate_and_time_then_clears() {
    if !common::tmux() {
        return;
    }
    let folder = tempfile::tempdir().unwrap();
    let ties = folder.path().join("ties.csv");
    let mut text = String::from("source,target,relation,start,end,confidence\n");
    // Long enough to outlast the spinner's one-second wait in either build:
    // a release build imports 150,000 rows in under a second.
    let rows = if cfg!(debug_assertions) {
        150_000u32
    } else {
        1_500_000
    };
    for row in 0..rows {
        let (a, b) = (row % 9_973, (row * 7 + 1) % 9_973);
        if a != b {
            text.push_str(&format!("a{a},a{b},alliance,2015,,likely\n"));
        }
    }
    std::fs::write(&ties, text).unwrap();
    let out = folder.path().join("out.ron");
    let binary = env!("CARGO_BIN_EXE_actorgraph");
    let pane = Pane::open(
        100,
        "xterm-256color",
        &format!(
            "'{binary}' import csv --ties '{}' -o '{}'; echo IMPORT-DONE",
            ties.display(),
            out.display()
        ),
    );
    let progress = pane.wait_for("the import's progress line", |s| {
        s.contains("importing: ") || s.contains("IMPORT-DONE")
    });
    let line = progress
        .lines()
        .find(|l| l.contains("importing: "))
        .unwrap_or_else(|| panic!("no progress was shown:\n{progress}"))
        .to_string();
    // "⠈ importing: 138,381 rows · 38,870/s · 3s"
    let (_, counts) = line.split_once("importing: ").unwrap();
    let parts: Vec<&str> = counts.split(" · ").collect();
    let whole = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit() || b == b',');
    assert!(
        matches!(parts[..], [rows, rate, time]
            if rows.strip_suffix(" rows").is_some_and(whole)
                && rate.strip_suffix("/s").is_some_and(whole)
                && time.ends_with('s')),
        "{line}"
    );
    let done = pane.wait_for("the summary", |s| s.contains("IMPORT-DONE"));
    assert!(
        !done.contains("importing: "),
        "the line is cleared:\n{done}"
    );
    assert!(done.contains("rows read"), "{done}");
    // On a pipe, no progress at all.
    Test::new()
        .args(&[
            "import",
            "csv",
            "--ties",
            &ties.display().to_string(),
            "-o",
            "$TMP/g.ron",
        ])
        .stderr_matches(|err| !err.contains("importing") && err.contains("rows read"))
        .run();
}
