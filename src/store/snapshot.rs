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
//! | … | the body (see [`encode_body`]) |
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

/// A guess of the snapshot's size, to allocate once.
fn estimate(graph: &Graph) -> usize {
    HEADER_BYTES + graph.actor_count() * 64 + graph.tie_count() * (20 + 2 * 28 + 8) + 4096
}

/// Bytes out, little-endian.
struct Writer(Vec<u8>);

impl Writer {
    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    fn u16(&mut self, v: u16) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn i32(&mut self, v: i32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    #[inline]
    fn count(&mut self, n: usize) {
        self.u32(u32::try_from(n).expect("a graph holds fewer than 2^32 of anything"));
    }
    fn str(&mut self, s: &str) {
        self.count(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }
    /// `None` is a length of `u32::MAX`.
    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => self.u32(u32::MAX),
        }
    }
    fn strs(&mut self, list: &[String]) {
        self.count(list.len());
        for s in list {
            self.str(s);
        }
    }
}

/// Dates are written once each, as text, and referred to by number
/// (0 is none): reading them back goes through the date parser, which
/// checks them, but only once per distinct date.
#[derive(Default)]
struct DateTable {
    numbers: FxHashMap<PartialDate, u32>,
    dates: Vec<PartialDate>,
}

impl DateTable {
    fn number(&mut self, date: Option<PartialDate>) -> u32 {
        let Some(date) = date else { return 0 };
        let next = self.dates.len() as u32 + 1;
        *self.numbers.entry(date).or_insert_with(|| {
            self.dates.push(date);
            next
        })
    }
}

/// The body: sections in this order, each list led by its count.
///
/// 1. dates (text), referred to by number below;
/// 2. title, as-of date;
/// 3. sources (id, citation, url); declared relations (name, directed,
///    note, phrasing);
/// 4. actors (id, name, aliases, kind, tags, active, note);
/// 5. ties (from, to, relation, confidence, start, end, details);
/// 6. events (date, actors, what, confidence, sources, evidence, note);
/// 7. names: every normalised key, sorted, in one text, then each key's
///    length and actor;
/// 8. packed links (offsets; tie, other, bounds, relation, direction,
///    confidence);
/// 9. the day index (per relation, sorted first and last days).
///
/// Actors and ties are numbered in the order the graph holds them; a graph
/// with gaps (actors or ties removed) is numbered without them.
fn encode_body(graph: &Graph, out: &mut Writer) {
    let renumber = Renumbering::of(graph);
    let mut dates = DateTable::default();
    let as_of = dates.number(graph.as_of());
    let actor_dates: Vec<(u32, u32, bool)> = graph
        .actors()
        .map(|(_, a)| {
            let period = a.active.unwrap_or_default();
            (
                dates.number(period.start),
                dates.number(period.end),
                a.active.is_some(),
            )
        })
        .collect();
    let tie_dates: Vec<(u32, u32)> = graph
        .all_ties()
        .map(|t| (dates.number(t.tie.start()), dates.number(t.tie.end())))
        .collect();
    let event_dates: Vec<u32> = graph
        .events()
        .iter()
        .map(|e| dates.number(Some(e.date)))
        .collect();

    out.count(dates.dates.len());
    for date in &dates.dates {
        out.str(&date.to_string());
    }
    out.str(&graph.title);
    out.u32(as_of);

    out.count(graph.sources().len());
    for Source { id, citation, url } in graph.sources() {
        out.str(id);
        out.str(citation);
        out.opt_str(url.as_deref());
    }
    let declared = graph.relations().declared();
    out.count(declared.len());
    for Relation {
        name,
        directed,
        note,
        phrasing,
        look,
    } in declared
    {
        out.str(name);
        out.u8((*directed).into());
        out.opt_str(note.as_deref());
        // A few relations a graph: their look goes as its RON text.
        let look = look.as_ref().and_then(|look| ron::to_string(look).ok());
        out.opt_str(look.as_deref());
        match phrasing {
            None => out.u8(0),
            Some(Phrasing {
                verb,
                past,
                base,
                inverse,
                also,
            }) => {
                out.u8(1);
                for word in [verb, past, base, inverse] {
                    out.opt_str(word.as_deref());
                }
                out.strs(also);
            }
        }
    }

    out.count(graph.actor_count());
    for ((_, actor), (start, end, has_life)) in graph.actors().zip(actor_dates) {
        // Destructured (here and below), so that a field added to the
        // model does not compile until the snapshot writes it.
        let Actor {
            id,
            name,
            aliases,
            kind,
            tags,
            active: _,
            note,
        } = actor;
        out.str(id);
        out.str(name);
        out.strs(aliases);
        out.u8(kind_number(*kind));
        out.strs(tags);
        out.u8(has_life.into());
        out.u32(start);
        out.u32(end);
        out.opt_str(note.as_deref());
    }

    // Both ends of every tie first: the reader looks ahead in them.
    out.count(2 * graph.tie_count());
    for tie in graph.all_ties() {
        out.u32(renumber.actor(tie.from));
        out.u32(renumber.actor(tie.to));
    }
    for (tie, (start, end)) in graph.all_ties().zip(tie_dates) {
        out.u16(tie.tie.relation.0);
        out.u8(confidence_number(tie.tie.confidence));
        out.u32(start);
        out.u32(end);
        // Destructured, so that a field added to the model does not
        // compile here until the snapshot writes it.
        match tie.tie.details() {
            None => out.u8(0),
            Some(TieDetails {
                sources,
                note,
                evidence,
                events,
                fatalities,
            }) => {
                out.u8(1);
                out.count(sources.len());
                for source in sources {
                    out.u32(source.0);
                }
                out.opt_str(note.as_deref());
                out.opt_str(evidence.as_deref());
                for count in [events, fatalities] {
                    match count {
                        Some(n) => {
                            out.u8(1);
                            out.u32(*n);
                        }
                        None => out.u8(0),
                    }
                }
            }
        }
    }

    out.count(graph.events().len());
    for (event, date) in graph.events().iter().zip(event_dates) {
        let Event {
            date: _,
            actors,
            what,
            confidence,
            sources,
            evidence,
            note,
        } = event;
        out.u32(date);
        out.count(actors.len());
        for actor in actors {
            out.u32(renumber.actor(*actor));
        }
        out.str(what);
        out.u8(confidence_number(*confidence));
        out.count(sources.len());
        for source in sources {
            out.u32(source.0);
        }
        out.opt_str(evidence.as_deref());
        out.opt_str(note.as_deref());
    }

    let mut names: Vec<(&str, ActorId)> = graph.name_entries().collect();
    // Sorted: the reader keeps them as a table it searches.
    names.sort_unstable();
    out.str(&names.iter().map(|(key, _)| *key).collect::<String>());
    out.count(names.len());
    for (key, actor) in names {
        out.count(key.len());
        out.u32(renumber.actor(actor));
    }

    let (offsets, links) = graph.packed_links();
    // Offsets are per actor slot: a slot left by a removed actor has none.
    out.count(graph.actor_count() + 1);
    out.u32(0);
    let mut total = 0u32;
    for (slot, pair) in offsets.windows(2).enumerate() {
        if renumber.has_actor(slot) {
            total += pair[1] - pair[0];
            out.u32(total);
        }
    }
    out.count(links.len());
    for link in links {
        out.u32(renumber.tie(link.tie));
        out.u32(renumber.actor(link.other));
        for day in [
            link.bounds.start.0,
            link.bounds.start.1,
            link.bounds.end.0,
            link.bounds.end.1,
        ] {
            out.i32(day);
        }
        out.u16(link.relation.0);
        out.u8(link.outgoing.into());
        out.u8(confidence_number(link.confidence));
    }

    let days: Vec<(&[Day], &[Day])> = graph.active_day_lists().collect();
    out.count(days.len());
    for (firsts, lasts) in days {
        for list in [firsts, lasts] {
            out.count(list.len());
            for &day in list {
                out.i32(day);
            }
        }
    }
}

/// Actor and tie numbers without the gaps removals leave.
struct Renumbering {
    /// `None` when the graph has no gaps: numbers stay as they are.
    maps: Option<(Vec<u32>, Vec<u32>)>,
}

impl Renumbering {
    fn of(graph: &Graph) -> Renumbering {
        if graph.is_compact() {
            return Renumbering { maps: None };
        }
        let network = graph.network();
        let mut actors = vec![u32::MAX; network.node_bound()];
        for (new, (old, _)) in graph.actors().enumerate() {
            actors[old.index()] = new as u32;
        }
        let mut ties = vec![u32::MAX; network.edge_bound()];
        for (new, tie) in graph.all_ties().enumerate() {
            ties[tie.id.index()] = new as u32;
        }
        Renumbering {
            maps: Some((actors, ties)),
        }
    }

    fn actor(&self, id: ActorId) -> u32 {
        match &self.maps {
            None => id.index() as u32,
            Some((actors, _)) => actors[id.index()],
        }
    }

    fn tie(&self, id: TieId) -> u32 {
        match &self.maps {
            None => id.index() as u32,
            Some((_, ties)) => ties[id.index()],
        }
    }

    fn has_actor(&self, slot: usize) -> bool {
        match &self.maps {
            None => true,
            Some((actors, _)) => actors.get(slot).is_some_and(|&n| n != u32::MAX),
        }
    }
}

/// How many ties ahead the reader asks for the actor slots a tie links.
const PREFETCH_AHEAD: usize = 16;

/// Where the network keeps its actors, to prefetch the slots that adding
/// a tie reads and writes (its ends' lists of ties): at a million actors
/// they are scattered over hundreds of megabytes, and waiting for each in
/// turn was most of the time of reading the ties. The addresses come from
/// two actors' places; a prefetch is only a hint, so a wrong guess costs
/// nothing but time.
struct ActorSlots {
    first: usize,
    stride: usize,
}

impl ActorSlots {
    fn of(network: &Network) -> ActorSlots {
        let place = |i: usize| {
            network
                .node_weight(ActorId::new(i))
                .map_or(0, |a| a as *const Actor as usize)
        };
        let (first, second) = (place(0), place(1));
        ActorSlots {
            first,
            stride: second.wrapping_sub(first),
        }
    }

    #[inline]
    fn prefetch(&self, actor: u32) {
        if self.first == 0 || self.stride == 0 || self.stride > 1024 {
            return;
        }
        let start = self
            .first
            .wrapping_add(self.stride.wrapping_mul(actor as usize));
        let mut line = start.wrapping_sub(16) & !63;
        while line < start.wrapping_add(self.stride) {
            prefetch_line(line);
            line = line.wrapping_add(64);
        }
    }
}

#[cfg(target_arch = "x86_64")]
#[inline]
fn prefetch_line(address: usize) {
    use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
    // SAFETY: a prefetch never faults and changes no memory, whatever the address.
    unsafe { _mm_prefetch::<_MM_HINT_T0>(address as *const i8) }
}

#[cfg(not(target_arch = "x86_64"))]
#[inline]
fn prefetch_line(_address: usize) {}

fn kind_number(kind: ActorKind) -> u8 {
    ActorKind::ALL
        .iter()
        .position(|k| *k == kind)
        .expect("every kind is in ALL") as u8
}

fn confidence_number(confidence: Confidence) -> u8 {
    match confidence {
        Confidence::Possible => 0,
        Confidence::Likely => 1,
        Confidence::Confirmed => 2,
    }
}

/// How many bytes the reader asks its source for at a time.
const CHUNK: usize = 1 << 20;

/// Bytes in, streamed through a small buffer and hashed as they come,
/// every read checked against what is left.
struct Reader<'s> {
    source: &'s mut dyn std::io::Read,
    buf: Vec<u8>,
    /// The next unread byte of `buf`, and the end of what it holds.
    pos: usize,
    len: usize,
    /// Bytes of the body not yet pulled into `buf`.
    left: u64,
    /// Bytes pulled before `buf`'s start, for messages.
    before: u64,
    hasher: xxhash_rust::xxh3::Xxh3,
    /// The section being read, for messages.
    section: &'static str,
}

type Read<T> = Result<T, Damage>;

impl<'s> Reader<'s> {
    fn new(source: &'s mut dyn std::io::Read, body_len: u64) -> Reader<'s> {
        Reader {
            source,
            buf: Vec::new(),
            pos: 0,
            len: 0,
            left: body_len,
            before: 0,
            hasher: xxhash_rust::xxh3::Xxh3::new(),
            section: "dates",
        }
    }

    fn damaged(&self) -> Damage {
        Damage::Body(format!(
            "{} (at byte {})",
            self.section,
            HEADER_BYTES as u64 + self.before + self.pos as u64
        ))
    }

    /// Bytes of the body still to read.
    fn remaining(&self) -> u64 {
        (self.len - self.pos) as u64 + self.left
    }

    /// Makes `n` bytes readable at `pos`.
    fn fill(&mut self, n: usize) -> Read<()> {
        if self.remaining() < n as u64 {
            return Err(self.damaged());
        }
        self.buf.copy_within(self.pos..self.len, 0);
        self.before += self.pos as u64;
        self.len -= self.pos;
        self.pos = 0;
        let target = (self.len as u64 + self.left).min(n.max(CHUNK) as u64) as usize;
        if self.buf.len() < target {
            self.buf.resize(target, 0);
        }
        while self.len < target {
            let read = match self.source.read(&mut self.buf[self.len..target]) {
                Ok(0) => return Err(Damage::Body("file ended early".into())),
                Ok(read) => read,
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(error) => return Err(Damage::Body(format!("file could not be read: {error}"))),
            };
            self.hasher.update(&self.buf[self.len..self.len + read]);
            self.len += read;
            self.left -= read as u64;
        }
        Ok(())
    }

    #[inline]
    fn take(&mut self, n: usize) -> Read<&[u8]> {
        if self.len - self.pos < n {
            self.fill(n)?;
        }
        let taken = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        Ok(taken)
    }

    #[inline]
    fn array<const N: usize>(&mut self) -> Read<[u8; N]> {
        Ok(self.take(N)?.try_into().expect("took N bytes"))
    }

    #[inline]
    fn u8(&mut self) -> Read<u8> {
        Ok(self.array::<1>()?[0])
    }
    #[inline]
    fn u16(&mut self) -> Read<u16> {
        Ok(u16::from_le_bytes(self.array()?))
    }
    #[inline]
    fn u32(&mut self) -> Read<u32> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    #[inline]
    fn flag(&mut self) -> Read<bool> {
        match self.u8()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(self.damaged()),
        }
    }

    /// A count of items at least `min_bytes` each: never more than the
    /// bytes left could hold, so a damaged count cannot allocate much.
    fn count(&mut self, min_bytes: usize) -> Read<usize> {
        let n = self.u32()? as usize;
        if (n as u64).saturating_mul(min_bytes.max(1) as u64) > self.remaining() {
            return Err(self.damaged());
        }
        Ok(n)
    }

    fn str(&mut self) -> Read<String> {
        let n = self.count(1)?;
        let text = std::str::from_utf8(self.take(n)?).map(str::to_string);
        text.map_err(|_| self.damaged())
    }

    /// `None` is a length of `u32::MAX`.
    fn opt_str(&mut self) -> Read<Option<String>> {
        if self.len - self.pos < 4 {
            self.fill(4)?;
        }
        let length = &self.buf[self.pos..self.pos + 4];
        if length == u32::MAX.to_le_bytes() {
            self.pos += 4;
            return Ok(None);
        }
        self.str().map(Some)
    }

    fn strs(&mut self) -> Read<Vec<String>> {
        let n = self.count(4)?;
        (0..n).map(|_| self.str()).collect()
    }

    /// A counted list of 4-byte words, read a chunk at a time.
    fn words(&mut self) -> Read<Vec<u32>> {
        let n = self.count(4)?;
        let mut words = Vec::with_capacity(n);
        while words.len() < n {
            let batch = (n - words.len()).min(CHUNK / 4);
            let bytes = self.take(batch * 4)?;
            words.extend(
                bytes
                    .chunks_exact(4)
                    .map(|b| u32::from_le_bytes(b.try_into().expect("4 bytes"))),
            );
        }
        Ok(words)
    }

    fn days(&mut self) -> Read<Vec<Day>> {
        Ok(self.words()?.into_iter().map(|d| d as i32).collect())
    }

    #[inline]
    fn date(&mut self, dates: &[PartialDate]) -> Read<Option<PartialDate>> {
        match self.u32()? as usize {
            0 => Ok(None),
            n => match dates.get(n - 1) {
                Some(date) => Ok(Some(*date)),
                None => Err(self.damaged()),
            },
        }
    }

    #[inline]
    fn confidence(&mut self) -> Read<Confidence> {
        let byte = self.u8()?;
        confidence_of(byte).ok_or_else(|| self.damaged())
    }

    #[inline]
    fn actor(&mut self, actors: usize) -> Read<ActorId> {
        let n = self.u32()? as usize;
        if n < actors {
            Ok(ActorId::new(n))
        } else {
            Err(self.damaged())
        }
    }

    #[inline]
    fn source(&mut self, sources: usize) -> Read<SourceId> {
        let n = self.u32()?;
        if (n as usize) < sources {
            Ok(SourceId(n))
        } else {
            Err(self.damaged())
        }
    }

    /// Reads whatever the body still holds, so that the checksum covers
    /// all of it: the checksum, and how many bytes the decoder left unread.
    fn finish(&mut self) -> Read<(u64, u64)> {
        let unread = self.remaining();
        while self.left > 0 {
            self.pos = self.len;
            self.fill(1)?;
        }
        Ok((self.hasher.digest(), unread))
    }
}

fn left_over(unread: u64) -> Damage {
    Damage::Body(format!("end ({unread} bytes after the last section)"))
}

fn confidence_of(byte: u8) -> Option<Confidence> {
    match byte {
        0 => Some(Confidence::Possible),
        1 => Some(Confidence::Likely),
        2 => Some(Confidence::Confirmed),
        _ => None,
    }
}

fn decode_from(r: &mut Reader<'_>) -> Result<Graph, Damage> {
    let n = r.count(4)?;
    let mut dates = Vec::with_capacity(n);
    for _ in 0..n {
        let text = r.str()?;
        dates.push(text.parse::<PartialDate>().map_err(|_| r.damaged())?);
    }

    r.section = "title";
    let title = r.str()?;
    let as_of = r.date(&dates)?;

    r.section = "sources";
    let n = r.count(12)?;
    let mut sources = Vec::with_capacity(n);
    for _ in 0..n {
        sources.push(Source {
            id: r.str()?,
            citation: r.str()?,
            url: r.opt_str()?,
        });
    }

    r.section = "relations";
    let mut relations = Relations::default();
    let n = r.count(9)?;
    for _ in 0..n {
        let name = r.str()?;
        let directed = r.flag()?;
        let note = r.opt_str()?;
        let look = match r.opt_str()? {
            Some(text) => Some(ron::from_str(&text).map_err(|_| r.damaged())?),
            None => None,
        };
        let phrasing = if r.flag()? {
            Some(Phrasing {
                verb: r.opt_str()?,
                past: r.opt_str()?,
                base: r.opt_str()?,
                inverse: r.opt_str()?,
                also: r.strs()?,
            })
        } else {
            None
        };
        let relation = Relation {
            name,
            directed,
            note,
            phrasing,
            look,
        };
        relations.declare(relation).map_err(|_| r.damaged())?;
    }

    r.section = "actors";
    let actors = r.count(22)?;
    let mut network = Network::with_capacity(actors, 0);
    for _ in 0..actors {
        let id = r.str()?;
        let name = r.str()?;
        let aliases = r.strs()?;
        let kind = *ActorKind::ALL
            .get(usize::from(r.u8()?))
            .ok_or_else(|| r.damaged())?;
        let tags = r.strs()?;
        let active = r.flag()?;
        let period = Period {
            start: r.date(&dates)?,
            end: r.date(&dates)?,
        };
        let note = r.opt_str()?;
        network.add_node(Actor {
            id,
            name,
            aliases,
            kind,
            tags,
            active: active.then_some(period),
            note,
        });
    }

    r.section = "tie ends";
    let ends = r.words()?;
    let ties = ends.len() / 2;
    if ends.len() % 2 != 0
        || ends.iter().any(|&end| end as usize >= actors)
        || ends.chunks_exact(2).any(|pair| pair[0] == pair[1])
    {
        return Err(r.damaged());
    }
    r.section = "ties";
    network.reserve_edges(ties);
    let slots = ActorSlots::of(&network);
    for (i, pair) in ends.chunks_exact(2).enumerate() {
        if let Some(ahead) = ends.get(2 * (i + PREFETCH_AHEAD)..2 * (i + PREFETCH_AHEAD) + 2) {
            slots.prefetch(ahead[0]);
            slots.prefetch(ahead[1]);
        }
        let (from, to) = (
            ActorId::new(pair[0] as usize),
            ActorId::new(pair[1] as usize),
        );
        let relation = RelationId(r.u16()?);
        if relation.index() >= relations.len() {
            return Err(r.damaged());
        }
        let confidence = r.confidence()?;
        let start = r.date(&dates)?;
        let end = r.date(&dates)?;
        let mut tie = Tie::new(relation, start, end, confidence);
        if r.flag()? {
            let n = r.count(4)?;
            let sources = (0..n)
                .map(|_| r.source(sources.len()))
                .collect::<Read<_>>()?;
            let note = r.opt_str()?;
            let evidence = r.opt_str()?;
            let events = if r.flag()? { Some(r.u32()?) } else { None };
            let fatalities = if r.flag()? { Some(r.u32()?) } else { None };
            tie = tie.with_details(TieDetails {
                sources,
                note,
                evidence,
                events,
                fatalities,
            });
        }
        network.add_edge(from, to, tie);
    }

    r.section = "events";
    let n = r.count(18)?;
    let mut events = Vec::with_capacity(n);
    for _ in 0..n {
        let date = r.date(&dates)?.ok_or_else(|| r.damaged())?;
        let count = r.count(4)?;
        let event_actors = (0..count)
            .map(|_| r.actor(actors))
            .collect::<Read<Vec<_>>>()?;
        if event_actors.is_empty() {
            return Err(r.damaged());
        }
        let what = r.str()?;
        let confidence = r.confidence()?;
        let count = r.count(4)?;
        let event_sources = (0..count)
            .map(|_| r.source(sources.len()))
            .collect::<Read<_>>()?;
        events.push(Event {
            date,
            actors: event_actors,
            what,
            confidence,
            sources: event_sources,
            evidence: r.opt_str()?,
            note: r.opt_str()?,
        });
    }

    r.section = "names";
    let name_text = r.str()?;
    let n = r.count(8)?;
    let mut names = Vec::with_capacity(n);
    let mut start = 0u32;
    for _ in 0..n {
        let end = start.checked_add(r.u32()?).ok_or_else(|| r.damaged())?;
        names.push((start, end, r.actor(actors)?));
        start = end;
    }
    if start as usize != name_text.len() {
        return Err(r.damaged());
    }

    r.section = "links";
    let link_offsets = r.words()?;
    let n = r.count(28)?;
    let mut links = Vec::with_capacity(n);
    for _ in 0..n {
        let bytes = r.array::<28>()?;
        let word = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes"));
        let day = |at: usize| word(at) as i32;
        let outgoing = match bytes[26] {
            0 => false,
            1 => true,
            _ => return Err(r.damaged()),
        };
        let Some(confidence) = confidence_of(bytes[27]) else {
            return Err(r.damaged());
        };
        links.push(Link {
            tie: TieId::new(word(0) as usize),
            other: ActorId::new(word(4) as usize),
            bounds: Bounds {
                start: (day(8), day(12)),
                end: (day(16), day(20)),
            },
            relation: RelationId(u16::from_le_bytes([bytes[24], bytes[25]])),
            outgoing,
            confidence,
        });
    }

    r.section = "day index";
    let n = r.count(8)?;
    let mut active_days = Vec::with_capacity(n);
    for _ in 0..n {
        active_days.push((r.days()?, r.days()?));
    }
    Graph::from_raw(RawGraph {
        title,
        as_of,
        sources,
        events,
        relations,
        network,
        name_text,
        names,
        link_offsets,
        links,
        active_days,
    })
    .map_err(Damage::Body)
}
