//! Mapping files: how the columns of a spreadsheet or event dataset become
//! actors and ties, so that a new layout needs a RON file, not code.
//!
//! The default layout (the benchmark's) is [`Mapping::default`]; the ACLED
//! and UCDP mappings ship in `mappings/`, documented in `mappings/README.md`.

use std::collections::BTreeMap;
use std::path::Path;

mod dates;
pub use dates::parse_date;
pub(crate) use dates::parse_iso;

use crate::diagnostic::Diagnostic;
use crate::model::{ActorKind, Confidence};

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

#[cfg(test)]
mod tests {
    use super::*;

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
