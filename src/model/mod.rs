//! The domain: actors, typed and dated ties, relations, sources, and the
//! graph that holds them. No files, no terminal.

pub mod actor;
pub mod adjacency;
mod build;
pub use build::GraphBuilder;
pub mod graph;
pub mod names;
pub mod relation;
pub mod spec;
pub mod tie;
pub mod time;
pub mod walk;

pub use actor::{Actor, ActorKind, Period, Source};
pub use adjacency::Link;
pub use graph::{did_you_mean, Graph, UnknownActor};
pub use relation::{Confidence, Relation, RelationId, Relations};
pub use spec::{GraphSpec, Problem, Site, TieSpec};
pub use tie::{ActorId, SourceId, Tie, TieDetails, TieFilter, TieId, TieRef};
pub use time::{Day, PartialDate, Window};
