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

#[test]
fn the_legend_lists_only_what_appears() {
    let (_, graph, spec) = views().swap_remove(2);
    let text = to_dot(&graph, &spec);
    let legend: Vec<&str> = text.lines().filter(|l| l.contains("\"legend:")).collect();
    let ties = legend
        .iter()
        .find(|l| l.contains("\"legend:ties:0\""))
        .unwrap();
    assert!(ties.contains("tooltip=\"Ties: alliance"), "{ties}");
    assert!(ties.contains(">alliance</TD>"), "{ties}");
    assert!(ties.contains(">likely</TD>"), "{ties}");
    let legend = legend.join("\n");
    assert!(!legend.contains("hostility"), "no hostility in 2019");
    assert!(!legend.contains("subgroup-of"));
    assert!(!legend.contains("legend:kind:state"));
    assert!(legend.contains("\"legend:kind:group\""));
}

#[test]
fn the_legend_is_a_column_beside_the_diagram() {
    // HTML tables of a few entries each, chained by invisible edges, so no
    // slot is taller than a row of actors.
    let (graph, spec) = sahel_jnim();
    let text = to_dot(&graph, &spec);
    for line in text
        .lines()
        .filter(|l| l.trim_start().starts_with("\"legend:ties:") && !l.contains(" -> "))
    {
        assert!(line.contains("label=<<FONT"), "{line}");
    }
    assert!(text.contains("\"legend:ties:0\" -> \"legend:ties:1\" [style=\"invis\" dir=\"none\"]"));
}

#[test]
fn subgroups_nest_in_their_parents_cluster_only_when_unambiguous() {
    let (_, graph, spec) = views().swap_remove(0);
    let text = to_dot(&graph, &spec);
    // Katiba Macina is in JNIM; the cell in Katiba Macina; Koufa has two
    // parents so stays outside; FAMa nests in Mali.
    assert!(text.contains("subgraph \"cluster:a:jnim\""));
    assert!(text.contains("subgraph \"cluster:a:mlf\""));
    assert!(text.contains("subgraph \"cluster:a:mali\""));
    assert!(!text.contains("cluster:a:koufa"));
    let jnim = text.find("subgraph \"cluster:a:jnim\"").unwrap();
    let mlf = text.find("subgraph \"cluster:a:mlf\"").unwrap();
    let cell = text.find("\"a:mlf-cell\"[").unwrap();
    assert!(jnim < mlf && mlf < cell);
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
    assert!(svg.contains(">a&quot;rel\\ation</text>"), "{svg}");
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
