//! Reads a graph document straight into a [`GraphBuilder`], one actor and
//! one tie at a time, so a large file is never held twice (as text and as a
//! document of strings) on its way into the graph.
//!
//! Ties are checked as they arrive when the actors came first, as in every
//! file the tool writes; a file that lists ties before actors has its ties
//! kept aside and checked at the end.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::drafts::{ActorDraft, Checked, EventDraft, RelationDraft, SourceDraft, TieDraft};
use crate::model::time::take_date_errors;
use crate::model::{GraphBuilder, PartialDate, Problem, Site, TieSpec};

/// The document's fields, in the order the tool writes them.
const FIELDS: &[&str] = &[
    "title",
    "as_of",
    "sources",
    "relations",
    "actors",
    "ties",
    "events",
];

/// How often, in ties, the progress callback hears from the reader.
pub const PROGRESS_EVERY: usize = 100_000;

/// The seed that reads a whole document into `builder`.
pub struct Document<'b> {
    pub builder: &'b mut GraphBuilder,
    /// Ties read before the actors, checked once everything is read;
    /// `None` for one that lacks what it could be checked by.
    pub waiting: &'b mut Vec<Option<TieSpec>>,
    pub progress: &'b mut dyn FnMut(usize),
}

impl<'de> DeserializeSeed<'de> for Document<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_struct("GraphSpec", FIELDS, self)
    }
}

impl<'de> Visitor<'de> for Document<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a graph: (title: \"…\", actors: [...], ties: [...])")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = [false; FIELDS.len()];
        while let Some(key) = map.next_key::<String>()? {
            let Some(field) = FIELDS.iter().position(|f| *f == key) else {
                return Err(de::Error::unknown_field(&key, FIELDS));
            };
            if std::mem::replace(&mut seen[field], true) {
                return Err(de::Error::duplicate_field(FIELDS[field]));
            }
            // sources, relations and actors (fields 2 to 4)
            let late = (2..5).contains(&field) && self.builder.has_ties();
            if late {
                // Ties already checked could not see these; say so at the field.
                self.builder.problem(Problem::new(
                    Site::Document { field: FIELDS[field] },
                    format!("`{}` comes after `ties`: declare sources, relations and actors before the ties that use them", FIELDS[field]),
                ));
            }
            let builder = &mut *self.builder;
            match FIELDS[field] {
                "title" => builder.set_title(map.next_value()?),
                "as_of" => {
                    let as_of = map.next_value::<Option<PartialDate>>()?;
                    let site = |_| Site::Document { field: "as_of" };
                    // An unreadable date is reported at the field, not read as a placeholder.
                    if !bad_dates(builder, &[("as_of", as_of)], site) {
                        builder.set_as_of(as_of);
                    }
                }
                "sources" => {
                    let mut index = 0;
                    map.next_value_seed(Each::new(|s: SourceDraft| {
                        match reported(builder, s.check(index)) {
                            Some(source) => builder.source(source),
                            None => builder.skip_source(),
                        }
                        index += 1;
                    }))?
                }
                "relations" => {
                    let mut index = 0;
                    map.next_value_seed(Each::new(|r: RelationDraft| {
                        match reported(builder, r.check(index)) {
                            Some(relation) => builder.relation(relation),
                            None => builder.skip_relation(),
                        }
                        index += 1;
                    }))?
                }
                "actors" => map.next_value_seed(Each::new(|mut a: ActorDraft| {
                    let index = builder.seen().0;
                    let period = a.active.unwrap_or_default();
                    let fields = [("active", period.start), ("active", period.end)];
                    if bad_dates(builder, &fields, |field| Site::Actor {
                        index,
                        field,
                        item: None,
                    }) {
                        // Kept without its life, so its ties are not refused too.
                        a.active = None;
                    }
                    match reported(builder, a.check(index)) {
                        Some(actor) => builder.actor(actor),
                        None => builder.skip_actor(),
                    }
                }))?,
                "events" => {
                    if !seen[4] {
                        builder.problem(Problem::new(
                            Site::Document { field: "events" },
                            "`events` comes before `actors`: declare actors before the events that name them",
                        ));
                    }
                    map.next_value_seed(Each::new(|e: EventDraft| {
                        let index = builder.seen().2;
                        let bad = bad_dates(builder, &[("date", e.date)], |field| Site::Event {
                            index,
                            field,
                            item: None,
                        });
                        match reported(builder, e.check(index)) {
                            Some(event) if !bad => builder.event(event),
                            _ => builder.skip_event(),
                        }
                    }))?
                }
                _ => {
                    let actors_read = seen[4];
                    let waiting = &mut *self.waiting;
                    let progress = &mut *self.progress;
                    let mut count = 0usize;
                    map.next_value_seed(Each::new(|mut tie: TieDraft| {
                        let index = builder.seen().1 + waiting.len();
                        let fields = [("start", tie.start), ("end", tie.end)];
                        if bad_dates(builder, &fields, |field| Site::Tie {
                            index,
                            field,
                            item: None,
                        }) {
                            // Checked without its dates, so its other
                            // problems are found too.
                            let placeholder = Some(PartialDate::from_day(0));
                            for date in [&mut tie.start, &mut tie.end] {
                                if *date == placeholder {
                                    *date = None;
                                }
                            }
                        }
                        let tie = reported(builder, tie.check(index));
                        match tie {
                            _ if !actors_read => waiting.push(tie),
                            Some(tie) => builder.tie(tie),
                            None => builder.skip_tie(),
                        }
                        count += 1;
                        if count % PROGRESS_EVERY == 0 {
                            progress(count);
                        }
                    }))?;
                }
            }
        }
        if !seen[0] {
            self.builder.problem(
                Problem::new(
                    Site::Document { field: "title" },
                    "the graph has no `title`",
                )
                .with_help(Some(
                    "give what the graph covers, for titles and listings: \
                         `title: \"Sahel armed groups\"`"
                        .into(),
                )),
            );
        }
        Ok(())
    }
}

/// Records a draft's missing fields with the other problems; the item to
/// check further, if it can be.
fn reported<T>(builder: &mut GraphBuilder, checked: Checked<T>) -> Option<T> {
    for problem in checked.problems {
        builder.problem(problem);
    }
    checked.item
}

/// Reports the dates of the item just read that could not be read, each at
/// its field: `fields` names the item's date fields with the value read
/// (an unreadable date reads as the placeholder). True when there were some.
fn bad_dates(
    builder: &mut GraphBuilder,
    fields: &[(&'static str, Option<PartialDate>)],
    site: impl Fn(&'static str) -> Site,
) -> bool {
    let errors = take_date_errors();
    let placeholder = Some(PartialDate::from_day(0));
    let mut bad_fields = fields
        .iter()
        .filter(|(_, value)| *value == placeholder)
        .map(|(field, _)| *field);
    for error in &errors {
        let field = bad_fields.next().unwrap_or(fields[0].0);
        builder.problem(Problem::new(site(field), error.to_string()).within(error.within()));
    }
    !errors.is_empty()
}

/// Reads a list, handing each element to a function instead of collecting.
struct Each<T, F>(F, std::marker::PhantomData<fn(T)>);

impl<T, F: FnMut(T)> Each<T, F> {
    fn new(f: F) -> Self {
        Each(f, std::marker::PhantomData)
    }
}

impl<'de, T, F> DeserializeSeed<'de> for Each<T, F>
where
    T: serde::Deserialize<'de>,
    F: FnMut(T),
{
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de, T, F> Visitor<'de> for Each<T, F>
where
    T: serde::Deserialize<'de>,
    F: FnMut(T),
{
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list in brackets")
    }

    fn visit_seq<S: SeqAccess<'de>>(mut self, mut seq: S) -> Result<(), S::Error> {
        while let Some(item) = seq.next_element::<T>()? {
            (self.0)(item);
        }
        Ok(())
    }
}
