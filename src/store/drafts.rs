//! The items of a graph file as read, before their required fields are
//! checked. Each required field is optional here, so an item that lacks
//! one is reported with every other problem in the file, in the analyst's
//! words and at the item, instead of stopping the read at the first (as
//! serde's "missing field" would).
//!
//! Each draft has exactly its item's fields (a test compares them), with
//! the same defaults; [`TieDraft::check`] and its kin give the item, or
//! the problems and whether the item can still be checked with a stand-in
//! for what it lacks. The stand-ins never reach a graph: any problem fails
//! the load.

use serde::Deserialize;

use super::words::Word;

use crate::model::{
    Actor, ActorKind, Confidence, EventSpec, PartialDate, Period, Phrasing, Problem, Relation,
    RelationLook, Site, Source, TieSpec,
};

/// What a draft gave: the item (with stand-ins for what it lacks, when it
/// can still be checked), and a problem for each required field it lacks.
pub struct Checked<T> {
    /// The item to check further; `None` when it lacks what it is known by.
    pub item: Option<T>,
    /// One problem per missing field.
    pub problems: Vec<Problem>,
}

/// A missing field's problem: "this tie has no `confidence`", with what to write.
fn missing(site: Site, item: &str, field: &str, help: &str) -> Problem {
    Problem::new(site, format!("this {item} has no `{field}`")).with_help(Some(help.to_string()))
}

const CONFIDENCE_HELP: &str = "give one of `confirmed`, `likely` or `possible`: how sure the \
                               sources are (`confidence: likely`)";

/// A tie as read.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TieDraft {
    from: Option<String>,
    to: Option<String>,
    relation: Option<String>,
    #[serde(default)]
    pub start: Option<PartialDate>,
    #[serde(default)]
    pub end: Option<PartialDate>,
    confidence: Option<Word<Confidence>>,
    #[serde(default)]
    sources: Vec<String>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    evidence: Option<String>,
    #[serde(default)]
    events: Option<u32>,
    #[serde(default)]
    fatalities: Option<u32>,
}

impl TieDraft {
    /// The tie at `index` of the `ties` list. Without its ends or relation
    /// it cannot be checked; without a confidence it is checked as possible.
    pub fn check(self, index: usize) -> Checked<TieSpec> {
        let site = |field| Site::Tie {
            index,
            field,
            item: None,
        };
        let mut problems = Vec::new();
        let mut need = |value: &Option<String>, field: &'static str, help: &str| {
            if value.is_none() {
                problems.push(missing(site(field), "tie", field, help));
            }
        };
        need(
            &self.from,
            "from",
            "give the id of the actor the tie runs from (`from: \"jnim\"`)",
        );
        need(
            &self.to,
            "to",
            "give the id of the actor the tie runs to (`to: \"aqim\"`)",
        );
        need(
            &self.relation,
            "relation",
            "give its relation: `allegiance`, `alliance`, `hostility`, `subgroup-of` or one \
             the graph declares (`relation: \"alliance\"`)",
        );
        if self.confidence.is_none() {
            problems.push(missing(
                site("confidence"),
                "tie",
                "confidence",
                CONFIDENCE_HELP,
            ));
        }
        let confidence = self
            .confidence
            .and_then(|word| word.checked(site("confidence"), &mut problems));
        let item = match (self.from, self.to, self.relation) {
            (Some(from), Some(to), Some(relation)) => Some(TieSpec {
                from,
                to,
                relation,
                start: self.start,
                end: self.end,
                confidence: confidence.unwrap_or(Confidence::Possible),
                sources: self.sources,
                note: self.note,
                evidence: self.evidence,
                events: self.events,
                fatalities: self.fatalities,
            }),
            _ => None,
        };
        Checked { item, problems }
    }
}

/// An actor as read.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorDraft {
    id: Option<String>,
    name: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    kind: Option<Word<ActorKind>>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    pub active: Option<Period>,
    #[serde(default)]
    note: Option<String>,
}

impl ActorDraft {
    /// The actor at `index` of the `actors` list. Without an id its ties
    /// cannot find it; without a name it goes by its id, so its ties are
    /// still checked.
    pub fn check(self, index: usize) -> Checked<Actor> {
        let site = |field| Site::Actor {
            index,
            field,
            item: None,
        };
        let mut problems = Vec::new();
        if self.id.is_none() {
            problems.push(missing(
                site("id"),
                "actor",
                "id",
                "give the id its ties name it by (`id: \"jnim\"`)",
            ));
        }
        if self.name.is_none() {
            problems.push(missing(
                site("name"),
                "actor",
                "name",
                "give the name outputs show (`name: \"JNIM\"`)",
            ));
        }
        if self.kind.is_none() {
            problems.push(missing(
                site("kind"),
                "actor",
                "kind",
                "give one of `group`, `faction`, `coalition`, `militia`, `community`, `state`, \
                 `state_force`, `pmc`, `igo` or `person` (`kind: group`)",
            ));
        }
        let kind = self
            .kind
            .and_then(|word| word.checked(site("kind"), &mut problems));
        let item = self.id.map(|id| Actor {
            name: self.name.unwrap_or_else(|| id.clone()),
            id,
            aliases: self.aliases,
            kind: kind.unwrap_or(ActorKind::Group),
            tags: self.tags,
            active: self.active,
            note: self.note,
        });
        Checked { item, problems }
    }
}

/// A source as read.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceDraft {
    id: Option<String>,
    citation: Option<String>,
    #[serde(default)]
    url: Option<String>,
}

impl SourceDraft {
    /// The source at `index` of the `sources` list; without an id no tie can cite it.
    pub fn check(self, index: usize) -> Checked<Source> {
        let site = |field| Site::Source { index, field };
        let mut problems = Vec::new();
        if self.id.is_none() {
            problems.push(missing(
                site("id"),
                "source",
                "id",
                "give the id ties cite it by (`id: \"ctp-2023-02\"`)",
            ));
        }
        if self.citation.is_none() {
            problems.push(missing(
                site("citation"),
                "source",
                "citation",
                "give its author, title, publisher and date, as a reader would look it up",
            ));
        }
        let item = self.id.map(|id| Source {
            id,
            citation: self.citation.unwrap_or_default(),
            url: self.url,
        });
        Checked { item, problems }
    }
}

/// A declared relation as read.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelationDraft {
    name: Option<String>,
    directed: Option<bool>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    phrasing: Option<Phrasing>,
    #[serde(default)]
    style: Option<RelationLook>,
}

impl RelationDraft {
    /// The relation at `index` of the `relations` list; without a name no tie can use it.
    pub fn check(self, index: usize) -> Checked<Relation> {
        let site = |field| Site::Relation { index, field };
        let mut problems = Vec::new();
        if self.name.is_none() {
            problems.push(missing(
                site("name"),
                "relation",
                "name",
                "give the name ties use for it (`name: \"leads\"`)",
            ));
        }
        if self.directed.is_none() {
            problems.push(missing(
                site("directed"),
                "relation",
                "directed",
                "write `directed: true` when it reads from → to (`leads`), `directed: false` \
                 when it reads both ways (`rivalry`)",
            ));
        }
        let item = self.name.map(|name| Relation {
            name,
            directed: self.directed.unwrap_or(false),
            note: self.note,
            phrasing: self.phrasing,
            look: self.style,
        });
        Checked { item, problems }
    }
}

/// An event as read.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventDraft {
    pub date: Option<PartialDate>,
    actors: Option<Vec<String>>,
    what: Option<String>,
    confidence: Option<Word<Confidence>>,
    #[serde(default)]
    sources: Vec<String>,
    #[serde(default)]
    evidence: Option<String>,
    #[serde(default)]
    note: Option<String>,
}

impl EventDraft {
    /// The event at `index` of the `events` list. Without its date, actors
    /// or what happened it cannot be checked; without a confidence it is
    /// checked as possible.
    pub fn check(self, index: usize) -> Checked<EventSpec> {
        let site = |field| Site::Event {
            index,
            field,
            item: None,
        };
        let mut problems = Vec::new();
        if self.date.is_none() {
            problems.push(missing(
                site("date"),
                "event",
                "date",
                "give when it happened (`date: \"2023-01-23\"`)",
            ));
        }
        if self.actors.is_none() {
            problems.push(missing(
                site("actors"),
                "event",
                "actors",
                "give the ids of the actors that took part (`actors: [\"jnim\"]`)",
            ));
        }
        if self.what.is_none() {
            problems.push(missing(
                site("what"),
                "event",
                "what",
                "say what happened, in a few words (`what: \"pledges of allegiance\"`)",
            ));
        }
        if self.confidence.is_none() {
            problems.push(missing(
                site("confidence"),
                "event",
                "confidence",
                CONFIDENCE_HELP,
            ));
        }
        let confidence = self
            .confidence
            .and_then(|word| word.checked(site("confidence"), &mut problems));
        let item = match (self.date, self.actors, self.what) {
            (Some(date), Some(actors), Some(what)) => Some(EventSpec {
                date,
                actors,
                what,
                confidence: confidence.unwrap_or(Confidence::Possible),
                sources: self.sources,
                evidence: self.evidence,
                note: self.note,
            }),
            _ => None,
        };
        Checked { item, problems }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::{self, Deserializer, Visitor};

    /// The field names a type's derived `Deserialize` asks for.
    fn fields<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
        struct Fields(std::cell::Cell<&'static [&'static str]>);
        #[derive(Debug)]
        struct Stop;
        impl std::fmt::Display for Stop {
            fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("stop")
            }
        }
        impl std::error::Error for Stop {}
        impl de::Error for Stop {
            fn custom<M: std::fmt::Display>(_: M) -> Self {
                Stop
            }
        }
        impl<'de> Deserializer<'de> for &Fields {
            type Error = Stop;
            fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
                Err(Stop)
            }
            fn deserialize_struct<V: Visitor<'de>>(
                self,
                _: &'static str,
                fields: &'static [&'static str],
                _: V,
            ) -> Result<V::Value, Stop> {
                self.0.set(fields);
                Err(Stop)
            }
            serde::forward_to_deserialize_any! {
                bool i8 i16 i32 i64 u8 u16 u32 u64 f32 f64 char str string bytes byte_buf
                option unit unit_struct newtype_struct seq tuple tuple_struct map enum
                identifier ignored_any
            }
        }
        let probe = Fields(std::cell::Cell::new(&[]));
        let _ = T::deserialize(&probe);
        probe.0.get()
    }

    #[test]
    fn each_draft_has_exactly_its_items_fields() {
        assert_eq!(fields::<TieDraft>(), fields::<TieSpec>());
        assert_eq!(fields::<ActorDraft>(), fields::<Actor>());
        assert_eq!(fields::<SourceDraft>(), fields::<Source>());
        assert_eq!(fields::<RelationDraft>(), fields::<Relation>());
        assert_eq!(fields::<EventDraft>(), fields::<EventSpec>());
        assert!(fields::<TieSpec>().contains(&"confidence"));
    }

    #[test]
    fn a_tie_without_confidence_is_still_checked_and_one_without_ends_is_not() {
        let read = |text| -> TieDraft { super::super::ron::options().from_str(text).unwrap() };
        let tie = read(r#"(from: "a", to: "b", relation: "alliance", sources: ["s"])"#);
        let checked = tie.check(4);
        let spec = checked.item.expect("checked as possible");
        assert_eq!(
            (spec.confidence, spec.sources.len()),
            (Confidence::Possible, 1)
        );
        assert_eq!(checked.problems.len(), 1);
        let problem = &checked.problems[0];
        assert_eq!(problem.message, "this tie has no `confidence`");
        assert!(matches!(
            problem.site,
            Site::Tie {
                index: 4,
                field: "confidence",
                ..
            }
        ));
        let tie = read(r#"(relation: "alliance")"#);
        let checked = tie.check(0);
        assert!(checked.item.is_none());
        let fields: Vec<String> = checked.problems.iter().map(|p| p.message.clone()).collect();
        assert_eq!(
            fields,
            [
                "this tie has no `from`",
                "this tie has no `to`",
                "this tie has no `confidence`"
            ]
        );
    }
}
