//! Normalised names to actors. A graph built item by item keeps a hash map;
//! a graph read whole from a snapshot keeps one sorted table over a single
//! string, read without an allocation per name (at a million actors that
//! was a fifth of opening the graph), and turned into a map on its first
//! change.

use rustc_hash::FxHashMap;

use crate::model::tie::ActorId;

/// Names to actors, as a map or as a sorted table.
#[derive(Clone, Debug)]
pub(crate) enum NameTable {
    Map(FxHashMap<String, ActorId>),
    /// `entries` are (start, end, actor), sorted by `text[start..end]`,
    /// each key once.
    Sorted {
        text: String,
        entries: Vec<(u32, u32, ActorId)>,
    },
}

impl Default for NameTable {
    fn default() -> Self {
        NameTable::Map(FxHashMap::default())
    }
}

impl NameTable {
    /// A sorted table over `text`, checked: every entry a slice of `text`
    /// on character boundaries, the keys strictly increasing (so each is
    /// there once and binary search finds it); `None` when not.
    pub(crate) fn sorted(text: String, entries: Vec<(u32, u32, ActorId)>) -> Option<NameTable> {
        let key = |&(start, end, _): &(u32, u32, ActorId)| {
            let (start, end) = (start as usize, end as usize);
            (start <= end && text.is_char_boundary(start) && text.is_char_boundary(end))
                .then(|| &text[start..end])
        };
        let mut previous: Option<&str> = None;
        for entry in &entries {
            let current = key(entry)?;
            if previous.is_some_and(|p| p >= current) {
                return None;
            }
            previous = Some(current);
        }
        Some(NameTable::Sorted { text, entries })
    }

    /// The actor with this normalised name.
    pub(crate) fn get(&self, key: &str) -> Option<ActorId> {
        match self {
            NameTable::Map(map) => map.get(key).copied(),
            NameTable::Sorted { text, entries } => entries
                .binary_search_by(|&(start, end, _)| text[start as usize..end as usize].cmp(key))
                .ok()
                .map(|i| entries[i].2),
        }
    }

    /// Every name with its actor, in no particular order.
    pub(crate) fn iter(&self) -> Box<dyn Iterator<Item = (&str, ActorId)> + '_> {
        match self {
            NameTable::Map(map) => Box::new(map.iter().map(|(k, v)| (k.as_str(), *v))),
            NameTable::Sorted { text, entries } => Box::new(
                entries
                    .iter()
                    .map(move |&(start, end, actor)| (&text[start as usize..end as usize], actor)),
            ),
        }
    }

    /// The names as a map, to change them.
    pub(crate) fn map_mut(&mut self) -> &mut FxHashMap<String, ActorId> {
        if let NameTable::Sorted { .. } = self {
            let map = self.iter().map(|(k, a)| (k.to_string(), a)).collect();
            *self = NameTable::Map(map);
        }
        match self {
            NameTable::Map(map) => map,
            NameTable::Sorted { .. } => unreachable!("made a map just above"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(keys: &[&str]) -> Option<NameTable> {
        let mut text = String::new();
        let mut entries = Vec::new();
        for (i, key) in keys.iter().enumerate() {
            let start = text.len() as u32;
            text.push_str(key);
            entries.push((start, text.len() as u32, ActorId::new(i)));
        }
        NameTable::sorted(text, entries)
    }

    #[test]
    fn a_sorted_table_finds_what_a_map_finds_and_becomes_one_when_changed() {
        let mut names = table(&["a000001", "actor 1", "jnim", "ménaka"]).unwrap();
        assert_eq!(names.get("jnim"), Some(ActorId::new(2)));
        assert_eq!(names.get("ménaka"), Some(ActorId::new(3)));
        assert_eq!(names.get("a00000"), None);
        assert_eq!(names.get("zzz"), None);
        assert_eq!(names.iter().count(), 4);
        names.map_mut().insert("cma".into(), ActorId::new(9));
        assert!(matches!(names, NameTable::Map(_)));
        assert_eq!(names.get("jnim"), Some(ActorId::new(2)));
        assert_eq!(names.get("cma"), Some(ActorId::new(9)));
        assert_eq!(names.iter().count(), 5);
    }

    #[test]
    fn an_unsorted_repeated_or_split_table_is_refused() {
        assert!(table(&["b", "a"]).is_none());
        assert!(table(&["a", "a"]).is_none());
        let text = "é".to_string();
        assert!(NameTable::sorted(text.clone(), vec![(0, 1, ActorId::new(0))]).is_none());
        assert!(NameTable::sorted(text.clone(), vec![(0, 9, ActorId::new(0))]).is_none());
        assert!(NameTable::sorted(text, vec![(2, 1, ActorId::new(0))]).is_none());
    }
}
