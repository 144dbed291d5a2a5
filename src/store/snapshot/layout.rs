//! Where a snapshot's body keeps each part: a table of sections, each
//! starting on an 8-byte boundary, so that the big ones (links, tie
//! records, names, the day index) are read in place as typed slices.
//!
//! | section | what | read |
//! |---|---|---|
//! | meta | dates (text), title, as-of, sources, relations, events | whole, on open |
//! | actor offsets | `u64` per actor, and one more: where each actor's record starts | in place |
//! | actor text | per actor: id, name, aliases, kind, tags, life, note | one actor on first use |
//! | tie ends | `u32` from, `u32` to, per tie | in place |
//! | ties | a [`TieRecord`] per tie | one tie on first use |
//! | details | per tie with any: sources, note, evidence, counts | with its tie |
//! | name text | every normalised name, sorted, one after another | in place |
//! | name entries | a [`NameEntry`] per name | in place |
//! | link offsets | `u32` per actor, and one more | in place |
//! | links | a [`PackedLink`] per tie end | in place |
//! | day offsets | `u64` per relation, and one more: where its days start | in place |
//! | first days, last days | `i32`, sorted per relation | in place |
//!
//! Strings and lists in meta, actor text and details are led by a `u32`
//! count; a missing string is a count of `u32::MAX`; a date is a number
//! into meta's date table (0 none). All integers are little-endian: a
//! big-endian machine refuses the snapshot (see `mapped.rs`).
//!
//! [`NameEntry`]: crate::model::graph::NameEntry
//! [`PackedLink`]: crate::model::PackedLink

/// The sections, in the order of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(usize)]
pub(super) enum Section {
    Meta,
    ActorOffsets,
    ActorText,
    TieEnds,
    Ties,
    Details,
    NameText,
    NameEntries,
    LinkOffsets,
    Links,
    DayOffsets,
    FirstDays,
    LastDays,
}

/// How many sections the table lists.
pub(super) const SECTIONS: usize = 13;

/// The section table's length: a count, padding, then offset and length
/// (`u64` each, from the body's start) per section.
pub(super) const TABLE_BYTES: usize = 8 + SECTIONS * 16;

/// No tie details: [`TieRecord::details`]'s value for a bare tie.
pub(super) const NO_DETAILS: u64 = u64::MAX;

/// A tie as the snapshot keeps it.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, bytemuck::Pod, bytemuck::Zeroable)]
pub(super) struct TieRecord {
    /// Where its details start in the details section, or [`NO_DETAILS`].
    pub details: u64,
    /// Its start date's number (0 none).
    pub start: u32,
    /// Its end date's number (0 none).
    pub end: u32,
    /// Its relation's index.
    pub relation: u16,
    /// Its confidence (see [`crate::model::adjacency::confidence_of`]).
    pub confidence: u8,
    /// Zeros, for the record's alignment.
    pub padding: [u8; 5],
}

const _: () = assert!(std::mem::size_of::<TieRecord>() == 24);

/// Where each section lies in the body.
#[derive(Clone, Debug, Default)]
pub(super) struct Table {
    pub ranges: [std::ops::Range<usize>; SECTIONS],
}

impl Table {
    pub(super) fn range(&self, section: Section) -> std::ops::Range<usize> {
        self.ranges[section as usize].clone()
    }

    /// The table's bytes.
    pub(super) fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(TABLE_BYTES);
        out.extend_from_slice(&(SECTIONS as u32).to_le_bytes());
        out.extend_from_slice(&0u32.to_le_bytes());
        for range in &self.ranges {
            out.extend_from_slice(&(range.start as u64).to_le_bytes());
            out.extend_from_slice(&(range.len() as u64).to_le_bytes());
        }
        out
    }

    /// Reads the table at the start of `body`, checking that every section
    /// starts on an 8-byte boundary inside the body; `None` when not.
    pub(super) fn read(body: &[u8]) -> Option<Table> {
        let u64_at = |at: usize| Some(u64::from_le_bytes(body.get(at..at + 8)?.try_into().ok()?));
        if body.get(..4)? != (SECTIONS as u32).to_le_bytes() {
            return None;
        }
        let mut table = Table::default();
        for (i, range) in table.ranges.iter_mut().enumerate() {
            let start = usize::try_from(u64_at(8 + 16 * i)?).ok()?;
            let len = usize::try_from(u64_at(16 + 16 * i)?).ok()?;
            let end = start.checked_add(len)?;
            if start % 8 != 0 || start < TABLE_BYTES || end > body.len() {
                return None;
            }
            *range = start..end;
        }
        Some(table)
    }
}
