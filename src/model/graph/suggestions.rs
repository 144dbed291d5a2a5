//! Which actors to offer for a name the graph does not have.
//!
//! Comparing the name with every key took 1.3 s per unknown name at a
//! million actors. A small graph still compares every key; a large one
//! first gathers candidates from a trigram index: keys a letter or two
//! away, or containing the name as a word or prefix, share most of its
//! trigrams. Only the candidates sharing the most are scored, and the
//! posting lists read are bounded, so a name whose every trigram is common
//! costs a bounded amount of work rather than a scan.

use rustc_hash::FxHashMap;

use super::super::names::{similarity, SUGGESTION_THRESHOLD};
use super::super::tie::ActorId;

/// Graphs with at most this many name keys compare the name with each.
const SCAN_ALL_UP_TO: usize = 20_000;
/// At most this many posting-list entries are read for one name.
const POSTINGS_READ: usize = 400_000;
/// At most this many candidates, those sharing the most trigrams, are scored.
const CANDIDATES_SCORED: usize = 4_000;

/// Every name key, and for a large graph the keys holding each trigram.
#[derive(Clone, Debug, Default)]
pub(crate) struct NameIndex {
    keys: Vec<(Box<str>, ActorId)>,
    /// Trigram → indexes into `keys`, ascending; empty for a small graph.
    postings: FxHashMap<u64, Vec<u32>>,
}

impl NameIndex {
    /// The index of these normalised keys.
    pub(crate) fn new<'a>(keys: impl Iterator<Item = (&'a str, ActorId)>) -> NameIndex {
        let mut keys: Vec<(Box<str>, ActorId)> = keys.map(|(k, id)| (k.into(), id)).collect();
        // A stable order, whatever the hash map's.
        keys.sort_unstable();
        let mut postings: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
        if keys.len() > SCAN_ALL_UP_TO {
            for (index, (key, _)) in keys.iter().enumerate() {
                let Ok(index) = u32::try_from(index) else {
                    break;
                };
                let mut grams = trigrams(key);
                grams.sort_unstable();
                grams.dedup();
                for gram in grams {
                    postings.entry(gram).or_default().push(index);
                }
            }
        }
        NameIndex { keys, postings }
    }

    /// Up to `limit` actors whose keys are nearest to the key `wanted`, best first.
    pub(crate) fn nearest(&self, wanted: &str, limit: usize) -> Vec<ActorId> {
        if self.postings.is_empty() {
            let all = self.keys.iter().map(|(k, id)| (&**k, *id));
            return rank(wanted, all, limit);
        }
        let candidates = self.candidates(wanted);
        let keys = candidates.into_iter().map(|i| {
            let (key, id) = &self.keys[i as usize];
            (&**key, *id)
        });
        rank(wanted, keys, limit)
    }

    /// The keys sharing the most trigrams with `wanted`, reading the
    /// rarest trigrams' lists first, within [`POSTINGS_READ`] entries.
    fn candidates(&self, wanted: &str) -> Vec<u32> {
        let mut grams = trigrams(wanted);
        grams.sort_unstable();
        grams.dedup();
        let mut lists: Vec<&[u32]> = grams
            .iter()
            .filter_map(|g| self.postings.get(g).map(Vec::as_slice))
            .collect();
        lists.sort_by_key(|list| list.len());
        let mut shared: FxHashMap<u32, u32> = FxHashMap::default();
        let mut read = 0;
        for list in lists {
            // The rarest list is always read, if only in part.
            let list = if read == 0 {
                &list[..list.len().min(POSTINGS_READ)]
            } else if read + list.len() > POSTINGS_READ {
                break;
            } else {
                list
            };
            read += list.len();
            for index in list {
                *shared.entry(*index).or_default() += 1;
            }
        }
        let mut ranked: Vec<(u32, u32)> = shared.into_iter().collect();
        ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(CANDIDATES_SCORED);
        ranked.into_iter().map(|(index, _)| index).collect()
    }
}

/// The `limit` keys most like `wanted` above the threshold, each actor
/// once, best first (ties by actor).
fn rank<'a>(
    wanted: &str,
    keys: impl Iterator<Item = (&'a str, ActorId)>,
    limit: usize,
) -> Vec<ActorId> {
    let mut best: FxHashMap<ActorId, f64> = FxHashMap::default();
    for (key, id) in keys {
        let score = similarity(wanted, key);
        if score >= SUGGESTION_THRESHOLD {
            let entry = best.entry(id).or_insert(0.0);
            *entry = entry.max(score);
        }
    }
    let mut ranked: Vec<(ActorId, f64)> = best.into_iter().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.into_iter().take(limit).map(|(id, _)| id).collect()
}

/// The trigrams of ` key `, each packed into a number (21 bits a character).
fn trigrams(key: &str) -> Vec<u64> {
    let chars: Vec<char> = std::iter::once(' ')
        .chain(key.chars())
        .chain(std::iter::once(' '))
        .collect();
    chars
        .windows(3)
        .map(|w| (u64::from(w[0]) << 42) | (u64::from(w[1]) << 21) | u64::from(w[2]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use petgraph::graph::NodeIndex;

    /// An index over `names` plus `filler` unrelated keys, large enough to
    /// be searched by trigrams.
    fn large(names: &[&str]) -> (NameIndex, Vec<ActorId>) {
        let filler: Vec<String> = (0..SCAN_ALL_UP_TO + 1)
            .map(|i| format!("actor {i:06}"))
            .collect();
        let ids: Vec<ActorId> = (0..names.len()).map(NodeIndex::new).collect();
        let keys = names.iter().copied().zip(ids.iter().copied()).chain(
            filler
                .iter()
                .enumerate()
                .map(|(i, k)| (k.as_str(), NodeIndex::new(names.len() + i))),
        );
        let index = NameIndex::new(keys);
        assert!(!index.postings.is_empty(), "searched by trigrams");
        (index, ids)
    }

    #[test]
    fn a_large_graph_still_offers_near_spellings_and_whole_words() {
        let (index, ids) = large(&["daoussak militias", "minusma", "jnim", "wagner group"]);
        assert_eq!(index.nearest("daoussak", 3), [ids[0]]);
        assert_eq!(index.nearest("miniusma", 3), [ids[1]]);
        assert_eq!(index.nearest("jnin", 3), [ids[2]]);
        assert_eq!(index.nearest("wagnre group", 3)[0], ids[3]);
        assert!(index.nearest("actor 01234x", 3).len() == 3);
    }

    #[test]
    fn a_small_graph_compares_every_key() {
        let keys = [("jnim", NodeIndex::new(0)), ("aqim", NodeIndex::new(1))];
        let index = NameIndex::new(keys.into_iter());
        assert!(index.postings.is_empty());
        assert_eq!(index.nearest("jnin", 3), [NodeIndex::new(0)]);
    }
}
