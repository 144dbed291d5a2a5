//! Styling as the printer goes: a large diagram's nodes and edges are
//! styled one by one as they are printed ([`super::scene::build_deferred`]),
//! so their attributes are never all held at once.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Actor, ActorId, Confidence, Graph, Period, TieId, TieRef, Window};

use super::canvas::*;
use super::dates::{date_label, on_two_lines, DateLabels, TieDates};
use super::scene::*;
use super::style::{self, Palette, RelationStyles, TieLook, TieState};
use super::view::{ended_actors, tie_state, unsure_actors, View, ViewTime};
use super::DiagramSpec;

/// Styles actors' nodes for one scene: the networks' fills are numbered
/// once, then each actor is styled as it is printed.
pub(crate) struct NodeStyler<'g> {
    palette: &'static Palette,
    networks: BTreeMap<&'g str, usize>,
    focus: Option<ActorId>,
    /// The actors that may not exist at the view's time ([`unsure_actors`]).
    unsure: BTreeSet<ActorId>,
    /// The actors that ended before the view's day ([`ended_actors`]).
    ended: BTreeSet<ActorId>,
}

impl<'g> NodeStyler<'g> {
    /// The styler of `view`, the scene `spec` draws of `graph`.
    pub(crate) fn new(graph: &'g Graph, spec: &DiagramSpec, view: &View) -> NodeStyler<'g> {
        NodeStyler {
            palette: style::palette(spec.theme),
            networks: style::network_indexes(graph),
            focus: spec.focus,
            unsure: unsure_actors(graph, view, ViewTime::of(graph, &spec.filter)),
            ended: ended_actors(graph, view, ViewTime::of(graph, &spec.filter)),
        }
    }

    /// An actor's name as drawn: with a `?` when it may not exist at the
    /// view's time, as a tie's date that may not hold then ends in `?`.
    pub(crate) fn name(&self, graph: &Graph, id: ActorId) -> String {
        let name = &graph.actor(id).name;
        if self.unsure.contains(&id) {
            format!("{name}?")
        } else {
            name.clone()
        }
    }

    /// An actor's node attributes besides its label: its note or kind as a
    /// tooltip, its kind's shape, its first network's fill, the focus's border.
    pub(crate) fn attrs(&self, graph: &Graph, id: ActorId) -> Attrs {
        let actor = graph.actor(id);
        let unsure = self.unsure.contains(&id);
        let mut tooltip = actor
            .note
            .clone()
            .unwrap_or_else(|| format!("{} ({})", actor.name, actor.kind.describe()));
        let kind_style = if unsure {
            tooltip = format!("{}\n{tooltip}", existence_doubt(actor));
            style::unsure_kind_style(actor.kind)
        } else {
            style::kind_style(actor.kind)
        };
        let ended = self.ended.contains(&id);
        if let Some(end) = actor.active.and_then(|life| life.end).filter(|_| ended) {
            tooltip = format!(
                "ended {}, before the view's day\n{tooltip}",
                end.in_short_words()
            );
        }
        let mut attrs: Attrs = vec![
            ("tooltip", capped(tooltip)),
            ("shape", style::kind_shape(actor.kind).into()),
            ("style", kind_style.into()),
        ];
        let look = style::kind_look(actor.kind);
        if look.peripheries != 1 {
            attrs.push(("peripheries", look.peripheries.to_string()));
        }
        if let Some(margin) = look.margin {
            attrs.push(("margin", margin.into()));
        }
        let network = actor
            .tags
            .first()
            .and_then(|t| self.networks.get(t.as_str()));
        let fill = network.map_or(self.palette.untagged, |index| {
            style::network_fill(self.palette, *index)
        });
        if ended {
            // Faded, as an ended tie is: drawn as any other, it read as
            // still there (its ties alone said it had gone).
            attrs.push(("fillcolor", format!("{fill}{ENDED_FILL_ALPHA}")));
        } else if network.is_some() {
            attrs.push(("fillcolor", fill.into()));
        }
        if self.focus == Some(id) {
            attrs.push(("color", self.palette.focus_border.into()));
            attrs.push(("penwidth", "3".into()));
        } else if unsure {
            // A thin dotted outline is lost on a slide.
            attrs.push(("penwidth", "2".into()));
        }
        attrs
    }
}

/// The opacity of an ended actor's fill, as `#rrggbbaa` writes it: its
/// name stays black on the faded fill.
pub(crate) const ENDED_FILL_ALPHA: &str = "59";

/// The first line of the tooltip of an actor that may not exist at the
/// view's time, saying why: "may not exist then: began on or before 2021,
/// and none of its confirmed ties surely held then".
fn existence_doubt(actor: &Actor) -> String {
    let Period { start, end } = actor.active.unwrap_or_default();
    let dates: Vec<String> = start
        .map(|d| format!("began {}", d.in_words()))
        .into_iter()
        .chain(end.map(|d| format!("ended {}", d.in_words())))
        .collect();
    format!(
        "may not exist then: {}, and none of its confirmed ties surely held then",
        dates.join(", ")
    )
}

/// Styles ties' edges for one scene: the relations' looks are chosen once,
/// then each tie is styled as it is printed.
pub(crate) struct EdgeStyler<'s> {
    palette: &'static Palette,
    styles: RelationStyles,
    time: ViewTime,
    /// Where `dates changes` looks for starts and ends.
    changes_window: Window,
    dates: DateLabels,
    /// In a storyboard frame, the ties the previous frame did not draw.
    new: Option<&'s BTreeSet<TieId>>,
    /// The ties whose dates are drawn as a number, with their numbers.
    by_number: BTreeMap<TieId, usize>,
}

impl<'s> EdgeStyler<'s> {
    /// The styler of the scene `spec` draws of `graph`.
    pub(crate) fn new(graph: &Graph, spec: &DiagramSpec) -> EdgeStyler<'s> {
        let palette = style::palette(spec.theme);
        EdgeStyler {
            palette,
            styles: RelationStyles::of(palette, graph.relations()),
            time: ViewTime::of(graph, &spec.filter),
            changes_window: spec.changes_window.unwrap_or(spec.filter.window),
            dates: spec.dates,
            new: None,
            by_number: numbers(&spec.dates_by_number),
        }
    }

    /// Marks the ties in `new` as new since the previous frame.
    pub(crate) fn with_new(mut self, new: &'s BTreeSet<TieId>) -> EdgeStyler<'s> {
        self.new = Some(new);
        self
    }

    /// A tie's edge attributes: its relation as `class`, its dates, a
    /// tooltip, and its look at the view's time.
    pub(crate) fn attrs(&self, graph: &Graph, tie: TieRef<'_>) -> Attrs {
        let relations = graph.relations();
        let relation = self.styles.get(tie.tie.relation);
        let state = tie_state(graph, tie, self.time);
        let look = TieLook::new(&relation, tie.tie.confidence, state);
        let is_new = self.new.is_some_and(|new| new.contains(&tie.id));
        let mut attrs: Attrs = Vec::new();
        let mut class = vec![class_name(relations.name(tie.tie.relation))];
        class.extend(state_class(state));
        class.extend(
            (tie.tie.confidence != Confidence::Confirmed)
                .then(|| tie.tie.confidence.as_str().to_string()),
        );
        class.extend(is_new.then(|| "new".to_string()));
        attrs.push(("class", class.join(" ")));
        let dates = TieDates::of(graph, tie);
        let label = date_label(&dates, state, self.changes_window, self.dates);
        let label = label.map(|words| match self.by_number.get(&tie.id) {
            Some(&number) => number_mark(number),
            None => words,
        });
        let label = match (label, is_new) {
            (Some(text), true) => Some(format!("new: {text}")),
            (None, true) => Some("new".to_string()),
            (label, false) => label,
        };
        if let Some(label) = label {
            attrs.push(("label", on_two_lines(&label)));
            // A line from the label to its edge: with many edges near a
            // label, which one it dates is never left to the eye.
            attrs.push(("decorate", "true".into()));
        }
        let words =
            date_label(&dates, TieState::Running, Window::ALL, DateLabels::All).unwrap_or_default();
        let reason = dates.reason().map(|r| format!("; {r}")).unwrap_or_default();
        let mut tooltip = format!(
            "{} {} {}: {words} ({}{reason}), {}",
            graph.actor(tie.from).name,
            relations.name(tie.tie.relation),
            graph.actor(tie.to).name,
            tie.tie.span_label(),
            tie.tie.confidence
        );
        if let Some(note) = tie.tie.note() {
            tooltip.push('\n');
            tooltip.push_str(note);
        }
        let sources = tie.tie.sources();
        if !sources.is_empty() {
            tooltip.push_str("\nsources: ");
            tooltip.push_str(&source_ids(graph, sources.iter().copied()).replace(' ', ", "));
        }
        attrs.push(("tooltip", capped(tooltip)));
        if !sources.is_empty() {
            attrs.push(("sources", source_ids(graph, sources.iter().copied())));
        }
        attrs.push(("color", look.color_list()));
        attrs.push(("style", look.line.as_str().into()));
        let penwidth = if is_new {
            look.penwidth + 1.5
        } else {
            look.penwidth
        };
        attrs.push(("penwidth", penwidth.to_string()));
        match (look.arrowhead, look.ends) {
            (Some(arrowhead), _) => {
                attrs.push(("dir", "forward".into()));
                attrs.push(("arrowhead", arrowhead.into()));
            }
            (None, Some(ends)) => {
                attrs.push(("dir", "both".into()));
                attrs.push(("arrowhead", ends.into()));
                attrs.push(("arrowtail", ends.into()));
            }
            (None, None) => attrs.push(("dir", "none".into())),
        }
        // Faded lines, but never faded text: date labels stay 4.5:1.
        let text = if look.color.alpha == 0xff {
            self.palette.text
        } else {
            self.palette.faded_text
        };
        attrs.push(("fontcolor", text.into()));
        attrs
    }
}

/// The number of each tie whose dates `spec` draws as a number: its place
/// in the list, counted from 1 (a tie listed twice keeps its first).
pub(crate) fn numbers(dates_by_number: &[TieId]) -> BTreeMap<TieId, usize> {
    let mut numbers = BTreeMap::new();
    for &tie in dates_by_number {
        let next = numbers.len() + 1;
        numbers.entry(tie).or_insert(next);
    }
    numbers
}

/// `fit`'s crowded ties named with the number each is drawn as, if any
/// ("[3] JNIM allegiance al Qaeda: …"), as the picture shows them.
pub(crate) fn name_by_number(fit: &mut super::fit::Fit, dates_by_number: &[TieId]) {
    let numbers = numbers(dates_by_number);
    for (name, key) in fit.crowded_ties.iter_mut().zip(&fit.crowded_edges) {
        let number = super::scene::tie_of_key(key).and_then(|tie| numbers.get(&tie));
        if let Some(&number) = number {
            *name = format!("{} {name}", number_mark(number));
        }
    }
}

/// How a number stands for a tie's dates: on its edge, in the list and
/// in the export's note.
pub(crate) fn number_mark(number: usize) -> String {
    format!("[{number}]")
}

/// The list under the legend of the dates `spec` draws as numbers, in
/// their order: "[1] since Mar 2017", the very words the edge would carry;
/// numbers whose words are the same share them ("[5], [6], [9] by Feb
/// 2023"), as the list's lines shrink the whole picture. The number on the
/// edge names the tie (and its tooltip the tie in full): naming it here
/// too cost a picture a line, and its text a point.
pub(crate) fn dates_by_number(graph: &Graph, spec: &DiagramSpec) -> Vec<String> {
    dates_by_number_drawn(graph, spec, |_| true)
}

/// [`dates_by_number`], of the numbered ties `drawn` says the picture
/// draws: a storyboard numbers a tie in every frame by one number, and a
/// frame lists only its own.
pub(crate) fn dates_by_number_drawn(
    graph: &Graph,
    spec: &DiagramSpec,
    drawn: impl Fn(TieId) -> bool,
) -> Vec<String> {
    let time = ViewTime::of(graph, &spec.filter);
    let mut by_number: Vec<(usize, TieId)> = numbers(&spec.dates_by_number)
        .into_iter()
        .filter(|(t, _)| drawn(*t))
        .map(|(t, n)| (n, t))
        .collect();
    by_number.sort_unstable();
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    for (number, id) in by_number {
        let Some(tie) = graph.tie(id) else { continue };
        let state = tie_state(graph, tie, time);
        let window = spec.changes_window.unwrap_or(time.window);
        let Some(words) = date_label(&TieDates::of(graph, tie), state, window, spec.dates) else {
            continue;
        };
        match groups.iter_mut().find(|(said, _)| *said == words) {
            Some((_, numbers)) => numbers.push(number),
            None => groups.push((words, vec![number])),
        }
    }
    groups
        .into_iter()
        .map(|(words, numbers)| {
            let marks: Vec<String> = numbers.into_iter().map(number_mark).collect();
            format!("{} {words}", marks.join(", "))
        })
        .collect()
}

/// A relation's name as a CSS class: letters, digits, `-` and `_` kept,
/// anything else `_`, never starting with a digit or `-`.
pub(crate) fn class_name(name: &str) -> String {
    let mut class = word_chars(name);
    if !class.starts_with(|c: char| c.is_alphabetic() || c == '_') {
        class.insert(0, '_');
    }
    class
}

/// `text` with every character but letters, digits, `-` and `_` made `_`:
/// safe as a CSS class or a file name.
pub(crate) fn word_chars(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// The class that says how a tie stands on the view's day.
pub(super) fn state_class(state: TieState) -> Option<String> {
    match state {
        TieState::Running => None,
        TieState::Ended => Some("ended".into()),
        TieState::Uncertain => Some("uncertain".into()),
    }
}
