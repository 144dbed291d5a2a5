//! The shapes a diagram is made of before it is DOT: nodes, clusters,
//! columns and edges with raw attribute text, under a title and above a
//! legend strip. The scene builder fills them, the focus layout and
//! clusters add to them, the printer writes them.

use crate::model::ActorId;

use super::html::Html;

/// What a scene node stands for; positions are kept per key across frames.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Key {
    /// An actor of the graph.
    Actor(ActorId),
    /// The invisible anchor of a layout column, by its place from the focus.
    Column(i32),
}

/// Attributes in the order they are written: name and raw value.
pub type Attrs = Vec<(&'static str, String)>;

/// A node's label, always its first attribute.
#[derive(Clone, Debug)]
pub enum Label {
    /// Plain text, quoted when printed.
    Text(String),
}

impl Label {
    /// The text of a plain label.
    pub fn text(&self) -> Option<&str> {
        match self {
            Label::Text(text) => Some(text),
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
    /// Nodes declared elsewhere (in their boxes) held on one rank: a
    /// column of the focus layout. Printed as names only.
    SameRank {
        /// Indexes into [`Scene::nodes`], in the order they are listed.
        nodes: Vec<usize>,
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
                Item::Node(_) | Item::SameRank { .. } => {}
            }
        }
    }
}

/// A boxed group of items: a parent's subgroups, or the whole drawing under its title.
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
    /// The title, drawn above the drawing.
    pub title: String,
    /// The legend strip and source footer: the graph's own label, drawn
    /// under the drawing; `None` when nothing is drawn.
    pub legend: Option<Html>,
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
    /// A focus layout's column of each node placed in one, by node index.
    pub columns: rustc_hash::FxHashMap<usize, i32>,
}
