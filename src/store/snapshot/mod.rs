//! The binary snapshot of a loaded graph: everything the graph holds and
//! the indexes its questions read (packed links, day index, names), so
//! that opening a large graph is reading bytes, not parsing RON.
//!
//! A snapshot is either a cache beside its RON file (`big.ron` →
//! `.big.ron.agraph`, see [`cache_path`]) or a graph's only file (`import
//! … -o big.agraph`). Its layout, all integers little-endian:
//!
//! | bytes | what |
//! |---|---|
//! | 8 | [`MAGIC`] |
//! | 4 | [`FORMAT_VERSION`] |
//! | 4 | kind: 0 a cache of a RON file, 1 a graph's only file |
//! | 40 | the RON file it was built from ([`SourceKey`]; zeros for kind 1) |
//! | 8 | when it was written (ns since 1970) |
//! | 8 | the body's length |
//! | 8 | the body's xxh3-64 |
//! | 8 | the header's xxh3-64 (of the 80 bytes before it) |
//! | … | the body: a table of sections, read in place (see `layout.rs`) |
//!
//! The header has its own checksum so that a cache can be re-stamped in
//! place (see `open.rs`); the body's is checked before the graph is handed
//! out. A graph is then read in place from the mapped file: what a
//! question touches is decoded when it does, and every count and index is
//! checked as it is read (`mapped.rs`, `model::graph::stored`), so no
//! input can make it panic or allocate without bound; the checksums guard
//! against damage, not against a forger, who could as well edit the RON
//! file.

use rustc_hash::FxHashMap;
use xxhash_rust::xxh3::xxh3_64;

use crate::model::relation::Relations;
use crate::model::tie::{SourceId, TieDetails};
use crate::model::time::Day;
use crate::model::{
    Actor, ActorId, ActorKind, Confidence, Event, Graph, PartialDate, Period, Phrasing, Relation,
    RelationId, Source, Tie, TieId,
};

/// The first bytes of every snapshot; no RON file starts with them.
pub const MAGIC: [u8; 8] = *b"AGRAPH\x1a\n";
/// Bumped whenever the layout or the meaning of a field changes: a
/// snapshot of another version is rebuilt (a cache) or refused (a graph's
/// only file).
pub const FORMAT_VERSION: u32 = 3;
/// The extension of a graph's only file, and of a cache's name.
pub const EXTENSION: &str = "agraph";
/// The length of the header, its checksum included.
pub const HEADER_BYTES: usize = 88;

/// What a snapshot is to its graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A cache of the RON file beside it, rebuilt when that file changes.
    Cache,
    /// The graph's only file: nothing to rebuild it from.
    Primary,
}

/// The RON file a cache was built from, as the file system and its bytes
/// describe it: unchanged identity, size and change times mean the file
/// was not written since (see `open.rs` for when that is trusted).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SourceKey {
    /// The file's inode number.
    pub inode: u64,
    /// Its length in bytes.
    pub size: u64,
    /// Its modification time, in ns since 1970.
    pub modified: i64,
    /// Its status-change time (which no tool can set back), in ns since 1970.
    pub changed: i64,
    /// The xxh3-64 of its bytes.
    pub hash: u64,
}

/// A snapshot's header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Header {
    /// A cache or a graph's only file.
    pub kind: Kind,
    /// For a cache, the RON file it was built from.
    pub source: SourceKey,
    /// When the snapshot was written, in ns since 1970.
    pub written: i64,
    /// The body's length in bytes.
    pub body_len: u64,
    /// The body's xxh3-64.
    pub body_hash: u64,
}

/// Why a snapshot cannot be used, in words for a message.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Damage {
    /// Not a snapshot at all.
    #[error("it is not an actorgraph snapshot")]
    NotSnapshot,
    /// Written by another version of actorgraph.
    #[error(
        "it was written in snapshot format {0}, and this actorgraph reads format {FORMAT_VERSION}"
    )]
    Version(u32),
    /// Shorter than its header says.
    #[error("it is truncated ({0} bytes of {1})")]
    Truncated(u64, u64),
    /// Longer than its header says.
    #[error("it has {0} bytes more than its header says")]
    Trailing(u64),
    /// A checksum does not match.
    #[error("its {0} checksum does not match: the file was damaged after it was written")]
    Checksum(&'static str),
    /// The bytes are not a graph.
    #[error("its {0} cannot be read")]
    Body(String),
}

impl Header {
    /// The header's bytes, checksum included.
    pub fn to_bytes(&self) -> [u8; HEADER_BYTES] {
        let mut out = Vec::with_capacity(HEADER_BYTES);
        out.extend_from_slice(&MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        let kind: u32 = match self.kind {
            Kind::Cache => 0,
            Kind::Primary => 1,
        };
        out.extend_from_slice(&kind.to_le_bytes());
        let s = self.source;
        out.extend_from_slice(&s.inode.to_le_bytes());
        out.extend_from_slice(&s.size.to_le_bytes());
        out.extend_from_slice(&s.modified.to_le_bytes());
        out.extend_from_slice(&s.changed.to_le_bytes());
        out.extend_from_slice(&s.hash.to_le_bytes());
        out.extend_from_slice(&self.written.to_le_bytes());
        out.extend_from_slice(&self.body_len.to_le_bytes());
        out.extend_from_slice(&self.body_hash.to_le_bytes());
        let check = xxh3_64(&out);
        out.extend_from_slice(&check.to_le_bytes());
        out.try_into()
            .expect("the header's fields add up to HEADER_BYTES")
    }

    /// Reads a header from the start of `bytes`, checking its magic,
    /// version and checksum.
    pub fn read(bytes: &[u8]) -> Result<Header, Damage> {
        if bytes.len() < MAGIC.len() || bytes[..MAGIC.len()] != MAGIC {
            return Err(Damage::NotSnapshot);
        }
        if bytes.len() < HEADER_BYTES {
            return Err(Damage::Truncated(bytes.len() as u64, HEADER_BYTES as u64));
        }
        let u64_at = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"));
        let u32_at = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes"));
        let version = u32_at(8);
        if version != FORMAT_VERSION {
            return Err(Damage::Version(version));
        }
        if xxh3_64(&bytes[..HEADER_BYTES - 8]) != u64_at(HEADER_BYTES - 8) {
            return Err(Damage::Checksum("header"));
        }
        let kind = match u32_at(12) {
            0 => Kind::Cache,
            1 => Kind::Primary,
            _ => return Err(Damage::Body("header's kind".into())),
        };
        Ok(Header {
            kind,
            source: SourceKey {
                inode: u64_at(16),
                size: u64_at(24),
                modified: u64_at(32) as i64,
                changed: u64_at(40) as i64,
                hash: u64_at(48),
            },
            written: u64_at(56) as i64,
            body_len: u64_at(64),
            body_hash: u64_at(72),
        })
    }
}

/// The whole snapshot of `graph`: header and body.
pub fn encode(graph: &Graph, kind: Kind, source: SourceKey, written: i64) -> Vec<u8> {
    let mut out = Vec::with_capacity(estimate(graph));
    out.resize(HEADER_BYTES, 0);
    encode_body(graph, &mut out);
    let body = &out[HEADER_BYTES..];
    let header = Header {
        kind,
        source,
        written,
        body_len: body.len() as u64,
        body_hash: xxh3_64(body),
    };
    out[..HEADER_BYTES].copy_from_slice(&header.to_bytes());
    out
}

/// Reads a whole snapshot held in memory (a copy is kept, aligned for
/// reading in place).
pub fn decode(bytes: &[u8]) -> Result<(Header, Graph), Damage> {
    let header = Header::read(bytes)?;
    let bytes = Bytes::copy(bytes);
    let graph = checked(&header, bytes)?;
    Ok((header, graph))
}

/// Opens the snapshot in `file`, whose `header` was just read from it,
/// mapping it into memory: nothing is decoded until a question needs it,
/// and the graph is handed out only when the body's length and checksum
/// match the header's.
///
/// The map is sound only while no one writes the file in place. Snapshots
/// are replaced whole (a new file renamed over the old), which leaves a
/// mapped one as it was; the one write in place, re-stamping a cache's
/// header (`open.rs`), touches only bytes the map does not read (the
/// header is read from the file). A file truncated by another program
/// while mapped stops this one, as it would any program that maps files.
pub fn open_file(header: &Header, file: &std::fs::File) -> Result<Graph, Damage> {
    let length = file.metadata().map_or(0, |m| m.len());
    check_length(header, length.saturating_sub(HEADER_BYTES as u64))?;
    // SAFETY: see above: the mapped bytes are not written while mapped,
    // and every read of them is bounds-checked.
    let map = unsafe { memmap2::Mmap::map(file) }
        .map_err(|error| Damage::Body(format!("file could not be mapped: {error}")))?;
    // A question reads a few records scattered over the file: without this
    // each read would map the pages around it too (the kernel's read-ahead
    // for a mapping), and a question over 3,000 actors at L held 330 MiB of
    // the file resident instead of a few.
    let _ = map.advise(memmap2::Advice::Random);
    checked(header, Bytes::Mapped(map))
}

fn check_length(header: &Header, have: u64) -> Result<(), Damage> {
    let want = header.body_len;
    if have < want {
        return Err(Damage::Truncated(
            have + HEADER_BYTES as u64,
            want + HEADER_BYTES as u64,
        ));
    }
    if have > want {
        return Err(Damage::Trailing(have - want));
    }
    Ok(())
}

/// The graph in `bytes` (a whole snapshot whose header is `header`), once
/// its length and checksum are right.
fn checked(header: &Header, bytes: Bytes) -> Result<Graph, Damage> {
    let body = bytes.as_slice().get(HEADER_BYTES..).unwrap_or_default();
    check_length(header, body.len() as u64)?;
    if bytes.hash_from(HEADER_BYTES) != header.body_hash {
        return Err(Damage::Checksum("body"));
    }
    mapped::graph(bytes, HEADER_BYTES)
}

/// Reads a body [`encode`] wrote, without a checksum to check (for
/// fuzzing the reader itself). Any bytes give a graph or a [`Damage`],
/// never a panic, and so does any question asked of that graph.
pub fn decode_body(bytes: &[u8]) -> Result<Graph, Damage> {
    mapped::graph(Bytes::copy(bytes), 0)
}

mod layout;
mod mapped;
mod read;
mod write;

use mapped::Bytes;
use write::{encode_body, estimate};
