use super::*;
use crate::diagram::canvas::Scene;
use crate::diagram::scene;
use crate::diagram::sketch::Sketch;
use crate::diagram::{cluster::Nesting, DiagramSpec};
use crate::model::{ActorId, PartialDate, TieFilter, Window};

/// a (group, net1) allied with b (state, net2) and, until 2015, likely
/// hostile to c (pmc); c possibly gave allegiance to d (igo, net3),
/// which a one-hop view of a does not draw.
fn sketch() -> (Graph, ActorId) {
    let mut s = Sketch::new("Legend");
    let a = s.actor("a", ActorKind::Group, Some("net1"));
    let b = s.actor("b", ActorKind::State, Some("net2"));
    let c = s.actor("c", ActorKind::Pmc, None);
    let d = s.actor("d", ActorKind::Igo, Some("net3"));
    s.tie(
        a,
        b,
        RelationId::ALLIANCE,
        (Some(2010), None),
        Confidence::Confirmed,
    );
    s.tie(
        a,
        c,
        RelationId::HOSTILITY,
        (Some(2010), Some(2015)),
        Confidence::Likely,
    );
    s.tie(
        c,
        d,
        RelationId::ALLEGIANCE,
        (Some(2010), None),
        Confidence::Possible,
    );
    (s.graph, a)
}

/// 2010 to 2020, drawn as of the end of 2020.
fn decade() -> TieFilter {
    let year = |y| PartialDate::year(y).unwrap();
    TieFilter::default().during(Window::new(year(2010).first_day(), year(2020).last_day()))
}

fn scene_of(graph: &Graph, spec: &DiagramSpec) -> Scene {
    let view = View::select(graph, spec, &spec.filter);
    scene::build(graph, spec, &view, Nesting::Subgroups)
}

fn legend_text(scene: &Scene) -> String {
    scene
        .legend
        .as_ref()
        .map(|h| h.to_dot())
        .unwrap_or_default()
}

#[test]
fn the_legend_lists_only_what_the_view_draws() {
    let (graph, a) = sketch();
    let spec = DiagramSpec {
        focus: Some(a),
        depth: 1,
        filter: decade(),
        ..DiagramSpec::default()
    };
    let view = View::select(&graph, &spec, &spec.filter);
    let networks = style::network_indexes(&graph);
    let time = ViewTime::of(&graph, &spec.filter);
    let contents = Contents::of(&graph, &view, &networks, time);
    assert_eq!(
        contents.relations,
        BTreeSet::from([RelationId::ALLIANCE, RelationId::HOSTILITY])
    );
    // The sketch's ties cite no source: both drawn are counted.
    assert_eq!(contents.unsourced.len(), 2);
    // Each marker is sampled in the colour of a relation drawn that way,
    // as it is drawn: a likely tie that ended is dashed and more faded
    // than a confirmed one, not the plain "ended" or solid "likely" line.
    assert_eq!(
        contents.markers,
        BTreeMap::from([(Marker::LikelyEnded, RelationId::HOSTILITY)])
    );
    assert_eq!(
        contents.kinds,
        BTreeSet::from([ActorKind::Group, ActorKind::State, ActorKind::Pmc])
    );
    assert_eq!(
        contents.networks,
        BTreeSet::from([(0, "net1"), (1, "net2")])
    );

    let text = legend_text(&scene_of(&graph, &spec));
    for shown in [
        "<B>Ties",
        "<B>Fill",
        "<B>Shape",
        "&#160;</FONT> alliance",
        "&#160;</FONT> hostility",
        "&#160;</FONT> likely, ended",
        "net1",
        "net2",
        "armed group",
        "private military company",
        "Data undated; latest dated fact 2015.",
    ] {
        assert!(text.contains(shown), "{shown} missing from {text}");
    }
    for hidden in ["allegiance", "net3", "intergovernmental", "possible"] {
        assert!(!text.contains(hidden), "{hidden} in {text}");
    }
    // Nor the plain "ended" and "likely" samples, which that tie is not.
    let names: Vec<&str> = text
        .split("&#160;</FONT> ")
        .skip(1)
        .map(|rest| rest.split(['&', '<']).next().unwrap_or(rest).trim())
        .collect();
    assert!(
        !names.contains(&"ended") && !names.contains(&"likely"),
        "{names:?}"
    );
    // No grey samples: the likely, ended sample is hostility's red.
    let palette = style::palette(crate::diagram::Theme::Light);
    let hostility = style::relation_style(palette, graph.relations(), RelationId::HOSTILITY);
    let look = TieLook::new(&hostility, Confidence::Confirmed, TieState::Running);
    let red = look.color.to_string()[..7].to_string();
    assert!(text.matches(&red).count() >= 2, "{red} in {text}");
    // A line of the strip a line of text, indented inside the table,
    // for editing by hand.
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.len() >= 7, "{text}");
    assert!(
        lines[2..lines.len() - 2]
            .iter()
            .all(|l| l.starts_with("  ")),
        "{text}"
    );
}

#[test]
fn the_whole_graph_adds_what_the_focus_left_out() {
    let (graph, _) = sketch();
    let spec = DiagramSpec {
        filter: decade(),
        ..DiagramSpec::default()
    };
    let text = legend_text(&scene_of(&graph, &spec));
    // The faint possible sample is drawn in heavy dots, never specks.
    assert!(text.contains("┉┉┉&#160;</FONT> possible"), "{text}");
    assert!(!text.contains("┈"), "{text}");
    for shown in [
        "allegiance",
        "possible",
        "net3",
        "intergovernmental organisation",
    ] {
        assert!(text.contains(shown), "{shown} missing from {text}");
    }
}

#[test]
fn short_citations_name_who_and_when() {
    let source = |citation: &str| Source {
        id: "x".into(),
        citation: citation.into(),
        url: None,
    };
    assert_eq!(
        short_citation(&source(
            "Critical Threats Project, \"Africa File\", February 2023 (figures)"
        )),
        "Critical Threats Project, Feb 2023"
    );
    assert_eq!(
        short_citation(&source("Alexander Thurston, Jihadists, CUP, 2020, pp. 107")),
        "Alexander Thurston, 2020"
    );
    assert_eq!(
        short_citation(&source(
            "Agreement for Peace and Reconciliation in Mali resulting from the Algiers \
             process, initialled on 1 March 2015"
        )),
        "Agreement for Peace and Reconciliation…, Mar 2015"
    );
    // A span of years is cited whole, not by its first year.
    for (citation, cited) in [
        (
            "Radio Dunmar, evening bulletins, 2019-2024",
            "Radio Dunmar, 2019–2024",
        ),
        ("Field notes, 2011 – 2013, vol. 2", "Field notes, 2011–2013"),
        ("Archive, 1998 to 2004", "Archive, 1998–2004"),
        ("Report, 2020, 2021 annex", "Report, 2020"),
        ("Report 12345, 2019", "Report 12345, 2019"),
    ] {
        assert_eq!(short_citation(&source(citation)), cited);
    }
    assert_eq!(short_citation(&source("")), "x");
}

#[test]
fn an_empty_view_has_no_legend() {
    let graph = Sketch::new("Empty").graph;
    let scene = scene_of(&graph, &DiagramSpec::default());
    assert!(scene.nodes.is_empty());
    assert!(scene.legend.is_none());
}

#[test]
fn an_actor_that_may_not_exist_then_is_marked_and_explained() {
    // b began on or before 2021; its one tie to a is only possible.
    let mut s = Sketch::new("Unsure");
    let a = s.actor("a", ActorKind::Group, None);
    let mut b = crate::model::Actor::new("b", "B", ActorKind::Faction);
    b.active = Some(crate::model::Period {
        start: Some("[..2021]".parse().unwrap()),
        end: None,
    });
    let b = s.graph.add_actor(b).unwrap();
    s.tie(
        a,
        b,
        RelationId::ALLIANCE,
        (None, None),
        Confidence::Possible,
    );
    let in_year = |year: i32| DiagramSpec {
        filter: crate::diagram::sketch::during(year),
        ..DiagramSpec::default()
    };
    let node = |scene: &Scene, id: ActorId| {
        let name = format!("a:{}", s.graph.actor(id).id);
        scene.nodes.iter().find(|n| n.name == name).unwrap().clone()
    };
    let attr = |node: &crate::diagram::canvas::SceneNode, key: &str| {
        node.attrs
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };

    let scene = scene_of(&s.graph, &in_year(2018));
    let unsure = node(&scene, b);
    assert_eq!(unsure.label.text(), Some("B?"));
    assert_eq!(attr(&unsure, "style"), "dotted,filled", "no longer dashed");
    assert!(
        attr(&unsure, "tooltip").starts_with("may not exist then: began on or before 2021,"),
        "{}",
        attr(&unsure, "tooltip")
    );
    // a has no dates of its own: the graph makes no claim on it.
    assert_eq!(node(&scene, a).label.text(), Some("A"));
    assert!(legend_text(&scene).contains(UNSURE_ACTOR.1));

    // From 2021 on, b surely exists: drawn plainly, nothing to explain.
    let scene = scene_of(&s.graph, &in_year(2022));
    let sure = node(&scene, b);
    assert_eq!(sure.label.text(), Some("B"));
    assert_eq!(attr(&sure, "style"), "filled");
    assert!(!legend_text(&scene).contains(UNSURE_ACTOR.1));
}

#[test]
fn a_date_drawn_as_a_number_is_listed_in_the_very_words_of_its_label() {
    let mut s = Sketch::new("Numbered");
    let a = s.actor("a", ActorKind::Group, None);
    let b = s.actor("b", ActorKind::State, None);
    let c = s.actor("c", ActorKind::Pmc, None);
    let year = (Some(2010), None);
    s.tie(a, b, RelationId::ALLIANCE, year, Confidence::Confirmed);
    let hostile = s.tie(
        a,
        c,
        RelationId::HOSTILITY,
        (Some(2012), Some(2015)),
        Confidence::Likely,
    );
    let plain = DiagramSpec {
        focus: Some(a),
        ..DiagramSpec::default()
    };
    let numbered = DiagramSpec {
        dates_by_number: vec![hostile],
        ..plain.clone()
    };
    let label_of = |dot: &str, key: &str| -> String {
        let line = dot.lines().find(|l| l.contains(key)).unwrap().to_string();
        let label = line.split("label=\"").nth(1).unwrap();
        label.split('"').next().unwrap().replace("\\n", " ")
    };
    let before = crate::diagram::to_dot(&s.graph, &plain);
    let after = crate::diagram::to_dot(&s.graph, &numbered);
    let words = label_of(&before, "id=\"tie1\"");
    assert!(words.contains("2012"), "{words}");
    assert_eq!(label_of(&after, "id=\"tie1\""), "[1]");
    // The other tie keeps its date on its edge.
    assert_eq!(
        label_of(&after, "id=\"tie0\""),
        label_of(&before, "id=\"tie0\"")
    );
    let listed = format!("Dates by number: [1] {words}.");
    assert!(after.contains(&listed), "{listed} in {after}");
    assert!(!before.contains("Dates by number"));
}

/// Numbered dates in the same words share them in the list, each number
/// still on its own tie: the list's lines shrink the picture.
#[test]
fn numbered_dates_in_the_same_words_share_them_in_the_list() {
    let mut s = Sketch::new("Numbered alike");
    let a = s.actor("a", ActorKind::Group, None);
    let b = s.actor("b", ActorKind::State, None);
    let c = s.actor("c", ActorKind::Pmc, None);
    let d = s.actor("d", ActorKind::Group, None);
    let since = (Some(2012), None);
    let first = s.tie(a, b, RelationId::HOSTILITY, since, Confidence::Confirmed);
    let other = s.tie(
        a,
        c,
        RelationId::ALLIANCE,
        (Some(2015), None),
        Confidence::Confirmed,
    );
    let third = s.tie(a, d, RelationId::HOSTILITY, since, Confidence::Confirmed);
    let spec = DiagramSpec {
        focus: Some(a),
        dates_by_number: vec![first, other, third],
        ..DiagramSpec::default()
    };
    let listed = crate::diagram::styler::dates_by_number(&s.graph, &spec);
    assert_eq!(listed, ["[1], [3] since 2012", "[2] since 2015"]);
}

#[test]
fn the_samples_of_tie_states_share_one_colour_so_their_lines_compare() {
    let (graph, _) = sketch();
    let contents = Contents {
        relations: BTreeSet::from([RelationId::ALLIANCE, RelationId::HOSTILITY]),
        markers: BTreeMap::from([
            (Marker::Ended, RelationId::HOSTILITY),
            (Marker::LikelyEnded, RelationId::ALLIANCE),
            (Marker::Likely, RelationId::HOSTILITY),
            (Marker::Uncertain, RelationId::HOSTILITY),
            (Marker::Possible, RelationId::ALLEGIANCE),
        ]),
        ..Contents::default()
    };
    let palette = style::palette(crate::diagram::Theme::Light);
    let html = strip(&graph, &contents, palette).unwrap().to_dot();
    // The colour of the sample just before each label.
    let sample_colour = |label: &str| -> String {
        let run = format!("</FONT> {label}");
        let at = html
            .match_indices(&run)
            .map(|(at, _)| at)
            .find(|&at| !html[at + run.len()..].starts_with(','))
            .unwrap_or_else(|| panic!("no {label} in {html}"));
        let colour = html[..at].rfind("COLOR=\"#").unwrap() + 8;
        html[colour..colour + 6].to_string()
    };
    assert_eq!(sample_colour("ended"), sample_colour("likely, ended"));
    assert_eq!(
        sample_colour("ended"),
        sample_colour("may not hold then (?)")
    );
    assert_eq!(sample_colour("likely"), sample_colour("likely, ended"));
    // The relations' own samples keep their colours.
    assert_ne!(sample_colour("alliance"), sample_colour("hostility"));
    // The one colour is a single line's in a colour: not the alliance's
    // double line, which read as "an alliance that ended", nor the black
    // of allegiance, a colourless sample for coloured lines.
    assert_eq!(sample_colour("ended"), sample_colour("hostility"));
    assert_eq!(sample_colour("possible"), sample_colour("hostility"));
}

/// A footer never cites fewer sources than the picture rests on: the ties
/// drawn that cite none are counted, and a picture whose ties cite none
/// says so (it had no footer but the data's date).
#[test]
fn ties_that_cite_no_source_are_counted_in_the_footer() {
    let (mut graph, _) = sketch();
    let cited = graph.add_source(Source {
        id: "notes".into(),
        citation: "Field notes, 2020".into(),
        url: None,
    });
    let ties: Vec<TieId> = graph.all_ties().map(|t| t.id).collect();
    let palette = style::palette(crate::diagram::Theme::Light);
    let footer = |sources: &[SourceId], unsourced: &[TieId]| {
        let contents = Contents {
            relations: BTreeSet::from([RelationId::ALLIANCE]),
            sources: sources.iter().copied().collect(),
            unsourced: unsourced.iter().copied().collect(),
            ..Contents::default()
        };
        strip(&graph, &contents, palette).unwrap().to_dot()
    };
    assert!(footer(&[], &ties).contains("Sources: none cited."));
    assert!(footer(&[cited], &ties[..1])
        .contains("Sources: Field notes, 2020; 1 tie drawn cites none."));
    assert!(footer(&[cited], &ties[..2]).contains("2020; 2 ties drawn cite none."));
    assert!(footer(&[cited], &[]).contains("Sources: Field notes, 2020. Data"));
}
