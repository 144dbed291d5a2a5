//! actorgraph: actor relationship knowledge graphs for conflict analysts.
//!
//! Data flows one way: a graph file ([`store`]) becomes a [`model::Graph`];
//! errors everywhere are [`diagnostic::Diagnostic`]s with a place and a caret.

// Errors here are diagnostics with text for people, built on cold paths; their
// size does not matter, so results carry them unboxed.
#![allow(clippy::result_large_err)]
#![warn(missing_docs)]

pub mod answer;
pub mod atomic;
pub mod completion;
pub mod diagnostic;
pub mod diagram;
pub mod interchange;
pub mod model;
pub mod query;
pub mod safe_text;
pub mod script;
pub mod session;
pub mod spreadsheet;
pub mod statement;
pub mod store;
