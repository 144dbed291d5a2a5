//! The petgraph type the graph is held in.

use petgraph::stable_graph::StableGraph;

use super::actor::Actor;
use super::tie::Tie;

/// The network itself. `StableGraph` because actors and ties can be removed
/// (imports merge, sessions edit) while the indices already handed out, and
/// the name index, stay valid; it also allows the parallel edges that two
/// actors with several dated ties need. Indices are never written to files:
/// files name actors by id.
pub type Network = StableGraph<Actor, Tie, petgraph::Directed, u32>;
