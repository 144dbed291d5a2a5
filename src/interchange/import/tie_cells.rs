//! The cells of a ties record: where each column is, and reading a row's
//! cells (dates, confidence, counts) without the graph, so that the reader
//! thread can do it.

use std::borrow::Cow;

use std::collections::BTreeMap;

use super::cells::{confidence, list_items, CellReading};
use super::table::{Header, NamedColumns};
use super::ImportError;
use crate::interchange::mapping::{
    parse_date, parse_iso, ConfidenceColumn, DateColumn, DateFormat, Mapping,
};
use crate::model::{ActorKind, Confidence, PartialDate};

/// The cells of one ties row, trimmed and decoded, borrowed from the record.
pub(crate) struct RowCells<'r> {
    /// The source and target cells, neither empty.
    pub(crate) ends: [Cow<'r, str>; 2],
    pub(crate) relation: Cow<'r, str>,
    pub(crate) start: Option<PartialDate>,
    pub(crate) end: Option<PartialDate>,
    pub(crate) confidence: Confidence,
    /// Source ids, `;` separated, as written.
    pub(crate) sources: Cow<'r, str>,
    pub(crate) note: Option<String>,
    pub(crate) evidence: Option<String>,
    pub(crate) events: Option<u32>,
    pub(crate) fatalities: Option<u32>,
    /// The kinds the ends' code columns give, when the mapping has them.
    pub(crate) kinds: [Option<ActorKind>; 2],
    /// The actors associated with each end, by name; boxed, as most
    /// layouts have none and rows are moved in batches.
    pub(crate) associates: Option<Box<[Vec<String>; 2]>>,
}

/// Where the ties table's cells are, and how to read them.
pub(crate) struct TieCells {
    ends: [(usize, &'static str); 2],
    relation: Option<usize>,
    fixed_relation: Option<String>,
    /// Relation values whose rows the mapping skips.
    skip: Vec<String>,
    start: Option<(usize, Vec<DateFormat>)>,
    end: Option<(usize, Vec<DateFormat>)>,
    confidence: ConfidenceColumn,
    confidence_col: Option<usize>,
    sources: Option<usize>,
    note: Option<usize>,
    evidence: Option<usize>,
    events: Option<usize>,
    fatalities: Option<usize>,
    /// Each end's kind code column and its codes.
    kind_codes: [Option<(usize, BTreeMap<String, ActorKind>)>; 2],
    /// Each end's associates column, and the separator between them.
    associates: Option<([usize; 2], String)>,
    reading: CellReading,
}

impl TieCells {
    /// The columns `mapping` names, found in `header`; a missing required
    /// column is an error.
    pub(crate) fn new(
        header: &Header,
        mapping: &Mapping,
        reading: CellReading,
    ) -> Result<TieCells, ImportError> {
        let ties = &mapping.ties;
        let rule = NamedColumns::for_mapping(mapping);
        let optional = |column: Option<&str>| header.optional(column, rule);
        let date_col = |column: &Option<DateColumn>| -> Result<_, ImportError> {
            Ok(match column {
                Some(c) => optional(Some(&c.column))?.map(|col| (col, c.formats())),
                None => None,
            })
        };
        let confidence = ties.confidence.clone().unwrap_or(ConfidenceColumn {
            column: None,
            map: Default::default(),
            default: Confidence::Confirmed,
        });
        Ok(TieCells {
            ends: [
                (header.require(&ties.source.column)?, "source"),
                (header.require(&ties.target.column)?, "target"),
            ],
            relation: match &ties.relation.column {
                Some(column) => Some(header.require(column)?),
                None => None,
            },
            fixed_relation: ties.relation.fixed.clone(),
            skip: ties.relation.skip.clone(),
            start: date_col(&ties.start)?,
            end: date_col(&ties.end)?,
            confidence_col: optional(confidence.column.as_deref())?,
            confidence,
            sources: optional(ties.sources.as_deref())?,
            note: optional(ties.note.as_deref())?,
            evidence: optional(ties.evidence.as_deref())?,
            events: optional(ties.events.as_deref())?,
            fatalities: optional(ties.fatalities.as_deref())?,
            kind_codes: [
                match &ties.source.kind_column {
                    Some(c) => Some((header.require(c)?, ties.source.kinds.clone())),
                    None => None,
                },
                match &ties.target.kind_column {
                    Some(c) => Some((header.require(c)?, ties.target.kinds.clone())),
                    None => None,
                },
            ],
            associates: match &ties.associates {
                Some(a) => Some((
                    [header.require(&a.source)?, header.require(&a.target)?],
                    a.separator.clone(),
                )),
                None => None,
            },
            reading,
        })
    }

    /// Reads the cells every row needs, checking dates, confidence and
    /// counts; `None` for a row the mapping skips.
    pub(crate) fn parse<'r>(
        &self,
        record: &'r csv::ByteRecord,
    ) -> Result<Option<RowCells<'r>>, String> {
        let text = |col: usize| -> Result<Cow<'r, str>, String> {
            let bytes = record.get(col).unwrap_or_default();
            let text = std::str::from_utf8(bytes)
                .map_err(|_| format!("column {} is not valid UTF-8", col + 1))?;
            Ok(self.reading.read(text))
        };
        let relation = match (self.relation, &self.fixed_relation) {
            (Some(col), _) => text(col)?,
            (None, Some(fixed)) => Cow::Owned(fixed.clone()),
            (None, None) => return Err("the mapping names no relation".into()),
        };
        if self.skip.iter().any(|s| *s == relation) {
            return Ok(None);
        }
        let mut ends = [Cow::Borrowed(""), Cow::Borrowed("")];
        for (slot, (col, what)) in ends.iter_mut().zip(self.ends) {
            let cell = text(col)?;
            if cell.is_empty() {
                return Err(format!("the {what} is empty"));
            }
            *slot = cell;
        }
        let date = |col: &Option<(usize, Vec<DateFormat>)>, what: &str| {
            let Some((col, formats)) = col else {
                return Ok(None);
            };
            let bytes = record.get(*col).unwrap_or_default();
            // ISO is read the fast way whenever a format reads it: no
            // other format reads `2012-03-04`.
            if formats.iter().any(|f| {
                matches!(
                    f,
                    DateFormat::Iso
                        | DateFormat::Auto
                        | DateFormat::AutoMonthFirst
                        | DateFormat::AutoDayFirst
                )
            }) {
                if let Some(date) = parse_iso(bytes) {
                    return Ok(Some(date));
                }
            }
            let cell = text(*col)?;
            if cell.is_empty() {
                return Ok(None);
            }
            parse_date(formats, &cell)
                .map(Some)
                .map_err(|error| format!("{what}: {error}"))
        };
        let start = date(&self.start, "start")?;
        let end = date(&self.end, "end")?;
        if let (Some(start), Some(end)) = (start, end) {
            if end.last_day() < start.first_day() {
                // The graph file's words; checked here too, before rows fold.
                return Err(format!("tie ends ({end}) before it starts ({start})"));
            }
        }
        let confidence = match self.confidence_col {
            None => self.confidence.default,
            Some(col) => {
                let cell = text(col)?;
                match self.confidence.map.get(cell.as_ref()) {
                    Some(value) if !cell.is_empty() => *value,
                    _ => confidence(&cell, self.confidence.default)?,
                }
            }
        };
        let sources = match self.sources {
            Some(col) => text(col)?,
            None => Cow::Borrowed(""),
        };
        let text_cell = |col: Option<usize>| -> Result<Option<String>, String> {
            match col {
                Some(col) => Ok(Some(text(col)?.into_owned()).filter(|n| !n.is_empty())),
                None => Ok(None),
            }
        };
        let evidence = text_cell(self.evidence)?;
        let note = text_cell(self.note)?;
        let events = match self.events.map(text).transpose()? {
            Some(cell) if !cell.is_empty() => Some(
                cell.parse::<u32>()
                    .map_err(|_| format!("events `{cell}` is not a count"))?,
            ),
            _ => None,
        };
        let fatalities = match self.fatalities.map(text).transpose()? {
            Some(cell) if !cell.is_empty() => Some(
                cell.parse::<u32>()
                    .map_err(|_| format!("fatalities `{cell}` is not a count"))?,
            ),
            _ => None,
        };
        let mut kinds = [None, None];
        for (slot, codes) in kinds.iter_mut().zip(&self.kind_codes) {
            if let Some((col, codes)) = codes {
                *slot = codes.get(text(*col)?.as_ref()).copied();
            }
        }
        let mut associates = None;
        if let Some((cols, separator)) = &self.associates {
            let lists = associates.insert(Box::new([Vec::new(), Vec::new()]));
            for (slot, col) in lists.iter_mut().zip(cols) {
                *slot = list_items(&text(*col)?, separator)
                    .into_iter()
                    .map(|item| self.reading.item(&item).to_string())
                    .filter(|item| !item.is_empty())
                    .collect();
            }
        }
        Ok(Some(RowCells {
            fatalities,
            kinds,
            associates,
            ends,
            relation,
            start,
            end,
            confidence,
            sources,
            note,
            evidence,
            events,
        }))
    }
}
