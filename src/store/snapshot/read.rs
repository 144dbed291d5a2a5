//! Reading a snapshot's body back into a graph, every count and index
//! checked, so that no input can make it panic.

use super::*;

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

/// How many bytes the reader asks its source for at a time.
const CHUNK: usize = 1 << 20;

/// Bytes in, streamed through a small buffer and hashed as they come,
/// every read checked against what is left.
pub(super) struct Reader<'s> {
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
    pub(super) fn new(source: &'s mut dyn std::io::Read, body_len: u64) -> Reader<'s> {
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
    pub(super) fn finish(&mut self) -> Read<(u64, u64)> {
        let unread = self.remaining();
        while self.left > 0 {
            self.pos = self.len;
            self.fill(1)?;
        }
        Ok((self.hasher.digest(), unread))
    }
}

pub(super) fn left_over(unread: u64) -> Damage {
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

pub(super) fn decode_from(r: &mut Reader<'_>) -> Result<Graph, Damage> {
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
