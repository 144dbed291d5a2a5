//! Writing a snapshot's body: the graph, its dates once each, and the
//! indexes its questions read, each in its section (see `layout.rs`).

use super::layout::{Section, Table, TieRecord, NO_DETAILS, TABLE_BYTES};
use super::*;
use crate::model::adjacency::confidence_number;
use crate::model::graph::NameEntry;
use crate::model::PackedLink;

/// A guess of the snapshot's size, to allocate once.
pub(super) fn estimate(graph: &Graph) -> usize {
    HEADER_BYTES + graph.actor_count() * 80 + graph.tie_count() * (8 + 24 + 2 * 28 + 8) + 4096
}

/// Bytes out, little-endian.
struct Writer(Vec<u8>);

impl Writer {
    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    fn u32(&mut self, v: u32) {
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

/// Appends the body to `out` (which holds the header, 8-byte aligned):
/// the section table, then each section (see `layout.rs`).
///
/// Actors and ties are numbered in the order the graph holds them; a graph
/// with gaps (actors or ties removed) is numbered without them.
pub(super) fn encode_body(graph: &Graph, out: &mut Vec<u8>) {
    let renumber = Renumbering::of(graph);
    let mut dates = DateTable::default();
    let as_of = dates.number(graph.as_of());
    let actor_dates: Vec<(u32, u32)> = graph
        .actors()
        .map(|(_, a)| {
            let period = a.active.unwrap_or_default();
            (dates.number(period.start), dates.number(period.end))
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

    let base = out.len();
    out.resize(base + TABLE_BYTES, 0);
    let mut table = Table::default();
    let mut section = |out: &mut Vec<u8>, which: Section, write: &mut dyn FnMut(&mut Vec<u8>)| {
        while (out.len() - base) % 8 != 0 {
            out.push(0);
        }
        let start = out.len() - base;
        write(out);
        table.ranges[which as usize] = start..out.len() - base;
    };

    section(out, Section::Meta, &mut |out| {
        let mut w = Writer(std::mem::take(out));
        write_meta(graph, &dates, as_of, &event_dates, &renumber, &mut w);
        *out = w.0;
    });

    let mut actor_text = Writer(Vec::new());
    let mut actor_offsets = Vec::with_capacity(graph.actor_count() + 1);
    for ((_, actor), (start, end)) in graph.actors().zip(actor_dates) {
        actor_offsets.push(actor_text.0.len() as u64);
        write_actor(actor, start, end, &mut actor_text);
    }
    actor_offsets.push(actor_text.0.len() as u64);
    section(out, Section::ActorText, &mut |out| {
        out.extend_from_slice(&actor_text.0);
    });
    drop(actor_text);
    section(out, Section::ActorOffsets, &mut |out| {
        out.extend_from_slice(bytemuck::cast_slice(&actor_offsets));
    });

    section(out, Section::TieEnds, &mut |out| {
        for tie in graph.all_ties() {
            let ends = [renumber.actor(tie.from), renumber.actor(tie.to)];
            out.extend_from_slice(bytemuck::cast_slice(&ends));
        }
    });
    let mut details = Writer(Vec::new());
    section(out, Section::Ties, &mut |out| {
        for (tie, &(start, end)) in graph.all_ties().zip(&tie_dates) {
            let record = TieRecord {
                details: match tie.tie.details() {
                    None => NO_DETAILS,
                    Some(found) => {
                        let at = details.0.len() as u64;
                        write_details(found, &mut details);
                        at
                    }
                },
                start,
                end,
                relation: tie.tie.relation.0,
                confidence: confidence_number(tie.tie.confidence),
                padding: [0; 5],
            };
            out.extend_from_slice(bytemuck::bytes_of(&record));
        }
    });
    section(out, Section::Details, &mut |out| {
        out.extend_from_slice(&details.0);
    });
    drop(details);

    let mut names: Vec<(&str, ActorId)> = graph.name_entries().collect();
    // Sorted: the reader searches them where they lie.
    names.sort_unstable();
    let mut name_entries = Vec::with_capacity(names.len());
    section(out, Section::NameText, &mut |out| {
        let base = out.len();
        for (key, actor) in &names {
            let start = (out.len() - base) as u32;
            out.extend_from_slice(key.as_bytes());
            name_entries.push(NameEntry {
                start,
                end: (out.len() - base) as u32,
                actor: renumber.actor(*actor),
            });
        }
    });
    section(out, Section::NameEntries, &mut |out| {
        out.extend_from_slice(bytemuck::cast_slice(&name_entries));
    });

    let packed = graph.packed_links();
    section(out, Section::LinkOffsets, &mut |out| {
        // Offsets are per actor slot: a slot left by a removed actor has none.
        out.extend_from_slice(&0u32.to_le_bytes());
        let mut total = 0u32;
        for (slot, pair) in packed.offsets.windows(2).enumerate() {
            if renumber.has_actor(slot) {
                total += pair[1] - pair[0];
                out.extend_from_slice(&total.to_le_bytes());
            }
        }
    });
    section(out, Section::Links, &mut |out| {
        if renumber.maps.is_none() {
            out.extend_from_slice(bytemuck::cast_slice(packed.links));
            return;
        }
        for link in packed.links {
            let renumbered = PackedLink {
                tie: renumber.tie(TieId::new(link.tie as usize)),
                other: renumber.actor(ActorId::new(link.other as usize)),
                ..*link
            };
            out.extend_from_slice(bytemuck::bytes_of(&renumbered));
        }
    });

    let days: Vec<(&[Day], &[Day])> = graph.active_day_lists().collect();
    section(out, Section::DayOffsets, &mut |out| {
        let mut total = 0u64;
        out.extend_from_slice(&total.to_le_bytes());
        for (firsts, _) in &days {
            total += firsts.len() as u64;
            out.extend_from_slice(&total.to_le_bytes());
        }
    });
    section(out, Section::FirstDays, &mut |out| {
        for (firsts, _) in &days {
            out.extend_from_slice(bytemuck::cast_slice(firsts));
        }
    });
    section(out, Section::LastDays, &mut |out| {
        for (_, lasts) in &days {
            out.extend_from_slice(bytemuck::cast_slice(lasts));
        }
    });
    out[base..base + TABLE_BYTES].copy_from_slice(&table.to_bytes());
}

/// Dates, title, as-of date, sources, declared relations, events.
fn write_meta(
    graph: &Graph,
    dates: &DateTable,
    as_of: u32,
    event_dates: &[u32],
    renumber: &Renumbering,
    out: &mut Writer,
) {
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

    out.count(graph.events().len());
    for (event, date) in graph.events().iter().zip(event_dates) {
        // Destructured (here and below), so that a field added to the
        // model does not compile until the snapshot writes it.
        let Event {
            date: _,
            actors,
            what,
            confidence,
            sources,
            evidence,
            note,
        } = event;
        out.u32(*date);
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
}

fn write_actor(actor: &Actor, start: u32, end: u32, out: &mut Writer) {
    let Actor {
        id,
        name,
        aliases,
        kind,
        tags,
        active,
        note,
    } = actor;
    out.str(id);
    out.str(name);
    out.strs(aliases);
    out.u8(kind_number(*kind));
    out.strs(tags);
    out.u8(active.is_some().into());
    out.u32(start);
    out.u32(end);
    out.opt_str(note.as_deref());
}

fn write_details(details: &TieDetails, out: &mut Writer) {
    let TieDetails {
        sources,
        note,
        evidence,
        events,
        fatalities,
    } = details;
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
        let mut actors = vec![u32::MAX; graph.actor_bound()];
        for (new, (old, _)) in graph.actors().enumerate() {
            actors[old.index()] = new as u32;
        }
        let mut ties = vec![u32::MAX; graph.tie_bound()];
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

fn kind_number(kind: ActorKind) -> u8 {
    ActorKind::ALL
        .iter()
        .position(|k| *k == kind)
        .expect("every kind is in ALL") as u8
}
