//! Graphs shaped to be deep: chains and cycles a million actors long,
//! built in memory and walked on the test thread's ordinary stack (2 MiB).
//! Every walk over them (validation, hierarchies, paths, diagrams) must
//! keep its own stack: a recursive one overflowed and aborted the process
//! (issue 14, item 6).

use actorgraph::diagram::{to_dot, DiagramSpec};
use actorgraph::model::{Actor, ActorKind, Confidence, Graph, GraphSpec, RelationId, Tie, TieSpec};
use actorgraph::query::eval::{evaluate, Outcome};
use actorgraph::query::parse_in;

/// How deep the structures go.
const DEPTH: usize = 1_000_000;

/// How deep the diagram's chain goes: its DOT text is about 570 bytes an
/// actor, so a million would take half a minute and 3 GB in a debug build.
const DIAGRAM_DEPTH: usize = 200_000;

fn id(i: usize) -> String {
    format!("c{i}")
}

/// `c1` is a subgroup of `c0`, `c2` of `c1`, and so on to `c{n-1}`; with
/// `closed`, `c0` is also a subgroup of `c{n-1}`, closing a cycle.
fn subgroup_spec(n: usize, closed: bool) -> GraphSpec {
    let tie = |from: usize, to: usize| TieSpec {
        from: id(from),
        to: id(to),
        relation: "subgroup-of".into(),
        start: None,
        end: None,
        confidence: Confidence::Confirmed,
        sources: Vec::new(),
        note: None,
        evidence: None,
        events: None,
        fatalities: None,
    };
    GraphSpec {
        title: "deep".into(),
        actors: (0..n)
            .map(|i| Actor::new(id(i), format!("C{i}"), ActorKind::Group))
            .collect(),
        ties: (1..n)
            .map(|i| tie(i, i - 1))
            .chain(closed.then(|| tie(0, n - 1)))
            .collect(),
        ..GraphSpec::default()
    }
}

/// A subgroup-of chain of `n` actors built straight into a graph.
fn subgroup_chain(n: usize) -> Graph {
    let mut graph = Graph::new("chain");
    let actors: Vec<_> = (0..n)
        .map(|i| {
            graph
                .add_actor(Actor::new(id(i), format!("C{i}"), ActorKind::Group))
                .expect("distinct names")
        })
        .collect();
    for pair in actors.windows(2) {
        let tie = Tie::new(RelationId::SUBGROUP_OF, None, None, Confidence::Confirmed);
        graph
            .add_tie(pair[1], pair[0], tie)
            .expect("distinct actors");
    }
    graph
}

fn answer_rows(graph: &Graph, query: &str) -> usize {
    let parsed = parse_in(query, graph).expect("parses");
    match evaluate(graph, &parsed).expect("answers") {
        Outcome::Answer(answer) => answer.len(),
        Outcome::Export(_) => panic!("{query} is not an export"),
    }
}

#[test]
fn a_million_long_subgroup_cycle_overflowed_validation() {
    let problems = Graph::build(subgroup_spec(DEPTH, true)).expect_err("a cycle");
    assert_eq!(problems.len(), 1, "one cycle, one problem");
    let message = &problems[0].message;
    assert!(message.contains("subgroup-of cycle"), "{message}");
    assert!(
        message.len() < 300,
        "a long cycle is named in short: {message}"
    );
}

#[test]
fn a_million_deep_subgroup_chain_validates() {
    let graph = Graph::build(subgroup_spec(DEPTH, false)).expect("a chain is no cycle");
    assert_eq!(graph.actor_count(), DEPTH);
}

#[test]
fn a_million_deep_hierarchy_is_walked_both_ways() {
    let graph = subgroup_chain(DEPTH);
    assert_eq!(answer_rows(&graph, "subgroups of C0"), DEPTH - 1);
    assert_eq!(
        answer_rows(&graph, &format!("parents of C{}", DEPTH - 1)),
        DEPTH - 1
    );
    assert_eq!(
        answer_rows(&graph, &format!("path from C0 to C{}", DEPTH - 1)),
        1
    );
}

/// A chain of subgroups, each link with a second member beside it (a box
/// holds two members or more): C0 ⊃ {C1, L1}, C1 ⊃ {C2, L2}, …
fn subgroup_comb(n: usize) -> Graph {
    let mut graph = subgroup_chain(n);
    for i in 1..n {
        let parent = graph.find(&id(i - 1)).expect("in the chain");
        let leaf = graph
            .add_actor(Actor::new(
                format!("l{i}"),
                format!("L{i}"),
                ActorKind::Group,
            ))
            .expect("distinct names");
        let tie = Tie::new(RelationId::SUBGROUP_OF, None, None, Confidence::Confirmed);
        graph.add_tie(leaf, parent, tie).expect("distinct actors");
    }
    graph
}

#[test]
fn a_deep_chain_of_clusters_overflowed_the_diagram() {
    let graph = subgroup_comb(DIAGRAM_DEPTH);
    let spec = DiagramSpec {
        focus: graph.find("C0"),
        depth: DIAGRAM_DEPTH,
        ..DiagramSpec::default()
    };
    let dot = to_dot(&graph, &spec);
    let last = format!(
        "\"a:c{}\"[label=\"C{}\"",
        DIAGRAM_DEPTH - 1,
        DIAGRAM_DEPTH - 1
    );
    assert!(dot.contains(&last), "the deepest actor is drawn");
    assert_eq!(
        dot.matches("subgraph \"cluster:members:a:").count(),
        DIAGRAM_DEPTH - 1
    );
    // Indentation stops growing, so the text grows with the chain, not its square.
    assert!(dot.len() < 1_000 * DIAGRAM_DEPTH, "{} bytes", dot.len());
}
