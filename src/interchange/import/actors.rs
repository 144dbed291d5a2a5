//! The actors table: one actor per row, checked as the graph file's rules
//! check actors, with repeated rows merged and conflicting ones rejected.

use std::borrow::Cow;
use std::io::Read;

use rustc_hash::FxHashMap;

use super::cells::{split_list, CellReading};
use super::importer::Importer;
use super::incoming::Placement;
use super::repair::{repair, visible};
use super::table::{csv_reader, delimiter_of, Header, NamedColumns, Table};
use super::ImportError;
use crate::interchange::mapping::DateFormat;
use crate::model::{Actor, ActorId, ActorKind, Period};

impl Importer<'_> {
    /// Repairs the Windows-1252 damage in an actor's name and aliases,
    /// reporting each name repaired once.
    pub(crate) fn repair_names(&mut self, actor: &mut Actor) {
        for name in std::iter::once(&mut actor.name).chain(&mut actor.aliases) {
            if let Cow::Owned(fixed) = repair(name) {
                self.report_repair(name, &fixed);
                *name = fixed;
            }
        }
    }

    /// Records a repaired name, once.
    pub(crate) fn report_repair(&mut self, written: &str, fixed: &str) {
        let pair = (visible(written), fixed.to_string());
        if !self.report.repaired.contains(&pair) {
            self.report.repaired.push(pair);
        }
    }

    /// Reads the actors table the mapping describes (a mapping without one
    /// reads nothing).
    pub(crate) fn read_actors<R: Read>(&mut self, table: Table<R>) -> Result<(), ImportError> {
        let Some(columns) = self.options.mapping.actors.clone() else {
            return Ok(());
        };
        let origin = table.origin.clone();
        let reading = table.cell_reading();
        let delimiter = delimiter_of(&table, &self.options.mapping);
        let mut reader = csv_reader(table.reader, delimiter);
        let header = Header::read(&mut reader, &origin)?;
        let rule = NamedColumns::for_mapping(&self.options.mapping);
        let id_col = header.require(&columns.id)?;
        let optional = |name: &Option<String>| header.optional(name.as_deref(), rule);
        let name_col = optional(&columns.name)?;
        let kind_col = optional(&columns.kind)?;
        let aliases_col = optional(&columns.aliases)?;
        let tags_col = optional(&columns.tags)?;
        let start_col = optional(&columns.active_start)?;
        let end_col = optional(&columns.active_end)?;
        let note_col = optional(&columns.note)?;
        let mut lines: FxHashMap<ActorId, u64> = FxHashMap::default();
        let mut record = csv::StringRecord::new();
        while let Some(line) = self.next_record(&mut reader, &mut record, &origin)? {
            let cell =
                |col: Option<usize>| col.and_then(|c| record.get(c)).map(|t| reading.read(t));
            let id = cell(Some(id_col)).unwrap_or_default();
            if id.is_empty() {
                self.reject(&origin, line, "the actor has no id".into());
                continue;
            }
            let name = cell(name_col)
                .filter(|n| !n.is_empty())
                .unwrap_or(id.clone());
            let kind = match cell(kind_col).filter(|k| !k.is_empty()) {
                None => columns.default_kind,
                Some(text) => match kind_of(&text) {
                    Some(kind) => kind,
                    None => {
                        let kinds: Vec<&str> = ActorKind::ALL.iter().map(|k| k.as_str()).collect();
                        let reason = format!(
                            "actor `{id}`: unknown kind `{text}` (kinds: {})",
                            kinds.join(", ")
                        );
                        self.reject_actor(&origin, line, &id, reason);
                        continue;
                    }
                },
            };
            let list = |col: Option<usize>| {
                list_cell(col.and_then(|c| record.get(c)), reading, &columns.separator)
            };
            let mut actor = Actor::new(id.into_owned(), name.into_owned(), kind);
            actor.aliases = list(aliases_col);
            actor.aliases.retain(|a| *a != actor.name && *a != actor.id);
            actor.tags = list(tags_col);
            actor.note = cell(note_col)
                .filter(|n| !n.is_empty())
                .map(Cow::into_owned);
            let span = [cell(start_col), cell(end_col)];
            let period = match active_period(&actor.id, span) {
                Ok(period) => period,
                Err(reason) => {
                    let id = actor.id.clone();
                    self.reject_actor(&origin, line, &id, reason);
                    continue;
                }
            };
            if period != Period::default() {
                actor.active = Some(period);
            }
            if let Some(existing) = self.ids.get(&actor.id) {
                let known = self.builder.graph().actor(existing);
                // The same row again, or again an actor found under another id.
                if *known == actor || known.id != actor.id {
                    self.report.rows_merged += 1;
                } else {
                    let reason = match lines.get(&existing) {
                        Some(first) => format!(
                            "actor `{}` is already defined at line {first}, differently",
                            actor.id
                        ),
                        None => {
                            format!("actor `{}` is already in the graph, differently", actor.id)
                        }
                    };
                    self.reject(&origin, line, reason);
                }
                continue;
            }
            if self.set_aside.contains_key(&actor.id) {
                self.report.rows_skipped += 1;
                continue;
            }
            if reading == CellReading::Cleaned {
                self.repair_names(&mut actor);
            }
            let names: Vec<&str> = std::iter::once(actor.name.as_str())
                .chain(actor.aliases.iter().map(String::as_str))
                .collect();
            match self.place_actor(&actor.id.clone(), &names, &origin, line) {
                Ok(Placement::Existing(_)) => self.report.rows_merged += 1,
                // (`place_actor` adds nothing: `Added` comes from `add_incoming` alone.)
                Ok(Placement::SetAside | Placement::Added(_)) => self.report.rows_skipped += 1,
                Ok(Placement::New) => {
                    let key = actor.id.clone();
                    let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
                    let names: Vec<&str> = names.iter().map(String::as_str).collect();
                    match self.add_incoming(actor, &names, &origin, line) {
                        Ok(Placement::Added(id)) => {
                            lines.insert(id, line);
                            self.report.actors_added += 1;
                        }
                        Ok(Placement::Existing(_)) => self.report.rows_merged += 1,
                        Ok(_) => self.report.rows_skipped += 1,
                        Err(reason) => self.reject_actor(&origin, line, &key, reason),
                    }
                }
                Err(reason) => {
                    let id = actor.id.clone();
                    self.reject_actor(&origin, line, &id, reason);
                }
            }
        }
        Ok(())
    }
}

/// The items of a list cell (aliases, tags), each once, none empty.
/// Entities are decoded first (`&amp;` holds the separator `;`), then the
/// cell is split at separators not escaped by a backslash.
fn list_cell(cell: Option<&str>, reading: CellReading, separator: &str) -> Vec<String> {
    let mut items: Vec<String> = Vec::new();
    if let Some(text) = cell {
        for item in split_list(&reading.read(text), separator) {
            let item = reading.item(&item);
            if !item.is_empty() && !items.iter().any(|kept| kept == item) {
                items.push(item.to_string());
            }
        }
    }
    items
}

/// The active period of actor `id`'s `active_start` and `active_end`
/// cells; a bad date (the end's, when both are) is the row's rejection.
/// Their order is the graph builder's to check, as for a graph file.
fn active_period(id: &str, [start, end]: [Option<Cow<'_, str>>; 2]) -> Result<Period, String> {
    let date = |cell: Option<Cow<'_, str>>, what: &str| match cell.filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(text) => DateFormat::Iso
            .parse(&text)
            .map(Some)
            .map_err(|error| format!("actor `{id}`: {what}: {error}")),
    };
    let (start, end) = (date(start, "active_start"), date(end, "active_end"));
    // The end first: its error is the one reported when both are bad.
    Ok(Period {
        end: end?,
        start: start?,
    })
}

/// A kind by name; the exact file names first, as they are the common case.
fn kind_of(text: &str) -> Option<ActorKind> {
    ActorKind::ALL
        .into_iter()
        .find(|kind| kind.as_str() == text)
        .or_else(|| ActorKind::parse(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_cells_drop_empty_and_repeated_items() {
        let cells = CellReading::Cleaned;
        assert_eq!(
            list_cell(Some(" a ; b;;a; c\\;d "), cells, ";"),
            ["a", "b", "c;d"]
        );
        assert_eq!(list_cell(Some("x &amp; y;z"), cells, ";"), ["x & y", "z"]);
        assert_eq!(
            list_cell(Some(" a ; a"), CellReading::Exact, ";"),
            [" a ", " a"]
        );
        assert!(list_cell(None, cells, ";").is_empty());
    }

    #[test]
    fn an_active_period_is_checked() {
        let cell = |text: &'static str| Some(Cow::Borrowed(text));
        let period = active_period("a", [cell("2012"), None]).unwrap();
        assert_eq!(period.start, Some("2012".parse().unwrap()));
        assert_eq!(period.end, None);
        assert_eq!(
            active_period("a", [cell(""), None]).unwrap(),
            Period::default()
        );
        let error = active_period("a", [cell("x"), cell("2012-13")]).unwrap_err();
        assert!(error.starts_with("actor `a`: active_end: "), "{error}");
    }
}
