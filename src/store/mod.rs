//! Graph files on disk: RON, the format people write and review, and the
//! binary snapshot a large graph opens from ([`open`]). The model knows
//! nothing of them.

mod drafts;
mod open;
pub mod ron;
pub mod snapshot;
mod spans;
mod stream;
mod syntax;
mod unclosed;
mod words;

pub use open::{
    cache_path, is_snapshot_path, open, open_with, save, save_with_progress, CachePolicy,
    CACHE_MIN_BYTES, CACHE_VARIABLE, RACY_MARGIN_NS,
};

/// The Sahel graph, built into the binary so it works from any directory.
pub const SAHEL_GRAPH: &str = include_str!("../../graphs/sahel.ron");
/// The name the bundled graph goes by in messages.
pub const SAHEL_ORIGIN: &str = "<bundled graphs/sahel.ron>";
