//! A graph file's syntax errors in the analyst's words. RON and serde name
//! the program's types (`TieSpec`, `enum ActorKind`) and speak of structs
//! and identifiers; here each error says what the file got wrong, about a
//! tie, an actor or a confidence, and what to write instead.

use ron::Error;

use crate::diagnostic::Diagnostic;

/// The program's names for the things a graph file holds, with the words
/// an analyst knows them by. Drafts (see `drafts.rs`) are how items are read.
const THINGS: &[(&str, &str)] = &[
    ("GraphSpec", "the graph"),
    ("TieDraft", "a tie"),
    ("TieSpec", "a tie"),
    ("ActorDraft", "an actor"),
    ("Actor", "an actor"),
    ("SourceDraft", "a source"),
    ("Source", "a source"),
    ("RelationDraft", "a relation"),
    ("Relation", "a relation"),
    ("EventDraft", "an event"),
    ("EventSpec", "an event"),
    ("Period", "an actor's `active` span"),
    ("Phrasing", "a relation's `phrasing`"),
    ("RelationLook", "a relation's `style`"),
    ("Confidence", "a confidence"),
    ("ActorKind", "an actor kind"),
];

/// What a program name stands for, in words; a name not listed is "a value".
fn thing(name: &str) -> &'static str {
    THINGS
        .iter()
        .find(|(rust, _)| *rust == name)
        .map_or("a value", |(_, words)| words)
}

/// `this tie`, `this actor` — or `the graph`.
fn this(name: &str) -> String {
    let words = thing(name);
    match words.split_once(' ') {
        Some(("a" | "an", rest)) => format!("this {rest}"),
        _ => words.to_string(),
    }
}

/// `` `a`, `b` or `c` ``.
pub(super) fn one_of(words: &[&str]) -> String {
    if words.is_empty() {
        return "nothing".to_string();
    }
    let quoted: Vec<String> = words.iter().map(|w| format!("`{w}`")).collect();
    crate::model::names::or_list(&quoted)
}

/// Program names left in serde's own words ("expected struct TieDraft")
/// replaced by the thing's words.
fn plain(text: &str) -> String {
    let mut text = text.to_string();
    for (rust, words) in THINGS {
        for form in [
            format!("struct `{rust}`"),
            format!("struct {rust}"),
            format!("enum `{rust}`"),
            format!("enum {rust}"),
            format!("`{rust}`"),
        ] {
            text = text.replace(&form, words);
        }
    }
    text
}

/// The error's message, for people.
pub(super) fn message(code: &Error) -> String {
    match code {
        Error::Eof => {
            "the file ends too soon: a bracket, parenthesis or string is not closed".to_string()
        }
        Error::ExceededRecursionLimit => "values are nested too deeply".to_string(),
        Error::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => format!(
            "`{found}` is not {}: write {}",
            outer.as_deref().map_or("a word allowed here", thing),
            one_of(expected)
        ),
        Error::NoSuchStructField {
            expected,
            found,
            outer,
        } => format!(
            "{} has no field `{found}`: its fields are {}",
            outer.as_deref().map_or("this item".to_string(), this),
            one_of(expected)
        ),
        Error::MissingStructField { field, outer } => format!(
            "{} has no `{field}`",
            outer.as_deref().map_or("this item".to_string(), this)
        ),
        Error::DuplicateStructField { field, outer } => format!(
            "{} gives `{field}` twice: keep one",
            outer.as_deref().map_or("this item".to_string(), this)
        ),
        Error::ExpectedNamedStructLike("GraphSpec") => {
            "a graph file is one RON value in parentheses: `(title: \"…\", actors: [...], ties: [...])`"
                .to_string()
        }
        Error::ExpectedNamedStructLike(name) => {
            format!("expected `(` to open {}", thing(name))
        }
        Error::ExpectedDifferentStructName { expected, .. } => format!(
            "{} is written with no name before its `(`",
            thing(expected)
        ),
        Error::ExpectedStructLike => "expected `(` to open an item".to_string(),
        Error::ExpectedStructLikeEnd => "expected `)` to close the item".to_string(),
        Error::ExpectedArray => "expected a list in brackets: `[…]`".to_string(),
        Error::ExpectedArrayEnd => "expected `]` to close the list".to_string(),
        Error::ExpectedString => "expected text in double quotes: `\"…\"`".to_string(),
        Error::ExpectedStringEnd => "the text is not closed: a `\"` is missing".to_string(),
        Error::ExpectedIdentifier => {
            "expected a field's name, or a word without quotes (such as `likely` or `group`)"
                .to_string()
        }
        Error::ExpectedBoolean => "expected `true` or `false`".to_string(),
        Error::ExpectedInteger => "expected a whole number".to_string(),
        Error::ExpectedComma => "expected a comma between two fields or items".to_string(),
        Error::ExpectedMapColon => "expected `:` after the field's name".to_string(),
        Error::TrailingCharacters => "there is more after the graph's closing `)`".to_string(),
        Error::UnexpectedChar(c) => format!("`{c}` is not expected here"),
        Error::InvalidValueForType { expected, found } => {
            format!("expected {}, found {found}", plain(expected))
        }
        code => plain(&code.to_string()),
    }
}

/// A RON or serde error at its place in the file, with help where there is some.
pub(super) fn syntax_diagnostic(
    text: &str,
    origin: &str,
    error: &ron::error::SpannedError,
) -> Diagnostic {
    let start = error.span.start;
    // Where RON noticed a bracket or quote left open is rarely where to
    // fix it: point at what was left open.
    let error_at = match error.code {
        Error::Eof => Some(text.len()),
        _ => super::unclosed::offset(text, start.line, start.col),
    };
    if let Some(open) = error_at.and_then(|at| super::unclosed::explain(text, at, &error.code)) {
        return Diagnostic::new(open.message)
            .origin(origin)
            .at_span(text, open.at, open.at + open.width)
            .help(Some(open.help));
    }
    let width = if error.span.end.line == start.line {
        error.span.end.col.saturating_sub(start.col).max(1)
    } else {
        1
    };
    Diagnostic::new(message(&error.code))
        .origin(origin)
        .at_line_column(text, start.line, start.col, width)
        .help(help(&error.code))
}

fn help(code: &Error) -> Option<String> {
    match code {
        Error::NoSuchStructField { .. } => {
            Some("see the graph file format in the README for the allowed fields".into())
        }
        Error::ExceededRecursionLimit => {
            Some("graph files nest at most a few levels: document, list, item, field".into())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Files with one mistake each, of every kind serde reports.
    const BROKEN: &[&str] = &[
        r#"(title: "t", actors: [(id: "a", name: "A", kind: gang)])"#,
        r#"(title: "t", actors: [(id: "a", name: "A", kind: group, colour: 1)])"#,
        r#"(title: "t", actors: [(id: "a", name: "A", kind: group, kind: group)])"#,
        r#"(title: "t", ties: [(from: "a", to: "b", relation: "x", confidence: sure)])"#,
        r#"(title: "t", ties: [(from: "a", to: "b", relation: "x", confidence: "likely")])"#,
        r#"(title: "t", ties: ["a-b"])"#,
        r#"(title: "t", ties: [TieSpec(from: "a")])"#,
        r#"(title: "t", sources: [(id: "s", citation: "c", link: "x")])"#,
        r#"(title: "t", relations: [(name: "x", directed: yes)])"#,
        r#"(title: "t", relations: [(name: "x", directed: true, style: (colour: "red"))])"#,
        r#"(title: "t", relations: [(name: "x", directed: true, phrasing: (verbs: "x"))])"#,
        r#"(title: "t", colour: 3)"#,
        r#"(title: "t", title: "u")"#,
        r#"(title: "t", actors: [(id: "a", name: "A", kind: group, active: (begin: "2012"))])"#,
        r#"(title: "t", events: [(date: "2012", actors: ["a"], what: "x", confidence: likely, where: 3)])"#,
        r#"[1]"#,
        r#"Graph(title: "t")"#,
        r#"(title: "t") x"#,
        r#"(title: 3)"#,
        r#"(title: "t", actors: [(id: "a" name: "A")])"#,
    ];

    #[test]
    fn no_error_names_a_type_of_the_program() {
        let names: Vec<&str> = THINGS.iter().map(|(rust, _)| *rust).collect();
        for text in BROKEN {
            let error = crate::store::ron::parse(text, "t.ron").unwrap_err();
            // The message and help, not the file's own line.
            let shown: String = error
                .render(false)
                .lines()
                .filter(|l| !l.contains(" | ") && !l.ends_with(" |"))
                .collect::<Vec<_>>()
                .join("\n");
            for name in &names {
                let word = regex_free_word(&shown, name);
                assert!(!word, "{text}\nnames `{name}`:\n{shown}");
            }
            for jargon in ["Unexpected", "Expected", "struct ", "enum ", "identifier "] {
                assert!(!shown.contains(jargon), "{text}\nsays `{jargon}`:\n{shown}");
            }
            assert!(shown.contains("--> t.ron:1:"), "{text}: no place\n{shown}");
        }
    }

    /// Whether `name` stands in `text` as a whole word.
    fn regex_free_word(text: &str, name: &str) -> bool {
        text.match_indices(name).any(|(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + name.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    }

    #[test]
    fn an_unknown_word_lists_the_words_allowed() {
        let text = r#"(title: "t", ties: [(from: "a", to: "b", relation: "x", confidence: sure)])"#;
        let shown = crate::store::ron::parse(text, "t.ron")
            .unwrap_err()
            .render(false);
        assert!(
            shown.starts_with(
                "error: `sure` is not a confidence: write `possible`, `likely` or `confirmed`"
            ),
            "{shown}"
        );
    }
}
