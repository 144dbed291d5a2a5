//! actorgraph: actor relationship knowledge graphs for conflict analysts.
//!
//! Data flows one way: a graph file ([`store`]) becomes a [`model::Graph`].

pub mod model;
