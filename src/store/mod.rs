//! Graph files on disk. The model knows nothing of them.

pub mod ron;
mod spans;
mod stream;

/// The Sahel graph, built into the binary so it works from any directory.
pub const SAHEL_GRAPH: &str = include_str!("../../graphs/sahel.ron");
/// The name the bundled graph goes by in messages.
pub const SAHEL_ORIGIN: &str = "<bundled graphs/sahel.ron>";
