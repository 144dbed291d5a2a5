//! Mapping files: how the columns of a spreadsheet or event dataset become
//! actors and ties, so that a new layout needs a RON file, not code.
//!
//! The default layout (the benchmark's) is [`Mapping::default`]; the ACLED
//! and UCDP mappings ship in `mappings/`, documented in `mappings/README.md`.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::model::time::month_from_name;
use crate::model::{ActorKind, Confidence, PartialDate};

/// A whole mapping: the actors table (optional) and the ties table.
#[derive(Clone, Debug, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// The actors table's columns; `None` when actors come from the ties alone.
    #[serde(default = "default_actor_columns")]
    pub actors: Option<ActorColumns>,
    /// The ties table's columns.
    pub ties: TieColumns,
}

fn default_actor_columns() -> Option<ActorColumns> {
    Some(ActorColumns::default())
}

/// Columns of the actors table.
#[derive(Clone, Debug, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct ActorColumns {
    /// The column holding each actor's id, which ties refer to.
    pub id: String,
    /// The display name; the id when absent or empty.
    #[serde(default)]
    pub name: Option<String>,
    /// The column of actor kinds (`group`, `state force`, ...); empty cells get `default_kind`.
    #[serde(default)]
    pub kind: Option<String>,
    /// The column of other names, several to a cell.
    #[serde(default)]
    pub aliases: Option<String>,
    /// Between two aliases (and two tags) in one cell; a backslash before
    /// it (or before another backslash) makes it part of the item.
    #[serde(default = "semicolon")]
    pub separator: String,
    /// The column of tags (networks), several to a cell.
    #[serde(default)]
    pub tags: Option<String>,
    /// The column of the day each actor's life began, as a date.
    #[serde(default)]
    pub active_start: Option<String>,
    /// The column of the day each actor's life ended, as a date.
    #[serde(default)]
    pub active_end: Option<String>,
    /// The column of notes on each actor.
    #[serde(default)]
    pub note: Option<String>,
    /// The kind of an actor whose kind cell is empty.
    #[serde(default = "default_kind")]
    pub default_kind: ActorKind,
}

impl Default for ActorColumns {
    fn default() -> Self {
        ActorColumns {
            id: "id".into(),
            name: Some("name".into()),
            kind: Some("kind".into()),
            aliases: Some("aliases".into()),
            separator: semicolon(),
            tags: Some("tags".into()),
            active_start: Some("active_start".into()),
            active_end: Some("active_end".into()),
            note: Some("note".into()),
            default_kind: ActorKind::Group,
        }
    }
}

fn semicolon() -> String {
    ";".into()
}

fn default_kind() -> ActorKind {
    ActorKind::Group
}

/// Columns of the ties table.
#[derive(Clone, Debug, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct TieColumns {
    /// The column naming the actor each tie runs from.
    pub source: EndColumn,
    /// The column naming the actor each tie runs to.
    pub target: EndColumn,
    /// How each row's relation is found.
    pub relation: RelationColumn,
    /// The column of each tie's start; `None` leaves every start unknown.
    #[serde(default)]
    pub start: Option<DateColumn>,
    /// The column of each tie's end; `None` leaves every tie ongoing.
    #[serde(default)]
    pub end: Option<DateColumn>,
    /// How each tie's confidence is read; `None` makes every tie confirmed.
    #[serde(default)]
    pub confidence: Option<ConfidenceColumn>,
    /// Source ids, separated by `;` (`\;` for a `;` in an id, `\\` for a
    /// backslash); unknown ones are declared with the id as citation.
    #[serde(default)]
    pub sources: Option<String>,
    /// The column of notes on each tie.
    #[serde(default)]
    pub note: Option<String>,
    /// The source's words a tie rests on (the CSV export writes one).
    #[serde(default)]
    pub evidence: Option<String>,
    /// An event count column (the CSV export writes one).
    #[serde(default)]
    pub events: Option<String>,
    /// `PerPair` folds the rows of one pair and relation into one tie that
    /// spans the first to the last event and keeps the row count in `events`.
    #[serde(default)]
    pub fold: Fold,
}

/// Whether rows are ties or events.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
pub enum Fold {
    /// Each row is a tie (identical rows merge).
    #[default]
    Rows,
    /// Each row is an event; the events of a pair and relation become one tie.
    PerPair,
}

/// One end of a tie.
#[derive(Clone, Debug, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct EndColumn {
    /// The column's name in the header.
    pub column: String,
    /// `Id`: the cell is an actor id (created bare when unknown and no actors
    /// table is given). `Name`: the cell is a name, resolved by the name rules
    /// or created as a new actor.
    #[serde(default)]
    pub by: EndBy,
    /// The kind given to actors this column creates.
    #[serde(default = "default_kind")]
    pub kind: ActorKind,
}

/// How an end cell names an actor.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
pub enum EndBy {
    /// The cell is an actor's id.
    #[default]
    Id,
    /// The cell is an actor's name or alias.
    Name,
}

/// The relation of each row: a column with a value map, or a fixed relation.
#[derive(Clone, Debug, Default, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct RelationColumn {
    /// `None` with `fixed` set: every row has that relation.
    #[serde(default)]
    pub column: Option<String>,
    /// The relation every row has, when there is no column.
    #[serde(default)]
    pub fixed: Option<String>,
    /// Cell value → relation name, e.g. `"all": "alliance"`. Values compare exactly after trimming.
    #[serde(default)]
    pub map: BTreeMap<String, String>,
    /// Cell values whose rows are skipped (counted, never silently).
    #[serde(default)]
    pub skip: Vec<String>,
    /// What to do with a value neither mapped nor a known relation.
    #[serde(default)]
    pub other: OtherRelation,
}

/// What an unmapped relation value does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
pub enum OtherRelation {
    /// The row is rejected.
    #[default]
    Reject,
    /// The value becomes a declared relation; `directed` says which kind.
    Declare {
        /// True to declare it as a directed relation, false as a symmetric one.
        directed: bool,
    },
}

/// A date column and how its cells are written.
#[derive(Clone, Debug, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct DateColumn {
    /// The column's name in the header.
    pub column: String,
    /// How its cells are written.
    #[serde(default)]
    pub format: DateFormat,
}

/// How the cells of a date column are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
pub enum DateFormat {
    /// `2014`, `2014-05`, `2014-05-08`; also `2014-05-00` and `2014-00-00`
    /// for an unknown day or month.
    #[default]
    Iso,
    /// `5/8/14` or `5/8/2014` (month, day, year); two-digit years are
    /// 1950–2049.
    MonthDayYear,
    /// `8/5/14` or `8/5/2014` (day, month, year).
    DayMonthYear,
    /// `08 May 2014` or `8 May 2014` (ACLED's older exports).
    DayMonthNameYear,
}

/// The confidence of each row.
#[derive(Clone, Debug, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct ConfidenceColumn {
    /// The column of confidences; `None` gives every row `default`.
    #[serde(default)]
    pub column: Option<String>,
    /// Cell value → confidence, for codes other than confirmed/likely/possible.
    #[serde(default)]
    pub map: BTreeMap<String, Confidence>,
    /// The confidence of an empty cell (or of every row when no column).
    #[serde(default = "confirmed")]
    pub default: Confidence,
}

fn confirmed() -> Confidence {
    Confidence::Confirmed
}

impl Default for Mapping {
    /// The default layout: actors `id,name,kind,aliases`; ties
    /// `source,target,relation,start,end,confidence` (plus the optional
    /// columns the CSV export adds: `sources,note,events`, and on actors
    /// `tags,active_start,active_end,note`).
    fn default() -> Self {
        Mapping {
            actors: Some(ActorColumns::default()),
            ties: TieColumns {
                source: EndColumn {
                    column: "source".into(),
                    by: EndBy::Id,
                    kind: ActorKind::Group,
                },
                target: EndColumn {
                    column: "target".into(),
                    by: EndBy::Id,
                    kind: ActorKind::Group,
                },
                relation: RelationColumn {
                    column: Some("relation".into()),
                    ..RelationColumn::default()
                },
                start: Some(DateColumn {
                    column: "start".into(),
                    format: DateFormat::Iso,
                }),
                end: Some(DateColumn {
                    column: "end".into(),
                    format: DateFormat::Iso,
                }),
                confidence: Some(ConfidenceColumn {
                    column: Some("confidence".into()),
                    map: BTreeMap::new(),
                    default: Confidence::Confirmed,
                }),
                sources: Some("sources".into()),
                note: Some("note".into()),
                evidence: Some("evidence".into()),
                events: Some("events".into()),
                fold: Fold::Rows,
            },
        }
    }
}

/// Why a mapping file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum MappingError {
    /// The mapping file could not be read.
    #[error("cannot read mapping `{path}`: {error}")]
    Read {
        /// The mapping file, as it was named.
        path: String,
        /// Why reading failed.
        error: std::io::Error,
    },
    /// The mapping is not valid RON for a mapping: placed with a caret.
    #[error("{0}")]
    Syntax(Diagnostic),
}

impl MappingError {
    /// The error as a diagnostic, for the one place errors are printed.
    pub fn diagnostic(&self) -> Diagnostic {
        match self {
            MappingError::Syntax(diagnostic) => diagnostic.clone(),
            MappingError::Read { .. } => Diagnostic::new(self.to_string()),
        }
    }
}

impl Mapping {
    /// Reads a mapping file.
    pub fn load(path: &Path) -> Result<Mapping, MappingError> {
        let text = std::fs::read_to_string(path).map_err(|error| MappingError::Read {
            path: path.display().to_string(),
            error,
        })?;
        Mapping::parse(&text, &path.display().to_string())
    }

    /// Parses mapping text; `origin` names it in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Mapping, MappingError> {
        ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
            .from_str(text)
            .map_err(|error| {
                // ron counts lines and columns in characters, from 1.
                MappingError::Syntax(
                    Diagnostic::new(error.code.to_string())
                        .origin(origin)
                        .at_line_column(text, error.span.start.line, error.span.start.col, 1),
                )
            })
    }
}

impl DateFormat {
    /// Reads a non-empty, trimmed cell.
    pub fn parse(self, text: &str) -> Result<PartialDate, String> {
        let shape = |what: &str| format!("`{text}` is not a date {what}");
        match self {
            // The fast path reads plain dates; EDTF's forms go the long way.
            DateFormat::Iso => parse_iso(text.as_bytes()).map_or_else(
                || text.parse::<PartialDate>().map_err(|e| e.to_string()),
                Ok,
            ),
            DateFormat::MonthDayYear | DateFormat::DayMonthYear => {
                let parts: Vec<&str> = text.split('/').collect();
                let [a, b, y] = parts[..] else {
                    return Err(shape("(write M/D/YY)"));
                };
                let (m, d) = if self == DateFormat::MonthDayYear {
                    (a, b)
                } else {
                    (b, a)
                };
                let number = |s: &str| -> Option<u32> {
                    (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
                        .then(|| s.parse().ok())
                        .flatten()
                };
                let (Some(m), Some(d), Some(year)) = (number(m), number(d), number(y)) else {
                    return Err(shape("(write M/D/YY or M/D/YYYY)"));
                };
                let year = match y.len() {
                    2 if year < 50 => 2000 + year,
                    2 => 1900 + year,
                    4 => year,
                    _ => return Err(shape("(the year needs 2 or 4 digits)")),
                };
                PartialDate::new(year as i32, Some(m), Some(d)).map_err(|e| e.to_string())
            }
            DateFormat::DayMonthNameYear => {
                let parts: Vec<&str> = text.split_whitespace().collect();
                let [d, m, y] = parts[..] else {
                    return Err(shape("(write 8 May 2014)"));
                };
                let month = month_from_name(m).ok_or_else(|| shape("(unknown month)"))?;
                let (Ok(d), Ok(y)) = (d.parse::<u32>(), y.parse::<i32>()) else {
                    return Err(shape("(write 8 May 2014)"));
                };
                PartialDate::new(y, Some(month), Some(d)).map_err(|e| e.to_string())
            }
        }
    }
}

/// The fast path for ISO dates, with `-00` read as "unknown".
pub(crate) fn parse_iso(text: &[u8]) -> Option<PartialDate> {
    fn digits(bytes: &[u8]) -> Option<u32> {
        let mut value = 0u32;
        for &b in bytes {
            if !b.is_ascii_digit() {
                return None;
            }
            value = value * 10 + u32::from(b - b'0');
        }
        Some(value)
    }
    let (year, month, day) = match text.len() {
        4 => (digits(text)?, 0, 0),
        7 if text[4] == b'-' => (digits(&text[..4])?, digits(&text[5..7])?, 0),
        10 if text[4] == b'-' && text[7] == b'-' => (
            digits(&text[..4])?,
            digits(&text[5..7])?,
            digits(&text[8..10])?,
        ),
        _ => return None,
    };
    match (month, day) {
        (0, 0) => PartialDate::new(year as i32, None, None).ok(),
        (0, _) => None,
        (m, 0) => PartialDate::new(year as i32, Some(m), None).ok(),
        (m, d) => PartialDate::new(year as i32, Some(m), Some(d)).ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(text: &str) -> String {
        DateFormat::Iso.parse(text).unwrap().to_string()
    }

    #[test]
    fn iso_dates_with_unknown_parts() {
        assert_eq!(iso("2014"), "2014");
        assert_eq!(iso("2014-05"), "2014-05");
        assert_eq!(iso("2014-05-08"), "2014-05-08");
        assert_eq!(iso("2014-05-00"), "2014-05");
        assert_eq!(iso("2014-00-00"), "2014");
        for bad in ["2014-00-05", "2014-13", "2023-02-29", "14", "2014/05/08"] {
            assert!(DateFormat::Iso.parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn slash_and_month_name_dates() {
        let mdy = DateFormat::MonthDayYear;
        assert_eq!(mdy.parse("5/8/14").unwrap().to_string(), "2014-05-08");
        assert_eq!(mdy.parse("12/31/1999").unwrap().to_string(), "1999-12-31");
        assert_eq!(mdy.parse("1/2/75").unwrap().to_string(), "1975-01-02");
        assert!(mdy.parse("13/1/14").is_err());
        let dmy = DateFormat::DayMonthYear;
        assert_eq!(dmy.parse("8/5/14").unwrap().to_string(), "2014-05-08");
        let named = DateFormat::DayMonthNameYear;
        assert_eq!(
            named.parse("08 May 2014").unwrap().to_string(),
            "2014-05-08"
        );
        assert_eq!(named.parse("1 Sep 2020").unwrap().to_string(), "2020-09-01");
    }

    #[test]
    fn default_mapping_reads_back_from_ron() {
        let text = ron::ser::to_string(&Mapping::default()).unwrap();
        assert_eq!(Mapping::parse(&text, "x").unwrap(), Mapping::default());
    }
}
