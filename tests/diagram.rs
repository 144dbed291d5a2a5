//! DOT diagrams: golden files, rendering through the real Graphviz, hostile
//! names, every output format, determinism and storyboards.
//!
//! Regenerate the golden files with
//! `UPDATE_GOLDEN=1 cargo test --test diagram`, then review the diff.
//! Without Graphviz the rendering tests print a note and pass, except under
//! `CI=true`, where a missing `dot` fails them.

mod common;
use common::{graphviz, Test};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use actorgraph::diagram::{
    export, quote, render_dot, storyboard, to_dot, DiagramError, DiagramSpec, OutputFormat, Theme,
};
use actorgraph::model::{Confidence, Graph, PartialDate, RelationId, TieFilter, Window};
use actorgraph::store;

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

#[test]
fn golden_dot_files_match_and_render() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/dot");
    let render = graphviz();
    let mut stale = Vec::new();
    for (name, graph, spec) in views() {
        let text = to_dot(&graph, &spec);
        let path = dir.join(format!("{name}.dot"));
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &text).unwrap();
        } else {
            let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
                panic!(
                    "{} is missing; run UPDATE_GOLDEN=1 cargo test --test diagram",
                    path.display()
                )
            });
            if expected != text {
                stale.push(name);
            }
        }
        if render {
            let svg = render_dot(&text, OutputFormat::Svg)
                .unwrap_or_else(|e| panic!("{name}: Graphviz refused the DOT: {e}"));
            assert!(String::from_utf8_lossy(&svg).contains("<svg"), "{name}");
        }
    }
    assert!(
        stale.is_empty(),
        "golden DOT differs for {stale:?}; if the change is intended, run \
         UPDATE_GOLDEN=1 cargo test --test diagram and review the diff"
    );
}

#[test]
fn every_committed_golden_file_renders() {
    if !graphviz() {
        return;
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/dot");
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "dot") {
            let text = std::fs::read_to_string(&path).unwrap();
            render_dot(&text, OutputFormat::Svg)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            count += 1;
        }
    }
    assert!(count >= 5);
}

#[test]
fn the_same_graph_and_spec_give_identical_bytes() {
    for (name, graph, spec) in views() {
        let again = match name {
            "hostile-all" => hostile(),
            "sahel-jnim-2-as-of-2023-02" => sahel(),
            _ => small(),
        };
        assert_eq!(to_dot(&graph, &spec), to_dot(&graph, &spec), "{name}");
        assert_eq!(to_dot(&graph, &spec), to_dot(&again, &spec), "{name}");
    }
}

#[test]
fn the_title_says_what_and_when() {
    let (_, graph, spec) = views().swap_remove(1);
    let text = to_dot(&graph, &spec);
    assert!(text.contains("label=\"JNIM and its ties, 2 hops, as of 2023-02\""));
    let (_, graph, spec) = views().swap_remove(2);
    let text = to_dot(&graph, &spec);
    assert!(
        text.contains("label=\"ISGS and its alliance and hostility ties, 1 hop, during 2019\""),
        "{text}"
    );
}

#[test]
fn the_legend_lists_only_what_appears() {
    let (_, graph, spec) = views().swap_remove(2);
    let text = to_dot(&graph, &spec);
    let legend: Vec<&str> = text.lines().filter(|l| l.contains("\"legend:")).collect();
    let ties = legend
        .iter()
        .find(|l| l.contains("\"legend:ties:0\""))
        .unwrap();
    assert!(ties.contains("tooltip=\"Ties: alliance"), "{ties}");
    assert!(ties.contains(">alliance</TD>"), "{ties}");
    assert!(ties.contains(">likely</TD>"), "{ties}");
    let legend = legend.join("\n");
    assert!(!legend.contains("hostility"), "no hostility in 2019");
    assert!(!legend.contains("subgroup-of"));
    assert!(!legend.contains("legend:kind:state"));
    assert!(legend.contains("\"legend:kind:group\""));
}

#[test]
fn the_legend_is_a_column_beside_the_diagram() {
    // HTML tables of a few entries each, chained by invisible edges, so no
    // slot is taller than a row of actors.
    let (graph, spec) = sahel_jnim();
    let text = to_dot(&graph, &spec);
    for line in text
        .lines()
        .filter(|l| l.trim_start().starts_with("\"legend:ties:") && !l.contains(" -> "))
    {
        assert!(line.contains("label=<<FONT"), "{line}");
    }
    assert!(text.contains("\"legend:ties:0\" -> \"legend:ties:1\" [style=\"invis\" dir=\"none\"]"));
}

#[test]
fn subgroups_nest_in_their_parents_cluster_only_when_unambiguous() {
    let (_, graph, spec) = views().swap_remove(0);
    let text = to_dot(&graph, &spec);
    // Katiba Macina is in JNIM; the cell in Katiba Macina; Koufa has two
    // parents so stays outside; FAMa nests in Mali.
    assert!(text.contains("subgraph \"cluster:a:jnim\""));
    assert!(text.contains("subgraph \"cluster:a:mlf\""));
    assert!(text.contains("subgraph \"cluster:a:mali\""));
    assert!(!text.contains("cluster:a:koufa"));
    let jnim = text.find("subgraph \"cluster:a:jnim\"").unwrap();
    let mlf = text.find("subgraph \"cluster:a:mlf\"").unwrap();
    let cell = text.find("\"a:mlf-cell\"[").unwrap();
    assert!(jnim < mlf && mlf < cell);
}

#[test]
fn ties_are_styled_by_relation_certainty_and_ending() {
    let (_, graph, spec) = views().swap_remove(0);
    let text = to_dot(&graph, &spec);
    let line = |from: &str, to: &str, needle: &str| {
        text.lines()
            .find(|l| l.contains(&format!("\"a:{from}\" -> \"a:{to}\"")) && l.contains(needle))
            .unwrap_or_else(|| panic!("no {from} -> {to} with {needle}:\n{text}"))
            .to_string()
    };
    let ended_likely_alliance = line("isgs", "jnim", "2017–2019-12");
    assert!(ended_likely_alliance.contains("style=\"dashed\""));
    assert!(ended_likely_alliance.contains("dir=\"none\""));
    assert!(
        ended_likely_alliance.contains(":invis:"),
        "alliance is a double line"
    );
    let possible = line("dozo", "mlf", "2018–");
    assert!(possible.contains("style=\"dotted\""));
    let allegiance = line("jnim", "aqim", "2017-03–");
    assert!(allegiance.contains("dir=\"forward\""));
    assert!(allegiance.contains("style=\"solid\""));
    // An undated tie has no label.
    assert!(!line("fama", "mali", "subgroup-of").contains("label="));
}

#[test]
fn nodes_and_edges_come_sorted_by_id() {
    let (_, graph, spec) = views().swap_remove(0);
    let text = to_dot(&graph, &spec);
    let edges: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("\"a:") && l.contains(" -> "))
        .map(|l| l.split(" [").next().unwrap())
        .collect();
    let mut sorted = edges.clone();
    sorted.sort();
    assert_eq!(edges, sorted);
    assert!(edges.len() >= 10);
}

// ---- hostile names ----

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

#[test]
fn hostile_names_reach_the_picture_intact() {
    let graph = hostile();
    let text = to_dot(&graph, &DiagramSpec::default());
    let bare = outside_quotes(&text);
    for attribute in ["image", "shapefile", "fontpath", "imagepath", "passwd"] {
        assert!(
            !bare.contains(attribute),
            "{attribute} escaped into the DOT:\n{bare}"
        );
    }
    if !graphviz() {
        return;
    }
    let svg = String::from_utf8(render_dot(&text, OutputFormat::Svg).unwrap()).unwrap();
    // Long names are broken at a space, so each word is drawn intact, in
    // the order of the name.
    for (_, actor) in graph.actors() {
        for line in actor.name.split(['\n', '\r']).filter(|l| !l.is_empty()) {
            for word in line.split_whitespace() {
                let escaped = xml_escape(word);
                let hyphens = escaped.replace('-', "&#45;");
                assert!(
                    svg.contains(&escaped) || svg.contains(&hyphens),
                    "{word:?} of {line:?} is not drawn intact"
                );
            }
        }
    }
    // The legend's HTML table draws the hostile relation and tags as text.
    assert!(svg.contains(">a&quot;rel\\ation</text>"), "{svg}");
    assert!(svg.contains(">&lt;i&gt;</text>"));
    assert!(!svg.contains("<image"), "no image may be drawn");

    // Graphviz's own reading: one node per actor plus the legend, and no
    // attribute that reads files.
    let json = run_graphviz("dot", &["-Tjson0"], &text);
    let value: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let objects = value["objects"].as_array().unwrap();
    let actor_nodes = objects
        .iter()
        .filter(|o| o["name"].as_str().is_some_and(|n| n.starts_with("a:")))
        .count();
    assert_eq!(actor_nodes, graph.actor_count());
    for object in objects.iter().chain(value["edges"].as_array().unwrap()) {
        for key in ["image", "shapefile", "fontpath", "imagepath"] {
            assert!(object.get(key).is_none(), "{key} in {object}");
        }
    }
}

#[test]
fn hostile_names_render_to_every_format() {
    if !graphviz() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for ext in ["svg", "png", "pdf", "dot"] {
        let path = dir.path().join(format!("hostile.{ext}"));
        export(&hostile(), &DiagramSpec::default(), &path).unwrap();
        assert!(std::fs::metadata(&path).unwrap().len() > 100);
    }
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

#[test]
fn the_quote_function_is_the_only_way_in() {
    let id = quote("x\" image=\"/etc/passwd");
    assert_eq!(
        format!("{id:?}"),
        "Escaped(\"\\\"x\\\\\\\" image=\\\\\\\"/etc/passwd\\\"\")"
    );
}

// ---- formats and export ----

#[test]
fn exports_to_svg_png_and_pdf() {
    if !graphviz() {
        return;
    }
    let (_, graph, spec) = views().swap_remove(1);
    let dir = tempfile::tempdir().unwrap();
    let magic: [(&str, &[u8]); 3] = [("svg", b"<?xml"), ("png", b"\x89PNG"), ("pdf", b"%PDF")];
    for (ext, start) in magic {
        let path = dir.path().join(format!("jnim.{ext}"));
        export(&graph, &spec, &path).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        assert!(bytes.starts_with(start), "{ext}");
    }
    let dot = dir.path().join("jnim.dot");
    export(&graph, &spec, &dot).unwrap();
    assert_eq!(
        std::fs::read_to_string(&dot).unwrap(),
        to_dot(&graph, &spec)
    );
    // Nothing else was left behind (no temporary files).
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 4);
}

#[test]
fn the_extension_chooses_the_format() {
    assert_eq!(
        OutputFormat::from_path(Path::new("a/b.SVG")).unwrap(),
        OutputFormat::Svg
    );
    assert_eq!(
        OutputFormat::from_path(Path::new("b.dot")).unwrap(),
        OutputFormat::Dot
    );
    let error = OutputFormat::from_path(Path::new("b.jpg")).unwrap_err();
    assert!(matches!(error, DiagramError::UnknownExtension { .. }));
    assert!(error.to_string().contains(".dot, .svg, .png or .pdf"));
    assert!(OutputFormat::from_path(Path::new("noext")).is_err());
}

#[test]
fn a_failed_export_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing-dir/x.dot");
    assert!(export(&small(), &DiagramSpec::default(), &path).is_err());
    assert!(!path.exists());
    let path = dir.path().join("x.gif");
    assert!(export(&small(), &DiagramSpec::default(), &path).is_err());
    assert!(!path.exists());
}

// ---- storyboards ----

/// `name → (x, y)` from a frame's `pos="x,y!"` attributes.
fn pinned_positions(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .filter_map(|line| {
            let line = line.trim();
            let name = line.split('[').next()?.to_string();
            let pos = line.split("pos=\"").nth(1)?.split('"').next()?.to_string();
            Some((name, pos))
        })
        .collect()
}

#[test]
fn storyboard_frames_keep_every_actor_in_place() {
    let graph = small();
    let spec = DiagramSpec {
        focus: graph.find("jnim"),
        depth: 2,
        ..DiagramSpec::default()
    };
    if !graphviz() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let frames = dir.path().join("frames");
    let paths = storyboard(&graph, &spec, 2016..=2021, &frames, OutputFormat::Dot).unwrap();
    let names: Vec<String> = paths
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "jnim-2016.dot",
            "jnim-2017.dot",
            "jnim-2018.dot",
            "jnim-2019.dot",
            "jnim-2020.dot",
            "jnim-2021.dot"
        ]
    );
    let texts: Vec<String> = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let frames_pos: Vec<_> = texts.iter().map(|t| pinned_positions(t)).collect();
    assert!(frames_pos[0].len() < frames_pos[5].len(), "JNIM grows");
    assert!(texts[0].contains("JNIM and its ties, 2 hops, in 2016"));
    // Pinned positions agree for every node two frames share...
    let mut all: BTreeMap<&String, &String> = BTreeMap::new();
    for frame in &frames_pos {
        for (name, pos) in frame {
            let first = all.entry(name).or_insert(pos);
            assert_eq!(*first, pos, "{name} moved");
        }
    }
    // ...and Graphviz draws them there: lay each frame out as the export does.
    let mut drawn: BTreeMap<String, (String, String)> = BTreeMap::new();
    for text in &texts {
        let plain = String::from_utf8(run_graphviz("neato", &["-n2", "-Tplain"], text)).unwrap();
        for line in plain.lines().filter(|l| l.starts_with("node ")) {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let at = (fields[2].to_string(), fields[3].to_string());
            let first = drawn.entry(fields[1].to_string()).or_insert(at.clone());
            assert_eq!(*first, at, "{} drawn elsewhere", fields[1]);
        }
    }
    assert!(drawn.contains_key("\"a:ansar\""));

    // Rendered frames, too.
    let svgs = storyboard(&graph, &spec, 2019..=2020, &frames, OutputFormat::Svg).unwrap();
    assert_eq!(svgs.len(), 2);
    for svg in svgs {
        assert!(std::fs::read_to_string(&svg).unwrap().contains("<svg"));
    }
}

#[test]
fn a_storyboard_of_no_years_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    #[allow(clippy::reversed_empty_ranges)]
    let error = storyboard(
        &small(),
        &DiagramSpec::default(),
        2023..=2019,
        dir.path(),
        OutputFormat::Dot,
    )
    .unwrap_err();
    assert!(matches!(error, DiagramError::NoFrames { .. }));
}

/// The README's examples are the binary's real output: the answer under
/// `actorgraph> QUERY` is what `actorgraph query QUERY` prints, and the
/// `export dot` command under the picture draws `docs/jnim.dot`, the DOT
/// of that picture. `UPDATE_DOCS=1 cargo test --test diagram readme_example`
/// rewrites the answer in the README and `docs/jnim.dot` (and, with
/// Graphviz, `docs/jnim.svg`) instead.
#[test]
fn readme_example() {
    let update = std::env::var_os("UPDATE_DOCS").is_some();
    let readme_path = common::manifest("README.md");
    let readme = std::fs::read_to_string(&readme_path).unwrap();

    // The answer.
    let mut lines = readme
        .lines()
        .skip_while(|l| !l.starts_with("actorgraph> "));
    let query = lines.next().expect("the README shows a REPL example");
    let shown: String = lines
        .take_while(|l| *l != "```")
        .map(|l| format!("{l}\n"))
        .collect();
    let query = query.strip_prefix("actorgraph> ").unwrap();
    if update {
        let real = Test::new()
            .args(&["query", query])
            // Whatever it is now: it becomes the README's example.
            .stdout_matches(|out| !out.is_empty())
            .run()
            .stdout;
        let block = format!("actorgraph> {query}\n{shown}");
        let updated = readme.replacen(&block, &format!("actorgraph> {query}\n{real}"), 1);
        std::fs::write(&readme_path, updated).unwrap();
    } else {
        Test::new().args(&["query", query]).stdout(&shown).run();
    }

    // The picture.
    let command = readme
        .lines()
        .find_map(|l| l.strip_prefix("cargo run --release -- "))
        .expect("the README shows how its picture is drawn");
    let (statement, picture) = command
        .rsplit_once(" to ")
        .expect("the README's command writes a file");
    assert!(
        readme.contains(&format!("]({picture})")),
        "the README shows {picture}, which its command writes"
    );
    let dot = Path::new(picture).with_extension("dot");
    let dot = dot.to_str().unwrap();
    if update {
        Test::new()
            .words(&format!("{statement} to {dot}"))
            .stdout(&format!("wrote {dot}\n"))
            .run();
        if graphviz() {
            Test::new()
                .words(command)
                .stdout(&format!("wrote {picture}\n"))
                .run();
        }
        return;
    }
    let drawn = std::fs::read_to_string(common::manifest(dot)).unwrap();
    Test::new().words(statement).stdout(&drawn).run();
}
