//! Completion, one behaviour a test: the line, then what Tab offers.

use super::*;

/// A small graph's words, with the shapes that matter: a name that is a
/// prefix of others, names with spaces and accents, aliases, ids unlike
/// their names.
fn vocabulary() -> Vocabulary {
    let none: &[&str] = &[];
    Vocabulary::new()
        .actor("JNIM", &["Jama'at Nusrat al Islam wa al Muslimeen"], "jnim")
        .actor("MINUSMA", &["United Nations Mission in Mali"], "minusma")
        .actor("Ansar al Din", &["Ansar Dine"], "ansar-al-din")
        .actor("Mali", &["Republic of Mali"], "mali")
        .actor("Malian army", &["FAMa"], "fama")
        .actor("Malian junta", none, "malian-junta")
        .actor("Daoussak communities", &["Daoussak"], "daoussak")
        .actor("Daoussak militias", none, "daoussak-militias")
        .actor("Daoussak leaders in Ménaka", none, "daoussak-menaka")
        .actor("Ménaka region", none, "menaka")
        .actor("Wagner Group", &["Wagner"], "wagner")
        .actor("ISGS", &["Islamic State Sahel"], "isgs")
        .relation("allegiance")
        .relation("alliance")
        .relation("hostility")
        .relation("subgroup-of")
        .relation("allegiance")
        .source("ctp-2023-02")
        .command("load")
}

/// What Tab offers at the end of `line`: the replacements, and where they start.
fn tab(line: &str) -> (usize, Vec<String>) {
    let completion = complete(line, line.len(), &vocabulary());
    let replacements = completion
        .candidates
        .iter()
        .map(|c| c.replacement.clone())
        .collect();
    (completion.start, replacements)
}

fn offered(line: &str) -> Vec<String> {
    tab(line).1
}

/// The line after one press of Tab, as rustyline's list mode makes it: the
/// candidates' common beginning, when it is longer than the word typed.
fn pressed(line: &str) -> String {
    let (start, replacements) = tab(line);
    let Some(first) = replacements.first() else {
        return line.to_string();
    };
    let common = replacements.iter().fold(first.as_str(), |common, r| {
        let shared = common
            .char_indices()
            .zip(r.chars())
            .take_while(|((_, a), b)| a == b)
            .last()
            .map_or(0, |((i, a), _)| i + a.len_utf8());
        &common[..shared]
    });
    if common.len() > line.len() - start || replacements.len() == 1 {
        format!("{}{common}", &line[..start])
    } else {
        line.to_string()
    }
}

#[test]
fn a_unique_prefix_of_a_name_completes_on_the_first_press() {
    assert_eq!(pressed("show MINU"), "show MINUSMA ");
    assert_eq!(pressed("who allied with JN"), "who allied with JNIM ");
    assert_eq!(pressed("show minu"), "show MINUSMA ", "case aside");
    assert_eq!(pressed("show Ans"), "show Ansar al Din ");
}

#[test]
fn each_actor_is_offered_once_by_its_name() {
    assert_eq!(offered("show MINU"), ["MINUSMA "], "not also its id");
    assert_eq!(offered("show jnim"), ["JNIM "]);
}

#[test]
fn an_alias_is_offered_when_only_it_matches_what_was_typed() {
    assert_eq!(pressed("show ansar d"), "show Ansar Dine ");
    assert_eq!(pressed("show fa"), "show FAMa ");
    assert_eq!(
        pressed("show \"United"),
        "show \"United Nations Mission in Mali\" "
    );
    let completion = complete("show fa", 7, &vocabulary());
    assert_eq!(completion.candidates[0].display, "FAMa (Malian army)");
}

#[test]
fn an_id_is_offered_when_only_it_matches() {
    assert_eq!(
        offered("show ansar-al"),
        ["Ansar al Din "],
        "the name matches too"
    );
    assert_eq!(offered("show daoussak-me"), ["daoussak-menaka "]);
    // Hyphens read as spaces, so `daoussak-mi` is the start of a name.
    assert_eq!(offered("show daoussak-mi"), ["Daoussak militias "]);
    assert_eq!(
        offered("show daoussak-m"),
        ["daoussak-menaka ", "Daoussak militias "],
        "bare names need no quotes, spaces or not"
    );
}

/// The cold read of issue 10: `show ML`⇥ gave `show "MLF`, its quote left
/// open, because `MLF founder` was quoted and the common beginning with it.
#[test]
fn a_name_that_begins_another_completes_without_an_open_quote() {
    let graph =
        crate::store::ron::parse(crate::store::SAHEL_GRAPH, crate::store::SAHEL_ORIGIN).unwrap();
    let vocabulary = Vocabulary::of_graph(&graph);
    let completion = complete("show ML", 7, &vocabulary);
    let replacements: Vec<&str> = completion
        .candidates
        .iter()
        .map(|c| c.replacement.as_str())
        .collect();
    assert_eq!(replacements, ["MLF ", "MLF founder "]);
}

#[test]
fn accents_are_ignored() {
    assert_eq!(pressed("show Mena"), "show Ménaka region ");
    assert_eq!(
        pressed("show \"Daoussak leaders in Mena"),
        "show \"Daoussak leaders in Ménaka\" "
    );
}

#[test]
fn several_matches_are_listed_and_their_common_beginning_completed() {
    assert_eq!(
        offered("who allied with Daou"),
        [
            "Daoussak communities ",
            "Daoussak leaders in Ménaka ",
            "Daoussak militias "
        ]
    );
    assert_eq!(pressed("who allied with Daou"), "who allied with Daoussak ");
    assert_eq!(pressed("show Ma"), "show Mali");
    // Nothing to add to `Mali`: the list is shown, the line left alone.
    assert_eq!(pressed("show Mali"), "show Mali");
    assert_eq!(offered("show Mali").len(), 3);
}

#[test]
fn a_name_of_several_bare_words_completes_as_one() {
    let (start, replacements) = tab("show Daoussak mi");
    assert_eq!(
        (start, replacements),
        (5, vec!["Daoussak militias ".to_string()])
    );
    assert_eq!(pressed("show Wagner Gr"), "show Wagner Group ");
}

#[test]
fn the_line_begins_with_a_statement_word() {
    assert_eq!(offered("sh"), ["show "]);
    assert_eq!(offered("lo"), ["load "], "the REPL's own commands too");
    let start = offered("");
    assert!(start.contains(&"who ".to_string()) && start.contains(&"export ".to_string()));
    assert!(
        !start.iter().any(|w| w == "JNIM " || w == "after "),
        "{start:?}"
    );
}

#[test]
fn after_via_only_relations_each_once() {
    assert_eq!(
        pressed("ties of JNIM via alli"),
        "ties of JNIM via alliance "
    );
    assert_eq!(
        offered("ties of JNIM via "),
        ["allegiance ", "alliance ", "hostility ", "subgroup-of "]
    );
    assert_eq!(
        offered("ties of JNIM via alliance, "),
        ["allegiance ", "hostility ", "subgroup-of "]
    );
    assert_eq!(offered("ties of JNIM via alliance,ho"), ["hostility "]);
    assert_eq!(
        offered("ties of JNIM via J"),
        Vec::<String>::new(),
        "no actors"
    );
}

#[test]
fn after_export_only_formats() {
    let formats = offered("export ");
    assert_eq!(formats.first().map(String::as_str), Some("dot "));
    assert!(formats.contains(&"graphml ".to_string()), "{formats:?}");
    assert!(!formats.iter().any(|f| f == "JNIM "));
    assert_eq!(offered("export dot a"), ["all ", "Ansar al Din "]);
    let options = offered("export dot JNIM depth 2 ");
    assert!(options.contains(&"theme ".to_string()) && !options.contains(&"depth ".to_string()));
    assert!(options.contains(&"dates ".to_string()), "{options:?}");
    assert_eq!(
        offered("export dot JNIM dates "),
        ["on ", "off ", "changes "]
    );
    assert!(!offered("export dot JNIM dates off ").contains(&"dates ".to_string()));
    for option in ["page ", "size "] {
        assert!(options.contains(&option.to_string()), "{options:?}");
    }
    assert_eq!(offered("export dot JNIM page "), ["A4 ", "4:3 ", "16:9 "]);
    let after_page = offered("export dot JNIM page A4 ");
    assert!(!after_page.contains(&"size ".to_string()), "{after_page:?}");
    // `step` is offered only after a frames range, and once.
    assert!(!options.contains(&"step ".to_string()), "{options:?}");
    let after_frames = offered("export dot JNIM frames 2012..2023 ");
    assert!(
        after_frames.contains(&"step ".to_string()),
        "{after_frames:?}"
    );
    assert!(
        !after_frames.contains(&"frames ".to_string()),
        "{after_frames:?}"
    );
    let after_step = offered("export dot JNIM frames 2012..2023 step 2 ");
    assert!(!after_step.contains(&"step ".to_string()), "{after_step:?}");
}

#[test]
fn a_complete_question_is_followed_by_filters_not_actors() {
    let after = offered("who allied with JNIM ");
    for word in [
        "after ", "before ", "since ", "in ", "between ", "as of ", "now ", "ever ",
    ] {
        assert!(
            after.contains(&word.to_string()),
            "{word} missing from {after:?}"
        );
    }
    assert!(after.contains(&"certainly ".to_string()) && after.contains(&"with ".to_string()));
    assert!(
        !after.iter().any(|w| w == "JNIM " || w == "via "),
        "who takes no via: {after:?}"
    );
    assert!(offered("ties of JNIM ").contains(&"via ".to_string()));
    assert_eq!(offered("show Wagner Group a"), ["after ", "as of "]);
    assert_eq!(offered("who allied with JNIM a"), ["after ", "as of "]);
}

#[test]
fn a_name_that_is_whole_is_followed_by_filters() {
    // `Wagner` is an alias, and the start of `Wagner Group`: the question is complete.
    assert!(offered("show Wagner ").contains(&"after ".to_string()));
    assert!(offered("show Daoussak leaders in Ménaka ").contains(&"after ".to_string()));
    assert!(offered("show the ISGS ").contains(&"after ".to_string()));
}

#[test]
fn after_with_confidence_or_certainty() {
    assert_eq!(
        offered("who fought ISGS with "),
        ["confidence ", "certainty "]
    );
    assert_eq!(
        offered("who fought ISGS with confidence "),
        ["confirmed ", "likely ", "possible "]
    );
    assert_eq!(
        offered("who fought ISGS with certainty with "),
        ["confidence "]
    );
}

#[test]
fn a_filter_is_offered_once() {
    let after = offered("ties of JNIM via alliance after 2022 ");
    assert!(
        !after
            .iter()
            .any(|w| w == "via " || w == "after " || w == "in "),
        "{after:?}"
    );
    assert!(after.contains(&"with ".to_string()));
}

#[test]
fn after_a_time_word_nothing_silly() {
    for line in [
        "who allied with JNIM after ",
        "who allied with JNIM in ",
        "who allied with JNIM between ",
        "stats depth ",
        "changes between ",
    ] {
        assert_eq!(offered(line), Vec::<String>::new(), "{line}");
    }
    assert_eq!(offered("who allied with JNIM between 2020 "), ["and "]);
    assert_eq!(offered("who allied with JNIM as "), ["of "]);
    assert_eq!(offered("who allied with JNIM as of "), ["now "]);
    assert!(offered("who allied with JNIM in March 2017 ").contains(&"certainly ".to_string()));
    assert_eq!(
        offered("who allied with JNIM in March "),
        Vec::<String>::new(),
        "a year is due"
    );
}

#[test]
fn the_words_of_a_question_lead_to_its_actor() {
    assert_eq!(
        offered("who all"),
        ["alliance ", "allied ", "allies ", "ally ", "allying "]
    );
    assert_eq!(offered("who allied "), ["to ", "with "]);
    assert_eq!(offered("who pledged "), ["allegiance ", "loyalty ", "to "]);
    assert_eq!(offered("who fought IS"), ["ISGS "]);
    assert_eq!(offered("who fought a"), ["against ", "Ansar al Din "]);
    assert_eq!(offered("ties "), ["of "]);
    assert_eq!(pressed("path from MLF t"), "path from MLF to ");
    assert_eq!(
        pressed("path from Mali to MINU"),
        "path from Mali to MINUSMA "
    );
    assert_eq!(offered("why JNIM an"), ["and "]);
    assert_eq!(offered("actors of kind mil"), ["militia "]);
    assert_eq!(offered("ties of JNIM from ctp"), ["ctp-2023-02 "]);
    assert_eq!(offered("help ti"), ["time "]);
}

#[test]
fn expectations_complete_their_question_and_checks() {
    assert_eq!(offered("expect who allied with JN"), ["JNIM "]);
    assert!(offered("expect who allied with JNIM ").contains(&"includes ".to_string()));
    assert_eq!(offered("expect stats is "), ["empty ", "not "]);
    assert_eq!(
        offered("expect who allied with JNIM includes Wagner Group, IS"),
        ["ISGS "]
    );
}

#[test]
fn awkward_lines_give_nothing_rather_than_a_panic() {
    let vocabulary = vocabulary();
    for line in [
        "show \"JNIM\"",
        "\"",
        ",,,",
        "show é",
        "export export export",
        "via via via",
    ] {
        for cursor in 0..=line.len() + 1 {
            let _ = complete(line, cursor, &vocabulary);
        }
    }
    assert_eq!(offered("show \"JNIM\""), Vec::<String>::new());
    assert_eq!(
        complete("show é", 6, &vocabulary),
        Completion::default(),
        "inside a character"
    );
}

#[test]
fn the_bundled_graph_completes_its_own_names() {
    let session = crate::session::Session::bundled().unwrap();
    let vocabulary = Vocabulary::of_graph(&session.graph);
    let line = "show MINU";
    let completion = complete(line, line.len(), &vocabulary);
    assert_eq!(completion.candidates.len(), 1);
    assert_eq!(completion.candidates[0].replacement, "MINUSMA ");
    let line = "show Daoussak leaders in Mena";
    let completion = complete(line, line.len(), &vocabulary);
    assert_eq!(completion.start, 5);
    assert_eq!(
        completion.candidates[0].replacement, "Daoussak leaders in Ménaka ",
        "the README's example"
    );
    let line = "ties of JNIM via ";
    let relations = complete(line, line.len(), &vocabulary).candidates;
    let allegiance = relations
        .iter()
        .filter(|c| c.display == "allegiance")
        .count();
    assert_eq!(allegiance, 1);
}

/// The pair questions and every relation's verbs complete too.
#[test]
fn pair_questions_and_verbs_complete() {
    let graph =
        crate::store::ron::parse(crate::store::SAHEL_GRAPH, crate::store::SAHEL_ORIGIN).unwrap();
    let vocabulary = Vocabulary::of_graph(&graph);
    let offered = |line: &str| -> Vec<String> {
        complete(line, line.len(), &vocabulary)
            .candidates
            .into_iter()
            .map(|c| c.display)
            .collect()
    };
    assert!(
        offered("who le").contains(&"leads".to_string()),
        "{:?}",
        offered("who le")
    );
    assert!(offered("who pledged ").contains(&"allegiance".to_string()));
    assert_eq!(offered("who leads JN"), ["JNIM"]);
    assert_eq!(offered("is Wagner fighting JN"), ["JNIM"]);
    assert!(offered("is the MLF a sub").contains(&"subgroup".to_string()));
    assert_eq!(offered("when did Ansar al Din join JN"), ["JNIM"]);
    assert!(
        offered("how is JNIM con").contains(&"connected".to_string()),
        "{:?}",
        offered("how is JNIM con")
    );
    assert_eq!(offered("ties between JNIM and MINU"), ["MINUSMA"]);
    assert!(offered("is Wagner fighting JNIM a").contains(&"after".to_string()));
    assert!(offered("ties between JNIM and CMA ").contains(&"via".to_string()));
    // `when` asks about all time: no time words after it.
    assert!(!offered("when did Ansar al Din join JNIM ").contains(&"after".to_string()));
}
