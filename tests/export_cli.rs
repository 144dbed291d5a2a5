//! `export dot` end to end: the real binary, through `export`, `query` and
//! `run -`, writing DOT, pictures and storyboards. Tests that need Graphviz
//! print a note and pass without it, except under `CI=true`, where a
//! missing `dot` fails them.

mod common;
use common::{actorgraph, graphviz, run_piped};
use std::path::Path;
use std::process::Output;

const JNIM: &str = "export dot JNIM depth 2 as of 2023-02";

fn run(args: &[&str], stdin: &str, path: Option<&Path>) -> Output {
    let mut command = actorgraph();
    command.args(args);
    if let Some(path) = path {
        command.env("PATH", path);
    }
    run_piped(command, stdin.as_bytes())
}

/// `actorgraph export WORDS...`, the words of a statement after `export`.
fn export(statement: &str) -> Output {
    let mut args = vec!["export"];
    args.extend(statement.strip_prefix("export ").unwrap().split(' '));
    run(&args, "", None)
}

fn ok(output: &Output) -> String {
    assert!(
        output.status.success(),
        "exit {:?}\nstderr: {}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn dot_to_stdout_is_the_golden_file_every_time() {
    let first = ok(&export(JNIM));
    let second = ok(&export(JNIM));
    assert_eq!(first, second, "byte-identical across runs");
    assert!(first.contains("label=\"JNIM and its ties, 2 hops, as of 2023-02\""));
    let golden = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden/dot/sahel-jnim-2-as-of-2023-02.dot");
    assert_eq!(first, std::fs::read_to_string(golden).unwrap());
}

#[test]
fn query_run_and_export_give_the_same_dot() {
    let exported = ok(&export(JNIM));
    let queried = ok(&run(&["query", JNIM], "", None));
    assert_eq!(exported, queried);
    let script = ok(&run(&["run", "-"], &format!("{JNIM}\n"), None));
    assert!(script.contains(exported.trim()), "{script}");
}

#[test]
fn pictures_are_rendered_by_extension() {
    if !graphviz() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let magic: [(&str, &[u8]); 4] = [
        ("svg", b"<svg"),
        ("png", b"\x89PNG"),
        ("pdf", b"%PDF"),
        ("dot", b"digraph"),
    ];
    for (ext, start) in magic {
        let path = dir.path().join(format!("jnim.{ext}"));
        let statement = format!("{JNIM} to {}", path.display());
        let stdout = ok(&export(&statement));
        assert!(stdout.contains("wrote"), "{stdout}");
        let bytes = std::fs::read(&path).unwrap();
        let head = &bytes[..bytes.len().min(400)];
        assert!(
            head.windows(start.len()).any(|w| w == start),
            "{ext}: {:?}",
            String::from_utf8_lossy(head)
        );
    }
    // Through `query` and a script as well.
    let svg = dir.path().join("query.svg");
    ok(&run(
        &["query", &format!("{JNIM} to {}", svg.display())],
        "",
        None,
    ));
    assert!(std::fs::read_to_string(&svg).unwrap().contains("<svg"));
    let png = dir.path().join("script.png");
    ok(&run(
        &["run", "-"],
        &format!("{JNIM} to {}\n", png.display()),
        None,
    ));
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
}

#[test]
fn a_storyboard_writes_one_file_a_year() {
    if !graphviz() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let frames = dir.path().join("frames");
    let statement = format!(
        "export dot JNIM depth 2 frames 2019..2023 to {}/",
        frames.display()
    );
    let stdout = ok(&export(&statement));
    assert!(stdout.contains("wrote 5 frames"), "{stdout}");
    let mut names: Vec<String> = std::fs::read_dir(&frames)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "jnim-2019.svg",
            "jnim-2020.svg",
            "jnim-2021.svg",
            "jnim-2022.svg",
            "jnim-2023.svg"
        ]
    );
}

#[test]
fn a_missing_graphviz_says_how_to_install_it_and_writes_nothing() {
    let empty = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("jnim.svg");
    let statement = format!("{JNIM} to {}", target.display());
    let mut args = vec!["export"];
    args.extend(statement.strip_prefix("export ").unwrap().split(' '));
    let output = run(&args, "", Some(empty.path()));
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("apt-get install graphviz"), "{stderr}");
    assert!(!target.exists());
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0);
    // DOT needs no Graphviz.
    let dot = out.path().join("jnim.dot");
    let statement = format!("{JNIM} to {}", dot.display());
    let mut args = vec!["export"];
    args.extend(statement.strip_prefix("export ").unwrap().split(' '));
    ok(&run(&args, "", Some(empty.path())));
    assert!(dot.exists());
}

#[test]
fn an_unknown_extension_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("jnim.gif");
    let output = export(&format!("{JNIM} to {}", target.display()));
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("jnim.gif"), "{stderr}");
    assert!(stderr.contains(".dot, .svg, .png or .pdf"), "{stderr}");
    assert!(!target.exists());
}

#[test]
fn theme_dark_changes_the_background() {
    let light = ok(&export(JNIM));
    let dark = ok(&export(&format!("{JNIM} theme dark")));
    assert!(light.contains("bgcolor=\"#ffffff\""));
    assert!(dark.contains("bgcolor=\"#1e1e1e\""), "{dark}");
    if !graphviz() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("dark.svg");
    ok(&export(&format!("{JNIM} theme dark to {}", svg.display())));
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("fill=\"#1e1e1e\""), "dark background drawn");
}
