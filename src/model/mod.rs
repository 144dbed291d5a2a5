//! The domain: actors, typed and dated ties, relations, sources, and the
//! graph that holds them. No files, no terminal.

pub mod actor;
pub mod adjacency;
mod build;
mod cycles;
pub mod event;
mod rules;
pub use build::GraphBuilder;
pub mod format;
pub mod graph;
pub mod look;
pub mod names;
pub mod network;
pub mod paths;
pub mod relation;
pub mod spec;
pub mod tie;
pub mod time;
pub mod walk;

pub use actor::{Actor, ActorKind, Period, Source};
pub use adjacency::{Link, PackedLink};
pub use event::Event;
pub use format::ExportFormat;
pub use graph::{did_you_mean, Graph, UnknownActor};
pub use look::{Arrowhead, LineForm, LookError, RelationLook, Rgb};
pub use relation::{Confidence, Phrasing, Relation, RelationId, Relations};
pub use spec::{EventSpec, GraphSpec, Problem, Site, TieSpec};
pub use tie::{ActorId, SourceId, Tie, TieDetails, TieFilter, TieId, TieRef};
pub use time::{Bounds, Certainty, Day, PartialDate, Window};

/// Adds actors `a0`…`a{n-1}` named `A0`…, for unit tests.
#[cfg(test)]
pub(crate) fn numbered_actors(graph: &mut Graph, n: usize) -> Vec<ActorId> {
    (0..n)
        .map(|i| {
            let actor = Actor::new(format!("a{i}"), format!("A{i}"), ActorKind::Group);
            graph.add_actor(actor).expect("fresh names")
        })
        .collect()
}
