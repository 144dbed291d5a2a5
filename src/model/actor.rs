//! Actors: the groups, states, forces, communities and people a graph relates.

use std::fmt;

use super::time::{Bounds, PartialDate, Window};

/// What sort of actor this is. Outputs and diagrams group and draw by it.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    /// An armed group with its own name and command.
    Group,
    /// A faction or branch inside a larger movement.
    Faction,
    /// A coalition of groups acting together (e.g. the CMA).
    Coalition,
    /// A local self-defence or ethnic militia.
    Militia,
    /// A community, tribe or clan.
    Community,
    /// A state or its government.
    State,
    /// A state's armed or security forces.
    StateForce,
    /// A private military company.
    Pmc,
    /// An intergovernmental organisation or mission (UN, ECOWAS, ...).
    Igo,
    /// A person.
    Person,
}

impl ActorKind {
    /// Every kind, in the order listings show them.
    pub const ALL: [ActorKind; 10] = [
        ActorKind::Group,
        ActorKind::Faction,
        ActorKind::Coalition,
        ActorKind::Militia,
        ActorKind::Community,
        ActorKind::State,
        ActorKind::StateForce,
        ActorKind::Pmc,
        ActorKind::Igo,
        ActorKind::Person,
    ];

    /// The name used in files and queries.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Group => "group",
            ActorKind::Faction => "faction",
            ActorKind::Coalition => "coalition",
            ActorKind::Militia => "militia",
            ActorKind::Community => "community",
            ActorKind::State => "state",
            ActorKind::StateForce => "state_force",
            ActorKind::Pmc => "pmc",
            ActorKind::Igo => "igo",
            ActorKind::Person => "person",
        }
    }

    /// A phrase for people.
    pub fn describe(self) -> &'static str {
        match self {
            ActorKind::Group => "armed group",
            ActorKind::Faction => "faction",
            ActorKind::Coalition => "coalition",
            ActorKind::Militia => "militia",
            ActorKind::Community => "community",
            ActorKind::State => "state",
            ActorKind::StateForce => "state force",
            ActorKind::Pmc => "private military company",
            ActorKind::Igo => "intergovernmental organisation",
            ActorKind::Person => "person",
        }
    }

    /// Reads a kind by its file name or its phrase ("state force", "pmc",
    /// "private military company").
    pub fn parse(text: &str) -> Option<ActorKind> {
        let key = super::names::normalize(text);
        ActorKind::ALL.into_iter().find(|kind| {
            key == super::names::normalize(kind.as_str())
                || key == super::names::normalize(kind.describe())
        })
    }
}

impl fmt::Display for ActorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A start and an end, either unknown; used for an actor's active life.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// When it began, as the source gives it; `None` is unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<PartialDate>,
    /// When it ended, as the source gives it; `None` is ongoing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<PartialDate>,
}

impl Period {
    /// Every day the period may cover.
    pub fn window(self) -> Window {
        Window::of_span(self.start, self.end)
    }

    /// The period as a lifespan: when it may and must have begun and ended.
    pub fn bounds(self) -> Bounds {
        Bounds::of_life(self.start, self.end)
    }
}

/// `2017-03–`, `?–2015`, `2012–2013`: unknown start `?`, ongoing end blank.
impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.start {
            Some(start) => write!(f, "{start}–")?,
            None => f.write_str("?–")?,
        }
        match self.end {
            Some(end) => write!(f, "{end}"),
            None => Ok(()),
        }
    }
}

/// An actor as it is written in a graph file and held in the graph.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    /// Stable identifier that ties refer to, e.g. `jnim`.
    pub id: String,
    /// The display name outputs show.
    pub name: String,
    /// Other names it goes by; queries find it by any of them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// What sort of actor it is.
    pub kind: ActorKind,
    /// Networks or camps it belongs to, e.g. `al-qaeda`, `state`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// When the actor existed; `None` when unknown. Its ties and events must fall inside it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<Period>,
    /// The analyst's note on the actor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Actor {
    /// A bare actor of `kind`, for code and tests.
    pub fn new(id: impl Into<String>, name: impl Into<String>, kind: ActorKind) -> Self {
        Actor {
            id: id.into(),
            name: name.into(),
            aliases: Vec::new(),
            kind,
            tags: Vec::new(),
            active: None,
            note: None,
        }
    }

    /// When the actor may and must have existed; unbounded where undated.
    pub fn life(&self) -> Bounds {
        self.active.map_or(Bounds::ALWAYS, Period::bounds)
    }

    /// The dates of a tie (or event) that certainly fall outside the actor's
    /// life, each with its field (`start` or `end`) and what is wrong. The
    /// graph builder and the importers both refuse such a tie.
    pub fn outside_life(
        &self,
        start: Option<PartialDate>,
        end: Option<PartialDate>,
    ) -> Vec<(&'static str, String)> {
        let Some(period) = self.active else {
            return Vec::new();
        };
        let life: Bounds = period.bounds();
        if life.is_impossible() {
            return Vec::new(); // the actor's own span is reported already
        }
        let outside = |date: PartialDate| {
            if date.last_day() < life.start.0 {
                Some("before")
            } else if date.first_day() > life.end.1 {
                Some("after")
            } else {
                None
            }
        };
        let mut found = Vec::new();
        for (field, date) in [("start", start), ("end", end)] {
            let Some(date) = date else { continue };
            if let Some(side) = outside(date) {
                let verb = if field == "start" { "starts" } else { "ends" };
                let edge = if side == "before" {
                    "exists"
                } else {
                    "has ceased to exist"
                };
                found.push((
                    field,
                    format!(
                        "tie {verb} ({date}) {side} `{}` {edge} (active {period})",
                        self.id
                    ),
                ));
            }
        }
        found
    }

    /// The id, the name and every alias.
    pub fn all_names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.id.as_str())
            .chain(std::iter::once(self.name.as_str()))
            .chain(self.aliases.iter().map(String::as_str))
    }
}

/// A reference a tie can cite.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The id ties and events cite it by, e.g. `ctp-2023-02`.
    pub id: String,
    /// Author, title, publisher and date, as a reader would look it up.
    pub citation: String,
    /// Where to read it online, if anywhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_read_by_name_or_phrase() {
        assert_eq!(ActorKind::parse("state force"), Some(ActorKind::StateForce));
        assert_eq!(ActorKind::parse("State_Force"), Some(ActorKind::StateForce));
        assert_eq!(
            ActorKind::parse("private military company"),
            Some(ActorKind::Pmc)
        );
        assert_eq!(ActorKind::parse("navy"), None);
        for kind in ActorKind::ALL {
            assert_eq!(ActorKind::parse(kind.as_str()), Some(kind));
        }
    }
}
