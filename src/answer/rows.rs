//! The rows answers are made of: actors, ties, cards, events, relations
//! and sources, as the text, JSON and CSV writers read them.

use serde::Serialize;

use crate::model::{ActorKind, Certainty, Confidence, PartialDate, Period};

/// An actor as answers show it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ActorOut<'g> {
    /// The actor's id in the graph file.
    pub id: &'g str,
    /// The actor's name, as outputs show it.
    pub name: &'g str,
}

/// A tie as answers show it. Answers borrow their text from the graph, so
/// building one costs no copying, whatever its size.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TieOut<'g> {
    /// The actor the tie runs from (for a symmetric relation, the first named).
    pub from: ActorOut<'g>,
    /// The actor the tie runs to.
    pub to: ActorOut<'g>,
    /// The relation's name, such as `alliance`.
    pub relation: &'g str,
    /// True when the relation runs one way, from `from` to `to`.
    pub directed: bool,
    /// When the tie began, as the source gives it; `None` is unknown.
    pub start: Option<PartialDate>,
    /// When the tie ended, as the source gives it; `None` is ongoing.
    pub end: Option<PartialDate>,
    /// Whether the tie was active in the answer's window: `certain` or
    /// `possible`. In records (`show`, `timeline`, `why`) it is judged as
    /// of the graph's date, so `no` there means ended (or not yet begun).
    pub certainty: Certainty,
    /// How sure the sources are that the tie existed.
    pub confidence: Confidence,
    /// Ids of the sources the tie cites.
    pub sources: Vec<&'g str>,
    /// The graph's note on the tie: caveats and how its dates were read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<&'g str>,
    /// The source's sentence the tie rests on, quoted verbatim.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<&'g str>,
    /// For a tie that gives no end, the first of its actors to end, and
    /// when: the tie cannot outlive it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ended_with: Option<EndedWith<'g>>,
}

/// The actor whose end is a tie's, when the tie gives none of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct EndedWith<'g> {
    /// The actor.
    pub actor: ActorOut<'g>,
    /// When its life ended, as the graph gives it.
    pub end: PartialDate,
}

impl<'g> TieOut<'g> {
    /// `2022-07–2022-11`, `2023-01–`, `?–2015`; a tie that gives no end
    /// ended on or before the end of the first of its actors to end
    /// (`2011–[..2021-06-03]`).
    pub fn dates(&self) -> String {
        let start = self
            .start
            .map_or_else(|| "?".to_string(), |d| d.to_string());
        let end = self.last_end().map_or_else(String::new, |d| d.to_string());
        format!("{start}–{end}")
    }

    /// When the tie ended: its own end, or on or before its first actor's
    /// to end.
    pub fn last_end(&self) -> Option<PartialDate> {
        self.end.or(self.ended_with.map(|e| e.end.at_the_latest()))
    }

    /// Why a tie that gives no end has one: "ended with Farid Osei
    /// (active until 2021-06-03); the tie's own end is not recorded".
    pub fn ended_with_words(&self) -> Option<String> {
        let EndedWith { actor, end } = self.ended_with?;
        Some(format!(
            "ended with {} (active until {end}); the tie's own end is not recorded",
            actor.name
        ))
    }

    /// The tie seen from `actor`: its direction and the other end.
    pub fn seen_from(&self, actor: &str) -> (Direction, ActorOut<'g>) {
        let outgoing = self.from.id == actor;
        let other = if outgoing { self.to } else { self.from };
        let direction = match (self.directed, outgoing) {
            (false, _) => Direction::Both,
            (true, true) => Direction::Out,
            (true, false) => Direction::In,
        };
        (direction, other)
    }
}

/// Which way a tie runs, seen from one of its actors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// From the actor (it pledges, leads, is a subgroup).
    Out,
    /// To the actor.
    In,
    /// A symmetric relation.
    Both,
}

impl Direction {
    /// The arrow text tables show.
    pub fn glyph(self) -> &'static str {
        match self {
            Direction::Out => "→",
            Direction::In => "←",
            Direction::Both => "—",
        }
    }

    /// The word CSV answers write.
    pub fn word(self) -> &'static str {
        match self {
            Direction::Out => "out",
            Direction::In => "in",
            Direction::Both => "both",
        }
    }
}

/// One actor in an actor list, with the ties that put it there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ActorRow<'g> {
    /// Who the actor is.
    #[serde(flatten)]
    pub actor: ActorOut<'g>,
    /// What sort of actor it is.
    pub kind: ActorKind,
    /// Hops from the focus, in `neighbors of`; `None` elsewhere.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub depth: Option<usize>,
    /// The best certainty among its ties (`certain` for rows without ties).
    pub certainty: Certainty,
    /// The ties that put the actor in the answer.
    pub ties: Vec<TieOut<'g>>,
}

/// The actor card of `show`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Card<'g> {
    /// Who the actor is.
    #[serde(flatten)]
    pub actor: ActorOut<'g>,
    /// What sort of actor it is.
    pub kind: ActorKind,
    /// Other names the actor goes by.
    pub aliases: &'g [String],
    /// The networks it belongs to, such as `al-qaeda`.
    pub tags: &'g [String],
    /// When the actor existed; `None` when the graph does not say.
    pub active: Option<Period>,
    /// The graph's note on the actor.
    pub note: Option<&'g str>,
    /// Every tie of the actor, judged as [`Body::Card`]'s `judged` says.
    pub ties: Vec<TieOut<'g>>,
}

/// A dated event: a tie beginning, ending or changing relation, or a
/// one-off event the graph records.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Event<'g> {
    /// When it happened, as the source gives it.
    pub date: PartialDate,
    /// `began`, `ended`, `changed from RELATION`, or what happened.
    pub event: String,
    /// Whether the day fell inside the asked window: `certain` or `possible`.
    pub certainty: Certainty,
    /// The tie that began or ended; `None` for a one-off event.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tie: Option<TieOut<'g>>,
    /// Who took part in a one-off event.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<ActorOut<'g>>,
    /// How sure the sources are that it happened.
    pub confidence: Confidence,
    /// Ids of the sources behind it.
    pub sources: Vec<&'g str>,
    /// The graph's note on the tie or event.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<&'g str>,
    /// The source's sentence it rests on, quoted verbatim.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<&'g str>,
}

/// How many ties of a relation are active, for `stats`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RelationCount<'g> {
    /// The relation's name.
    pub relation: &'g str,
    /// Active ties, certainly or possibly.
    pub ties: usize,
    /// How many of them only possibly.
    pub possibly: usize,
}

/// A relation with its use.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RelationRow<'g> {
    /// The relation's name, as files and queries write it.
    pub name: &'g str,
    /// True when the relation runs one way (from → to), like `allegiance`.
    pub directed: bool,
    /// Ties the filters keep, and how many of them only possibly.
    pub ties: usize,
    /// How many of those ties only possibly held in the window.
    pub possibly: usize,
    /// How questions say it: `leads / led by` (`who leads X`, `who is led by X`).
    pub asked_as: String,
    /// What the relation means, from its declaration; `None` for the built-in ones.
    pub note: Option<&'g str>,
}

/// A source with its use.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SourceRow<'g> {
    /// The id ties cite it by.
    pub id: &'g str,
    /// The full reference, as the graph gives it.
    pub citation: &'g str,
    /// Where to read it online, when the graph gives a link.
    pub url: Option<&'g str>,
    /// Ties citing it, how many of them only possibly, and one-off events.
    pub ties: usize,
    /// How many of those ties only possibly held in the window.
    pub possibly: usize,
    /// How many one-off events cite it.
    pub events: usize,
}
