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
//! | … | the body (see `write.rs`) |
//!
//! The header has its own checksum so that a cache can be re-stamped in
//! place (see `open.rs`); the body's is checked before a byte of it is
//! decoded. Decoding checks every count against the bytes left and every
//! index against the graph ([`Graph::from_raw`]), so no input can make it
//! panic or allocate without bound; the checksums guard against damage,
//! not against a forger, who could as well edit the RON file.

use petgraph::visit::{EdgeIndexable, NodeIndexable};
use rustc_hash::FxHashMap;
use xxhash_rust::xxh3::xxh3_64;

use crate::model::adjacency::Link;
use crate::model::graph::RawGraph;
use crate::model::network::Network;
use crate::model::relation::Relations;
use crate::model::tie::{SourceId, TieDetails};
use crate::model::time::{Bounds, Day};
use crate::model::{
    Actor, ActorId, ActorKind, Confidence, Event, Graph, PartialDate, Period, Phrasing, Relation,
    RelationId, Source, Tie, TieId,
};

/// The first bytes of every snapshot; no RON file starts with them.
pub const MAGIC: [u8; 8] = *b"AGRAPH\x1a\n";
/// Bumped whenever the layout or the meaning of a field changes: a
/// snapshot of another version is rebuilt (a cache) or refused (a graph's
/// only file).
pub const FORMAT_VERSION: u32 = 2;
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
    let mut out = Writer(Vec::with_capacity(estimate(graph)));
    out.0.resize(HEADER_BYTES, 0);
    encode_body(graph, &mut out);
    let body = &out.0[HEADER_BYTES..];
    let header = Header {
        kind,
        source,
        written,
        body_len: body.len() as u64,
        body_hash: xxh3_64(body),
    };
    out.0[..HEADER_BYTES].copy_from_slice(&header.to_bytes());
    out.0
}

/// Reads a whole snapshot held in memory (see [`read`]).
pub fn decode(bytes: &[u8]) -> Result<(Header, Graph), Damage> {
    let header = Header::read(bytes)?;
    let mut body = &bytes[HEADER_BYTES..];
    let available = body.len() as u64;
    let graph = read_body(&header, &mut body, available)?;
    Ok((header, graph))
}

/// Reads the snapshot whose `header` was just read from `source`, which
/// holds `available` more bytes: the body is decoded as it streams in
/// (never held whole, so the peak is the graph, not the graph and its
/// file) and the graph is handed out only when the body's checksum and
/// length match the header's.
pub fn read_body(
    header: &Header,
    source: &mut dyn std::io::Read,
    available: u64,
) -> Result<Graph, Damage> {
    let (have, want) = (available, header.body_len);
    if have < want {
        return Err(Damage::Truncated(
            have + HEADER_BYTES as u64,
            want + HEADER_BYTES as u64,
        ));
    }
    if have > want {
        return Err(Damage::Trailing(have - want));
    }
    let mut reader = Reader::new(source, want);
    let decoded = decode_from(&mut reader);
    // Damage the decoder met is what the checksum shows too: the checksum
    // says it more plainly.
    let (digest, unread) = reader.finish()?;
    if digest != header.body_hash {
        return Err(Damage::Checksum("body"));
    }
    let graph = decoded?;
    if unread > 0 {
        return Err(left_over(unread));
    }
    Ok(graph)
}

/// Decodes a body [`encode_body`] wrote, without a checksum to check (for
/// fuzzing the decoder itself). Any bytes give a graph or a [`Damage`],
/// never a panic.
pub fn decode_body(bytes: &[u8]) -> Result<Graph, Damage> {
    let mut source = bytes;
    let mut reader = Reader::new(&mut source, bytes.len() as u64);
    let graph = decode_from(&mut reader)?;
    match reader.finish()? {
        (_, 0) => Ok(graph),
        (_, unread) => Err(left_over(unread)),
    }
}

mod read;
mod write;

use read::{decode_from, left_over, Reader};
use write::{encode_body, estimate, Writer};
