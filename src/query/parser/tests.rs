//! Parser tests: accepted forms, and errors placed at the word.

use super::*;

/// The error of `query`: its message, byte span, and the column and
/// width (in characters) the caret is drawn at.
fn error(query: &str) -> (String, (usize, usize), (usize, usize)) {
    let error = parse(query).expect_err(query);
    let position = error
        .diagnostic(query, None)
        .position
        .expect("a positioned error");
    assert_eq!(position.line, 1, "{query}");
    (
        error.kind.to_string(),
        (error.start, error.end),
        (position.column, position.width),
    )
}

#[test]
fn a_missing_actor_points_past_the_end() {
    let (message, span, caret) = error("who allied with");
    assert!(message.contains("an actor name"), "{message}");
    assert_eq!(span, (15, 15));
    assert_eq!(caret, (16, 0));
}

#[test]
fn a_bad_date_points_at_the_date() {
    let (message, span, caret) = error("who fought JNIM in 20x2");
    assert!(message.contains("20x2"), "{message}");
    // Only the forms a question accepts are offered.
    assert!(!message.contains('~'), "{message}");
    assert_eq!(span, (19, 23));
    assert_eq!(caret, (20, 4));
}

#[test]
fn an_uncertain_date_is_refused_where_it_stands() {
    // Reading `2022~` as 2021–2023 would quietly widen the question.
    for (query, date) in [
        ("who fought JNIM as of 2022~", "2022~"),
        ("who fought JNIM in 201X", "201X"),
        ("stats during 2022%", "2022%"),
        ("changes between 2020? and 2022", "2020?"),
    ] {
        let (message, span, _) = error(query);
        assert!(message.contains("uncertain date"), "{query}: {message}");
        assert_eq!(&query[span.0..span.1], date, "{query}");
    }
}

#[test]
fn columns_count_characters_not_bytes() {
    // `é` is two bytes: the date starts at byte 22 but column 22.
    let (_, span, caret) = error("who fought Ménaka in 20x2");
    assert_eq!(span, (22, 26));
    assert_eq!(caret, (22, 4));
}

#[test]
fn a_filter_that_does_not_suit_points_at_its_word() {
    let (message, span, caret) = error("who allied with JNIM via alliance");
    assert!(message.contains("via"), "{message}");
    assert_eq!(span, (21, 24));
    assert_eq!(caret, (22, 3));
}

#[test]
fn a_second_time_operator_points_at_it() {
    let (message, span, _) = error("who allied with JNIM after 2022 as of 2023");
    assert!(message.contains("second time operator"), "{message}");
    assert_eq!(span, (32, 34));
}

#[test]
fn a_reversed_range_covers_both_dates() {
    let (_, span, caret) = error("changes between 2023 and 2022");
    assert_eq!(span, (16, 29));
    assert_eq!(caret, (17, 13));
}

#[test]
fn an_unclosed_quote_runs_to_the_end() {
    let (_, span, caret) = error("show \"Wagner Group");
    assert_eq!(span, (5, 18));
    assert_eq!(caret, (6, 13));
}

#[test]
fn an_unknown_statement_points_at_its_first_word() {
    let (message, span, caret) = error("list JNIM allies");
    assert!(message.contains("a question"), "{message}");
    assert_eq!(span, (0, 4));
    assert_eq!(caret, (1, 4));
}

#[test]
fn a_repeated_certainty_is_refused() {
    let (message, span, _) = error("who fought JNIM certainly with certainty");
    assert!(
        message.contains("certainty") || message.contains("with"),
        "{message}"
    );
    assert_eq!(span, (26, 30));
}

#[test]
fn time_words_parse() {
    let query = parse("who fought JNIM now certainly from ctp-2023-02").unwrap();
    assert_eq!(query.filters.time, Some(TimeOp::Now));
    assert!(query.filters.certain);
    assert_eq!(query.filters.source.unwrap().name, "ctp-2023-02");
    assert_eq!(
        parse("who fought JNIM as of now").unwrap().filters.time,
        Some(TimeOp::Now)
    );
    assert_eq!(
        parse("ties of JNIM ever").unwrap().filters.time,
        Some(TimeOp::Ever)
    );
    let Statement::Why { a, b } = parse("why JNIM and AQIM").unwrap().statement else {
        panic!("why");
    };
    assert_eq!(
        (a.name.as_str(), b.map(|b| b.name)),
        ("JNIM", Some("AQIM".into()))
    );
}

#[test]
fn month_names_and_a_closing_question_mark_read_as_analysts_type_them() {
    let month = |query: &str| match parse(query).unwrap().filters.time {
        Some(TimeOp::During(d) | TimeOp::After(d) | TimeOp::AsOf(d)) => d.to_string(),
        other => panic!("{query}: {other:?}"),
    };
    assert_eq!(month("who allied with JNIM in March 2017"), "2017-03");
    assert_eq!(month("who fought JNIM as of Feb 2023"), "2023-02");
    assert_eq!(month("ties of JNIM after sept. 2022"), "2022-09");
    assert_eq!(month("ties of JNIM during Dec 2022?"), "2022-12");
    // A month name needs its year; `Mrch` is no month.
    let (message, span, _) = error("who fought JNIM in Mrch 2017");
    assert!(message.contains("March 2017"), "{message}");
    assert_eq!(span, (19, 23));
    let Statement::Who { actor, .. } = parse("who allied with JNIM?").unwrap().statement else {
        panic!("who");
    };
    assert_eq!(actor.name, "JNIM");
}

/// The bundled graph, whose names and declared verbs questions use.
fn sahel() -> crate::model::Graph {
    crate::store::ron::parse(crate::store::SAHEL_GRAPH, crate::store::SAHEL_ORIGIN).unwrap()
}

/// The statement `query` parses to against the bundled graph.
fn asked(graph: &crate::model::Graph, query: &str) -> Statement {
    match parse_in(query, graph) {
        Ok(parsed) => parsed.statement,
        Err(error) => panic!("{query}: {}", error.diagnostic(query, None)),
    }
}

/// A `who` question's relation, voice, named actor and where it stands.
fn who(graph: &crate::model::Graph, query: &str) -> (String, Voice, String, Named) {
    match asked(graph, query) {
        Statement::Who {
            phrase,
            actor,
            named,
            ..
        } => (phrase.relation, phrase.voice, actor.name, named),
        other => panic!("{query}: {other:?}"),
    }
}

#[test]
fn every_relation_is_asked_by_its_verbs_both_ways() {
    let graph = sahel();
    let case = |q: &str, relation: &str, voice: Voice, actor: &str, named: Named| {
        assert_eq!(
            who(&graph, q),
            (relation.to_string(), voice, actor.to_string(), named),
            "{q}"
        );
    };
    use Named::*;
    use Voice::*;
    case("who leads JNIM", "leads", Active, "JNIM", Object);
    case("who led JNIM", "leads", Active, "JNIM", Object);
    case("who is JNIM led by", "leads", Inverse, "JNIM", Subject);
    case(
        "whom does Iyad ag Ghali lead",
        "leads",
        Active,
        "Iyad ag Ghali",
        Subject,
    );
    case(
        "who founded Ansar al Din",
        "founded",
        Active,
        "Ansar al Din",
        Object,
    );
    case("who condemned Wagner", "condemns", Active, "Wagner", Object);
    // A declared relation is asked by its bare name too.
    case("who courts CMA", "courts", Active, "CMA", Object);
    case(
        "who did JNIM pledge allegiance to",
        "allegiance",
        Active,
        "JNIM",
        Subject,
    );
    case(
        "which armed groups fought JNIM",
        "hostility",
        Active,
        "JNIM",
        Object,
    );
    case(
        "who are the allies of JNIM",
        "alliance",
        Active,
        "JNIM",
        Object,
    );
    case("who is JNIM's leader", "leads", Active, "JNIM", Object);
    case(
        "Ansar al Din's founder",
        "founded",
        Active,
        "Ansar al Din",
        Object,
    );
    case("rivals of JNIM", "rivalry", Active, "JNIM", Object);
    // Without the graph, only the built-ins' phrases are known.
    assert!(parse("who leads JNIM").is_err());
    assert!(matches!(
        parse("who fought JNIM").unwrap().statement,
        Statement::Who { .. }
    ));
}

#[test]
fn pair_questions_name_both_actors() {
    let graph = sahel();
    let Statement::Is { a, phrase, b, .. } = asked(&graph, "is Wagner fighting JNIM") else {
        panic!("is");
    };
    assert_eq!(
        (a.name.as_str(), phrase.relation.as_str(), b.name.as_str()),
        ("Wagner", "hostility", "JNIM")
    );
    let Statement::Is { a, phrase, .. } = asked(&graph, "is the MLF a subgroup of JNIM") else {
        panic!("is");
    };
    assert_eq!(
        (a.name.as_str(), phrase.text.as_str()),
        ("MLF", "subgroup of")
    );
    let Statement::When { a, phrase, b } = asked(&graph, "when did Ansar al Din join JNIM") else {
        panic!("when");
    };
    assert_eq!(
        (a.name.as_str(), phrase.relation.as_str(), b.name.as_str()),
        ("Ansar al Din", "subgroup-of", "JNIM")
    );
    let Statement::When { phrase, .. } = asked(&graph, "when did France stop fighting JNIM") else {
        panic!("when");
    };
    assert_eq!(phrase.relation, "hostility");
    for query in [
        "ties between JNIM and the CMA",
        "what ties link JNIM and the CMA",
        "links between JNIM and CMA",
        "relationships between JNIM and CMA",
    ] {
        let Statement::Between { a, b } = asked(&graph, query) else {
            panic!("{query}");
        };
        assert_eq!(
            (a.name.as_str(), b.name.as_str()),
            ("JNIM", "CMA"),
            "{query}"
        );
    }
    for query in [
        "how is JNIM connected to CMA",
        "how are JNIM and CMA linked",
        "path between JNIM and CMA",
    ] {
        assert!(
            matches!(asked(&graph, query), Statement::Path { .. }),
            "{query}"
        );
    }
}

#[test]
fn bare_names_run_to_the_longest_actor_name_they_spell() {
    let graph = sahel();
    for (query, name) in [
        (
            "show Daoussak leaders in Ménaka",
            "Daoussak leaders in Ménaka",
        ),
        (
            "show Daoussak leaders in Menaka",
            "Daoussak leaders in Menaka",
        ),
        ("show Tuareg leaders in Kidal", "Tuareg leaders in Kidal"),
        ("show the MLF", "MLF"),
    ] {
        let Statement::Show { actor } = asked(&graph, query) else {
            panic!("{query}");
        };
        assert_eq!(actor.name, name, "{query}");
    }
    // The name stops where the graph's names do: `in 2022` is a time.
    let parsed = parse_in("ties of Daoussak leaders in Ménaka in 2022", &graph).unwrap();
    assert!(matches!(parsed.filters.time, Some(TimeOp::During(_))));
    // A name the graph lacks is cut at the keyword, and the date error says to quote.
    let error = parse_in("show Berber leaders in Gao", &graph).unwrap_err();
    assert!(
        error
            .help
            .as_deref()
            .is_some_and(|h| h.contains("\"Berber leaders in Gao\"")),
        "{error:?}"
    );
}

#[test]
fn parts_of_a_year_are_spans_of_months() {
    let time = |query: &str| parse(query).unwrap().filters.time.unwrap();
    let month = |text: &str| text.parse::<crate::model::PartialDate>().unwrap();
    assert_eq!(
        time("who fought JNIM in early 2022"),
        TimeOp::Between(month("2022-01"), month("2022-04"))
    );
    assert_eq!(
        time("who fought JNIM after mid-2022"),
        TimeOp::After(month("2022-08"))
    );
    assert_eq!(
        time("who fought JNIM before late 2022"),
        TimeOp::Before(month("2022-09"))
    );
    assert_eq!(
        time("who fought JNIM as of late 2021"),
        TimeOp::AsOf(month("2021-12"))
    );
}

#[test]
fn an_unaccepted_phrasing_gets_the_nearest_accepted_form() {
    let graph = sahel();
    let help = |query: &str| {
        parse_in(query, &graph)
            .unwrap_err()
            .help
            .unwrap_or_default()
    };
    assert!(help("tell me about JNIM").contains("`show JNIM`"));
    assert!(help("list JNIM's allies").contains("`who allied with JNIM`"));
    assert!(help("tell me about JNIM and AQIM").contains("`ties between JNIM and AQIM`"));
    assert!(
        help("any news on Wagner fighting JNIM").contains("`is \"Wagner Group\" fighting JNIM`")
    );
    assert!(help("Iyad ag Ghali leads JNIM").contains("`does \"Iyad ag Ghali\" lead JNIM`"));
    // An unknown verb is matched to the nearest, or all are listed.
    assert!(help("who alied with JNIM").contains("did you mean `allied with`"));
    assert!(help("who betrayed JNIM").contains("leads"));
}

/// The cold read of issue 10: `from 2022 to 2023` is a time, `??` closes a
/// question, and a misspelt month is named.
#[test]
fn from_a_date_a_doubled_question_mark_and_a_misspelt_month() {
    let time = |query: &str| parse(query).unwrap().filters.time.unwrap();
    let date = |text: &str| text.parse::<crate::model::PartialDate>().unwrap();
    assert_eq!(
        time("who fought JNIM from 2022 to 2023"),
        TimeOp::Between(date("2022"), date("2023"))
    );
    assert_eq!(
        time("who allied with JNIM from mid-2022"),
        TimeOp::Since(date("2022-05"))
    );
    let source = parse("ties of JNIM from ctp-2023-02")
        .unwrap()
        .filters
        .source;
    assert_eq!(source.map(|s| s.name).as_deref(), Some("ctp-2023-02"));
    assert!(parse("who allied with JNIM ??").is_ok());
    let help = parse("who fought JNIM in Marh 2022").unwrap_err().help;
    assert_eq!(help.as_deref(), Some("did you mean `March`?"));
}

/// The second cold read of issue 10.
#[test]
fn possessive_chains_time_words_inside_and_pairs_of_declared_relations() {
    let graph = sahel();
    assert!(matches!(
        asked(&graph, "JNIM's parents"),
        Statement::Parents { .. }
    ));
    assert!(matches!(
        asked(&graph, "al Qaeda's subgroups"),
        Statement::Subgroups { .. }
    ));
    let parsed = parse_in("did JNIM ever fight France", &graph).unwrap();
    assert_eq!(parsed.filters.time, Some(TimeOp::Ever));
    let Statement::Is { phrase, pair, .. } = asked(&graph, "are Mali and CMA at peace") else {
        panic!("a pair");
    };
    assert_eq!((phrase.relation.as_str(), pair), ("peace-agreement", true));
    let Statement::Is { phrase, .. } = asked(&graph, "are JNIM and Pro-separatist rebels rivals")
    else {
        panic!("a pair");
    };
    assert_eq!(phrase.relation, "rivalry");
    let help = |query: &str| {
        parse_in(query, &graph)
            .unwrap_err()
            .help
            .unwrap_or_default()
    };
    assert!(help("who allied with JNIM in summer 2022").contains("seasons"));
    assert!(help("is Wagner fihgting JNIM").contains("did you mean `fighting`"));
}

#[test]
fn a_bad_page_size_or_depth_points_at_its_word() {
    for (query, word, says) in [
        (
            "export dot all size -3,4",
            "-3",
            "a width between 1 and 200 inches",
        ),
        (
            "export dot all size 3,-4",
            "-4",
            "a height between 1 and 200 inches",
        ),
        (
            "export dot all size 0,4",
            "0",
            "a width between 1 and 200 inches",
        ),
        (
            "export dot all size 4,0",
            "0",
            "a height between 1 and 200 inches",
        ),
        (
            "export dot all size 1e9,4",
            "1e9",
            "a width between 1 and 200 inches",
        ),
        ("export dot all size 4,1e400", "1e400", "such as 10,5.63"),
        ("export dot all size nan,4", "nan", "such as 10,5.63"),
        ("export dot all size wide,4", "wide", "such as 10,5.63"),
        ("export dot all size 4,high", "high", "such as 10,5.63"),
        (
            "export dot all size 10,5,3",
            ",",
            "the width and height only",
        ),
        ("export dot all depth -1", "-1", "a depth"),
        ("export dot all depth two", "two", "a depth"),
        (
            "export dot all depth 99999999999999999999999",
            "99999999999999999999999",
            "a depth",
        ),
        ("export dot all page 0", "0", "a page"),
    ] {
        let (message, span, _) = error(query);
        assert!(message.contains(says), "{query}: {message}");
        assert_eq!(&query[span.0..span.1], word, "{query}: {message}");
        // The word is the last of its kind in the query, so its span is its own.
        assert_eq!(span.0, query.rfind(word).unwrap(), "{query}");
    }
}

#[test]
fn a_range_written_as_in_a_graph_file_is_asked_in_words() {
    // A question's time is words; a graph file's range, typed right or
    // not, gets the words that ask it, never the file's advice.
    for (query, word, asks) in [
        (
            "who allied with JNIM between 2022-03...2022-06",
            "2022-03...2022-06",
            "between 2022-03 and 2022-06",
        ),
        (
            "who allied with JNIM during [2022-03..2022-06]",
            "[2022-03..2022-06]",
            "between 2022-03 and 2022-06",
        ),
        (
            "who allied with JNIM in 2021-2023",
            "2021-2023",
            "between 2021 and 2023",
        ),
        (
            "who allied with JNIM in 2022/2023",
            "2022/2023",
            "between 2022 and 2023",
        ),
        (
            "who allied with JNIM in 2022–2023",
            "2022–2023",
            "between 2022 and 2023",
        ),
        ("who allied with JNIM in [2022..]", "[2022..]", "after 2022"),
        (
            "who allied with JNIM in [..2021]",
            "[..2021]",
            "before 2021",
        ),
    ] {
        let error = parse(query).expect_err(query);
        let said = format!("{} {}", error.kind, error.help.clone().unwrap_or_default());
        assert_eq!(&query[error.start..error.end], word, "{query}");
        assert!(
            said.contains(&format!("a question asks `{asks}`")),
            "{query}: {said}"
        );
        assert!(!said.contains("give the tie"), "{query}: {said}");
    }
}

#[test]
fn a_relation_without_its_comma_is_told_to_add_one() {
    let query = "export dot all via alliance hostility to x.svg";
    let error = parse(query).expect_err(query);
    assert_eq!((error.start, error.end), (28, 37));
    assert_eq!(
        error.help.as_deref(),
        Some("separate relations with commas: via alliance, hostility")
    );
    // A word anywhere else is not taken for a relation.
    let query = "export dot all via alliance as of 2023 hostility";
    let error = parse(query).expect_err(query);
    assert!(!error.help.unwrap_or_default().contains("commas"));
}

/// A file name cut at a space or a comma is told to be quoted, at the
/// word where the cut left off; a quoted one is taken whole.
#[test]
fn a_file_name_cut_at_a_space_or_comma_is_told_to_be_quoted() {
    for (query, at) in [
        ("export dot JNIM to out/a,b.svg", 24),
        ("export dot JNIM to out/my slide.svg", 26),
    ] {
        let error = parse(query).expect_err(query);
        assert_eq!(error.start, at, "{query}");
        let help = error.help.unwrap_or_default();
        assert!(help.starts_with("quote a file name"), "{query}: {help}");
    }
    let query = "export dot JNIM to \"out/a,b.svg\"";
    assert!(parse(query).is_ok(), "{query}");
}

/// A page the language does not name points to `size W,H`.
#[test]
fn an_unknown_page_points_to_a_size() {
    let query = "export dot \"JNIM\" page 16:10 to x.svg";
    let error = parse(query).expect_err(query);
    assert_eq!((error.start, error.end), (23, 28));
    assert!(error.help.unwrap_or_default().contains("`size W,H`"));
}
