//! A diagram's title: what it centres on, which relations, how sure and
//! when, e.g. "JNIM and its ties, 2 hops, as of 2023-02".

use crate::model::{ActorKind, Confidence, Graph};

use super::DiagramSpec;

/// "JNIM and its ties, 2 hops, as of 2023-02"; "…, all dates" for a view
/// without a time.
pub fn title(graph: &Graph, spec: &DiagramSpec) -> String {
    let relations = spec.filter.relations.as_ref().map(|ids| {
        let mut ids = ids.clone();
        ids.sort();
        ids.dedup();
        let names: Vec<&str> = ids.iter().map(|r| graph.relations().name(*r)).collect();
        crate::model::names::and_list(&names)
    });
    let mut title = match spec.focus {
        Some(focus) => {
            let actor = graph.actor(focus);
            let ties = match &relations {
                Some(r) => format!("{r} ties"),
                None => "ties".to_string(),
            };
            let hops = if spec.depth == 1 { "hop" } else { "hops" };
            // A person is no "it".
            let its = if actor.kind == ActorKind::Person {
                "their"
            } else {
                "its"
            };
            format!("{} and {its} {ties}, {} {hops}", actor.name, spec.depth)
        }
        None => {
            let base = if graph.title.trim().is_empty() {
                "All actors and ties".to_string()
            } else {
                graph.title.clone()
            };
            match &relations {
                Some(r) => format!("{base}: {r} ties"),
                None => base,
            }
        }
    };
    match spec.filter.min_confidence {
        Confidence::Possible => {}
        Confidence::Likely => title.push_str(", likely or confirmed"),
        Confidence::Confirmed => title.push_str(", confirmed only"),
    }
    // Without a time, ties of every date are drawn (the ended ones as
    // ended): the title says so, lest a reader take it for today's view.
    title.push_str(", ");
    title.push_str(spec.time_label.as_deref().unwrap_or("all dates"));
    title
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagram::sketch::Sketch;
    use crate::model::{ActorKind, RelationId, TieFilter};

    fn spec(filter: TieFilter) -> DiagramSpec {
        DiagramSpec {
            filter,
            ..DiagramSpec::default()
        }
    }

    #[test]
    fn a_focus_title_names_the_actor_hops_and_time() {
        let mut s = Sketch::new("Sahel");
        let jnim = s.actor("jnim", ActorKind::Coalition, None);
        let two = DiagramSpec {
            focus: Some(jnim),
            depth: 2,
            time_label: Some("as of 2023-02".into()),
            ..DiagramSpec::default()
        };
        assert_eq!(
            title(&s.graph, &two),
            "JNIM and its ties, 2 hops, as of 2023-02"
        );
        let one = DiagramSpec {
            focus: Some(jnim),
            depth: 1,
            filter: TieFilter::relation(RelationId::HOSTILITY),
            ..DiagramSpec::default()
        };
        assert_eq!(
            title(&s.graph, &one),
            "JNIM and its hostility ties, 1 hop, all dates"
        );
        let ghali = s.actor("iyad", ActorKind::Person, None);
        let person = DiagramSpec {
            focus: Some(ghali),
            ..two
        };
        assert_eq!(
            title(&s.graph, &person),
            "IYAD and their ties, 2 hops, as of 2023-02"
        );
    }

    #[test]
    fn a_whole_graph_title_uses_the_graphs_own_and_lists_relations_once() {
        let relations = |ids: &[RelationId]| TieFilter {
            relations: Some(ids.to_vec()),
            ..TieFilter::default()
        };
        let sahel = Sketch::new("Sahel").graph;
        assert_eq!(
            title(&sahel, &spec(TieFilter::default())),
            "Sahel, all dates"
        );
        let untitled = Sketch::new("  ").graph;
        assert_eq!(
            title(&untitled, &spec(TieFilter::default())),
            "All actors and ties, all dates"
        );
        let two = relations(&[
            RelationId::HOSTILITY,
            RelationId::ALLIANCE,
            RelationId::HOSTILITY,
        ]);
        assert_eq!(
            title(&sahel, &spec(two)),
            "Sahel: alliance and hostility ties, all dates"
        );
        let three = relations(&[
            RelationId::HOSTILITY,
            RelationId::ALLEGIANCE,
            RelationId::ALLIANCE,
        ]);
        assert_eq!(
            title(&sahel, &spec(three)),
            "Sahel: allegiance, alliance and hostility ties, all dates"
        );
    }

    #[test]
    fn a_confidence_floor_is_said_before_the_time() {
        let sahel = Sketch::new("Sahel").graph;
        let at = |min_confidence| DiagramSpec {
            time_label: Some("during 2022".into()),
            ..spec(TieFilter {
                min_confidence,
                ..TieFilter::default()
            })
        };
        assert_eq!(
            title(&sahel, &at(Confidence::Possible)),
            "Sahel, during 2022"
        );
        assert_eq!(
            title(&sahel, &at(Confidence::Likely)),
            "Sahel, likely or confirmed, during 2022"
        );
        assert_eq!(
            title(&sahel, &at(Confidence::Confirmed)),
            "Sahel, confirmed only, during 2022"
        );
    }
}
