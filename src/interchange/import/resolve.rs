//! A ties row against the graph: its actors (found, or created when the
//! layout allows), its relation (known, mapped, declared or rejected) and
//! its sources.

use super::cells::list_items;
use std::borrow::Cow;

use super::cells::CellReading;
use super::importer::{Importer, TieEnds};
use super::incoming::Placement;
use super::merge::{TieFacts, TieRow};
use super::repair::repair;
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
    /// that need the graph. `None` for a row the mapping skips. With it,
    /// the ties of the actors associated with its ends (see
    /// [`Importer::associate_ties`]).
    pub(crate) fn resolve(
        &mut self,
        row: OwnedRow,
    ) -> Result<Option<(TieRow, Vec<TieRow>)>, String> {
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
            (
                mapping.source.by,
                row.kinds[0].unwrap_or(mapping.source.kind),
            ),
            (
                mapping.target.by,
                row.kinds[1].unwrap_or(mapping.target.kind),
            ),
        ];
        let mut actor_ids = [ActorId::new(0); 2];
        for ((slot, end), (by, kind)) in actor_ids.iter_mut().zip(row.ends).zip(specs) {
            *slot = match end {
                EndCell::Found(id) => id,
                EndCell::Cell(cell) => match self.end(&cell, by, kind)? {
                    Some(id) => id,
                    None => return Ok(None),
                },
            };
        }
        let [from, to] = actor_ids;
        if from == to {
            let id = &self.builder.graph().actor(from).id;
            return Err(format!("tie from `{id}` to itself"));
        }
        let mut sources = Vec::new();
        for id in list_items(&row.sources, ";") {
            let id = self.tie_cells.item(&id);
            if id.is_empty() {
                continue;
            }
            let source = self.builder.graph().find_source(id).unwrap_or_else(|| {
                self.builder.add_source(Source {
                    id: id.to_string(),
                    citation: id.to_string(),
                    url: None,
                })
            });
            if !sources.contains(&source) {
                sources.push(source);
            }
        }
        let main = TieRow {
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
                    fatalities: row.fatalities,
                },
            },
            associate: false,
        };
        let associates = match row.associates {
            Some(names) => self.associate_ties(&main, *names),
            None => Vec::new(),
        };
        Ok(Some((main, associates)))
    }

    /// The ties of the actors a row associates with its ends (ACLED's
    /// `assoc_actor_1/2`): each to its end, in the mapping's relation,
    /// dated like the event and citing its sources. An associate that
    /// cannot be placed is rejected on the row's line, as an associate.
    fn associate_ties(&mut self, main: &TieRow, names: [Vec<String>; 2]) -> Vec<TieRow> {
        let Some(columns) = &self.options.mapping.ties.associates else {
            return Vec::new();
        };
        let relation = match self.relation(&columns.relation) {
            Ok(RelationValue::Relation(id)) => id,
            _ => return Vec::new(),
        };
        let kinds = [
            self.options.mapping.ties.source.kind,
            self.options.mapping.ties.target.kind,
        ];
        let mut ties = Vec::new();
        for ((names, end), kind) in names.into_iter().zip([main.from, main.to]).zip(kinds) {
            for name in names {
                let associate = match self.end(&name, EndBy::Name, kind) {
                    Ok(Some(associate)) if associate != end => associate,
                    Ok(_) => continue,
                    Err(reason) => {
                        let line = self.current_line;
                        self.report.associate_rejections += 1;
                        self.reject_tie(line, format!("associate `{name}`: {reason}"));
                        continue;
                    }
                };
                ties.push(TieRow {
                    from: associate,
                    to: end,
                    relation,
                    start: main.start,
                    end: main.end,
                    facts: TieFacts {
                        confidence: main.facts.confidence,
                        details: TieDetails {
                            sources: main.facts.details.sources.clone(),
                            ..TieDetails::default()
                        },
                    },
                    associate: true,
                });
            }
        }
        ties
    }

    /// The actor an end cell names, created when the layout allows it;
    /// `None` when the row is set aside with the actor (awaiting review, or
    /// left out by it). Ids are compared exactly; only names are matched
    /// by the name rules (`Menaka` is `Ménaka`, `-99` is not `99`).
    fn end(&mut self, cell: &str, by: EndBy, kind: ActorKind) -> Result<Option<ActorId>, String> {
        // An id exactly, or a cell an earlier row placed already.
        if let Some(id) = self.ids.get(cell) {
            return Ok(Some(id));
        }
        if self.set_aside.contains_key(cell) {
            return Ok(None);
        }
        if by == EndBy::Id && self.tie_ends == TieEnds::FromActorsTable {
            return Err(self.not_in_actors_table(cell));
        }
        let name = match self.tie_cells {
            CellReading::Cleaned => repair(cell),
            _ => Cow::Borrowed(cell),
        };
        if let Cow::Owned(fixed) = &name {
            self.report_repair(cell, fixed);
        }
        let name = name.into_owned();
        let (origin, line) = (self.ties_origin.clone(), self.current_line);
        let mut placed = self.place_actor(cell, &[name.as_str()], &origin, line)?;
        if placed == Placement::New {
            let id = match by {
                EndBy::Id => name.clone(),
                EndBy::Name => self.fresh_id(&name),
            };
            let actor = Actor::new(id, name.clone(), kind);
            placed = self.add_incoming(actor, &[name.as_str()], &origin, line)?;
        }
        match placed {
            Placement::Existing(actor) => Ok(Some(actor)),
            Placement::Added(actor) => {
                // Later rows find it by the cell as written.
                self.ids.insert(cell, actor);
                self.report.actors_created += 1;
                Ok(Some(actor))
            }
            Placement::SetAside | Placement::New => Ok(None),
        }
    }

    /// Why an id the actors table lacks is rejected: its row was, or it is
    /// not there (perhaps a name written where the id belongs).
    fn not_in_actors_table(&self, cell: &str) -> String {
        if let Some((origin, line)) = self.rejected_actors.get(cell) {
            return format!("actor `{cell}`'s row was rejected ({origin}:{line})");
        }
        let hint = match self.builder.graph().find(cell) {
            Some(actor) => format!(
                "; ties name actors by id: write `{}`",
                self.builder.graph().actor(actor).id
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
        while self.builder.graph().find(&id).is_some() {
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
        let resolved = match known_relation(self.builder.graph().relations(), rules, value) {
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
                    let known: Vec<&str> = self.builder.graph().relations().names().collect();
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
        self.builder
            .graph_mut()
            .relations_mut()
            .declare(relation)
            .map_err(|e| format!("relation `{name}`: {e}"))
    }
}
