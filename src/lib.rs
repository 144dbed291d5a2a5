//! actorgraph: actor relationship knowledge graphs for conflict analysts.
//!
//! Data flows one way: a graph file ([`store`]) becomes a [`model::Graph`];
//! errors everywhere are [`diagnostic::Diagnostic`]s with a place and a caret.

pub mod answer;
pub mod cli;
pub mod diagnostic;
pub mod diagram;
pub mod export;
pub mod interchange;
pub mod model;
pub mod query;
pub mod repl;
pub mod script;
pub mod session;
pub mod store;
