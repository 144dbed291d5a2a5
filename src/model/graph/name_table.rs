//! Normalised names to actors. A graph built item by item keeps a hash map;
//! a graph read in place from a snapshot searches the snapshot's sorted
//! table where it lies (at a million actors, building a map was a fifth of
//! opening the graph), and turns it into a map on its first change.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::stored::{NameEntry, StoredGraph};
use crate::model::tie::ActorId;

/// Names to actors, as a map or as a stored sorted table.
#[derive(Clone, Debug)]
pub(crate) enum NameTable {
    Map(FxHashMap<String, ActorId>),
    /// The stored graph's table: entries sorted by their text, each key once.
    Stored(Arc<dyn StoredGraph>),
}

impl Default for NameTable {
    fn default() -> Self {
        NameTable::Map(FxHashMap::default())
    }
}

/// The actor whose name in the sorted table (`text`, `entries`) is `key`.
/// Bytes compare as their text does, so a table that is not sorted, or not
/// text, only finds less: it cannot panic.
pub(crate) fn lookup(text: &[u8], entries: &[NameEntry], key: &str) -> Option<ActorId> {
    let key_of = |e: &NameEntry| {
        text.get(e.start as usize..e.end as usize)
            .unwrap_or_default()
    };
    entries
        .binary_search_by(|e| key_of(e).cmp(key.as_bytes()))
        .ok()
        .map(|i| ActorId::new(entries[i].actor as usize))
}

/// Every entry of a sorted table whose text is text, with its actor.
pub(crate) fn entries<'a>(
    text: &'a [u8],
    entries: &'a [NameEntry],
) -> impl Iterator<Item = (&'a str, ActorId)> + 'a {
    entries.iter().filter_map(move |e| {
        let key = text.get(e.start as usize..e.end as usize)?;
        Some((
            std::str::from_utf8(key).ok()?,
            ActorId::new(e.actor as usize),
        ))
    })
}

impl NameTable {
    /// The actor with this normalised name.
    pub(crate) fn get(&self, key: &str) -> Option<ActorId> {
        match self {
            NameTable::Map(map) => map.get(key).copied(),
            NameTable::Stored(stored) => lookup(stored.name_text(), stored.name_entries(), key)
                .filter(|a| a.index() < stored.actor_count()),
        }
    }

    /// Every name with its actor, in no particular order.
    pub(crate) fn iter(&self) -> Box<dyn Iterator<Item = (&str, ActorId)> + '_> {
        match self {
            NameTable::Map(map) => Box::new(map.iter().map(|(k, v)| (k.as_str(), *v))),
            NameTable::Stored(stored) => Box::new(
                entries(stored.name_text(), stored.name_entries())
                    .filter(|(_, a)| a.index() < stored.actor_count()),
            ),
        }
    }

    /// The names as a map, to change them.
    pub(crate) fn map_mut(&mut self) -> &mut FxHashMap<String, ActorId> {
        if let NameTable::Stored(_) = self {
            let map = self.iter().map(|(k, a)| (k.to_string(), a)).collect();
            *self = NameTable::Map(map);
        }
        match self {
            NameTable::Map(map) => map,
            NameTable::Stored(_) => unreachable!("made a map just above"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(keys: &[&str]) -> (String, Vec<NameEntry>) {
        let mut text = String::new();
        let mut table = Vec::new();
        for (i, key) in keys.iter().enumerate() {
            let start = text.len() as u32;
            text.push_str(key);
            table.push(NameEntry {
                start,
                end: text.len() as u32,
                actor: i as u32,
            });
        }
        (text, table)
    }

    #[test]
    fn a_sorted_table_finds_its_names() {
        let (text, table) = table(&["a000001", "actor 1", "jnim", "ménaka"]);
        let find = |key| lookup(text.as_bytes(), &table, key);
        assert_eq!(find("jnim"), Some(ActorId::new(2)));
        assert_eq!(find("ménaka"), Some(ActorId::new(3)));
        assert_eq!(find("a00000"), None);
        assert_eq!(find("zzz"), None);
        assert_eq!(entries(text.as_bytes(), &table).count(), 4);
    }

    #[test]
    fn a_damaged_table_finds_less_and_never_panics() {
        let (text, mut table) = table(&["b", "a", "é"]);
        table[0].end = 99;
        table[2].end = table[2].start + 1;
        assert_eq!(lookup(text.as_bytes(), &table, "b"), None);
        assert_eq!(entries(text.as_bytes(), &table).count(), 1);
    }
}
