//! Diagrams written to files: pictures through Graphviz, storyboards, the README picture.

use super::*;

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

/// Issue 14, item 11: U+FFFE and U+FFFF in a name gave an SVG that no XML
/// reader accepts. Every character of the SVG must be one XML 1.0 allows.
#[test]
fn hostile_names_give_well_formed_xml_characters() {
    if !graphviz() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hostile.svg");
    export(&hostile(), &DiagramSpec::default(), &path).unwrap();
    let svg = std::fs::read_to_string(&path).unwrap();
    let forbidden: Vec<char> = svg
        .chars()
        .filter(|c| matches!(*c as u32, 0..=0x8 | 0xB | 0xC | 0xE..=0x1F | 0xFFFE | 0xFFFF))
        .collect();
    assert!(forbidden.is_empty(), "{forbidden:?}");
    assert!(
        svg.contains("Not\u{FFFD}XML"),
        "the name is kept, its noncharacter replaced"
    );
}

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
    let paths = storyboard(&graph, &spec, 2016..=2021, &frames, OutputFormat::Dot)
        .unwrap()
        .paths;
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
    let svgs = storyboard(&graph, &spec, 2019..=2020, &frames, OutputFormat::Svg)
        .unwrap()
        .paths;
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
    assert!(matches!(error, DiagramError::NoFrames));
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
            let wrote = format!("wrote {picture}: sized for a 16:9 slide");
            Test::new()
                .words(command)
                .stdout_matches(move |out| out.starts_with(&wrote))
                .run();
        }
        return;
    }
    let drawn = std::fs::read_to_string(common::manifest(dot)).unwrap();
    Test::new().words(statement).stdout(&drawn).run();
}
