//! Relation kinds: the four every graph has, and those a graph file declares.

use std::fmt;

use super::look::{LookError, RelationLook};

/// A relation's index in its graph's [`Relations`] table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RelationId(pub(crate) u16);

impl RelationId {
    /// `from` pledges allegiance to `to`.
    pub const ALLEGIANCE: RelationId = RelationId(0);
    /// A partnership; symmetric.
    pub const ALLIANCE: RelationId = RelationId(1);
    /// Fighting each other; symmetric.
    pub const HOSTILITY: RelationId = RelationId(2);
    /// `from` is a subgroup of `to`.
    pub const SUBGROUP_OF: RelationId = RelationId(3);

    /// The position in the graph's relation table, for per-relation arrays.
    pub fn index(self) -> usize {
        usize::from(self.0)
    }
}

/// A kind of tie: its name and whether it has a direction.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    /// The name ties and queries use, such as `alliance`.
    pub name: String,
    /// Directed relations read `from` → `to`; symmetric ones read both ways.
    pub directed: bool,
    /// What the relation means, in the graph author's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// How questions say it: `who leads X`, `who was led by X`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phrasing: Option<Phrasing>,
    /// How its edges are drawn, where the graph's author chooses: written
    /// `style: (color: "#0072b2", line: "double", arrow: "vee")`.
    #[serde(rename = "style", default, skip_serializing_if = "Option::is_none")]
    pub look: Option<RelationLook>,
}

/// The words questions use for a relation, each read with `from` as the
/// subject except `inverse`. All are optional; a relation without any is
/// still asked by its name (`who courts CMA`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phrasing {
    /// The present tense: `leads` in `who leads JNIM`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verb: Option<String>,
    /// The past tense: `led` in `who led JNIM`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub past: Option<String>,
    /// The bare form after `did`/`does`: `lead` in `when did A lead B`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
    /// The relation read from `to`: `led by` in `who is led by Iyad ag Ghali`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inverse: Option<String>,
    /// Other words for it, read like `verb`: `heads`, `commands`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<String>,
}

const BUILTIN: [(&str, bool, &str); 4] = [
    ("allegiance", true, "from pledges allegiance to to"),
    ("alliance", false, "a partnership or cooperation"),
    ("hostility", false, "fighting or open rivalry"),
    (
        "subgroup-of",
        true,
        "from is a subgroup, branch or faction of to",
    ),
];

/// The relations of one graph: the four built-in kinds first, then declared ones.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Relations {
    list: Vec<Relation>,
}

impl Default for Relations {
    fn default() -> Self {
        Relations {
            list: BUILTIN
                .iter()
                .map(|(name, directed, note)| Relation {
                    name: (*name).to_string(),
                    directed: *directed,
                    note: Some((*note).to_string()),
                    phrasing: None,
                    look: None,
                })
                .collect(),
        }
    }
}

/// Why a relation could not be declared.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RelationError {
    /// Another relation already has this name (under the name rules).
    #[error("relation `{0}` is already defined")]
    Duplicate(String),
    /// The relation's name is empty.
    #[error("a relation needs a name")]
    EmptyName,
    /// A graph can hold no more relations.
    #[error("too many relations declared")]
    TooMany,
    /// Its drawing cannot be drawn.
    #[error("{0}")]
    Look(#[from] LookError),
}

impl Relations {
    /// Adds a declared relation.
    pub fn declare(&mut self, relation: Relation) -> Result<RelationId, RelationError> {
        if super::names::normalize(&relation.name).is_empty() {
            return Err(RelationError::EmptyName);
        }
        if let Some(look) = &relation.look {
            if look.arrow.is_some() && !relation.directed {
                return Err(LookError::ArrowOnSymmetric(relation.name.clone()).into());
            }
        }
        if self.find(&relation.name).is_some() {
            return Err(RelationError::Duplicate(relation.name));
        }
        let id = u16::try_from(self.list.len()).map_err(|_| RelationError::TooMany)?;
        self.list.push(relation);
        Ok(RelationId(id))
    }

    /// The relation called `name`; spelling follows the name rules, so
    /// `subgroup of` and `Subgroup_Of` find `subgroup-of`.
    pub fn find(&self, name: &str) -> Option<RelationId> {
        let key = super::names::normalize(name);
        self.list
            .iter()
            .position(|r| super::names::normalize(&r.name) == key)
            .map(|i| RelationId(i as u16))
    }

    /// The relation `id` names; panics when `id` is not of this graph.
    pub fn get(&self, id: RelationId) -> &Relation {
        &self.list[id.index()]
    }

    /// The relation's name, such as `alliance`.
    pub fn name(&self, id: RelationId) -> &str {
        &self.get(id).name
    }

    /// True when the relation runs one way, from `from` to `to`.
    pub fn is_directed(&self, id: RelationId) -> bool {
        self.get(id).directed
    }

    /// Every relation with its id, built-ins first.
    pub fn iter(&self) -> impl Iterator<Item = (RelationId, &Relation)> {
        self.list
            .iter()
            .enumerate()
            .map(|(i, r)| (RelationId(i as u16), r))
    }

    /// The declared (non built-in) relations, in declaration order.
    pub fn declared(&self) -> &[Relation] {
        &self.list[BUILTIN.len()..]
    }

    /// How many relations there are, built-ins included.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// True when there are none (never, as the built-ins are always there).
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Relation names, for suggestions and completion.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.list.iter().map(|r| r.name.as_str())
    }
}

/// How strongly a source supports a tie. Ordered: `Possible < Likely < Confirmed`.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// The sources raise it but do not bear it out.
    Possible,
    /// The sources make it probable.
    Likely,
    /// The sources state it as fact.
    Confirmed,
}

impl Confidence {
    /// Every confidence, strongest first.
    pub const ALL: [Confidence; 3] = [
        Confidence::Confirmed,
        Confidence::Likely,
        Confidence::Possible,
    ];

    /// The word files and queries use: `confirmed`, `likely` or `possible`.
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Possible => "possible",
            Confidence::Likely => "likely",
            Confidence::Confirmed => "confirmed",
        }
    }

    /// Reads a confidence word, ignoring case and surrounding space.
    pub fn parse(text: &str) -> Option<Confidence> {
        Confidence::ALL
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(text.trim()))
    }
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_come_first_and_resolve_loosely() {
        let relations = Relations::default();
        assert_eq!(relations.find("subgroup of"), Some(RelationId::SUBGROUP_OF));
        assert_eq!(relations.find("Alliance"), Some(RelationId::ALLIANCE));
        assert!(relations.is_directed(RelationId::ALLEGIANCE));
        assert!(!relations.is_directed(RelationId::HOSTILITY));
        assert_eq!(relations.find("splinter"), None);
    }

    #[test]
    fn declares_new_relations_once() {
        let mut relations = Relations::default();
        let splinter = Relation {
            name: "splinter".into(),
            directed: true,
            note: None,
            phrasing: None,
            look: None,
        };
        let id = relations.declare(splinter.clone()).unwrap();
        assert_eq!(relations.find("Splinter"), Some(id));
        assert_eq!(
            relations.declare(splinter),
            Err(RelationError::Duplicate("splinter".into()))
        );
        let clash = Relation {
            name: "Alliance".into(),
            directed: false,
            note: None,
            phrasing: None,
            look: None,
        };
        assert!(relations.declare(clash).is_err());
    }

    #[test]
    fn confidence_orders_from_possible_to_confirmed() {
        assert!(Confidence::Possible < Confidence::Likely);
        assert!(Confidence::Likely < Confidence::Confirmed);
        assert_eq!(Confidence::parse("LIKELY"), Some(Confidence::Likely));
    }
}
