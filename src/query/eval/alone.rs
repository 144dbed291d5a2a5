//! Why a network comes out with no tie: a focus drawn alone, or a whole
//! graph view with nothing in it. The caveat names the filter that emptied
//! it (the relations asked, the time, confidence or source, the depth) and
//! what there is without that filter, so an empty picture or answer is not
//! read as "no ties".

use crate::model::{ActorId, Certainty, Graph, RelationId, TieFilter, TieRef, Window};

/// The caveat for a network around `focus`, `depth` hops out, that holds no
/// tie `filter` keeps; `None` when it holds some, or when the focus cannot
/// have lived then (another note says so). `when` says the time in words.
pub(super) fn focus_alone(
    graph: &Graph,
    focus: ActorId,
    depth: usize,
    filter: &TieFilter,
    when: &str,
) -> Option<String> {
    let name = &graph.actor(focus).name;
    if depth == 0 {
        return Some(format!(
            "depth 0 holds {name} alone, without its ties: `depth 1` adds its neighbours"
        ));
    }
    if graph.ties_of(focus, filter).next().is_some()
        || graph.life(focus).activity(filter.window) == Certainty::No
    {
        return None;
    }
    let subject = format!("{name} has no {}tie {when}", asked(graph, filter));
    Some(why(graph, &subject, ("it", "its"), filter, |f| {
        graph.ties_of(focus, f).collect()
    }))
}

/// The caveat for a view of the whole graph that holds no tie `filter`
/// keeps; `None` when it holds some.
pub(super) fn graph_empty(graph: &Graph, filter: &TieFilter, when: &str) -> Option<String> {
    if graph.ties(filter).next().is_some() {
        return None;
    }
    let subject = format!("the graph has no {}tie {when}", asked(graph, filter));
    Some(why(
        graph,
        &subject,
        ("the graph", "the graph's"),
        filter,
        |f| graph.ties(f).collect(),
    ))
}

/// `subject`, then what there is without the filter that emptied it:
/// other relations, other times, or ties the confidence or source left out.
fn why<'g>(
    graph: &'g Graph,
    subject: &str,
    (owner, whose): (&str, &str),
    filter: &TieFilter,
    ties: impl Fn(&TieFilter) -> Vec<TieRef<'g>>,
) -> String {
    let open = |f: TieFilter| ties(&f);
    if ties(&TieFilter::default()).is_empty() {
        return format!("{subject}: {owner} has no ties at all");
    }
    if filter.relations.is_some() {
        let other = open(TieFilter {
            relations: None,
            ..filter.clone()
        });
        if !other.is_empty() {
            let then = if filter.window == Window::ALL {
                ""
            } else {
                " then"
            };
            return format!(
                "{subject}; {whose} ties{then}: {}",
                by_relation(graph, &other)
            );
        }
    }
    if filter.window != Window::ALL {
        let other = open(TieFilter {
            window: Window::ALL,
            ..filter.clone()
        });
        if !other.is_empty() {
            return format!(
                "{subject}; there {} at other times: `ever` shows them",
                count(other.len())
            );
        }
    }
    let unsure = open(TieFilter {
        relations: filter.relations.clone(),
        window: filter.window,
        ..TieFilter::default()
    });
    if !unsure.is_empty() {
        return format!(
            "{subject} that the confidence, certainty or source asked keeps; there {} \
             without them",
            count(unsure.len())
        );
    }
    format!(
        "{subject}; {whose} ties: {}",
        by_relation(graph, &open(TieFilter::default()))
    )
}

/// `is 1 tie`, `are 3 ties`.
fn count(n: usize) -> String {
    if n == 1 {
        "is 1 tie".to_string()
    } else {
        format!("are {n} ties")
    }
}

/// The relations the filter asks for, as words before "tie": `allegiance `,
/// `allegiance or alliance `, or nothing when it asks for all.
fn asked(graph: &Graph, filter: &TieFilter) -> String {
    match &filter.relations {
        None => String::new(),
        Some(relations) => {
            let names: Vec<&str> = relations
                .iter()
                .map(|r| graph.relations().name(*r))
                .collect();
            format!("{} ", names.join(" or "))
        }
    }
}

/// `hostility (3), governs (1)`: each relation with its number of ties, most first.
fn by_relation(graph: &Graph, ties: &[TieRef]) -> String {
    let mut counts: Vec<(RelationId, usize)> = Vec::new();
    for tie in ties {
        match counts.iter_mut().find(|(r, _)| *r == tie.tie.relation) {
            Some((_, n)) => *n += 1,
            None => counts.push((tie.tie.relation, 1)),
        }
    }
    let name = |r: RelationId| graph.relations().name(r);
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| name(a.0).cmp(name(b.0))));
    counts
        .iter()
        .map(|(r, n)| format!("{} ({n})", name(*r)))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Confidence, PartialDate, Tie};

    /// A0 fought A1 from 2014 (likely) and allied with A2 in 2020
    /// (possible); A3 has no ties.
    fn graph() -> (Graph, Vec<ActorId>) {
        let mut graph = Graph::new("t");
        let actors = crate::model::numbered_actors(&mut graph, 4);
        let date = |text: &str| Some(text.parse::<PartialDate>().unwrap());
        let fought = Tie::new(
            RelationId::HOSTILITY,
            date("2014"),
            None,
            Confidence::Likely,
        );
        let allied = Tie::new(
            RelationId::ALLIANCE,
            date("2020"),
            date("2020"),
            Confidence::Possible,
        );
        graph.add_tie(actors[0], actors[1], fought);
        graph.add_tie(actors[0], actors[2], allied);
        (graph, actors)
    }

    fn in_year(year: &str) -> Window {
        let date = year.parse::<PartialDate>().unwrap();
        Window::new(date.first_day(), date.last_day())
    }

    #[test]
    fn each_way_a_focus_comes_out_alone_is_named() {
        let (graph, a) = graph();
        let all = TieFilter::default();
        let note = |focus, depth, filter: &TieFilter, when| {
            focus_alone(&graph, focus, depth, filter, when)
        };
        assert_eq!(note(a[0], 1, &all, "at any time"), None, "it has ties");
        assert_eq!(
            note(a[0], 0, &all, "at any time").as_deref(),
            Some("depth 0 holds A0 alone, without its ties: `depth 1` adds its neighbours")
        );
        assert_eq!(
            note(a[3], 2, &all, "at any time").as_deref(),
            Some(
                "A0 has no tie at any time: it has no ties at all"
                    .replace("A0", "A3")
                    .as_str()
            )
        );
        let allegiance = TieFilter::relation(RelationId::ALLEGIANCE);
        assert_eq!(
            note(a[0], 2, &allegiance, "at any time").as_deref(),
            Some("A0 has no allegiance tie at any time; its ties: alliance (1), hostility (1)")
        );
        // Other relations come first: they are what a reader can draw then.
        let in_2015 = TieFilter {
            window: in_year("2015"),
            ..TieFilter::relation(RelationId::ALLIANCE)
        };
        assert_eq!(
            note(a[0], 1, &in_2015, "during 2015").as_deref(),
            Some("A0 has no alliance tie during 2015; its ties then: hostility (1)")
        );
        let in_2010 = TieFilter::default().during(in_year("2010"));
        assert_eq!(
            note(a[0], 1, &in_2010, "during 2010").as_deref(),
            Some("A0 has no tie during 2010; there are 2 ties at other times: `ever` shows them")
        );
        let sure = TieFilter {
            window: in_year("2020"),
            min_confidence: Confidence::Confirmed,
            ..TieFilter::default()
        };
        assert_eq!(
            note(a[0], 1, &sure, "during 2020").as_deref(),
            Some(
                "A0 has no tie during 2020 that the confidence, certainty or source asked \
                 keeps; there are 2 ties without them"
            )
        );
    }

    #[test]
    fn a_whole_graph_view_without_ties_says_what_there_is() {
        let (graph, _) = graph();
        assert_eq!(
            graph_empty(&graph, &TieFilter::default(), "at any time"),
            None
        );
        let subgroups = TieFilter::relation(RelationId::SUBGROUP_OF);
        assert_eq!(
            graph_empty(&graph, &subgroups, "at any time").as_deref(),
            Some(
                "the graph has no subgroup-of tie at any time; the graph's ties: alliance (1), \
                 hostility (1)"
            )
        );
    }
}
