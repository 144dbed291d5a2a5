//! The legend: the relations and tie states a view draws, its networks and
//! its kinds of actor, and nothing it does not draw, stacked in one column
//! of slots at the side of the diagram.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{ActorKind, Confidence, Graph, RelationId};

use super::canvas::{Attrs, Cluster, Item, Key, Label, Scene, SceneEdge, SceneNode};
use super::html::{Cell, Html, Sample, Table};
use super::style::{self, Color, LineStyle, Palette, TieLook, TieState};
use super::view::{tie_state, View, ViewTime};

/// A way a tie can be drawn besides confirmed and running, which the legend
/// explains with a neutral sample.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Marker {
    /// Surely over by the view's day: dashed and faded.
    Ended,
    /// Likely: faded.
    Likely,
    /// Possible: dotted and fainter.
    Possible,
    /// Its dates leave open whether it held then: dotted.
    Uncertain,
    /// In a storyboard, not in the previous frame: thicker.
    New,
}

impl Marker {
    /// The legend's name for it.
    fn label(self) -> &'static str {
        match self {
            Marker::Ended => "ended",
            Marker::Likely => "likely",
            Marker::Possible => "possible",
            Marker::Uncertain => "may not hold then (?)",
            Marker::New => "new since the last frame",
        }
    }

    /// The confidence and state its sample is drawn at.
    fn drawn_as(self) -> (Confidence, TieState) {
        match self {
            Marker::Ended => (Confidence::Confirmed, TieState::Ended),
            Marker::Likely => (Confidence::Likely, TieState::Running),
            Marker::Possible => (Confidence::Possible, TieState::Running),
            Marker::Uncertain => (Confidence::Confirmed, TieState::Uncertain),
            Marker::New => (Confidence::Confirmed, TieState::Running),
        }
    }
}

/// What a legend explains: only what its view draws.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Contents<'g> {
    /// Relations of the view's ties.
    pub relations: BTreeSet<RelationId>,
    /// Ways the view's ties are drawn besides confirmed and running.
    pub markers: BTreeSet<Marker>,
    /// Kinds of the view's actors.
    pub kinds: BTreeSet<ActorKind>,
    /// The view's networks (first tags), with their fill index.
    pub networks: BTreeSet<(usize, &'g str)>,
}

impl<'g> Contents<'g> {
    /// What `view` draws at `time`, with `networks` the graph's fill indexes.
    pub fn of(
        graph: &'g Graph,
        view: &View,
        networks: &BTreeMap<&str, usize>,
        time: ViewTime,
    ) -> Contents<'g> {
        let mut contents = Contents::default();
        for tie in view.ties.iter().filter_map(|t| graph.tie(*t)) {
            contents.relations.insert(tie.tie.relation);
            match tie_state(graph, tie, time) {
                TieState::Ended => contents.markers.insert(Marker::Ended),
                TieState::Uncertain => contents.markers.insert(Marker::Uncertain),
                TieState::Running => false,
            };
            match tie.tie.confidence {
                Confidence::Likely => contents.markers.insert(Marker::Likely),
                Confidence::Possible => contents.markers.insert(Marker::Possible),
                Confidence::Confirmed => false,
            };
        }
        for &actor in &view.actors {
            let actor = graph.actor(actor);
            contents.kinds.insert(actor.kind);
            if let Some(tag) = actor.tags.first() {
                if let Some(index) = networks.get(tag.as_str()) {
                    contents.networks.insert((*index, tag.as_str()));
                }
            }
        }
        contents
    }

    /// Adds what `other` explains, for one legend over many frames.
    pub fn merge(&mut self, other: Contents<'g>) {
        self.relations.extend(other.relations);
        self.markers.extend(other.markers);
        self.kinds.extend(other.kinds);
        self.networks.extend(other.networks);
    }
}

/// Adds the legend of `contents` to `scene`, as a cluster of slots held one
/// below the other; nothing when there is nothing to explain.
pub fn add(graph: &Graph, scene: &mut Scene, contents: &Contents<'_>, palette: &Palette) {
    if contents.relations.is_empty() && contents.kinds.is_empty() {
        return;
    }
    let mut column = Column {
        scene,
        palette,
        count: 0,
        slots: Vec::new(),
    };

    // The legend is a column of slots, one rank each, so that no slot is
    // taller than a row of the diagram and the column sits beside it
    // without stretching its ranks: two rows of two tie entries, two rows
    // of two networks, or two kind samples side by side.
    let relations = graph.relations();
    let mut ties: Vec<(Vec<Cell>, String)> = Vec::new();
    for relation in &contents.relations {
        let rel = style::relation_style(palette, relations, *relation);
        let look = TieLook::new(&rel, Confidence::Confirmed, TieState::Running);
        let sample = Sample {
            color: look.color,
            line: look.line,
            double: look.double,
            arrow: look.arrowhead.is_some(),
            thick: rel.is_thick(),
        };
        let name = relations.name(*relation).to_string();
        ties.push((vec![Cell::Sample(sample), Cell::Text(name.clone())], name));
    }
    for marker in &contents.markers {
        let (confidence, state) = marker.drawn_as();
        let sample = Sample {
            color: Color::faded(palette.neutral, confidence, state),
            line: LineStyle::of(confidence, state),
            double: false,
            arrow: false,
            thick: *marker == Marker::New,
        };
        let name = marker.label().to_string();
        ties.push((vec![Cell::Sample(sample), Cell::Text(name.clone())], name));
    }
    column.tables("ties", "Ties", &ties);
    let chips: Vec<(Vec<Cell>, String)> = contents
        .networks
        .iter()
        .map(|(index, tag)| {
            let chip = Cell::Chip {
                fill: style::network_fill(palette, *index),
                text: (*tag).to_string(),
            };
            (vec![chip], (*tag).to_string())
        })
        .collect();
    column.tables("networks", "Networks", &chips);
    let kinds: Vec<ActorKind> = contents.kinds.iter().copied().collect();
    for pair in kinds.chunks(2) {
        let slot = pair.iter().map(|kind| column.kind_sample(*kind)).collect();
        column.slots.push(slot);
    }
    column.finish();
}

/// The legend's column as it is built: its nodes go into `scene`, one slot
/// (a list of nodes sharing a rank) at a time.
struct Column<'s> {
    scene: &'s mut Scene,
    palette: &'s Palette,
    /// Legend nodes made so far, for their keys.
    count: usize,
    slots: Vec<Vec<usize>>,
}

impl Column<'_> {
    /// Adds a legend node, returning its index.
    fn node(&mut self, name: String, label: Label, attrs: Attrs) -> usize {
        let index = self.scene.nodes.len();
        self.scene.nodes.push(SceneNode {
            key: Key::Legend(self.count),
            name: format!("legend:{name}"),
            label,
            attrs,
        });
        self.count += 1;
        index
    }

    /// One slot per four entries (cells and a name), as a table of two rows
    /// of two, named `what:n` with the tooltip "Heading: names".
    fn tables(&mut self, what: &str, heading: &str, entries: &[(Vec<Cell>, String)]) {
        for (n, chunk) in entries.chunks(4).enumerate() {
            let names: Vec<&str> = chunk.iter().map(|(_, name)| name.as_str()).collect();
            let rows = chunk
                .chunks(2)
                .map(|pair| pair.iter().flat_map(|(cells, _)| cells.clone()).collect())
                .collect();
            let node = self.node(
                format!("{what}:{n}"),
                Label::Html(self.table(rows)),
                vec![
                    ("tooltip", format!("{heading}: {}", names.join(", "))),
                    ("shape", "plain".into()),
                    ("style", "solid".into()),
                ],
            );
            self.slots.push(vec![node]);
        }
    }

    /// A legend table of `rows` in the legend's font.
    fn table(&self, rows: Vec<Vec<Cell>>) -> Html {
        Table {
            font: style::FONT,
            size: style::LEGEND_FONT_SIZE,
            text_color: self.palette.text,
            rows,
        }
        .build()
    }

    /// A small node drawn as actors of `kind` are.
    fn kind_sample(&mut self, kind: ActorKind) -> usize {
        self.node(
            format!("kind:{}", kind.as_str()),
            Label::Text(kind.describe().to_string()),
            vec![
                ("tooltip", kind.describe().to_string()),
                ("shape", style::kind_shape(kind).into()),
                ("style", style::kind_style(kind).into()),
                ("fontsize", style::LEGEND_FONT_SIZE.into()),
                ("margin", "0.06,0.03".into()),
            ],
        )
    }

    /// Holds the slots one below the other with invisible edges, and adds
    /// them to the scene as the legend's cluster.
    fn finish(self) {
        let Column {
            scene,
            palette,
            slots,
            ..
        } = self;
        let invisible = || -> Attrs { vec![("style", "invis".into()), ("dir", "none".into())] };
        for pair in slots.windows(2) {
            scene.edges.push(SceneEdge {
                from: pair[0][0],
                to: pair[1][0],
                attrs: invisible(),
            });
        }
        let mut items = Vec::new();
        for (n, slot) in slots.iter().enumerate() {
            if let [node] = slot.as_slice() {
                items.push(Item::Node(*node));
                continue;
            }
            for pair in slot.windows(2) {
                scene.edges.push(SceneEdge {
                    from: pair[0],
                    to: pair[1],
                    attrs: invisible(),
                });
            }
            items.push(Item::Rank {
                name: format!("legend:row{n}"),
                rank: "same",
                items: slot.iter().map(|i| Item::Node(*i)).collect(),
            });
        }
        scene.items.push(Item::Cluster(Cluster {
            name: "cluster:legend".into(),
            attrs: vec![
                ("label", "Legend".into()),
                ("tooltip", "Legend".into()),
                ("fontsize", style::LEGEND_FONT_SIZE.into()),
                ("style", "rounded".into()),
                ("color", palette.cluster_border.into()),
                ("penwidth", "1".into()),
            ],
            items,
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagram::canvas::Scene;
    use crate::diagram::scene;
    use crate::diagram::sketch::Sketch;
    use crate::diagram::{cluster::Nesting, DiagramSpec};
    use crate::model::{ActorId, PartialDate, TieFilter, Window};

    /// a (group, net1) allied with b (state, net2) and, until 2015, likely
    /// hostile to c (pmc); c possibly gave allegiance to d (igo, net3),
    /// which a one-hop view of a does not draw.
    fn sketch() -> (Graph, ActorId) {
        let mut s = Sketch::new("Legend");
        let a = s.actor("a", ActorKind::Group, Some("net1"));
        let b = s.actor("b", ActorKind::State, Some("net2"));
        let c = s.actor("c", ActorKind::Pmc, None);
        let d = s.actor("d", ActorKind::Igo, Some("net3"));
        s.tie(
            a,
            b,
            RelationId::ALLIANCE,
            (Some(2010), None),
            Confidence::Confirmed,
        );
        s.tie(
            a,
            c,
            RelationId::HOSTILITY,
            (Some(2010), Some(2015)),
            Confidence::Likely,
        );
        s.tie(
            c,
            d,
            RelationId::ALLEGIANCE,
            (Some(2010), None),
            Confidence::Possible,
        );
        (s.graph, a)
    }

    /// 2010 to 2020, drawn as of the end of 2020.
    fn decade() -> TieFilter {
        let year = |y| PartialDate::year(y).unwrap();
        TieFilter::default().during(Window::new(year(2010).first_day(), year(2020).last_day()))
    }

    fn scene_of(graph: &Graph, spec: &DiagramSpec) -> Scene {
        let view = View::select(graph, spec, &spec.filter);
        scene::build(graph, spec, &view, Nesting::Subgroups)
    }

    fn legend_nodes(scene: &Scene) -> Vec<(String, String)> {
        scene
            .nodes
            .iter()
            .filter(|n| matches!(n.key, Key::Legend(_)))
            .map(|n| {
                let tooltip = n.attrs.iter().find(|(k, _)| *k == "tooltip").unwrap();
                (n.name.clone(), tooltip.1.clone())
            })
            .collect()
    }

    #[test]
    fn the_legend_lists_only_what_the_view_draws() {
        let (graph, a) = sketch();
        let spec = DiagramSpec {
            focus: Some(a),
            depth: 1,
            filter: decade(),
            ..DiagramSpec::default()
        };
        let view = View::select(&graph, &spec, &spec.filter);
        let networks = style::network_indexes(&graph);
        let time = ViewTime::of(&graph, &spec.filter);
        let contents = Contents::of(&graph, &view, &networks, time);
        assert_eq!(
            contents.relations,
            BTreeSet::from([RelationId::ALLIANCE, RelationId::HOSTILITY])
        );
        assert_eq!(
            contents.markers,
            BTreeSet::from([Marker::Ended, Marker::Likely])
        );
        assert_eq!(
            contents.kinds,
            BTreeSet::from([ActorKind::Group, ActorKind::State, ActorKind::Pmc])
        );
        assert_eq!(
            contents.networks,
            BTreeSet::from([(0, "net1"), (1, "net2")])
        );

        assert_eq!(
            legend_nodes(&scene_of(&graph, &spec)),
            [
                ("legend:ties:0", "Ties: alliance, hostility, ended, likely"),
                ("legend:networks:0", "Networks: net1, net2"),
                ("legend:kind:group", "armed group"),
                ("legend:kind:state", "state"),
                ("legend:kind:pmc", "private military company"),
            ]
            .map(|(n, t)| (n.to_string(), t.to_string()))
        );
    }

    #[test]
    fn the_whole_graph_adds_what_the_focus_left_out() {
        let (graph, _) = sketch();
        let spec = DiagramSpec {
            filter: decade(),
            ..DiagramSpec::default()
        };
        let nodes = legend_nodes(&scene_of(&graph, &spec));
        let tooltips: Vec<&str> = nodes.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(tooltips[0], "Ties: allegiance, alliance, hostility, ended");
        assert_eq!(tooltips[1], "Ties: likely, possible");
        assert_eq!(tooltips[2], "Networks: net1, net2, net3");
        assert_eq!(tooltips.len(), 3 + 4, "{tooltips:?}");
    }

    #[test]
    fn an_empty_view_has_no_legend() {
        let graph = Sketch::new("Empty").graph;
        let scene = scene_of(&graph, &DiagramSpec::default());
        assert!(scene.nodes.is_empty());
        assert!(scene.items.is_empty());
    }
}
