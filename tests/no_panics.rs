//! No input may panic the query language or the graph loader.

use actorgraph::session::Session;
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
        // Exports to files are not run here: they write to disk.
        if !query.to_lowercase().contains("export") {
            let _ = session.ask(&query);
        } else {
            let _ = actorgraph::query::parse(&query);
        }
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
