//! Tests of the verb phrases: built-in and declared, read both ways,
//! and the third person and past tense answers write.

use super::*;
use crate::model::Phrasing;

fn with_leads() -> Relations {
    let mut relations = Relations::default();
    relations
        .declare(Relation {
            name: "leads".into(),
            directed: true,
            note: None,
            phrasing: Some(Phrasing {
                verb: Some("leads".into()),
                past: Some("led".into()),
                base: Some("lead".into()),
                inverse: Some("led by".into()),
                also: vec!["heads".into()],
            }),
            look: None,
        })
        .unwrap();
    relations
        .declare(Relation {
            name: "peace-agreement".into(),
            directed: false,
            note: None,
            phrasing: None,
            look: None,
        })
        .unwrap();
    relations
}

/// A cold check answered `does Amar Tesh lead NLA` with "Amar Tesh lead
/// …": a relation with no phrasing gave its bare form. One subject
/// takes the third person, whatever the relation declares.
#[test]
fn one_subject_takes_the_third_person() {
    let relation = |name: &str, phrasing: Option<Phrasing>| Relation {
        name: name.into(),
        directed: true,
        note: None,
        phrasing,
        look: None,
    };
    let base = |b: &str| {
        Some(Phrasing {
            base: Some(b.into()),
            ..Phrasing::default()
        })
    };
    for (relation, said) in [
        (relation("leads", None), Some("leads")),
        (relation("supports", None), Some("supports")),
        (relation("targets", None), Some("targets")),
        (relation("pushes", None), Some("pushes")),
        (relation("funding", base("fund")), Some("funds")),
        (relation("arms-supply", base("supply")), Some("supplies")),
        (relation("training", base("coach")), Some("coaches")),
        (relation("peace-agreement", None), None),
    ] {
        assert_eq!(
            present_tense(&relation).as_deref(),
            said,
            "{}",
            relation.name
        );
    }
    let declared = relation(
        "leads",
        Some(Phrasing {
            verb: Some("heads".into()),
            ..Phrasing::default()
        }),
    );
    assert_eq!(present_tense(&declared).as_deref(), Some("heads"));
}

fn at<'p>(phrases: &'p Phrases, text: &str) -> Option<(&'p str, Voice, usize)> {
    let words: Vec<&str> = text.split(' ').collect();
    phrases
        .at(&words)
        .map(|(p, n)| (p.relation.as_str(), p.voice, n))
}

/// The cold read of issue 10: `trains`, declared with no phrasing, was
/// askable only as `who trains X`.
#[test]
fn a_regular_verb_is_asked_in_every_form() {
    let mut relations = Relations::default();
    relations
        .declare(Relation {
            name: "trains".into(),
            directed: true,
            note: None,
            phrasing: None,
            look: None,
        })
        .unwrap();
    let phrases = Phrases::of(&relations);
    assert_eq!(at(&phrases, "train X"), Some(("trains", Voice::Active, 1)));
    assert_eq!(
        at(&phrases, "training X"),
        Some(("trains", Voice::Active, 1))
    );
    assert_eq!(
        at(&phrases, "trained X"),
        Some(("trains", Voice::Active, 1))
    );
    assert_eq!(
        at(&phrases, "trained by X"),
        Some(("trains", Voice::Inverse, 2))
    );
    assert_eq!(gerund("undermine"), "undermining");
    assert_eq!(past_tense("supply"), "supplied");
    assert_eq!(past_tense("finance"), "financed");
    assert_eq!(bare_form("pushes").as_deref(), Some("push"));
    assert_eq!(bare_form("across"), None);
}

#[test]
fn the_longest_phrase_wins_and_articles_are_skipped() {
    let phrases = Phrases::of(&Relations::default());
    assert_eq!(
        at(&phrases, "fought against JNIM"),
        Some(("hostility", Voice::Active, 2))
    );
    assert_eq!(
        at(&phrases, "a subgroup of JNIM"),
        Some(("subgroup-of", Voice::Active, 3))
    );
    assert_eq!(
        at(&phrases, "the parent of MLF"),
        Some(("subgroup-of", Voice::Inverse, 3))
    );
    assert_eq!(at(&phrases, "JNIM"), None);
}

#[test]
fn declared_phrasings_and_bare_names_are_askable() {
    let relations = with_leads();
    let phrases = Phrases::of(&relations);
    assert_eq!(
        at(&phrases, "led by Iyad"),
        Some(("leads", Voice::Inverse, 2))
    );
    assert_eq!(
        at(&phrases, "heads JNIM"),
        Some(("leads", Voice::Active, 1))
    );
    assert_eq!(
        at(&phrases, "peace agreement CMA"),
        Some(("peace-agreement", Voice::Active, 2))
    );
    let examples = phrases.examples(&relations);
    assert_eq!(examples[0], "pledged allegiance to");
    assert_eq!(examples[1], "allied with");
    assert!(examples.contains(&"leads".to_string()));
    assert!(phrases.starts_with("Led"));
}

#[test]
fn declared_verbs_take_their_irregular_past() {
    let relations = declaring(&[("leads", true), ("fights", true), ("gives", true)]);
    let phrases = Phrases::of(&relations);
    assert_eq!(at(&phrases, "led by X"), Some(("leads", Voice::Inverse, 2)));
    assert_eq!(at(&phrases, "led X"), Some(("leads", Voice::Active, 1)));
    assert_eq!(at(&phrases, "leaded by X"), None, "no such word");
    assert_eq!(
        at(&phrases, "fought by X"),
        Some(("fights", Voice::Inverse, 2))
    );
    assert_eq!(at(&phrases, "gave X"), Some(("gives", Voice::Active, 1)));
    assert_eq!(
        at(&phrases, "given by X"),
        Some(("gives", Voice::Inverse, 2))
    );
    assert_eq!(past_forms("train"), ("trained".into(), "trained".into()));
}

#[test]
fn a_symmetric_relation_named_by_a_noun_is_asked_of_a_pair_as_said() {
    let relations = declaring(&[
        ("rivalry", false),
        ("ceasefire", false),
        ("friendship", false),
        ("courtship", true),
    ]);
    let phrases = Phrases::of(&relations);
    let pair = |text: &str| {
        let words: Vec<&str> = text.split(' ').collect();
        phrases
            .pair_word(&words, &relations)
            .map(|(p, taken)| (p.relation.clone(), taken))
    };
    assert_eq!(pair("rivals"), Some(("rivalry".into(), 1)));
    assert_eq!(pair("in rivalry"), Some(("rivalry".into(), 2)));
    assert_eq!(pair("in a ceasefire"), Some(("ceasefire".into(), 3)));
    assert_eq!(pair("friends"), Some(("friendship".into(), 1)));
    assert_eq!(pair("courts"), None, "a directed relation is no pair's");
    assert_eq!(
        at(&phrases, "rivals of X"),
        Some(("rivalry", Voice::Active, 2))
    );
}

/// The built-in relations and `declared` ones (name, directed), with no
/// phrasing: asked by what their names give.
fn declaring(declared: &[(&str, bool)]) -> Relations {
    let mut relations = Relations::default();
    for (name, directed) in declared {
        relations
            .declare(crate::model::Relation {
                name: name.to_string(),
                directed: *directed,
                note: None,
                phrasing: None,
                look: None,
            })
            .unwrap();
    }
    relations
}
