//! The part of a graph an export writes, and the pieces every writer shares:
//! the [`Selection`] of actors and ties, the [`Column`] lists that define a
//! table's header and its cells in one place, and the cells themselves.
//!
//! Nothing here is read by another tool directly; the writers beside this
//! file turn it into CSV, JSON, GraphML, GEXF and Cypher.

use std::collections::BTreeSet;

use crate::model::time::{DAY_MAX, DAY_MIN};
use crate::model::{Actor, ActorId, EventSpec, Graph, PartialDate, TieId, TieRef};

/// The selection, in graph order, with every tie's ends included.
pub(super) struct Selection<'g> {
    /// The graph the actors and ties belong to.
    pub graph: &'g Graph,
    /// The chosen actors and the ends of the chosen ties, in id order.
    pub actors: Vec<ActorId>,
    /// The chosen ties that exist, in id order.
    pub ties: Vec<TieRef<'g>>,
}

impl<'g> Selection<'g> {
    /// The selection of `ties` and `actors` in `graph`; ids the graph lacks
    /// are dropped, and the ends of every tie are added.
    pub fn new(graph: &'g Graph, ties: &[TieId], actors: &[ActorId]) -> Self {
        let ties: BTreeSet<TieId> = ties.iter().copied().collect();
        let ties: Vec<TieRef<'g>> = ties.into_iter().filter_map(|t| graph.tie(t)).collect();
        let mut chosen: BTreeSet<ActorId> = actors
            .iter()
            .copied()
            .filter(|a| graph.get_actor(*a).is_some())
            .collect();
        for tie in &ties {
            chosen.insert(tie.from);
            chosen.insert(tie.to);
        }
        Selection {
            graph,
            actors: chosen.into_iter().collect(),
            ties,
        }
    }

    /// The selected actors themselves, in order.
    pub fn actors(&self) -> impl Iterator<Item = &'g Actor> + '_ {
        self.actors.iter().map(|a| self.graph.actor(*a))
    }

    /// The name of a tie's relation.
    pub fn relation(&self, tie: &TieRef<'_>) -> &str {
        self.graph.relations().name(tie.tie.relation)
    }

    /// Whether a tie's relation is directed.
    pub fn directed(&self, tie: &TieRef<'_>) -> bool {
        self.graph.relations().is_directed(tie.tie.relation)
    }

    /// Whether the selection is an undirected graph: it has ties and every
    /// one is symmetric. A graph reader such as networkx takes one kind of
    /// edge a graph, so only then can the XML formats write undirected edges.
    pub fn undirected(&self) -> bool {
        !self.ties.is_empty() && self.ties.iter().all(|t| !self.directed(t))
    }

    /// An actor's id, as the exports name it.
    pub fn id(&self, actor: ActorId) -> &str {
        &self.graph.actor(actor).id
    }

    /// The ids of a tie's sources.
    pub fn source_ids(&self, tie: &TieRef<'_>) -> Vec<&str> {
        self.graph.source_ids(tie.tie).collect()
    }

    /// Source ids joined with `;`, for tools that read the list as text.
    pub fn sources(&self, tie: &TieRef<'_>) -> String {
        self.source_ids(tie).join(";")
    }

    /// The events whose actors are all in the selection, as written.
    pub fn events(&self) -> impl Iterator<Item = EventSpec> + '_ {
        self.graph
            .events()
            .iter()
            .filter(|e| e.actors.iter().all(|a| self.actors.contains(a)))
            .map(|e| self.graph.event_spec(e))
    }
}

/// A date as the exports write it; empty when unknown.
pub(super) fn date(date: Option<PartialDate>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

/// The earliest (`first`) or latest day a date can be, as `YYYY-MM-DD`, for
/// tools that compare full dates: `2017-03` is 2017-03-01 to 2017-03-31.
/// Empty when the date is unknown or that side is open (`[..2015]` has no
/// earliest day).
pub(super) fn bound(date: Option<PartialDate>, first: bool) -> String {
    let Some(date) = date else {
        return String::new();
    };
    let day = if first {
        date.first_day()
    } else {
        date.last_day()
    };
    if day == DAY_MIN || day == DAY_MAX {
        String::new()
    } else {
        PartialDate::from_day(day).to_string()
    }
}

/// One column of an exported table, or one key of an XML format: the name
/// its header spells and how one item's cell is read. A writer reads its
/// header and its rows from the same list, so the two cannot drift apart.
pub(super) struct Column<C> {
    /// The header cell (or key, or attribute title).
    pub name: &'static str,
    /// How an item's cell is read: an [`ActorCell`], a [`TieCell`] or a
    /// function of the table's own item.
    pub cell: C,
}

impl<C> Column<C> {
    /// A column named `name` whose cells `cell` reads.
    pub const fn new(name: &'static str, cell: C) -> Self {
        Column { name, cell }
    }
}

/// How the cell of an item of type `T` is read; empty when it has no value.
pub(super) type Cell<T> = fn(&T) -> String;

/// How an actor's cell is read; empty when the actor has no value.
pub(super) type ActorCell = Cell<Actor>;

/// How a tie's cell is read; empty when the tie has no value.
pub(super) type TieCell = fn(&Selection<'_>, &TieRef<'_>) -> String;

/// The actor cells more than one writer uses. Lists are joined with `;` as
/// they stand: for tools that read them as text, not back into actorgraph.
pub(super) mod actor {
    use crate::model::Actor;

    /// The actor's id.
    pub fn id(actor: &Actor) -> String {
        actor.id.clone()
    }

    /// The actor's display name.
    pub fn name(actor: &Actor) -> String {
        actor.name.clone()
    }

    /// The actor's kind, e.g. `state_force`.
    pub fn kind(actor: &Actor) -> String {
        actor.kind.to_string()
    }

    /// The aliases joined with `;`.
    pub fn aliases(actor: &Actor) -> String {
        actor.aliases.join(";")
    }

    /// The tags joined with `;`.
    pub fn tags(actor: &Actor) -> String {
        actor.tags.join(";")
    }

    /// The note; empty without one.
    pub fn note(actor: &Actor) -> String {
        actor.note.clone().unwrap_or_default()
    }
}

/// The tie cells more than one writer uses; absent values are empty.
pub(super) mod tie {
    use super::{date, Selection};
    use crate::model::TieRef;

    /// The id of the tie's `from` end.
    pub fn source(s: &Selection<'_>, t: &TieRef<'_>) -> String {
        s.id(t.from).to_string()
    }

    /// The id of the tie's `to` end.
    pub fn target(s: &Selection<'_>, t: &TieRef<'_>) -> String {
        s.id(t.to).to_string()
    }

    /// The relation's name.
    pub fn relation(s: &Selection<'_>, t: &TieRef<'_>) -> String {
        s.relation(t).to_string()
    }

    /// `true` or `false`: whether the relation is directed.
    pub fn directed(s: &Selection<'_>, t: &TieRef<'_>) -> String {
        s.directed(t).to_string()
    }

    /// The start date as written.
    pub fn start(_: &Selection<'_>, t: &TieRef<'_>) -> String {
        date(t.tie.start())
    }

    /// The end date as written.
    pub fn end(_: &Selection<'_>, t: &TieRef<'_>) -> String {
        date(t.tie.end())
    }

    /// The confidence, e.g. `likely`.
    pub fn confidence(_: &Selection<'_>, t: &TieRef<'_>) -> String {
        t.tie.confidence.to_string()
    }

    /// The source ids joined with `;`.
    pub fn sources(s: &Selection<'_>, t: &TieRef<'_>) -> String {
        s.sources(t)
    }

    /// The note.
    pub fn note(_: &Selection<'_>, t: &TieRef<'_>) -> String {
        t.tie.note().map(str::to_string).unwrap_or_default()
    }

    /// The evidence.
    pub fn evidence(_: &Selection<'_>, t: &TieRef<'_>) -> String {
        t.tie.evidence().map(str::to_string).unwrap_or_default()
    }

    /// The count of events, as a number.
    pub fn events(_: &Selection<'_>, t: &TieRef<'_>) -> String {
        t.tie.events().map(|e| e.to_string()).unwrap_or_default()
    }
}

/// A small graph for the writers' tests: a directed and a symmetric tie
/// with notes, sources and uncertain dates, a declared relation, events,
/// and names that need escaping in every format.
#[cfg(test)]
pub(super) fn sample() -> Graph {
    const RON: &str = r#"(
    title: "Test & <sample>",
    as_of: "2023-02",
    sources: [(id: "r1", citation: "Report one"), (id: "r2", citation: "Report two")],
    relations: [(name: "funds", directed: true, note: "from pays to, in cash")],
    actors: [
        (id: "jnim", name: "Jama'at \"Nusrat\"", aliases: ["JNIM", "GSIM"], kind: group, tags: ["al-qaeda"]),
        (id: "aqim", name: "AQIM", kind: group, note: "line one\nline two"),
        (id: "fama", name: "Malian army", kind: state_force),
        (id: "alone", name: "Alone", kind: militia),
    ],
    ties: [
        (from: "jnim", to: "aqim", relation: "subgroup-of", start: "2017-03", confidence: confirmed, sources: ["r1", "r2"], evidence: "Founding video.", note: "O'Neil said so"),
        (from: "jnim", to: "fama", relation: "hostility", start: "[..2015]", end: "2022-11", confidence: likely, events: 3),
    ],
    events: [
        (date: "2022-08-08", actors: ["jnim", "aqim"], what: "meet", confidence: likely),
        (date: "2022-09", actors: ["alone"], what: "walk alone", confidence: possible),
    ],
)"#;
    crate::store::ron::parse(RON, "sample.ron").expect("the sample graph parses")
}

/// The sample graph rendered in `format`, every actor and tie selected.
#[cfg(test)]
pub(super) fn rendered(format: super::ExportFormat) -> Vec<(String, String)> {
    let graph = sample();
    let (ties, actors) = super::everything(&graph);
    super::render(&graph, &ties, &actors, format)
}

/// The one file of a single-file `format` for the sample graph, checked to
/// be called `name`.
#[cfg(test)]
pub(super) fn rendered_file(format: super::ExportFormat, name: &str) -> String {
    let mut files = rendered(format);
    assert_eq!(files.len(), 1);
    let (file, text) = files.remove(0);
    assert_eq!(file, name);
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_selection_adds_the_ends_of_its_ties_and_drops_missing_ids() {
        let graph = sample();
        let hostility: Vec<TieId> = graph
            .all_ties()
            .filter(|t| graph.relations().name(t.tie.relation) == "hostility")
            .map(|t| t.id)
            .collect();
        let alone = graph.find("alone").unwrap();
        let s = Selection::new(&graph, &hostility, &[alone]);
        let ids: Vec<&str> = s.actors().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["jnim", "fama", "alone"]);
        assert_eq!(s.ties.len(), 1);
        assert_eq!(s.relation(&s.ties[0]), "hostility");
        assert!(!s.directed(&s.ties[0]));
        // Only the event whose actors are all selected.
        let events: Vec<String> = s.events().map(|e| e.what).collect();
        assert_eq!(events, ["walk alone"]);
    }

    #[test]
    fn shared_cells_read_lists_as_text_and_absent_values_as_empty() {
        let graph = sample();
        let (ties, actors) = super::super::everything(&graph);
        let s = Selection::new(&graph, &ties, &actors);
        let jnim = s.actors().next().unwrap();
        assert_eq!(actor::aliases(jnim), "JNIM;GSIM");
        assert_eq!(actor::note(jnim), "");
        let sub = &s.ties[0];
        assert_eq!(tie::sources(&s, sub), "r1;r2");
        assert_eq!(tie::directed(&s, sub), "true");
        assert_eq!(tie::events(&s, sub), "");
        assert_eq!(tie::events(&s, &s.ties[1]), "3");
        assert_eq!(date(None), "");
    }
}
