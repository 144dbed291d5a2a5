//! A snapshot read in place: the file is mapped into memory and the graph
//! reads its sections as typed slices (checked for alignment and length
//! by `bytemuck`, never cast blindly), decoding an actor or a tie only when
//! a question asks for it. Opening checks the header, the section table,
//! the sizes of the sections against each other and decodes meta; the
//! rest is checked as it is read (see `model::graph::stored`).

use std::ops::Range;
use std::sync::Arc;

use super::layout::{Section, Table, TieRecord, NO_DETAILS};
use super::read::{date_of, decode_actor, decode_details, decode_meta, Reader};
use super::*;
use crate::model::adjacency::confidence_of;
use crate::model::graph::{NameEntry, StoredGraph};
use crate::model::PackedLink;

/// A snapshot's bytes: the file mapped, or a copy in memory aligned as a
/// map is (for bytes already read, and for the fuzzer).
pub(super) enum Bytes {
    Mapped(memmap2::Mmap),
    Copied(Vec<u64>, usize),
}

impl Bytes {
    /// A copy of `bytes`, 8-byte aligned.
    pub(super) fn copy(bytes: &[u8]) -> Bytes {
        let mut words = vec![0u64; bytes.len().div_ceil(8)];
        bytemuck::cast_slice_mut::<u64, u8>(&mut words)[..bytes.len()].copy_from_slice(bytes);
        Bytes::Copied(words, bytes.len())
    }

    /// The xxh3-64 of the bytes from `start` on. A mapped file is hashed a
    /// few mebibytes at a time, each let go once hashed: hashing faults
    /// every page in, and without that the whole file would stay resident
    /// (counted in the process's memory) though a question reads a sliver.
    pub(super) fn hash_from(&self, start: usize) -> u64 {
        const STEP: usize = 8 << 20;
        let all = self.as_slice();
        let Bytes::Mapped(map) = self else {
            return xxh3_64(all.get(start..).unwrap_or_default());
        };
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        let mut at = start.min(all.len());
        while at < all.len() {
            let end = (at + STEP).min(all.len());
            hasher.update(&all[at..end]);
            // SAFETY: the map is read-only and private and never written, so
            // its pages are the file's: letting them go loses nothing, and a
            // later read faults them in again from the page cache. Only
            // memory, never the meaning of a slice, is changed.
            let _ = unsafe {
                map.unchecked_advise_range(memmap2::UncheckedAdvice::DontNeed, at, end - at)
            };
            at = end;
        }
        hasher.digest()
    }

    pub(super) fn as_slice(&self) -> &[u8] {
        match self {
            Bytes::Mapped(map) => map,
            Bytes::Copied(words, len) => &bytemuck::cast_slice(words)[..*len],
        }
    }
}

/// A snapshot's sections, read in place.
pub(super) struct Mapped {
    bytes: Bytes,
    /// Where the body starts in `bytes`.
    body: usize,
    table: Table,
    dates: Vec<PartialDate>,
    actors: usize,
    ties: usize,
}

impl std::fmt::Debug for Mapped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Mapped({} actors, {} ties)", self.actors, self.ties)
    }
}

impl Mapped {
    fn bytes(&self, section: Section) -> &[u8] {
        let Range { start, end } = self.table.range(section);
        self.bytes
            .as_slice()
            .get(self.body + start..self.body + end)
            .unwrap_or_default()
    }

    /// A section as a slice of `T`; empty when it is not one (never, once
    /// [`graph`] has checked it).
    fn slice<T: bytemuck::Pod>(&self, section: Section) -> &[T] {
        bytemuck::try_cast_slice(self.bytes(section)).unwrap_or_default()
    }

    fn is_slice_of<T: bytemuck::Pod>(&self, section: Section) -> bool {
        bytemuck::try_cast_slice::<u8, T>(self.bytes(section)).is_ok()
    }
}

/// The graph the snapshot `bytes` holds, its body starting at `body`,
/// read in place. The body's checksum is the caller's to check.
pub(super) fn graph(bytes: Bytes, body: usize) -> Result<Graph, Damage> {
    let damaged = |what: &str| Damage::Body(what.to_string());
    if cfg!(target_endian = "big") {
        return Err(damaged(
            "byte order (it is little-endian, this machine is not)",
        ));
    }
    let all = bytes.as_slice();
    let table =
        Table::read(all.get(body..).unwrap_or_default()).ok_or_else(|| damaged("section table"))?;
    let meta_range = table.range(Section::Meta);
    let meta_bytes = &all[body + meta_range.start..body + meta_range.end];
    let mut reader = Reader::new(meta_bytes, HEADER_BYTES + meta_range.start);
    let (dates, meta) = decode_meta(&mut reader)?;
    let relations = meta.relations.len();
    let mut mapped = Mapped {
        bytes,
        body,
        table,
        dates,
        actors: 0,
        ties: 0,
    };
    let typed = mapped.is_slice_of::<u64>(Section::ActorOffsets)
        && mapped.is_slice_of::<[u32; 2]>(Section::TieEnds)
        && mapped.is_slice_of::<TieRecord>(Section::Ties)
        && mapped.is_slice_of::<NameEntry>(Section::NameEntries)
        && mapped.is_slice_of::<u32>(Section::LinkOffsets)
        && mapped.is_slice_of::<PackedLink>(Section::Links)
        && mapped.is_slice_of::<u64>(Section::DayOffsets)
        && mapped.is_slice_of::<i32>(Section::FirstDays)
        && mapped.is_slice_of::<i32>(Section::LastDays);
    if !typed {
        return Err(damaged("section sizes"));
    }
    let actors = mapped
        .slice::<u64>(Section::ActorOffsets)
        .len()
        .saturating_sub(1);
    let ties = mapped.slice::<[u32; 2]>(Section::TieEnds).len();
    let agree = mapped.slice::<u64>(Section::ActorOffsets).len() == actors + 1
        && mapped.slice::<TieRecord>(Section::Ties).len() == ties
        && mapped.slice::<u32>(Section::LinkOffsets).len() == actors + 1
        && mapped.slice::<PackedLink>(Section::Links).len() == 2 * ties
        && mapped.slice::<u64>(Section::DayOffsets).len() == relations + 1
        && mapped.slice::<i32>(Section::FirstDays).len()
            == mapped.slice::<i32>(Section::LastDays).len();
    if !agree {
        return Err(damaged("section sizes"));
    }
    mapped.actors = actors;
    mapped.ties = ties;
    Graph::stored(meta, Arc::new(mapped)).map_err(Damage::Body)
}

impl StoredGraph for Mapped {
    fn actor_count(&self) -> usize {
        self.actors
    }

    fn tie_count(&self) -> usize {
        self.ties
    }

    fn actor(&self, index: usize) -> Option<Actor> {
        let offsets = self.slice::<u64>(Section::ActorOffsets);
        let (start, end) = (*offsets.get(index)?, *offsets.get(index + 1)?);
        let (start, end) = (usize::try_from(start).ok()?, usize::try_from(end).ok()?);
        let record = self.bytes(Section::ActorText).get(start..end)?;
        decode_actor(&mut Reader::new(record, 0), &self.dates).ok()
    }

    fn tie_ends(&self, index: usize) -> Option<(u32, u32)> {
        let [from, to] = *self.slice::<[u32; 2]>(Section::TieEnds).get(index)?;
        Some((from, to))
    }

    fn tie(&self, index: usize) -> Option<Tie> {
        let record = self.slice::<TieRecord>(Section::Ties).get(index)?;
        let tie = Tie::new(
            RelationId(record.relation),
            date_of(record.start, &self.dates)?,
            date_of(record.end, &self.dates)?,
            confidence_of(record.confidence)?,
        );
        if record.details == NO_DETAILS {
            return Some(tie);
        }
        let details = self
            .bytes(Section::Details)
            .get(usize::try_from(record.details).ok()?..)?;
        Some(tie.with_details(decode_details(&mut Reader::new(details, 0)).ok()?))
    }

    fn link_offsets(&self) -> &[u32] {
        self.slice(Section::LinkOffsets)
    }

    fn links(&self) -> &[PackedLink] {
        self.slice(Section::Links)
    }

    fn name_text(&self) -> &[u8] {
        self.bytes(Section::NameText)
    }

    fn name_entries(&self) -> &[NameEntry] {
        self.slice(Section::NameEntries)
    }

    fn active_days(&self, relation: usize) -> (&[Day], &[Day]) {
        let offsets = self.slice::<u64>(Section::DayOffsets);
        let range = match (offsets.get(relation), offsets.get(relation + 1)) {
            (Some(&start), Some(&end)) => start as usize..end as usize,
            _ => 0..0,
        };
        let firsts = self.slice::<i32>(Section::FirstDays);
        let lasts = self.slice::<i32>(Section::LastDays);
        (
            firsts.get(range.clone()).unwrap_or_default(),
            lasts.get(range).unwrap_or_default(),
        )
    }
}
