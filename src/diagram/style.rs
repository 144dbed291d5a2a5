//! The visual language: colors per theme, line styles per relation, fills
//! per network, and how certainty and endings fade a tie; shapes per actor
//! kind are [`super::kinds`]'s, named here too.

use std::collections::BTreeMap;
use std::fmt;

use crate::model::{Confidence, Graph, LineForm, RelationId, RelationLook, Relations, Rgb};

#[cfg(doc)]
use super::contrast::FADED_CONTRAST;
use super::contrast::{least_alpha, legible, rgb, LINE_CONTRAST};
use super::Theme;

pub use super::kinds::{kind_look, kind_shape, kind_style, unsure_kind_style, KindLook};

/// The font every label uses; Graphviz falls back to a sans-serif if missing.
pub const FONT: &str = "Helvetica";
/// Point size of node labels. Every size is chosen so that once a view
/// of the (JNIM at one and two hops, AQIM at two, alliance and
/// hostility across the graph) is scaled onto a 16:9 slide, each kind of
/// text stays at or above its floor ([`super::fit::TextKind::floor`]):
/// the sizes keep about the floors' ratios, 14 : 12 : 10.
pub const NODE_FONT_SIZE: &str = "20";
/// Point size of edge labels (dates).
pub const EDGE_FONT_SIZE: &str = "18";
/// Point size of the title.
pub const TITLE_FONT_SIZE: &str = "22";
/// Point size of member boxes' labels (and the graph's default).
pub const LEGEND_FONT_SIZE: &str = "18";

/// The colors of one theme.
pub struct Palette {
    /// The slide behind everything.
    pub background: &'static str,
    /// Text: the title, labels, legend.
    pub text: &'static str,
    /// Date labels of ties drawn faded (ended, likely, possible): still
    /// 4.5:1 against the background, as WCAG asks of text.
    pub faded_text: &'static str,
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
    /// Relation colors, Okabe and Ito's set for color-blind viewers: the
    /// first four are allegiance, alliance, hostility and subgroup-of;
    /// declared relations take every color in each line form in turn.
    pub relations: [Rgb; RELATION_COLORS],
    /// Network fills, by the order tags first appear in the graph (cycled).
    pub networks: &'static [&'static str],
}

/// How many colors relations are told apart by.
pub const RELATION_COLORS: usize = 8;

const LIGHT: Palette = Palette {
    background: "#ffffff",
    text: "#1a1a1a",
    faded_text: "#595959",
    border: "#4d4d4d",
    focus_border: "#000000",
    cluster_border: "#8c8c8c",
    cluster_fill: "#f4f4f4",
    untagged: "#ffffff",
    // Okabe–Ito: black, blue, vermillion, a grey, bluish green, reddish
    // purple; its yellow (1.3:1 on white), orange and sky blue (2.3:1) are
    // too pale for a line on white, so an olive and a dark violet (Wong's
    // colour-blind set) stand for the last two: every colour is 3:1 or more.
    relations: [
        Rgb([0x00, 0x00, 0x00]),
        Rgb([0x00, 0x72, 0xb2]),
        Rgb([0xd5, 0x5e, 0x00]),
        Rgb([0x76, 0x76, 0x76]),
        Rgb([0x66, 0x66, 0x00]),
        Rgb([0x4b, 0x00, 0x92]),
        Rgb([0x00, 0x9e, 0x73]),
        Rgb([0xcc, 0x79, 0xa7]),
    ],
    networks: &[
        "#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462", "#b3de69", "#fccde5",
        "#bc80bd", "#ccebc5", "#ffed6f",
    ],
};

const DARK: Palette = Palette {
    background: "#1e1e1e",
    text: "#f0f0f0",
    faded_text: "#a6a6a6",
    border: "#bdbdbd",
    focus_border: "#ffffff",
    cluster_border: "#6e6e6e",
    cluster_fill: "#2a2a2a",
    untagged: "#3a3a3a",
    // Okabe–Ito on near-black: white for black, sky blue for the dark
    // blue. Its orange sat 32 ΔE from the vermillion (one colour at a
    // glance), so a light violet takes its place, and the grey is darker
    // to stand 40 apart from the white and the sky blue.
    relations: [
        Rgb([0xf0, 0xf0, 0xf0]),
        Rgb([0x56, 0xb4, 0xe9]),
        Rgb([0xe8, 0x6a, 0x10]),
        Rgb([0x80, 0x80, 0x80]),
        Rgb([0xb4, 0x8c, 0xff]),
        Rgb([0xf0, 0xe4, 0x42]),
        Rgb([0x00, 0x9e, 0x73]),
        Rgb([0xcc, 0x79, 0xa7]),
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
    /// The line of a tie of this confidence and state. Ended comes first:
    /// a possible tie that surely ended is dashed, as every ended tie is,
    /// and its fade (the faintest) says it was only possible.
    pub fn of(confidence: Confidence, state: TieState) -> LineStyle {
        match (confidence, state) {
            (_, TieState::Ended) => LineStyle::Dashed,
            (Confidence::Possible, _) | (_, TieState::Uncertain) => LineStyle::Dotted,
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
        (Confidence::Confirmed, TieState::Ended) => 0x99,
        (Confidence::Likely, TieState::Ended) => 0x73,
        (Confidence::Possible, TieState::Ended) => 0x4d,
    }
}

/// How far apart the fades of a confirmed, a likely and a possible ended
/// tie stand, where the opacity left above a colour's floor allows.
const ENDED_FADE_STEP: u8 = 0x26;

/// A color with an opacity, written `#rrggbbaa`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Color {
    /// The opaque color.
    pub rgb: Rgb,
    /// Opacity, 0 (invisible) to 255 (opaque).
    pub alpha: u8,
}

impl Color {
    /// `rgb` faded for a tie of this confidence and state, but no fainter
    /// than `least`. Ended ties share one line (dashed), so only their
    /// fade tells a possible, a likely and a confirmed one apart: raised
    /// to `least`, each stays a step above the one below it (raising each
    /// to `least` drew a likely and a possible ended tie alike). Solid and
    /// dotted lines differ by their line, and are only raised.
    pub fn faded_over(rgb: Rgb, confidence: Confidence, state: TieState, least: u8) -> Color {
        /// A fade a reader tells from the next on a projector: 15 %
        /// opacity (10 % read alike, 0.65 against 0.56, in a cold check).
        const STEP: u8 = ENDED_FADE_STEP;
        let alpha = match state {
            TieState::Ended => {
                // Near full opacity the steps shrink alike, so the
                // confirmed fade is not the only one squeezed.
                let lowest = least.max(alpha(Confidence::Possible, state));
                let step = STEP.min((0xff - lowest) / 2);
                let likely = alpha(Confidence::Likely, state).max(lowest.saturating_add(step));
                let confirmed =
                    alpha(Confidence::Confirmed, state).max(likely.saturating_add(step));
                match confidence {
                    Confidence::Possible => lowest,
                    Confidence::Likely => likely,
                    Confidence::Confirmed => confirmed,
                }
            }
            _ => alpha(confidence, state).max(least),
        };
        Color { rgb, alpha }
    }
}

impl fmt::Display for Color {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{:02x}", self.rgb, self.alpha)
    }
}

/// How a relation's edges look when confirmed and running: its color, line
/// form and ends tell it from every other relation drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RelationStyle {
    /// Opaque; faded per tie.
    pub color: Rgb,
    /// Drawn as two parallel lines.
    pub double: bool,
    /// Line width in points.
    pub penwidth: f64,
    /// Arrowhead for a directed relation; `None` for an undirected one.
    pub arrowhead: Option<&'static str>,
    /// A mark at both ends of an undirected relation, past the first family.
    pub ends: Option<&'static str>,
    /// The least opacity a faded tie of it is drawn with, so that its line
    /// keeps [`FADED_CONTRAST`] to the background.
    pub least_alpha: u8,
}

impl RelationStyle {
    /// Heavy enough that a legend sample draws it thick.
    pub fn is_thick(&self) -> bool {
        self.penwidth >= 2.5
    }

    /// What tells it apart from another relation: color, form, and the
    /// family of its ends (0 for the plain ones every relation starts
    /// with, so that a color and form is not reused for another arrowhead
    /// until every pair of them is taken).
    pub fn identity(&self) -> Identity {
        let family = DIRECTED_ENDS
            .iter()
            .position(|a| Some(*a) == self.arrowhead)
            .or_else(|| UNDIRECTED_ENDS.iter().position(|e| *e == self.ends))
            .unwrap_or(0);
        (self.color, self.form(), family)
    }

    /// Its line form.
    pub fn form(&self) -> LineForm {
        if self.double {
            LineForm::Double
        } else if self.is_thick() {
            LineForm::Thick
        } else {
            LineForm::Single
        }
    }
}

/// What tells relations apart: color, line form and family of ends.
pub type Identity = (Rgb, LineForm, usize);

/// Line width of each form.
fn penwidth(form: LineForm) -> f64 {
    match form {
        LineForm::Single => 2.0,
        LineForm::Double => 1.6,
        LineForm::Thick => 3.5,
    }
}

/// Arrowheads of directed relations, one per family of colors and forms.
const DIRECTED_ENDS: [&str; 4] = ["vee", "diamond", "dot", "box"];
/// Marks at both ends of undirected relations, one per family.
const UNDIRECTED_ENDS: [Option<&str>; 4] = [None, Some("odot"), Some("obox"), Some("odiamond")];

/// The look of every relation of a graph in one palette, chosen once: the
/// four built-ins fixed (allegiance black with an arrow, alliance blue and
/// double, hostility vermillion and thick, subgroup-of grey with an open
/// arrow), then each declared relation the first color and form no
/// relation has yet, in families of distinct ends once those run out. A
/// look the graph file sets is kept, and what it leaves out is chosen so.
pub struct RelationStyles {
    styles: Vec<RelationStyle>,
}

impl RelationStyles {
    /// The styles of `relations` in `palette`.
    pub fn of(palette: &Palette, relations: &Relations) -> RelationStyles {
        let colors = &palette.relations;
        let background = rgb(palette.background);
        let builtin = |color: usize, form: LineForm, arrow: &'static str| RelationStyle {
            color: colors[color],
            double: form == LineForm::Double,
            penwidth: penwidth(form),
            arrowhead: Some(arrow),
            ends: None,
            least_alpha: 0,
        };
        let mut styles: Vec<RelationStyle> = Vec::with_capacity(relations.len());
        let mut taken = std::collections::HashSet::new();
        for (id, relation) in relations.iter() {
            let directed = relation.directed;
            let fixed = match id {
                RelationId::ALLEGIANCE => Some(builtin(0, LineForm::Single, "normal")),
                RelationId::ALLIANCE => Some(builtin(1, LineForm::Double, "none")),
                RelationId::HOSTILITY => Some(builtin(2, LineForm::Thick, "none")),
                RelationId::SUBGROUP_OF => Some(builtin(3, LineForm::Single, "onormal")),
                _ => None,
            };
            let look = relation.look.clone().unwrap_or_default();
            let mut style = match fixed {
                Some(style) => style,
                None => choose(colors, &look, directed, &taken),
            };
            // A built-in's own look, where the file sets one, wins too.
            if fixed.is_some() {
                if let Some(color) = look.color {
                    style.color = color;
                }
                if let Some(form) = look.line {
                    style.double = form == LineForm::Double;
                    style.penwidth = penwidth(form);
                }
                if let Some(arrow) = look.arrow {
                    style.arrowhead = Some(arrow.as_str());
                }
            }
            if !directed {
                style.arrowhead = None;
            }
            // A colour the file sets too pale (or dark) for the theme is
            // darkened (or lightened) until the line is seen.
            style.color = legible(style.color, background, LINE_CONTRAST);
            style.least_alpha = least_alpha(style.color, background);
            taken.insert(style.identity());
            styles.push(style);
        }
        RelationStyles { styles }
    }

    /// The look of `relation`.
    pub fn get(&self, relation: RelationId) -> RelationStyle {
        self.styles[relation.index()]
    }
}

/// The first color, form and family `look` allows that no relation has
/// yet; when every one is taken, the first it allows.
fn choose(
    colors: &[Rgb; RELATION_COLORS],
    look: &RelationLook,
    directed: bool,
    taken: &std::collections::HashSet<Identity>,
) -> RelationStyle {
    let mut first = None;
    // Declared relations begin past the built-ins' colors, so the first
    // of them are told apart by color alone.
    let order = (4..RELATION_COLORS).chain(0..4);
    for family in 0..DIRECTED_ENDS.len() {
        for form in LineForm::ALL {
            for color in order.clone() {
                let (arrowhead, ends) = if directed {
                    (Some(DIRECTED_ENDS[family]), None)
                } else {
                    (None, UNDIRECTED_ENDS[family])
                };
                let style = RelationStyle {
                    color: look.color.unwrap_or(colors[color]),
                    double: look.line.unwrap_or(form) == LineForm::Double,
                    penwidth: penwidth(look.line.unwrap_or(form)),
                    arrowhead: look.arrow.map(|a| a.as_str()).or(arrowhead),
                    ends: if look.arrow.is_some() { None } else { ends },
                    least_alpha: 0,
                };
                if !taken.contains(&style.identity()) {
                    return style;
                }
                first.get_or_insert(style);
            }
        }
    }
    first.expect("at least one candidate")
}

/// The look of `relation`'s edges in `palette`.
pub fn relation_style(
    palette: &Palette,
    relations: &Relations,
    relation: RelationId,
) -> RelationStyle {
    RelationStyles::of(palette, relations).get(relation)
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
    /// A mark at both ends of an undirected relation, past the first family.
    pub ends: Option<&'static str>,
}

impl TieLook {
    /// The look of a tie of `relation` at this confidence and state.
    pub fn new(relation: &RelationStyle, confidence: Confidence, state: TieState) -> TieLook {
        TieLook {
            color: Color::faded_over(relation.color, confidence, state, relation.least_alpha),
            line: LineStyle::of(confidence, state),
            double: relation.double,
            penwidth: relation.penwidth,
            arrowhead: relation.arrowhead,
            ends: relation.ends,
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
    fn an_ended_ties_fade_keeps_its_confidence_over_any_floor() {
        use Confidence::*;
        for least in [0, 0x4d, 0x73, 0xa0, 0xc0] {
            let alphas: Vec<u8> = [Possible, Likely, Confirmed]
                .iter()
                .map(|&c| Color::faded_over(Rgb([0, 0, 0]), c, TieState::Ended, least).alpha)
                .collect();
            assert!(alphas[0] >= least, "{least}: {alphas:?}");
            // 15 % apart, or as far as full opacity leaves room for.
            let step = ENDED_FADE_STEP.min((0xff - least) / 2);
            assert!(
                alphas.windows(2).all(|w| w[1] >= w[0] + step),
                "{least}: {alphas:?}"
            );
        }
        // Unfloored, the fades are the table's.
        let ended = |c| Color::faded_over(Rgb([0, 0, 0]), c, TieState::Ended, 0).alpha;
        assert_eq!(
            [ended(Possible), ended(Likely), ended(Confirmed)],
            [0x4d, 0x73, 0x99]
        );
        let running = Color::faded_over(Rgb([0, 0, 0]), Likely, TieState::Running, 0xb0);
        assert_eq!(running.alpha, 0xb0);
    }

    #[test]
    fn a_tie_look_is_written_as_graphviz_reads_it() {
        let relations = Relations::default();
        let hostility = relation_style(&LIGHT, &relations, RelationId::HOSTILITY);
        let look = TieLook::new(&hostility, Confidence::Likely, TieState::Running);
        assert_eq!(look.color_list(), "#d55e00a6");
        assert_eq!(look.line.as_str(), "solid");
        assert_eq!(look.penwidth.to_string(), "3.5");
        assert_eq!(look.arrowhead, None);
        assert!(hostility.is_thick());

        let alliance = relation_style(&DARK, &relations, RelationId::ALLIANCE);
        let look = TieLook::new(&alliance, Confidence::Confirmed, TieState::Ended);
        // Raised over the dark slide's floor, two steps above the possible fade.
        assert_eq!(look.color_list(), "#56b4e9a4:invis:#56b4e9a4");
        assert_eq!(look.line, LineStyle::Dashed);
        assert_eq!(look.penwidth.to_string(), "1.6");
        assert!(!alliance.is_thick());

        let allegiance = relation_style(&LIGHT, &relations, RelationId::ALLEGIANCE);
        let look = TieLook::new(&allegiance, Confidence::Possible, TieState::Ended);
        assert_eq!(look.color.to_string(), "#0000004d");
        // Ended is the line; possible is the fade, the faintest.
        assert_eq!(look.line.as_str(), "dashed");
        let running = TieLook::new(&allegiance, Confidence::Possible, TieState::Running);
        assert_eq!(running.line.as_str(), "dotted");
        assert!(running.color.alpha > look.color.alpha);
        assert_eq!(look.penwidth.to_string(), "2");
        assert_eq!(look.arrowhead, Some("normal"));
    }

    fn declared(count: usize, look: impl Fn(usize) -> Option<RelationLook>) -> Relations {
        let mut relations = Relations::default();
        for i in 0..count {
            relations
                .declare(crate::model::Relation {
                    name: format!("r{i}"),
                    directed: i % 3 != 0,
                    note: None,
                    phrasing: None,
                    look: look(i),
                })
                .unwrap();
        }
        relations
    }

    #[test]
    fn every_relation_of_up_to_ninety_gets_a_look_of_its_own() {
        for palette in [&LIGHT, &DARK] {
            let relations = declared(90, |_| None);
            let styles = RelationStyles::of(palette, &relations);
            let mut seen = std::collections::HashMap::new();
            for (id, relation) in relations.iter() {
                let style = styles.get(id);
                let drawn = (style.identity(), style.arrowhead, style.ends);
                if let Some(other) = seen.insert(drawn, &relation.name) {
                    panic!("{} and {other} are drawn alike: {drawn:?}", relation.name);
                }
            }
            // The first declared relations differ from the built-ins by color.
            let first = styles.get(relations.find("r0").unwrap());
            assert!(!palette.relations[..4].contains(&first.color));
        }
    }

    #[test]
    fn a_look_the_file_sets_is_kept_and_the_palette_works_around_it() {
        let orange = palette(Theme::Light).relations[4];
        let relations = declared(3, |i| {
            (i == 2).then_some(RelationLook {
                color: Some(orange),
                line: Some(LineForm::Single),
                arrow: None,
            })
        });
        let styles = RelationStyles::of(&LIGHT, &relations);
        let set = styles.get(relations.find("r2").unwrap());
        assert_eq!((set.color, set.form()), (orange, LineForm::Single));
        // r0 came first and took orange; r2 asked for it too: both drawn
        // as asked, r1 works around them.
        let r1 = styles.get(relations.find("r1").unwrap());
        assert_ne!(r1.color, orange);
    }
}
