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
    /// The character between cells (`';'`, `'\t'`); by default a comma, or a
    /// tab for a `.tsv` file or a header with tabs and no comma.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<char>,
    /// Which relation ends which between the same pair: a later tie of a
    /// key relation ends an open earlier tie of each relation listed
    /// (`{"hostility": ["alliance"], "alliance": ["hostility"]}`). Relations
    /// not listed are left alone. Given, it applies to every import with
    /// this mapping; `--close-on-next-relation` without it uses
    /// [`DEFAULT_SUPERSESSION`].
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub supersede: BTreeMap<String, Vec<String>>,
}

/// What `--close-on-next-relation` ends when the mapping does not say:
/// hostility and rivalry end an alliance, an alliance ends hostility and
/// rivalry. A splinter, a subgroup or an allegiance ends nothing.
pub const DEFAULT_SUPERSESSION: &[(&str, &[&str])] = &[
    ("hostility", &["alliance"]),
    ("rivalry", &["alliance"]),
    ("alliance", &["hostility", "rivalry"]),
];

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
    /// A fatalities column (ACLED's `fatalities`): kept on the tie, summed
    /// over the events a fold joins.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fatalities: Option<String>,
    /// Actors a row names beside its two ends (ACLED's `assoc_actor_1` and
    /// `assoc_actor_2`): each becomes a tie of the event to the end it
    /// stands with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub associates: Option<AssociateColumns>,
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
    /// The kind given to actors this column creates (when `kinds` gives none).
    #[serde(default = "default_kind")]
    pub kind: ActorKind,
    /// A column of codes giving the kind of the actor this column creates
    /// (ACLED's `inter1`, UCDP's `type_of_conflict`), read through `kinds`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind_column: Option<String>,
    /// Code → kind; a code not listed (or an empty cell) gives `kind`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub kinds: BTreeMap<String, ActorKind>,
}

/// The columns of actors associated with each end of an event, and the
/// tie each gets to its end (dated like the event, with its sources).
#[derive(Clone, Debug, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct AssociateColumns {
    /// Actors with the source end (ACLED's `assoc_actor_1`).
    pub source: String,
    /// Actors with the target end (ACLED's `assoc_actor_2`).
    pub target: String,
    /// The relation between an associate and its end.
    #[serde(default = "alliance")]
    pub relation: String,
    /// Between two actors in one cell.
    #[serde(default = "semicolon")]
    pub separator: String,
}

fn alliance() -> String {
    "alliance".into()
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
    /// Several ways its cells are written, tried in order (a column that
    /// mixes `2/18/10` with `2012-03-00`); when given, `format` is not.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub formats: Vec<DateFormat>,
}

impl DateColumn {
    /// The formats its cells are read with, in the order they are tried.
    pub fn formats(&self) -> Vec<DateFormat> {
        if self.formats.is_empty() {
            vec![self.format]
        } else {
            self.formats.clone()
        }
    }
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
    /// Any of ISO (with `-00` parts), `M/D/YY`, `M/D/YYYY`, `D/M/YY…` and
    /// `D Month YYYY`, recognised by their shape. A slash date is read only
    /// when it has one reading (`2/18/10`); `3/4/2012` could be 3 April or
    /// 4 March and is rejected: [`DateFormat::AutoMonthFirst`] or
    /// [`DateFormat::AutoDayFirst`] settle it.
    Auto,
    /// [`DateFormat::Auto`], with slash dates month first (`3/4/2012` is 4 March).
    AutoMonthFirst,
    /// [`DateFormat::Auto`], with slash dates day first (`3/4/2012` is 3 April).
    AutoDayFirst,
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
    /// columns the CSV export adds: `sources,note,evidence,events,fatalities`, and on actors
    /// `tags,active_start,active_end,note`).
    fn default() -> Self {
        Mapping {
            delimiter: None,
            supersede: BTreeMap::new(),
            actors: Some(ActorColumns::default()),
            ties: TieColumns {
                source: EndColumn {
                    column: "source".into(),
                    by: EndBy::Id,
                    kind: ActorKind::Group,
                    kind_column: None,
                    kinds: BTreeMap::new(),
                },
                target: EndColumn {
                    column: "target".into(),
                    by: EndBy::Id,
                    kind: ActorKind::Group,
                    kind_column: None,
                    kinds: BTreeMap::new(),
                },
                relation: RelationColumn {
                    column: Some("relation".into()),
                    ..RelationColumn::default()
                },
                start: Some(DateColumn {
                    column: "start".into(),
                    format: DateFormat::Iso,
                    formats: Vec::new(),
                }),
                end: Some(DateColumn {
                    column: "end".into(),
                    format: DateFormat::Iso,
                    formats: Vec::new(),
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
                fatalities: Some("fatalities".into()),
                associates: None,
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
    /// Whether the tables' columns are the default layout's (the CSV
    /// export's), whatever the delimiter or supersession rule: its optional
    /// columns may be absent and the companion tables beside it are read.
    pub fn is_default_layout(&self) -> bool {
        let default = Mapping::default();
        self.actors == default.actors && self.ties == default.ties
    }

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
        let mapping: Mapping = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
            .from_str(text)
            .map_err(|error| {
                // ron counts lines and columns in characters, from 1.
                MappingError::Syntax(
                    Diagnostic::new(error.code.to_string())
                        .origin(origin)
                        .at_line_column(text, error.span.start.line, error.span.start.col, 1),
                )
            })?;
        if let Some(delimiter) = mapping.delimiter {
            if !delimiter.is_ascii() || matches!(delimiter, '"' | '\n' | '\r') {
                return Err(MappingError::Syntax(
                    Diagnostic::new(format!(
                        "`{}` cannot separate cells: the delimiter must be one ASCII \
                         character other than a quote or a line break",
                        delimiter.escape_default()
                    ))
                    .origin(origin)
                    .help(Some("e.g. `delimiter: ';'` or `delimiter: '\\t'`".into())),
                ));
            }
        }
        for (name, column) in [("start", &mapping.ties.start), ("end", &mapping.ties.end)] {
            if let Some(column) = column {
                if !column.formats.is_empty() && column.format != DateFormat::default() {
                    return Err(MappingError::Syntax(
                        Diagnostic::new(format!(
                            "the ties' `{name}` column gives both `format` and `formats`"
                        ))
                        .origin(origin)
                        .help(Some(format!(
                            "list every format in `formats`, e.g. `formats: [{:?}, Iso]`",
                            column.format
                        ))),
                    ));
                }
            }
        }
        Ok(mapping)
    }
}

/// Reads a non-empty, trimmed cell with the first of `formats` that reads
/// it. When none does, the error of a format that recognised the cell's
/// shape (an ambiguous `3/4/2012`, a 13th month) is worth more than "not a
/// date", so it is the one given.
pub fn parse_date(formats: &[DateFormat], text: &str) -> Result<PartialDate, String> {
    let mut shaped = None;
    for format in formats {
        match format.read(text) {
            Ok(date) => return Ok(date),
            Err(NotDate::Shape) => {}
            Err(NotDate::Value(error)) => {
                shaped.get_or_insert(error);
            }
        }
    }
    Err(shaped.unwrap_or_else(|| match formats {
        [one] => format!("`{text}` is not a date {}", one.example()),
        _ => format!(
            "`{text}` is not a date in any of the mapping's formats ({})",
            formats
                .iter()
                .map(|f| format!("{f:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }))
}

/// Why a cell is not a date in one format.
#[derive(Debug, PartialEq)]
enum NotDate {
    /// It is not written in this format's shape at all.
    Shape,
    /// It has the shape, but not a date's value: why.
    Value(String),
}

impl DateFormat {
    /// Reads a non-empty, trimmed cell.
    pub fn parse(self, text: &str) -> Result<PartialDate, String> {
        parse_date(&[self], text)
    }

    /// Reads a non-empty, trimmed cell, telling a cell of another shape
    /// from one of this shape that is no date.
    fn read(self, text: &str) -> Result<PartialDate, NotDate> {
        let value = |e: crate::model::time::DateError| NotDate::Value(format!("`{text}`: {e}"));
        match self {
            // The fast path reads plain dates; EDTF's forms go the long way.
            DateFormat::Iso => match parse_iso(text.as_bytes()) {
                Some(date) => Ok(date),
                // A spreadsheet's timestamp (`2018-03-15 00:00:00`,
                // `2018-03-15T10:20:00Z`) is the day written, as written.
                None if timestamp_day(text).is_some() => {
                    DateFormat::Iso.read(timestamp_day(text).unwrap_or_default())
                }
                None if looks_iso(text) => text.parse::<PartialDate>().map_err(|e| {
                    let e = e.to_string();
                    // The date error may name the value already.
                    NotDate::Value(if e.contains(text) {
                        e
                    } else {
                        format!("`{text}`: {e}")
                    })
                }),
                None => Err(NotDate::Shape),
            },
            DateFormat::MonthDayYear | DateFormat::DayMonthYear => {
                let (a, b, year) = slash_parts(text).ok_or(NotDate::Shape)?;
                let (m, d) = if self == DateFormat::MonthDayYear {
                    (a, b)
                } else {
                    (b, a)
                };
                PartialDate::new(year, Some(m), Some(d)).map_err(|error| {
                    // The other order reads it: say so, the column may be mislabelled.
                    let other = PartialDate::new(year, Some(d), Some(m)).is_ok();
                    NotDate::Value(if other {
                        format!(
                            "`{text}`: {error}, read {} first as the mapping says \
                             (the other way it would be {})",
                            if self == DateFormat::MonthDayYear {
                                "month"
                            } else {
                                "day"
                            },
                            spelled(year, d, m)
                        )
                    } else {
                        format!("`{text}`: {error}")
                    })
                })
            }
            DateFormat::DayMonthNameYear => {
                // `8 May 2014`, and Excel's `8-May-2014` and `8-May-14`.
                let parts: Vec<&str> = text.split([' ', '-']).filter(|p| !p.is_empty()).collect();
                let [d, m, y] = parts[..] else {
                    return Err(NotDate::Shape);
                };
                let (Ok(d), Some(y)) = (d.parse::<u32>(), year_number(y)) else {
                    return Err(NotDate::Shape);
                };
                let month = month_from_name(m)
                    .ok_or_else(|| NotDate::Value(format!("`{text}`: `{m}` is not a month")))?;
                PartialDate::new(y, Some(month), Some(d)).map_err(value)
            }
            DateFormat::Auto | DateFormat::AutoMonthFirst | DateFormat::AutoDayFirst => {
                if let Some((a, b, year)) = slash_parts(text) {
                    let order = match self {
                        DateFormat::AutoMonthFirst => DateFormat::MonthDayYear,
                        DateFormat::AutoDayFirst => DateFormat::DayMonthYear,
                        // One reading only: the other would be no date at all.
                        _ if a == b || b > 12 => DateFormat::MonthDayYear,
                        _ if a > 12 => DateFormat::DayMonthYear,
                        _ => {
                            return Err(NotDate::Value(format!(
                                "`{text}` could be {} or {}: the mapping's `Auto` does not \
                                 guess; write `AutoMonthFirst` or `AutoDayFirst` for this column",
                                spelled(year, a, b),
                                spelled(year, b, a),
                            )))
                        }
                    };
                    return order.read(text);
                }
                [DateFormat::Iso, DateFormat::DayMonthNameYear]
                    .iter()
                    .map(|f| f.read(text))
                    .find(|r| *r != Err(NotDate::Shape))
                    .unwrap_or_else(|| month_first_name(text))
            }
        }
    }

    /// How a cell of this format is written, for messages.
    fn example(self) -> &'static str {
        match self {
            DateFormat::Iso => "(write 2014, 2014-05 or 2014-05-08; 00 for an unknown part)",
            DateFormat::MonthDayYear => "(write M/D/YY or M/D/YYYY)",
            DateFormat::DayMonthYear => "(write D/M/YY or D/M/YYYY)",
            DateFormat::DayMonthNameYear => "(write 8 May 2014)",
            DateFormat::Auto | DateFormat::AutoMonthFirst | DateFormat::AutoDayFirst => {
                "(write 2014-05-08, 5/8/14, 5/8/2014 or 8 May 2014)"
            }
        }
    }
}

/// `Mar 2018`, `March 15 2018`, `March 15, 2018`: a month name first
/// (American usage), for [`DateFormat::Auto`].
fn month_first_name(text: &str) -> Result<PartialDate, NotDate> {
    let parts: Vec<&str> = text.split([' ', ',']).filter(|p| !p.is_empty()).collect();
    let (month, day, year) = match parts[..] {
        [m, y] => (m, None, y),
        [m, d, y] => (m, Some(d), y),
        _ => return Err(NotDate::Shape),
    };
    let (Some(month), Some(year)) = (month_from_name(month), year_number(year)) else {
        return Err(NotDate::Shape);
    };
    let day = match day {
        None => None,
        Some(d) => Some(d.parse::<u32>().map_err(|_| NotDate::Shape)?),
    };
    PartialDate::new(year, Some(month), day).map_err(|e| NotDate::Value(format!("`{text}`: {e}")))
}

/// A year of four digits, or two (1950–2049).
fn year_number(text: &str) -> Option<i32> {
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year: i32 = text.parse().ok()?;
    match text.len() {
        4 => Some(year),
        2 if year < 50 => Some(2000 + year),
        2 => Some(1900 + year),
        _ => None,
    }
}

/// The day of a timestamp, `YYYY-MM-DD` then `T` or a space and a time of
/// day (`HH:MM`, seconds, fractions and a zone optional).
fn timestamp_day(text: &str) -> Option<&str> {
    let (day, time) = (text.get(..10)?, text.get(11..)?);
    if !matches!(text.as_bytes()[10], b'T' | b' ') {
        return None;
    }
    let time = time.trim_end_matches('Z');
    let time = match time.rfind(['+', '-']) {
        Some(at) if at >= 5 => &time[..at],
        _ => time,
    };
    let clock = time.split(['.']).next()?;
    let fields: Vec<&str> = clock.split(':').collect();
    let two_digits = |f: &&str| f.len() == 2 && f.bytes().all(|b| b.is_ascii_digit());
    (matches!(fields.len(), 2 | 3) && fields.iter().all(two_digits)).then_some(day)
}

/// `a/b/y`, `a.b.y` or `a-b-y` with one- or two-digit `a` and `b` and a
/// two- or four-digit year (two digits are 1950–2049).
fn slash_parts(text: &str) -> Option<(u32, u32, i32)> {
    let separator = text.chars().find(|c| matches!(c, '/' | '.' | '-'))?;
    let mut parts = text.split(separator);
    let (a, b, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let number = |s: &str, widths: &[usize]| -> Option<u32> {
        (widths.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let year = number(y, &[2, 4])?;
    let year = match (y.len(), year) {
        (2, y) if y < 50 => 2000 + y,
        (2, y) => 1900 + y,
        (_, y) => y,
    };
    Some((number(a, &[1, 2])?, number(b, &[1, 2])?, year as i32))
}

/// "4 March 2012", for a month-first reading `m/d` that exists.
fn spelled(year: i32, month: u32, day: u32) -> String {
    format!("{day} {} {year}", crate::model::time::month_name(month))
}

/// Whether `text` is shaped like an ISO or EDTF date (`2014-13`, `201X`,
/// `[..2012]`) rather than a slash or month-name date, so that its parse
/// error says more than "not a date".
fn looks_iso(text: &str) -> bool {
    match text.bytes().next() {
        // EDTF sets: `[..2012]`, `{2012,2014}`.
        Some(b'[' | b'{') => true,
        // Not `15.03.2018`, `3/4/2012`, `8 May 2014` or `15-Mar-2018`
        // (EDTF's only letter is the X of an unknown digit).
        Some(b) if b.is_ascii_digit() || b == b'-' => {
            !text.contains(['/', ' ', '.'])
                && !text.bytes().any(|b| b.is_ascii_alphabetic() && b != b'X')
        }
        _ => false,
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

    fn auto(format: DateFormat, text: &str) -> Result<String, String> {
        parse_date(&[format], text).map(|d| d.to_string())
    }

    #[test]
    fn auto_reads_every_shape_and_never_guesses_the_order() {
        let a = DateFormat::Auto;
        assert_eq!(auto(a, "2/18/10").unwrap(), "2010-02-18");
        assert_eq!(auto(a, "18/2/2010").unwrap(), "2010-02-18");
        assert_eq!(auto(a, "5/5/2010").unwrap(), "2010-05-05");
        assert_eq!(auto(a, "2012-03-00").unwrap(), "2012-03");
        assert_eq!(auto(a, "2012-00-00").unwrap(), "2012");
        assert_eq!(auto(a, "2012").unwrap(), "2012");
        assert_eq!(auto(a, "[..2012]").unwrap(), "[..2012]");
        assert_eq!(auto(a, "2012?").unwrap(), "2012?");
        assert_eq!(auto(a, "201X").unwrap(), "201X");
        assert_eq!(auto(a, "8 May 2014").unwrap(), "2014-05-08");
        assert_eq!(auto(a, "08 Sept. 2014").unwrap(), "2014-09-08");
        // What spreadsheets write.
        assert_eq!(auto(a, "2018-03-15 00:00:00").unwrap(), "2018-03-15");
        assert_eq!(
            auto(a, "2018-03-15T10:20:30.5+01:00").unwrap(),
            "2018-03-15"
        );
        assert_eq!(auto(a, "2018-03-15T00:00:00Z").unwrap(), "2018-03-15");
        assert_eq!(auto(a, "15-Mar-2018").unwrap(), "2018-03-15");
        assert_eq!(auto(a, "15-Mar-18").unwrap(), "2018-03-15");
        assert_eq!(auto(a, "Mar 2018").unwrap(), "2018-03");
        assert_eq!(auto(a, "March 15 2018").unwrap(), "2018-03-15");
        assert_eq!(auto(a, "March 15, 2018").unwrap(), "2018-03-15");
        assert_eq!(auto(a, "15.03.2018").unwrap(), "2018-03-15");
        assert_eq!(auto(a, "15-03-2018").unwrap(), "2018-03-15");
        assert!(auto(a, "03.04.2018").unwrap_err().contains("could be"));
        assert!(auto(a, "2018-03-15 25h").is_err());
        let ambiguous = auto(a, "3/4/2012").unwrap_err();
        assert!(
            ambiguous.contains("`3/4/2012` could be 4 March 2012 or 3 April 2012")
                && ambiguous.contains("AutoMonthFirst"),
            "{ambiguous}"
        );
        assert_eq!(
            auto(DateFormat::AutoMonthFirst, "3/4/2012").unwrap(),
            "2012-03-04"
        );
        assert_eq!(
            auto(DateFormat::AutoDayFirst, "3/4/2012").unwrap(),
            "2012-04-03"
        );
        // A day-first date under month-first is not silently swapped.
        assert!(auto(DateFormat::AutoMonthFirst, "18/2/2010").is_err());
        for (bad, says) in [
            ("2/30/2010", "day 30"),
            ("2012-13", "month 13"),
            ("8 Mayo 2014", "`Mayo` is not a month"),
            ("yesterday", "is not a date (write"),
            ("1/2/345", "is not a date"),
            ("1/2/3/2010", "is not a date"),
        ] {
            let error = auto(a, bad).unwrap_err();
            assert!(
                error.contains(bad) && error.contains(says),
                "{bad}: {error}"
            );
        }
    }

    #[test]
    fn a_list_of_formats_is_tried_in_order() {
        let formats = [DateFormat::MonthDayYear, DateFormat::Iso];
        let read = |t: &str| parse_date(&formats, t).map(|d| d.to_string());
        assert_eq!(read("2/18/10").unwrap(), "2010-02-18");
        assert_eq!(read("2012-03-00").unwrap(), "2012-03");
        assert_eq!(read("3/4/2012").unwrap(), "2012-03-04");
        let error = read("12 May 2012").unwrap_err();
        assert!(
            error.contains("not a date in any of the mapping's formats (MonthDayYear, Iso)"),
            "{error}"
        );
        // A cell of a listed format's shape gets that format's reason.
        assert!(read("2/30/10").unwrap_err().contains("day 30"));
    }

    #[test]
    fn format_and_formats_together_are_refused() {
        let text = r#"(ties: (source: (column: "a"), target: (column: "b"),
            relation: (fixed: "alliance"),
            start: (column: "d", format: MonthDayYear, formats: [Iso])))"#;
        let error = Mapping::parse(text, "m.ron").unwrap_err().diagnostic();
        assert!(
            error.message.contains("both `format` and `formats`"),
            "{error:?}"
        );
        let listed = text.replace("format: MonthDayYear, ", "");
        let mapping = Mapping::parse(&listed, "m.ron").unwrap();
        assert_eq!(mapping.ties.start.unwrap().formats(), vec![DateFormat::Iso]);
    }

    #[test]
    fn default_mapping_reads_back_from_ron() {
        let text = ron::ser::to_string(&Mapping::default()).unwrap();
        assert_eq!(Mapping::parse(&text, "x").unwrap(), Mapping::default());
    }
}
