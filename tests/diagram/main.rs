//! DOT diagrams: golden files, rendering through the real Graphviz, hostile
//! names, every output format, determinism and storyboards.
//!
//! Regenerate the golden files with
//! `UPDATE_GOLDEN=1 cargo test --test diagram`, then review the diff.
//! Without Graphviz the rendering tests print a note and pass, except under
//! `CI=true`, where a missing `dot` fails them.

#[path = "../common/mod.rs"]
mod common;
use common::{graphviz, Test};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use actorgraph::diagram::{
    export, quote, render_dot, storyboard, to_dot, DiagramError, DiagramSpec, OutputFormat, Theme,
};
use actorgraph::model::{ActorKind, Confidence, Graph, PartialDate, RelationId, TieFilter, Window};
use actorgraph::store;

/// The four pictures of the "Done when".
pub(crate) const PICTURES: [&str; 4] = [
    "JNIM depth 1",
    "JNIM depth 2 as of 2023-02",
    "AQIM depth 2",
    "all via alliance, hostility as of 2023-02",
];

mod arrows;
mod drawing;
mod empty;
mod files;
mod font;
mod frames;
mod geometry;
mod labels;
mod numbers;
mod routing;
mod shapes;
mod slide;
mod slides;
mod text;

fn data(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(path)
}
fn load(path: &str) -> Graph {
    store::ron::load(&data(path)).unwrap_or_else(|e| panic!("{}", e.render(false)))
}
fn sahel() -> Graph {
    store::ron::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("graphs/sahel.ron"))
        .unwrap_or_else(|e| panic!("{}", e.render(false)))
}
/// The slide the README shows: JNIM, two hops, as of February 2023.
fn sahel_jnim() -> (Graph, DiagramSpec) {
    let graph = sahel();
    let spec = DiagramSpec {
        focus: Some(graph.resolve("jnim").unwrap()),
        depth: 2,
        filter: TieFilter::default().during(as_of("2023-02")),
        time_label: Some("as of 2023-02".into()),
        theme: Theme::Light,
        statement: Some("export dot JNIM depth 2 as of 2023-02".into()),
        ..DiagramSpec::default()
    };
    (graph, spec)
}
fn small() -> Graph {
    load("diagram/small.ron")
}
fn hostile() -> Graph {
    load("hostile/names.ron")
}
fn date(text: &str) -> PartialDate {
    text.parse().unwrap()
}
fn as_of(text: &str) -> Window {
    Window::on(date(text).last_day())
}
fn during(text: &str) -> Window {
    let d = date(text);
    Window::new(d.first_day(), d.last_day())
}
/// The named views the golden files pin.
fn views() -> Vec<(&'static str, Graph, DiagramSpec)> {
    let graph = small();
    let jnim = graph.resolve("jnim").unwrap();
    let isgs = graph.resolve("isgs").unwrap();
    let hostile_graph = hostile();
    vec![
        (
            "small-all",
            graph.clone(),
            DiagramSpec {
                focus: None,
                ..DiagramSpec::default()
            },
        ),
        (
            "small-jnim-2-as-of-2023-02",
            graph.clone(),
            DiagramSpec {
                focus: Some(jnim),
                depth: 2,
                filter: TieFilter::default().during(as_of("2023-02")),
                time_label: Some("as of 2023-02".into()),
                theme: Theme::Light,
                ..DiagramSpec::default()
            },
        ),
        (
            "small-isgs-1-via-alliance-hostility-during-2019-dark",
            graph.clone(),
            DiagramSpec {
                focus: Some(isgs),
                depth: 1,
                filter: TieFilter {
                    relations: Some(vec![RelationId::HOSTILITY, RelationId::ALLIANCE]),
                    window: during("2019"),
                    min_confidence: Confidence::Possible,
                    ..TieFilter::default()
                },
                time_label: Some("during 2019".into()),
                theme: Theme::Dark,
                ..DiagramSpec::default()
            },
        ),
        (
            "small-all-confirmed",
            graph,
            DiagramSpec {
                filter: TieFilter {
                    min_confidence: Confidence::Confirmed,
                    ..TieFilter::default()
                },
                ..DiagramSpec::default()
            },
        ),
        ("hostile-all", hostile_graph, DiagramSpec::default()),
        {
            let (graph, spec) = sahel_jnim();
            ("sahel-jnim-2-as-of-2023-02", graph, spec)
        },
    ]
}
/// The DOT text with every quoted string's contents removed, reading `\\"`
/// and `\\\\` inside quotes as Graphviz's lexer does.
fn outside_quotes(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (false, '"') => {
                quoted = true;
                out.push('"');
            }
            (false, c) => out.push(c),
            (true, '\\') => {
                chars.next();
            }
            (true, '"') => {
                quoted = false;
                out.push('"');
            }
            (true, _) => {}
        }
    }
    out
}
fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}
fn run_graphviz(program: &str, args: &[&str], input: &str) -> Vec<u8> {
    use std::io::Write as _;
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}
/// `name → (x, y)` from a frame's `pos="x,y!"` attributes.
fn pinned_positions(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .filter_map(|line| {
            let line = line.trim();
            let mut name = line.split('[').next()?.to_string();
            // Edges by their tie: two ties between one pair take two routes.
            if let Some(id) = line
                .split(" id=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
            {
                name.push_str(id);
            }
            let pos = line.split(" pos=\"").nth(1)?.split('"').next()?.to_string();
            Some((name, pos))
        })
        .collect()
}
