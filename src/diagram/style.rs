//! The visual language: colours per theme, line styles per relation, shapes
//! per actor kind, fills per network, and how certainty and endings fade a tie.

use crate::model::{ActorKind, Confidence, RelationId};

use super::Theme;

/// The font every label uses; Graphviz falls back to a sans-serif if missing.
pub const FONT: &str = "Helvetica";
/// Point sizes readable on a slide.
pub const NODE_FONT_SIZE: &str = "16";
pub const EDGE_FONT_SIZE: &str = "14";
pub const TITLE_FONT_SIZE: &str = "22";
pub const LEGEND_FONT_SIZE: &str = "14";

/// The colours of one theme.
pub struct Palette {
    pub background: &'static str,
    pub text: &'static str,
    pub border: &'static str,
    pub focus_border: &'static str,
    pub cluster_border: &'static str,
    pub cluster_fill: &'static str,
    /// Fill of an actor with no tag.
    pub untagged: &'static str,
    /// allegiance, alliance, hostility, subgroup-of (built-in order).
    pub builtin: [&'static str; 4],
    /// Declared relations, by declaration order (cycled).
    pub declared: &'static [&'static str],
    /// Network fills, by the order tags first appear in the graph (cycled).
    pub networks: &'static [&'static str],
    /// The neutral colour of legend samples for "ended", "likely", "possible".
    pub neutral: &'static str,
}

const LIGHT: Palette = Palette {
    background: "#ffffff",
    text: "#1a1a1a",
    border: "#4d4d4d",
    focus_border: "#000000",
    cluster_border: "#8c8c8c",
    cluster_fill: "#f4f4f4",
    untagged: "#ffffff",
    builtin: ["#1f5fbf", "#2e8b3e", "#c62828", "#6a4c93"],
    declared: &[
        "#d17a00", "#00838f", "#8d6e63", "#ad1457", "#546e7a", "#9e9d24",
    ],
    networks: &[
        "#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462", "#b3de69", "#fccde5",
        "#bc80bd", "#ccebc5", "#ffed6f",
    ],
    neutral: "#555555",
};

const DARK: Palette = Palette {
    background: "#1e1e1e",
    text: "#f0f0f0",
    border: "#bdbdbd",
    focus_border: "#ffffff",
    cluster_border: "#6e6e6e",
    cluster_fill: "#2a2a2a",
    untagged: "#3a3a3a",
    builtin: ["#6fa8ff", "#66cc77", "#ff6b6b", "#b39ddb"],
    declared: &[
        "#ffb74d", "#4dd0e1", "#bcaaa4", "#f06292", "#90a4ae", "#d4e157",
    ],
    networks: &[
        "#1b5e57", "#6b6b2a", "#4a4470", "#7a3530", "#2f5575", "#7a5420", "#4d6b24", "#74455e",
        "#5a3a5c", "#3f5f44", "#7a6a1f",
    ],
    neutral: "#bdbdbd",
};

pub fn palette(theme: Theme) -> &'static Palette {
    match theme {
        Theme::Light => &LIGHT,
        Theme::Dark => &DARK,
    }
}

/// How a relation's edges look when confirmed and ongoing.
pub struct RelationStyle {
    pub color: &'static str,
    /// Drawn as two parallel lines.
    pub double: bool,
    pub penwidth: &'static str,
    /// Arrowhead for directed relations.
    pub arrowhead: &'static str,
}

pub fn relation_style(palette: &Palette, relation: RelationId) -> RelationStyle {
    let index = relation.index();
    let color = if index < palette.builtin.len() {
        palette.builtin[index]
    } else {
        palette.declared[(index - palette.builtin.len()) % palette.declared.len()]
    };
    let (double, penwidth, arrowhead) = match relation {
        RelationId::ALLEGIANCE => (false, "1.8", "normal"),
        RelationId::ALLIANCE => (true, "1.6", "none"),
        RelationId::HOSTILITY => (false, "3", "none"),
        RelationId::SUBGROUP_OF => (false, "1.4", "onormal"),
        _ => (false, "2", "vee"),
    };
    RelationStyle {
        color,
        double,
        penwidth,
        arrowhead,
    }
}

/// Opacity (as two hex digits) for a tie of this confidence, fainter when ended.
pub fn alpha(confidence: Confidence, ended: bool) -> &'static str {
    match (confidence, ended) {
        (Confidence::Confirmed, false) => "ff",
        (Confidence::Likely, false) => "a6",
        (Confidence::Possible, false) => "73",
        (Confidence::Confirmed, true) => "8c",
        (Confidence::Likely, true) => "66",
        (Confidence::Possible, true) => "4d",
    }
}

/// The line style: possible ties dotted, ended ties dashed.
pub fn line_style(confidence: Confidence, ended: bool) -> &'static str {
    match (confidence, ended) {
        (Confidence::Possible, _) => "dotted",
        (_, true) => "dashed",
        _ => "solid",
    }
}

/// An edge colour: one colour, or two parallel lines for a double relation.
pub fn edge_color(base: &str, alpha: &str, double: bool) -> String {
    if double {
        format!("{base}{alpha}:invis:{base}{alpha}")
    } else {
        format!("{base}{alpha}")
    }
}

/// Graphviz node shape for an actor kind (never a record shape, so braces in
/// labels stay text).
pub fn kind_shape(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Group => "box",
        ActorKind::Faction => "tab",
        ActorKind::Coalition => "doubleoctagon",
        ActorKind::Militia => "hexagon",
        ActorKind::Community => "ellipse",
        ActorKind::State => "house",
        ActorKind::StateForce => "box3d",
        ActorKind::Pmc => "cds",
        ActorKind::Igo => "octagon",
        ActorKind::Person => "egg",
    }
}

/// Node style for an actor kind: groups get rounded corners.
pub fn kind_style(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Group => "rounded,filled",
        _ => "filled",
    }
}

/// The fill of the `index`th network (tag) of the graph.
pub fn network_fill(palette: &Palette, index: usize) -> &'static str {
    palette.networks[index % palette.networks.len()]
}
