//! The shapes a diagram is made of before it is DOT: nodes, clusters,
//! ranks and edges with raw attribute text. The scene builder fills them,
//! the legend and clusters add to them, the printer writes them.

use crate::model::ActorId;

use super::html::Html;

/// What a scene node stands for; positions are kept per key across frames.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Key {
    /// An actor of the graph.
    Actor(ActorId),
    /// The `n`th legend node.
    Legend(usize),
}

/// Attributes in the order they are written: name and raw value.
pub type Attrs = Vec<(&'static str, String)>;

/// A node's label, always its first attribute.
#[derive(Clone, Debug)]
pub enum Label {
    /// Plain text, quoted when printed.
    Text(String),
    /// An HTML-like label (the legend's tables).
    Html(Html),
}

impl Label {
    /// The text of a plain label.
    pub fn text(&self) -> Option<&str> {
        match self {
            Label::Text(text) => Some(text),
            Label::Html(_) => None,
        }
    }
}

/// A node to draw.
#[derive(Clone, Debug)]
pub struct SceneNode {
    /// What it stands for.
    pub key: Key,
    /// The DOT node name, before quoting.
    pub name: String,
    /// Its label, written before `attrs`.
    pub label: Label,
    /// Every other attribute.
    pub attrs: Attrs,
}

/// A statement of the scene's body, in drawing order.
#[derive(Clone, Debug)]
pub enum Item {
    /// Index into [`Scene::nodes`].
    Node(usize),
    /// A cluster of items.
    Cluster(Cluster),
    /// Nodes that share a rank (`rank` is `same`, `min` or `max`).
    Rank {
        /// The subgraph name before quoting.
        name: String,
        /// The Graphviz `rank` value.
        rank: &'static str,
        /// What shares the rank.
        items: Vec<Item>,
    },
}

/// Clusters nest as deep as subgroup chains go, so dropping one must not
/// recurse once per level: the items inside are taken out onto a stack.
impl Drop for Cluster {
    fn drop(&mut self) {
        let mut stack = std::mem::take(&mut self.items);
        while let Some(item) = stack.pop() {
            match item {
                Item::Cluster(mut inner) => stack.append(&mut inner.items),
                Item::Rank { mut items, .. } => stack.append(&mut items),
                Item::Node(_) => {}
            }
        }
    }
}

/// A boxed group of items: a parent and its subgroups, or the legend.
#[derive(Clone, Debug)]
pub struct Cluster {
    /// The subgraph name before quoting; starts with `cluster`.
    pub name: String,
    /// The cluster's own attributes.
    pub attrs: Attrs,
    /// What it holds.
    pub items: Vec<Item>,
}

/// An edge between two nodes, by index into [`Scene::nodes`].
#[derive(Clone, Debug)]
pub struct SceneEdge {
    /// The tail node.
    pub from: usize,
    /// The head node.
    pub to: usize,
    /// Its attributes.
    pub attrs: Attrs,
}

/// A whole diagram, ready to print.
#[derive(Clone, Debug)]
pub struct Scene {
    /// Attributes of the graph itself.
    pub graph_attrs: Attrs,
    /// Defaults for every node.
    pub node_defaults: Attrs,
    /// Defaults for every edge.
    pub edge_defaults: Attrs,
    /// Every node; items and edges refer to them by index.
    pub nodes: Vec<SceneNode>,
    /// The body, in drawing order.
    pub items: Vec<Item>,
    /// Every edge, in drawing order.
    pub edges: Vec<SceneEdge>,
}
