//! Entity resolution: an incoming actor met with the actors known so far
//! (the graph's, and those this import made), by name or alias (an id
//! column's cell is matched by id exactly elsewhere), with case, accents
//! and punctuation set aside, a leading article dropped ("The Islamic
//! State" is Islamic State) and an acronym in brackets read as a name of
//! its own ("… (JRTN)" is JRTN). One actor found is a match; several go to
//! the analyst; a near spelling is offered, never assumed.

use rustc_hash::FxHashMap;

use crate::model::names::{normalize, similarity};
use crate::model::{Actor, ActorId, Graph};

/// How near a spelling must be to be offered for review (one or two
/// letters off); a shared word alone is not enough.
const NEAR: f64 = 0.93;

/// At most this many of a name's rarest trigrams are looked up for near
/// spellings: a key two edits away keeps all but six of them, so it shares
/// at least one of any seven.
const RARE_TRIGRAMS: usize = 7;

/// At most this many keys are scored for one name's near spellings.
const NEAR_CANDIDATES: usize = 4096;

/// What an incoming actor is, as far as the graph can tell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Match {
    /// The same actor as this one of the graph's.
    Existing(ActorId),
    /// Perhaps one of these: the analyst decides.
    Review(Vec<ActorId>, &'static str),
    /// No name matches, but these actors' names are near spellings of its
    /// own: the analyst may merge it (with a review file); otherwise it is new.
    Near(Vec<ActorId>),
    /// No actor the graph has.
    New,
}

/// The known actors by every key their names and aliases give, and a
/// trigram index of those keys for near spellings, both kept up to date as
/// the import adds actors (a cache of the graph's would be rebuilt after
/// every tie: that made a 100k-row merge 50 times slower).
#[derive(Default)]
pub(crate) struct NameMatcher {
    keys: FxHashMap<String, Owners>,
    /// Every name key once, with its actor, for the near-spelling search.
    near_keys: Vec<(Box<str>, ActorId)>,
    /// (the key's numbers, trigram) → its posting list in `links` (first
    /// entry, length): a near spelling has the same numbers, so only keys
    /// with them are searched (ten thousand `a123`-like names cost nothing).
    postings: FxHashMap<(u64, u64), (u32, u32)>,
    /// Posting lists, linked: (index into `near_keys`, next entry or
    /// `u32::MAX`). One vector, not one per list: most lists hold one key.
    links: Vec<(u32, u32)>,
    /// Actors from this index on were made by this import.
    first_new: usize,
}

/// The actors holding a key: nearly always one.
enum Owners {
    One(ActorId),
    Many(Vec<ActorId>),
}

impl Owners {
    fn as_slice(&self) -> &[ActorId] {
        match self {
            Owners::One(id) => std::slice::from_ref(id),
            Owners::Many(ids) => ids,
        }
    }

    /// Adds `id`; false when it was there.
    fn add(&mut self, id: ActorId) -> bool {
        if self.as_slice().contains(&id) {
            return false;
        }
        match self {
            Owners::One(first) => *self = Owners::Many(vec![*first, id]),
            Owners::Many(ids) => ids.push(id),
        }
        true
    }
}

impl NameMatcher {
    /// The actors `graph` has.
    pub(crate) fn of_graph(graph: &Graph) -> NameMatcher {
        let mut matcher = NameMatcher::default();
        for (id, actor) in graph.actors() {
            matcher.add(id, actor);
        }
        matcher.first_new = graph
            .actors()
            .map(|(id, _)| id.index() + 1)
            .max()
            .unwrap_or(0);
        matcher
    }

    /// Whether `actor` was made by this import rather than had by the graph.
    pub(crate) fn made_by_import(&self, actor: ActorId) -> bool {
        actor.index() >= self.first_new
    }

    /// Indexes an actor under the keys of its name, aliases and id (a name
    /// written like an actor's id, `FAMa` for `fama`, is that actor).
    pub(crate) fn add(&mut self, id: ActorId, actor: &Actor) {
        let names = std::iter::once(&actor.name).chain(&actor.aliases);
        for name in names {
            for key in match_keys(name) {
                if self.add_key(&key, id) {
                    self.add_near_key(key, id);
                }
            }
        }
        // An id is matched as written, never offered as a near spelling.
        for key in match_keys(&actor.id) {
            self.add_key(&key, id);
        }
    }

    /// Records that `id` holds `key`; false when it did already.
    fn add_key(&mut self, key: &str, id: ActorId) -> bool {
        match self.keys.get_mut(key) {
            Some(owners) => owners.add(id),
            None => {
                self.keys.insert(key.to_string(), Owners::One(id));
                true
            }
        }
    }

    /// Indexes a name key by its trigrams for the near-spelling search.
    fn add_near_key(&mut self, key: String, id: ActorId) {
        let Ok(index) = u32::try_from(self.near_keys.len()) else {
            return;
        };
        let mut grams = trigrams(&key);
        grams.sort_unstable();
        grams.dedup();
        let numbers = numbers_hash(&key);
        for gram in grams {
            let Ok(link) = u32::try_from(self.links.len()) else {
                return;
            };
            let list = self
                .postings
                .entry((numbers, gram))
                .or_insert((u32::MAX, 0));
            self.links.push((index, list.0));
            *list = (link, list.1 + 1);
        }
        self.near_keys.push((key.into(), id));
    }

    /// The graph's actor that `names` (an incoming actor's name and
    /// aliases) belong to.
    pub(crate) fn find<'a>(&self, names: impl IntoIterator<Item = &'a str>) -> Match {
        let mut found: Vec<ActorId> = Vec::new();
        let mut keys: Vec<String> = Vec::new();
        for name in names {
            keys.extend(match_keys(name));
        }
        for key in &keys {
            let owners = self.keys.get(key).map_or(&[][..], Owners::as_slice);
            for owner in owners {
                if !found.contains(owner) {
                    found.push(*owner);
                }
            }
        }
        match found.len() {
            1 => return Match::Existing(found[0]),
            0 => {}
            _ => return Match::Review(found, "its names belong to several actors"),
        }
        // No name matches: a near spelling is offered, never assumed.
        let mut near: Vec<ActorId> = Vec::new();
        for key in &keys {
            for candidate in self.near(key) {
                if !near.contains(&candidate) {
                    near.push(candidate);
                }
            }
        }
        if near.is_empty() {
            Match::New
        } else {
            Match::Near(near)
        }
    }

    /// The actors with a key near `wanted`: candidates from the rarest
    /// trigrams it shares, scored by [`near_spelling`].
    fn near(&self, wanted: &str) -> Vec<ActorId> {
        let mut grams = trigrams(wanted);
        grams.sort_unstable();
        grams.dedup();
        let numbers = numbers_hash(wanted);
        let mut lists: Vec<(u32, u32)> = grams
            .iter()
            .filter_map(|g| self.postings.get(&(numbers, *g)).copied())
            .collect();
        lists.sort_by_key(|(_, len)| *len);
        // The rarest lists, within a bound: a name of common trigrams
        // (`a123` among ten thousand such) costs bounded work, not a scan.
        let mut candidates: Vec<u32> = Vec::new();
        for (first, len) in lists.into_iter().take(RARE_TRIGRAMS) {
            if !candidates.is_empty() && candidates.len() + len as usize > NEAR_CANDIDATES {
                break;
            }
            let mut link = first;
            while link != u32::MAX && candidates.len() < NEAR_CANDIDATES {
                let (index, next) = self.links[link as usize];
                candidates.push(index);
                link = next;
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        let mut near = Vec::new();
        for index in candidates {
            let (key, actor) = &self.near_keys[index as usize];
            if near_spelling(wanted, key) && !near.contains(actor) {
                near.push(*actor);
            }
        }
        near
    }
}

/// Whether two different keys are spellings of one name: very alike, and
/// with the same numbers (`Brigade 312` is not `Brigade 313`).
fn near_spelling(wanted: &str, known: &str) -> bool {
    wanted != known && same_numbers(wanted, known) && similarity(wanted, known) >= NEAR
}

/// The numbers a key holds, in order, as one hash.
fn numbers_hash(key: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = rustc_hash::FxHasher::default();
    for number in key
        .split(|c: char| !c.is_ascii_digit())
        .filter(|n| !n.is_empty())
    {
        number.hash(&mut hasher);
    }
    hasher.finish()
}

/// Whether two keys hold the same numbers in the same order (cheap: most
/// candidates of a numbered name fail here, before any scoring).
fn same_numbers(a: &str, b: &str) -> bool {
    fn numbers(key: &str) -> impl Iterator<Item = &str> {
        key.split(|c: char| !c.is_ascii_digit())
            .filter(|n| !n.is_empty())
    }
    numbers(a).eq(numbers(b))
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

/// How `names` (an incoming actor's) match `actor`, for the merge message:
/// its name, an alias, its id, a name without its article, or a bracketed
/// acronym.
pub(crate) fn how_matched(names: &[&str], actor: &Actor) -> String {
    let known: Vec<(&str, bool)> = std::iter::once((actor.name.as_str(), true))
        .chain(actor.aliases.iter().map(|a| (a.as_str(), false)))
        .collect();
    for name in names {
        let key = normalize(name);
        if let Some((known, is_name)) = known.iter().find(|(k, _)| normalize(k) == key) {
            return if *is_name {
                "by name".to_string()
            } else {
                format!("by its alias `{known}`")
            };
        }
        if normalize(&actor.id) == key {
            return "by its id".to_string();
        }
    }
    for name in names {
        let keys = match_keys(name);
        let acronym = bracketed_acronym(name).map(|(_, acronym)| acronym);
        for (known, _) in &known {
            let known_keys = match_keys(known);
            let Some(shared) = keys.iter().find(|k| known_keys.contains(k)) else {
                continue;
            };
            return match acronym {
                Some(acronym) if normalize(acronym) == *shared => {
                    format!("by the acronym `{acronym}` in its name")
                }
                _ if bracketed_acronym(known).is_some_and(|(_, a)| normalize(a) == *shared) => {
                    format!("by the acronym in `{known}`")
                }
                _ if bracketed_acronym(name).is_some() || bracketed_acronym(known).is_some() => {
                    format!("as `{known}` without its acronym")
                }
                _ => format!("as `{known}` without the leading article"),
            };
        }
    }
    "by name".to_string()
}

/// Articles a name may begin with that say nothing about the actor.
const ARTICLES: [&str; 4] = ["the ", "le ", "la ", "les "];

/// The keys a name matches by: its normalised form without a leading
/// article, and for a name ending in a bracketed acronym ("Jaysh Rijal
/// al-Tariqa al-Naqshbandia (JRTN)"), the name without it and the acronym.
pub(crate) fn match_keys(name: &str) -> Vec<String> {
    let mut names = vec![name];
    if let Some((outer, inner)) = bracketed_acronym(name) {
        names.push(outer);
        names.push(inner);
    }
    let mut keys: Vec<String> = Vec::with_capacity(names.len());
    for name in names {
        let mut key = normalize(name);
        if let Some(article) = ARTICLES.iter().find(|a| key.starts_with(*a)) {
            key.drain(..article.len());
        }
        if !key.is_empty() && !keys.contains(&key) {
            keys.push(key);
        }
    }
    keys
}

/// The alias a new actor's name gives: its bracketed acronym ("… (JNIM)"
/// is also JNIM), so that later rows and queries find it by that.
pub(crate) fn acronym_alias(name: &str) -> Vec<String> {
    bracketed_acronym(name)
        .map(|(_, acronym)| vec![acronym.to_string()])
        .unwrap_or_default()
}

/// "Name (ACRONYM)" split into the name and the acronym: one word of
/// letters and digits in brackets at the end, mostly capitals.
/// ACLED's "ACRONYM: Name" ("JNIM: Group for Support of Islam and
/// Muslims") reads the same way.
fn bracketed_acronym(name: &str) -> Option<(&str, &str)> {
    let (outer, inner) = match name.trim_end().strip_suffix(')') {
        Some(inner_end) => {
            let open = inner_end.rfind('(')?;
            (inner_end[..open].trim(), inner_end[open + 1..].trim())
        }
        None => {
            let (inner, outer) = name.split_once(": ")?;
            (outer.trim(), inner.trim())
        }
    };
    let capitals = inner.chars().filter(|c| c.is_uppercase()).count();
    let acronym = (2..=12).contains(&inner.chars().count())
        && inner.chars().all(|c| c.is_alphanumeric() || c == '-')
        && capitals * 2 > inner.chars().count();
    (acronym && !outer.is_empty()).then_some((outer, inner))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ActorKind;

    #[test]
    fn keys_drop_a_leading_article_and_read_a_bracketed_acronym() {
        assert_eq!(match_keys("The Islamic State"), ["islamic state"]);
        assert_eq!(
            match_keys("Jaysh Rijal al-Tariqa al-Naqshbandia (JRTN)"),
            [
                "jaysh rijal al tariqa al naqshbandia (jrtn)",
                "jaysh rijal al tariqa al naqshbandia",
                "jrtn"
            ]
        );
        // Brackets that hold no acronym are part of the name.
        assert_eq!(
            match_keys("Islamic State (Sahel)"),
            ["islamic state (sahel)"]
        );
        assert_eq!(match_keys("Theo"), ["theo"]);
        // ACLED writes the acronym first.
        assert_eq!(
            match_keys("JNIM: Group for Support of Islam and Muslims"),
            [
                "jnim: group for support of islam and muslims",
                "group for support of islam and muslims",
                "jnim"
            ]
        );
        assert_eq!(match_keys("Note: a name"), ["note: a name"]);
    }

    #[test]
    fn one_actor_matches_several_or_a_near_spelling_go_to_review() {
        let mut graph = Graph::new("t");
        let mut actor = Actor::new("mlf", "MLF", ActorKind::Group);
        actor.aliases = vec!["Macina Liberation Front".into()];
        let mlf = graph.add_actor(actor).unwrap();
        let isgs = graph
            .add_actor(Actor::new("isgs", "ISGS", ActorKind::Group))
            .unwrap();
        let militias = graph
            .add_actor(Actor::new("dm", "Daoussak militias", ActorKind::Group))
            .unwrap();
        let matcher = NameMatcher::of_graph(&graph);
        let find = |names: &[&str]| matcher.find(names.iter().copied());
        assert_eq!(find(&["The Macina Liberation Front"]), Match::Existing(mlf));
        assert_eq!(find(&["Front (MLF)"]), Match::Existing(mlf));
        assert_eq!(
            find(&["MLF", "ISGS"]),
            Match::Review(vec![mlf, isgs], "its names belong to several actors")
        );
        assert_eq!(find(&["Daoussak militia"]), Match::Near(vec![militias]));
        assert_eq!(find(&["Wagner Group"]), Match::New);
    }

    /// `Brigade 312` was offered as `Brigade 313`: names that differ in a
    /// number are different actors, however alike the rest.
    #[test]
    fn names_differing_in_a_number_are_never_near() {
        let mut graph = Graph::new("t");
        for (id, name) in [
            ("b313", "Brigade 313"),
            ("l51", "Liwa 51"),
            ("ai", "Ansarul Islam"),
        ] {
            graph
                .add_actor(Actor::new(id, name, ActorKind::Group))
                .unwrap();
        }
        let matcher = NameMatcher::of_graph(&graph);
        assert_eq!(matcher.find(["Brigade 312"]), Match::New);
        assert_eq!(matcher.find(["Liwa 57"]), Match::New);
        assert_eq!(matcher.find(["Liwa"]), Match::New);
        let ansarul = graph.find("ai").unwrap();
        assert_eq!(matcher.find(["Ansaroul Islam"]), Match::Near(vec![ansarul]));
    }

    #[test]
    fn a_merge_names_the_rule_that_matched() {
        let mut actor = Actor::new("mlf", "MLF", ActorKind::Group);
        actor.aliases = vec!["Macina Liberation Front".into()];
        assert_eq!(how_matched(&["mlf"], &actor), "by name");
        actor.id = "macina".into();
        assert_eq!(how_matched(&["Macina"], &actor), "by its id");
        assert_eq!(
            how_matched(&["Macina  liberation front"], &actor),
            "by its alias `Macina Liberation Front`"
        );
        assert_eq!(
            how_matched(&["The Macina Liberation Front"], &actor),
            "as `Macina Liberation Front` without the leading article"
        );
        assert_eq!(
            how_matched(&["Front de libération du Macina (MLF)"], &actor),
            "by the acronym `MLF` in its name"
        );
    }
}
