//! The widest labels a storyboard's frames give each tie and actor: the
//! union of the frames is laid out with them, so every frame's fits where
//! the union put it.

use std::collections::BTreeMap;

use crate::model::TieId;

use super::canvas::Scene;

/// The widest labels a storyboard's frames give each tie and actor, so the
/// union's layout leaves room for every frame's.
#[derive(Clone, Debug, Default)]
pub struct WidestLabels {
    /// Each tie's widest date label.
    pub dates: BTreeMap<TieId, String>,
    /// Each actor's widest name, by node name (`Malian junta?` where some
    /// frame marks it as one that may not exist then).
    pub names: BTreeMap<String, String>,
}

impl WidestLabels {
    /// The widest labels of `frames`' ties (named by [`tie_key`]) and actors.
    pub fn of<'s>(frames: impl IntoIterator<Item = &'s Scene>) -> WidestLabels {
        let mut widest = WidestLabels::default();
        let wider = |slot: &mut String, label: &str| {
            if label.chars().count() > slot.chars().count() {
                *slot = label.to_string();
            }
        };
        for frame in frames {
            for edge in &frame.edges {
                let attr = |name: &str| {
                    edge.attrs
                        .iter()
                        .find(|(key, _)| *key == name)
                        .map(|(_, v)| v.as_str())
                };
                let (Some(id), Some(label)) = (attr("id"), attr("label")) else {
                    continue;
                };
                let Some(tie) = id.strip_prefix("tie").and_then(|n| n.parse::<usize>().ok()) else {
                    continue;
                };
                wider(widest.dates.entry(TieId::new(tie)).or_default(), label);
            }
            for node in &frame.nodes {
                if let Some(name) = node.label.text() {
                    wider(widest.names.entry(node.name.clone()).or_default(), name);
                }
            }
        }
        widest
    }
}
