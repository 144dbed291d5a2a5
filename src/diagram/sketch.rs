//! Small graphs written in code for the diagram module's unit tests.

use crate::model::{
    Actor, ActorId, ActorKind, Confidence, Graph, PartialDate, RelationId, Tie, TieFilter, TieId,
    Window,
};

/// A graph being sketched: actors by id, ties with optional year spans.
pub struct Sketch {
    /// The graph so far.
    pub graph: Graph,
}

impl Sketch {
    /// An empty graph titled `title`.
    pub fn new(title: &str) -> Sketch {
        Sketch {
            graph: Graph::new(title),
        }
    }

    /// Adds an actor whose id is `id` and whose name is `id` in capitals.
    pub fn actor(&mut self, id: &str, kind: ActorKind, tag: Option<&str>) -> ActorId {
        let mut actor = Actor::new(id, id.to_uppercase(), kind);
        actor.tags.extend(tag.map(str::to_string));
        self.graph.add_actor(actor).expect("a fresh id")
    }

    /// Adds a tie from `from` to `to`, running over `years` (either end
    /// open), at `confidence`.
    pub fn tie(
        &mut self,
        from: ActorId,
        to: ActorId,
        relation: RelationId,
        years: (Option<i32>, Option<i32>),
        confidence: Confidence,
    ) -> TieId {
        let year = |y: Option<i32>| y.map(|y| PartialDate::year(y).expect("a year"));
        let tie = Tie::new(relation, year(years.0), year(years.1), confidence);
        self.graph
            .add_tie(from, to, tie)
            .expect("both actors exist")
    }
}

/// A filter for ties active at some time in `year`.
pub fn during(year: i32) -> TieFilter {
    let date = PartialDate::year(year).expect("a year");
    TieFilter::default().during(Window::new(date.first_day(), date.last_day()))
}
