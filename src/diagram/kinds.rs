//! How an actor's node is drawn by its kind: a Graphviz shape, the glyph
//! the legend's "Shape" line shows for it, and its outline's style.

use crate::model::ActorKind;

/// How an actor kind's node is drawn, and the glyph the legend's "Shape"
/// line shows for it: an HTML-like label cannot draw node shapes, so each
/// kind gets a Graphviz shape a common glyph depicts (same outline, same
/// corners, as many rings), and no two kinds look alike on a slide.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KindLook {
    /// Graphviz node shape (never a record shape, so braces stay text).
    pub shape: &'static str,
    /// Outlines drawn around the node: 2 for a double ring.
    pub peripheries: u8,
    /// The legend's picture of the shape.
    pub glyph: &'static str,
    /// Room round the name, in inches (x,y), where the shape's own
    /// corners eat into Graphviz's: `None` keeps the default.
    pub margin: Option<&'static str>,
}

/// The look of an actor kind's nodes.
pub fn kind_look(kind: ActorKind) -> KindLook {
    let look = |shape, peripheries, glyph| KindLook {
        shape,
        peripheries,
        glyph,
        margin: None,
    };
    // A name set in these touched the outline on a slide (cold check:
    // "Ironbridge Security", "Keranor Armed Forces"): the box's raised
    // top and the arrow's point take room the default margin gives.
    let roomy = |look: KindLook, margin| KindLook {
        margin: Some(margin),
        ..look
    };
    match kind {
        // Rounded corners: see kind_style.
        ActorKind::Group => look("box", 1, "\u{25a2}"),
        // Square corners, against a group's rounded ones: a dashed
        // outline read as ended or unsure beside dashed ended ties and
        // dotted unsure actors (cold check).
        ActorKind::Faction => look("box", 1, "\u{25a1}"),
        ActorKind::Coalition => look("box", 2, "\u{25a3}"),
        ActorKind::Militia => look("hexagon", 1, "\u{2b21}"),
        ActorKind::Community => look("ellipse", 1, "\u{25cb}"),
        ActorKind::State => look("house", 1, "\u{2302}"),
        ActorKind::StateForce => roomy(look("box3d", 1, "\u{2752}"), "0.12,0.1"),
        ActorKind::Pmc => roomy(look("cds", 1, "\u{25bb}"), "0.3,0.1"),
        ActorKind::Igo => look("pentagon", 1, "\u{2b20}"),
        ActorKind::Person => look("ellipse", 2, "\u{25ce}"),
    }
}

/// Graphviz node shape for an actor kind.
pub fn kind_shape(kind: ActorKind) -> &'static str {
    kind_look(kind).shape
}

/// Node style for an actor kind: groups get rounded corners, factions (a
/// part of a movement) square ones. No kind is dashed or dotted: those
/// say a tie ended or an actor may not exist then.
pub fn kind_style(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Group => "rounded,filled",
        _ => "filled",
    }
}

/// Node style for an actor of `kind` that may not exist at the view's time:
/// dotted, as a tie that may not hold then is.
pub fn unsure_kind_style(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Group => "rounded,dotted,filled",
        _ => "dotted,filled",
    }
}
