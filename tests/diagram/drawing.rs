//! What a diagram draws: golden DOT, titles, legends, clusters, styles and escaping.

use super::*;

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

/// The graph's own label: the legend strip and the source footer.
fn graph_label(text: &str) -> &str {
    let start = text.find("graph[label=<").expect("a graph label");
    let end = text.find("\n  node[").expect("node defaults");
    &text[start..end]
}

/// The legend strip alone.
fn strip(text: &str) -> &str {
    let label = graph_label(text);
    &label[..label.find("</FONT>>").expect("the label's end")]
}

#[test]
fn the_legend_lists_only_what_appears() {
    let (_, graph, spec) = views().swap_remove(2);
    let text = to_dot(&graph, &spec);
    let legend = strip(&text);
    for heading in ["<B>Ties", "<B>Fill", "<B>Shape"] {
        assert!(legend.contains(heading), "{legend}");
    }
    assert!(legend.contains("&#160;</FONT> alliance "), "{legend}");
    assert!(legend.contains("&#160;</FONT> likely "), "{legend}");
    assert!(!legend.contains("hostility"), "no hostility in 2019");
    assert!(!legend.contains("subgroup-of"));
    assert!(!legend.contains("state force"));
    assert!(legend.contains("armed group"));
    // No legend nodes or clusters: the strip is the graph's label.
    assert!(!text.contains("\"legend:"));
    assert!(!text.contains("cluster:legend"));
}

#[test]
fn the_legend_is_a_strip_under_the_drawing_with_sources_and_date() {
    let (graph, spec) = sahel_jnim();
    let text = to_dot(&graph, &spec);
    let legend = graph_label(&text);
    assert!(legend.contains("labelloc=\"b\""), "{legend}");
    assert!(
        legend.contains("Sources: Critical Threats Project, Feb 2023;"),
        "{legend}"
    );
    assert!(legend.contains("Data as of February 2023."), "{legend}");
    // The DOT carries each tie's source ids too.
    assert!(text.contains("sources=\"ctp-2023-02"), "{text}");
    // The title heads the drawing's box, not the graph.
    assert!(text.contains(
        "subgraph \"cluster:drawing\" {\n    graph[label=\"JNIM and its ties, 2 hops, as of 2023-02\""
    ));
}

/// The box's one tie to its parent gives each member's dates and sources
/// in its tooltip, as DIAGRAMS.md says (the cold check found dates only).
#[test]
fn the_member_box_tooltip_cites_each_members_sources() {
    let (graph, spec) = sahel_jnim();
    let text = to_dot(&graph, &spec);
    let to_jnim = text
        .lines()
        .find(|l| l.contains(" -> \"a:jnim\"") && l.contains("ltail="))
        .expect("JNIM's members are boxed");
    let tooltip = to_jnim.split("tooltip=\"").nth(1).unwrap();
    let tooltip = tooltip.split('"').next().unwrap();
    let members: Vec<&str> = tooltip.split("\\n").skip(1).collect();
    assert!(members.len() >= 2, "{tooltip}");
    for member in members {
        assert!(member.contains(" (sources: "), "{member} in {tooltip}");
    }
}

#[test]
fn members_are_boxed_apart_from_their_parent() {
    let (_, graph, spec) = views().swap_remove(0);
    let text = to_dot(&graph, &spec);
    // Ansar Dine and Katiba Macina are JNIM's members; JNIM stands outside
    // its box, tied to it once. Katiba Macina's one sure member makes no
    // box; Koufa has two parents; FAMa is a state's force, not a member.
    let jnim_box = text
        .find("subgraph \"cluster:members:a:jnim\"")
        .expect("a box");
    assert!(text.contains("graph[label=\"JNIM members\""), "{text}");
    let jnim = text.find("\"a:jnim\"[").unwrap();
    assert!(jnim < jnim_box, "JNIM is drawn before and outside its box");
    assert!(!text.contains("cluster:members:a:mlf"));
    assert!(!text.contains("cluster:members:a:mali"));
    assert!(!text.contains("cluster:members:a:koufa"));
    let to_jnim: Vec<&str> = text
        .lines()
        .filter(|l| l.contains(" -> \"a:jnim\"") && l.contains("ltail="))
        .collect();
    assert_eq!(to_jnim.len(), 1, "{to_jnim:?}");
    assert!(to_jnim[0].contains("ltail=\"cluster:members:a:jnim\""));
    assert!(
        !text.contains("\"a:mlf\" -> \"a:jnim\" [") || text.contains("\"a:ansar\" -> \"a:jnim\" [")
    );
    assert!(text.contains("compound=\"true\""));
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
    let ended_likely_alliance = line("isgs", "jnim", "label=\"2017–Dec 2019\"");
    assert!(ended_likely_alliance.contains("class=\"alliance ended likely\""));
    assert!(ended_likely_alliance.contains("style=\"dashed\""));
    assert!(ended_likely_alliance.contains("dir=\"none\""));
    assert!(
        ended_likely_alliance.contains(":invis:"),
        "alliance is a double line"
    );
    let possible = line("dozo", "mlf", "label=\"since 2018\"");
    assert!(possible.contains("style=\"dotted\""));
    let allegiance = line("jnim", "aqim", "label=\"since Mar 2017\"");
    assert!(allegiance.contains("dir=\"forward\""));
    assert!(allegiance.contains("style=\"solid\""));
    assert!(allegiance.contains("class=\"allegiance\""));
    // An undated tie says so.
    assert!(line("fama", "mali", "class=\"subgroup-of\"").contains("label=\"undated\""));
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
                // XML's forbidden noncharacters are drawn as U+FFFD; a
                // control character as a space.
                let word: String = word
                    .chars()
                    .map(|c| {
                        if matches!(c, '\u{FFFE}' | '\u{FFFF}') {
                            '\u{FFFD}'
                        } else {
                            c
                        }
                    })
                    .filter(|c| !c.is_control())
                    .collect();
                if word.is_empty() {
                    continue;
                }
                let escaped = xml_escape(&word);
                let hyphens = escaped.replace('-', "&#45;");
                assert!(
                    svg.contains(&escaped) || svg.contains(&hyphens),
                    "{word:?} of {line:?} is not drawn intact"
                );
            }
        }
    }
    // The legend's HTML table draws the hostile relation and tags as text.
    assert!(svg.contains("a&quot;rel\\ation"), "{svg}");
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
fn the_quote_function_is_the_only_way_in() {
    let id = quote("x\" image=\"/etc/passwd");
    assert_eq!(
        format!("{id:?}"),
        "Escaped(\"\\\"x\\\\\\\" image=\\\\\\\"/etc/passwd\\\"\")"
    );
}

// ---- formats and export ----
