//! The visual language: colors per theme, line styles per relation, shapes
//! per actor kind, fills per network, and how certainty and endings fade a tie.

use std::collections::BTreeMap;
use std::fmt;

use crate::model::{ActorKind, Confidence, Graph, RelationId, Relations};

use super::Theme;

/// The font every label uses; Graphviz falls back to a sans-serif if missing.
pub const FONT: &str = "Helvetica";
/// Point size of node labels; every size is readable on a slide.
pub const NODE_FONT_SIZE: &str = "20";
/// Point size of edge labels.
pub const EDGE_FONT_SIZE: &str = "12";
/// Point size of the title.
pub const TITLE_FONT_SIZE: &str = "22";
/// Point size of the legend.
pub const LEGEND_FONT_SIZE: &str = "14";

/// The colors of one theme.
pub struct Palette {
    /// The slide behind everything.
    pub background: &'static str,
    /// Text: the title, labels, legend.
    pub text: &'static str,
    /// Node outlines.
    pub border: &'static str,
    /// The focus actor's outline.
    pub focus_border: &'static str,
    /// Outlines of clusters and the legend.
    pub cluster_border: &'static str,
    /// The fill of subgroup clusters.
    pub cluster_fill: &'static str,
    /// Fill of an actor with no tag.
    pub untagged: &'static str,
    /// allegiance, alliance, hostility, subgroup-of (built-in order).
    pub builtin: [&'static str; 4],
    /// Declared relations, by declaration order (cycled).
    pub declared: &'static [&'static str],
    /// Network fills, by the order tags first appear in the graph (cycled).
    pub networks: &'static [&'static str],
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
};

/// The palette of `theme`.
pub fn palette(theme: Theme) -> &'static Palette {
    match theme {
        Theme::Light => &LIGHT,
        Theme::Dark => &DARK,
    }
}

/// Whether a tie still runs on the day a view shows, or had surely ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TieState {
    /// Surely held in the view's window and not over by its day.
    Running,
    /// Its dates leave open whether it held in the view's window.
    Uncertain,
    /// Surely over by the view's day.
    Ended,
}

/// How a line is drawn: possible ties, and ties that may not have held
/// then, dotted; ended ties dashed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineStyle {
    Solid,
    Dashed,
    Dotted,
}

impl LineStyle {
    /// The line of a tie of this confidence and state.
    pub fn of(confidence: Confidence, state: TieState) -> LineStyle {
        match (confidence, state) {
            (Confidence::Possible, _) | (_, TieState::Uncertain) => LineStyle::Dotted,
            (_, TieState::Ended) => LineStyle::Dashed,
            _ => LineStyle::Solid,
        }
    }

    /// The Graphviz `style` value.
    pub fn as_str(self) -> &'static str {
        match self {
            LineStyle::Solid => "solid",
            LineStyle::Dashed => "dashed",
            LineStyle::Dotted => "dotted",
        }
    }
}

/// Opacity for a tie of this confidence, fainter when ended.
pub fn alpha(confidence: Confidence, state: TieState) -> u8 {
    match (confidence, state) {
        (Confidence::Confirmed, TieState::Running | TieState::Uncertain) => 0xff,
        (Confidence::Likely, TieState::Running | TieState::Uncertain) => 0xa6,
        (Confidence::Possible, TieState::Running | TieState::Uncertain) => 0x73,
        (Confidence::Confirmed, TieState::Ended) => 0x8c,
        (Confidence::Likely, TieState::Ended) => 0x66,
        (Confidence::Possible, TieState::Ended) => 0x4d,
    }
}

/// A palette color with an opacity, written `#rrggbbaa`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Color {
    /// `#rrggbb`, from a [`Palette`].
    pub rgb: &'static str,
    /// Opacity, 0 (invisible) to 255 (opaque).
    pub alpha: u8,
}

impl Color {
    /// `rgb` faded for a tie of this confidence and state.
    pub fn faded(rgb: &'static str, confidence: Confidence, state: TieState) -> Color {
        Color {
            rgb,
            alpha: alpha(confidence, state),
        }
    }
}

impl fmt::Display for Color {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{:02x}", self.rgb, self.alpha)
    }
}

/// How a relation's edges look when confirmed and running.
pub struct RelationStyle {
    /// `#rrggbb`, opaque; faded per tie.
    pub color: &'static str,
    /// Drawn as two parallel lines.
    pub double: bool,
    /// Line width in points.
    pub penwidth: f64,
    /// Arrowhead for a directed relation; `None` for an undirected one.
    pub arrowhead: Option<&'static str>,
}

impl RelationStyle {
    /// Heavy enough that a legend sample draws it thick.
    pub fn is_thick(&self) -> bool {
        self.penwidth >= 2.5
    }
}

/// The look of `relation`'s edges in `palette`.
pub fn relation_style(
    palette: &Palette,
    relations: &Relations,
    relation: RelationId,
) -> RelationStyle {
    let index = relation.index();
    let color = if index < palette.builtin.len() {
        palette.builtin[index]
    } else {
        palette.declared[(index - palette.builtin.len()) % palette.declared.len()]
    };
    let (double, penwidth, arrowhead) = match relation {
        RelationId::ALLEGIANCE => (false, 1.8, "normal"),
        RelationId::ALLIANCE => (true, 1.6, "none"),
        RelationId::HOSTILITY => (false, 3.0, "none"),
        RelationId::SUBGROUP_OF => (false, 1.4, "onormal"),
        _ => (false, 2.0, "vee"),
    };
    RelationStyle {
        color,
        double,
        penwidth,
        arrowhead: relations.is_directed(relation).then_some(arrowhead),
    }
}

/// How one tie is drawn, chosen once from its relation, confidence and
/// state; written out as text only when the edge's attributes are.
pub struct TieLook {
    /// The relation's color, faded for confidence and state.
    pub color: Color,
    /// Solid, dashed or dotted.
    pub line: LineStyle,
    /// Drawn as two parallel lines.
    pub double: bool,
    /// Line width in points.
    pub penwidth: f64,
    /// Arrowhead for a directed relation; `None` for an undirected one.
    pub arrowhead: Option<&'static str>,
}

impl TieLook {
    /// The look of a tie of `relation` at this confidence and state.
    pub fn new(relation: &RelationStyle, confidence: Confidence, state: TieState) -> TieLook {
        TieLook {
            color: Color::faded(relation.color, confidence, state),
            line: LineStyle::of(confidence, state),
            double: relation.double,
            penwidth: relation.penwidth,
            arrowhead: relation.arrowhead,
        }
    }

    /// The Graphviz `color` value: one color, or two parallel lines.
    pub fn color_list(&self) -> String {
        if self.double {
            format!("{0}:invis:{0}", self.color)
        } else {
            self.color.to_string()
        }
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

/// Each first tag (network) of the graph with its order of first appearance,
/// so a network keeps its fill in every view of the same graph.
pub fn network_indexes(graph: &Graph) -> BTreeMap<&str, usize> {
    let mut indexes: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, actor) in graph.actors() {
        if let Some(tag) = actor.tags.first() {
            let next = indexes.len();
            indexes.entry(tag.as_str()).or_insert(next);
        }
    }
    indexes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tie_look_is_written_as_graphviz_reads_it() {
        let relations = Relations::default();
        let hostility = relation_style(&LIGHT, &relations, RelationId::HOSTILITY);
        let look = TieLook::new(&hostility, Confidence::Likely, TieState::Running);
        assert_eq!(look.color_list(), "#c62828a6");
        assert_eq!(look.line.as_str(), "solid");
        assert_eq!(look.penwidth.to_string(), "3");
        assert_eq!(look.arrowhead, None);
        assert!(hostility.is_thick());

        let alliance = relation_style(&DARK, &relations, RelationId::ALLIANCE);
        let look = TieLook::new(&alliance, Confidence::Confirmed, TieState::Ended);
        assert_eq!(look.color_list(), "#66cc778c:invis:#66cc778c");
        assert_eq!(look.line, LineStyle::Dashed);
        assert_eq!(look.penwidth.to_string(), "1.6");
        assert!(!alliance.is_thick());

        let allegiance = relation_style(&LIGHT, &relations, RelationId::ALLEGIANCE);
        let look = TieLook::new(&allegiance, Confidence::Possible, TieState::Ended);
        assert_eq!(look.color.to_string(), "#1f5fbf4d");
        assert_eq!(look.line.as_str(), "dotted");
        assert_eq!(look.penwidth.to_string(), "1.8");
        assert_eq!(look.arrowhead, Some("normal"));
    }
}
