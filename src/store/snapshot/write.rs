//! Writing a snapshot's body: the graph, its dates once each, and the
//! indexes its questions read.

use super::*;

/// A guess of the snapshot's size, to allocate once.
pub(super) fn estimate(graph: &Graph) -> usize {
    HEADER_BYTES + graph.actor_count() * 64 + graph.tie_count() * (20 + 2 * 28 + 8) + 4096
}

/// Bytes out, little-endian.
pub(super) struct Writer(pub(super) Vec<u8>);

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
pub(super) fn encode_body(graph: &Graph, out: &mut Writer) {
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
