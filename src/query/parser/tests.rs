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
    assert!(message.contains("month and year"), "{message}");
    assert_eq!(span, (19, 23));
    let Statement::Who { actor, .. } = parse("who allied with JNIM?").unwrap().statement else {
        panic!("who");
    };
    assert_eq!(actor.name, "JNIM");
}
