//! Reading the parts of a snapshot that are decoded rather than read in
//! place: meta (whole, on open), an actor, a tie's details. Every count is
//! checked against the bytes left and every date against the date table,
//! so that no input can make it panic or allocate without bound.

use super::*;
use crate::model::adjacency::confidence_of;
use crate::model::graph::StoredMeta;

/// Bytes in, every read checked against what is left.
pub(super) struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    /// Where `bytes` start in the file, for messages.
    at: usize,
    /// The section being read, for messages.
    pub(super) section: &'static str,
}

type Read<T> = Result<T, Damage>;

impl<'a> Reader<'a> {
    pub(super) fn new(bytes: &'a [u8], at: usize) -> Reader<'a> {
        Reader {
            bytes,
            pos: 0,
            at,
            section: "dates",
        }
    }

    pub(super) fn damaged(&self) -> Damage {
        Damage::Body(format!("{} (at byte {})", self.section, self.at + self.pos))
    }

    #[inline]
    fn take(&mut self, n: usize) -> Read<&'a [u8]> {
        let end = self.pos.checked_add(n).ok_or_else(|| self.damaged())?;
        let taken = self
            .bytes
            .get(self.pos..end)
            .ok_or_else(|| self.damaged())?;
        self.pos = end;
        Ok(taken)
    }

    #[inline]
    fn array<const N: usize>(&mut self) -> Read<[u8; N]> {
        let bytes = self.take(N)?;
        bytes.try_into().map_err(|_| self.damaged())
    }

    #[inline]
    pub(super) fn u8(&mut self) -> Read<u8> {
        Ok(self.array::<1>()?[0])
    }
    #[inline]
    pub(super) fn u32(&mut self) -> Read<u32> {
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
        let left = self.bytes.len() - self.pos;
        if n.saturating_mul(min_bytes.max(1)) > left {
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
        if self.bytes.get(self.pos..self.pos + 4) == Some(&u32::MAX.to_le_bytes()[..]) {
            self.pos += 4;
            return Ok(None);
        }
        self.str().map(Some)
    }

    fn strs(&mut self) -> Read<Vec<String>> {
        let n = self.count(4)?;
        (0..n).map(|_| self.str()).collect()
    }

    #[inline]
    fn date(&mut self, dates: &[PartialDate]) -> Read<Option<PartialDate>> {
        date_of(self.u32()?, dates).ok_or_else(|| self.damaged())
    }

    #[inline]
    fn confidence(&mut self) -> Read<Confidence> {
        let byte = self.u8()?;
        confidence_of(byte).ok_or_else(|| self.damaged())
    }

    fn sources(&mut self) -> Read<Vec<SourceId>> {
        let n = self.count(4)?;
        (0..n).map(|_| self.u32().map(SourceId)).collect()
    }
}

/// Date number `n` of `dates` (0 none); `None` when there is no such date.
#[inline]
pub(super) fn date_of(n: u32, dates: &[PartialDate]) -> Option<Option<PartialDate>> {
    match n as usize {
        0 => Some(None),
        n => dates.get(n - 1).map(|d| Some(*d)),
    }
}

/// The meta section: the date table, and what the graph holds beside its
/// actors and ties. Event actors and sources are checked by the graph.
pub(super) fn decode_meta(r: &mut Reader<'_>) -> Read<(Vec<PartialDate>, StoredMeta)> {
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

    r.section = "events";
    let n = r.count(18)?;
    let mut events = Vec::with_capacity(n);
    for _ in 0..n {
        let date = r.date(&dates)?.ok_or_else(|| r.damaged())?;
        let count = r.count(4)?;
        let actors = (0..count)
            .map(|_| r.u32().map(|a| ActorId::new(a as usize)))
            .collect::<Read<Vec<_>>>()?;
        if actors.is_empty() {
            return Err(r.damaged());
        }
        let what = r.str()?;
        let confidence = r.confidence()?;
        let sources = r.sources()?;
        events.push(Event {
            date,
            actors,
            what,
            confidence,
            sources,
            evidence: r.opt_str()?,
            note: r.opt_str()?,
        });
    }
    if r.pos != r.bytes.len() {
        r.section = "end of meta";
        return Err(r.damaged());
    }
    let meta = StoredMeta {
        title,
        as_of,
        sources,
        events,
        relations,
    };
    Ok((dates, meta))
}

/// One actor's record.
pub(super) fn decode_actor(r: &mut Reader<'_>, dates: &[PartialDate]) -> Read<Actor> {
    r.section = "actors";
    let id = r.str()?;
    let name = r.str()?;
    let aliases = r.strs()?;
    let kind = *ActorKind::ALL
        .get(usize::from(r.u8()?))
        .ok_or_else(|| r.damaged())?;
    let tags = r.strs()?;
    let active = r.flag()?;
    let period = Period {
        start: r.date(dates)?,
        end: r.date(dates)?,
    };
    let note = r.opt_str()?;
    Ok(Actor {
        id,
        name,
        aliases,
        kind,
        tags,
        active: active.then_some(period),
        note,
    })
}

/// One tie's details; its sources are checked by the graph.
pub(super) fn decode_details(r: &mut Reader<'_>) -> Read<TieDetails> {
    r.section = "tie details";
    let sources = r.sources()?;
    let note = r.opt_str()?;
    let evidence = r.opt_str()?;
    let events = if r.flag()? { Some(r.u32()?) } else { None };
    let fatalities = if r.flag()? { Some(r.u32()?) } else { None };
    Ok(TieDetails {
        sources,
        note,
        evidence,
        events,
        fatalities,
    })
}
