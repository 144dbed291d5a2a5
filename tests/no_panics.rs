//! No input may panic the query language or the graph loader.

use std::path::Path;

use actorgraph::query::eval::Outcome;
use actorgraph::session::Session;
use actorgraph::statement::write_export;
use proptest::prelude::*;

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(actorgraph::query::keywords::words().collect::<Vec<_>>())
            .prop_map(str::to_string),
        prop::sample::select(vec![
            "JNIM",
            "\"Wagner Group\"",
            "MLF",
            "2022",
            "2022-11",
            "2023-02-08",
            "2022-13",
            "0000",
            ",",
            "\"",
            "..",
            "2019..2023",
            "likely",
            "alliance",
            "subgroup-of",
            "depth",
            "99999999999999999999",
            "é",
            "\\",
            "#",
            "dot",
            "to",
            "x.svg",
            "frames",
            "theme",
            "dark",
            "of",
            "kind",
            "militia",
            "\u{0}",
            "🙂",
            "JNIM's",
            "'s",
            "Ansar al Din",
            "Daoussak leaders in Ménaka",
            "led by",
            "pledge allegiance to",
            "a subgroup of",
            "early",
            "mid-2022",
            "late-",
            "stop",
            "leads",
        ])
        .prop_map(str::to_string),
        "[a-zA-Z0-9\"\\\\,#. -]{0,8}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn queries_never_panic(words in prop::collection::vec(word(), 0..12)) {
        let session = Session::bundled().unwrap();
        let query = words.join(" ");
        // Exports are carried out too, into a scratch folder: pictures are
        // written as DOT and storyboards dropped, so that thousands of cases
        // do not each start Graphviz (the diagram tests render for real).
        if let Ok(Outcome::Export(mut plan)) = session.ask(&query) {
            let scratch = tempfile::tempdir().unwrap();
            plan.frames = None;
            plan.target = plan.target.map(|target| {
                let name = Path::new(&target)
                    .file_name()
                    .map_or("out".into(), |n| n.to_string_lossy().into_owned());
                let name = ["svg", "png", "pdf"]
                    .iter()
                    .fold(name, |n, ext| n.replace(&format!(".{ext}"), ".dot"));
                scratch.path().join(name).display().to_string()
            });
            let _ = write_export(&session.graph, &plan);
        }
    }

    #[test]
    fn completion_never_panics(words in prop::collection::vec(word(), 0..12), cut in 0usize..200) {
        let session = Session::bundled().unwrap();
        let vocabulary = actorgraph::completion::Vocabulary::of_graph(&session.graph);
        let line = words.join(" ");
        // Every cursor, on a character boundary or not, and past the end.
        let _ = actorgraph::completion::complete(&line, cut.min(line.len() + 1), &vocabulary);
        let _ = actorgraph::completion::complete(&line, line.len(), &vocabulary);
    }

    #[test]
    fn arbitrary_text_never_panics_the_parser(text in "\\PC{0,80}") {
        let _ = actorgraph::query::parse(&text);
    }

    #[test]
    fn arbitrary_text_never_panics_the_loader(text in "[()\\[\\]{}:,\"a-z0-9 #!/*-]{0,200}") {
        let _ = actorgraph::store::ron::parse(&text, "fuzz.ron");
    }
}
