//! A ties row against the graph: its actors (found, or created when the
//! layout allows), its relation (known, mapped, declared or rejected) and
//! its sources.

use super::cells::list_items;
use super::importer::{Importer, TieEnds};
use super::merge::{TieFacts, TieRow};
use super::ties::OwnedRow;
use crate::interchange::mapping::{EndBy, OtherRelation, RelationColumn};
use crate::model::{
    Actor, ActorId, ActorKind, Relation, RelationId, Relations, Source, TieDetails,
};

/// A tie end as read: found in the id index, or the cell for the graph thread.
pub(crate) enum EndCell {
    Found(ActorId),
    Cell(String),
}

/// A relation as read: known, skipped by the mapping, or the cell for the
/// graph thread (which may declare it or reject the row).
#[derive(Clone)]
pub(crate) enum RelationCell {
    Found(RelationId),
    Skip,
    Cell(String),
}

/// How a relation cell reads once the graph has had its say.
#[derive(Clone, Copy)]
pub(crate) enum RelationValue {
    Relation(RelationId),
    Skip,
}

/// A relation cell resolved without touching the graph: skipped, mapped
/// or named to a relation the graph has; otherwise left for the graph thread.
pub(crate) fn known_relation(
    relations: &Relations,
    rules: &RelationColumn,
    value: &str,
) -> RelationCell {
    if rules.skip.iter().any(|s| s == value) {
        return RelationCell::Skip;
    }
    let name = rules.map.get(value).map_or(value, String::as_str);
    match relations.find(name) {
        Some(id) if !value.is_empty() => RelationCell::Found(id),
        _ => RelationCell::Cell(value.to_string()),
    }
}

impl Importer<'_> {
    /// Finishes a row whose cells are read: actors, relation and sources
    /// that need the graph. `None` for a row the mapping skips.
    pub(crate) fn resolve(&mut self, row: OwnedRow) -> Result<Option<TieRow>, String> {
        let options = self.options;
        let mapping = &options.mapping.ties;
        let relation = match row.relation {
            RelationCell::Found(id) => id,
            RelationCell::Skip => return Ok(None),
            RelationCell::Cell(text) => match self.relation(&text)? {
                RelationValue::Relation(id) => id,
                RelationValue::Skip => return Ok(None),
            },
        };
        let specs = [
            (mapping.source.by, mapping.source.kind),
            (mapping.target.by, mapping.target.kind),
        ];
        let mut actor_ids = [ActorId::new(0); 2];
        for ((slot, end), (by, kind)) in actor_ids.iter_mut().zip(row.ends).zip(specs) {
            *slot = match end {
                EndCell::Found(id) => id,
                EndCell::Cell(cell) => self.end(&cell, by, kind)?,
            };
        }
        let [from, to] = actor_ids;
        if from == to {
            let id = &self.graph.actor(from).id;
            return Err(format!("a tie from `{id}` to itself"));
        }
        let mut sources = Vec::new();
        for id in list_items(&row.sources, ";") {
            let id = self.tie_cells.item(&id);
            if id.is_empty() {
                continue;
            }
            let source = self.graph.find_source(id).unwrap_or_else(|| {
                self.graph.add_source(Source {
                    id: id.to_string(),
                    citation: id.to_string(),
                    url: None,
                })
            });
            if !sources.contains(&source) {
                sources.push(source);
            }
        }
        Ok(Some(TieRow {
            from,
            to,
            relation,
            start: row.start,
            end: row.end,
            facts: TieFacts {
                confidence: row.confidence,
                details: TieDetails {
                    sources,
                    note: row.note,
                    evidence: row.evidence,
                    events: row.events,
                },
            },
        }))
    }

    /// The actor an end cell names, created when the layout allows it.
    fn end(&mut self, cell: &str, by: EndBy, kind: ActorKind) -> Result<ActorId, String> {
        match by {
            EndBy::Id => {
                if let Some(id) = self.ids.get(cell) {
                    return Ok(id);
                }
                if self.tie_ends == TieEnds::FromActorsTable {
                    return Err(self.not_in_actors_table(cell));
                }
                // No actors table: the name rules find an actor the graph
                // has under another spelling (`Menaka` is `Ménaka`).
                if let Some(id) = self.graph.find(cell) {
                    return Ok(id);
                }
                let id = self.add_actor(Actor::new(cell, cell, kind))?;
                self.report.actors_created += 1;
                Ok(id)
            }
            EndBy::Name => {
                if let Some(id) = self.graph.find(cell) {
                    return Ok(id);
                }
                let id = self.add_actor(Actor::new(self.fresh_id(cell), cell, kind))?;
                self.report.actors_created += 1;
                Ok(id)
            }
        }
    }

    /// Why an id the actors table lacks is rejected: its row was, or it is
    /// not there (perhaps a name written where the id belongs).
    fn not_in_actors_table(&self, cell: &str) -> String {
        if let Some((origin, line)) = self.rejected_actors.get(cell) {
            return format!("actor `{cell}`'s row was rejected ({origin}:{line})");
        }
        let hint = match self.graph.find(cell) {
            Some(actor) => format!(
                "; ties name actors by id: write `{}`",
                self.graph.actor(actor).id
            ),
            None => String::new(),
        };
        format!("actor `{cell}` is not in the actors table{hint}")
    }

    /// An id for an actor created from a name: the name key with hyphens,
    /// made unique with a number.
    fn fresh_id(&self, name: &str) -> String {
        let base: String = crate::model::names::normalize(name)
            .chars()
            .map(|c| if c == ' ' { '-' } else { c })
            .collect();
        let base = if base.is_empty() {
            "actor".into()
        } else {
            base
        };
        let mut id = base.clone();
        let mut n = 2;
        while self.graph.find(&id).is_some() {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }

    /// A relation cell: known or mapped, declared when the mapping says so,
    /// otherwise rejected. Cached, as a table repeats few values.
    fn relation(&mut self, value: &str) -> Result<RelationValue, String> {
        if let Some((_, cached)) = self.relation_cache.iter().find(|(v, _)| v == value) {
            return Ok(*cached);
        }
        let options = self.options;
        let rules = &options.mapping.ties.relation;
        let resolved = match known_relation(self.graph.relations(), rules, value) {
            RelationCell::Found(id) => RelationValue::Relation(id),
            RelationCell::Skip => RelationValue::Skip,
            RelationCell::Cell(_) if value.is_empty() => return Err("the relation is empty".into()),
            RelationCell::Cell(_) => match (rules.map.get(value), rules.other) {
                // Mapped to a relation the graph lacks: declared, symmetric.
                (Some(name), _) => RelationValue::Relation(self.declare(Relation {
                    name: name.clone(),
                    directed: false,
                    note: None,
                    phrasing: None,
                    look: None,
                })?),
                (None, OtherRelation::Declare { directed }) => {
                    RelationValue::Relation(self.declare(Relation {
                        name: value.to_string(),
                        directed,
                        note: None,
                        phrasing: None,
                        look: None,
                    })?)
                }
                (None, OtherRelation::Reject) => {
                    let known: Vec<&str> = self.graph.relations().names().collect();
                    return Err(format!(
                        "unknown relation `{value}` (known: {}; a mapping can map or declare others)",
                        known.join(", ")
                    ));
                }
            },
        };
        self.relation_cache.push((value.to_string(), resolved));
        Ok(resolved)
    }

    /// Declares a relation a ties row brings in.
    fn declare(&mut self, relation: Relation) -> Result<RelationId, String> {
        let name = relation.name.clone();
        self.graph
            .relations_mut()
            .declare(relation)
            .map_err(|e| format!("relation `{name}`: {e}"))
    }
}
