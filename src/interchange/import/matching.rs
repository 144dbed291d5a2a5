//! Entity resolution: an incoming actor met with the actors a graph has
//! already, by name or alias (never by id: ids are compared exactly
//! elsewhere), with case, accents and punctuation set aside, a leading
//! article dropped ("The Islamic State" is Islamic State) and an acronym
//! in brackets read as a name of its own ("… (JRTN)" is JRTN). One actor
//! found is a match; several, or only a near spelling, go to the analyst.

use rustc_hash::FxHashMap;

use crate::model::names::{normalize, similarity};
use crate::model::{Actor, ActorId, Graph};

/// How near a spelling must be to be offered for review (one or two
/// letters off); a shared word alone is not enough.
const NEAR: f64 = 0.93;

/// What an incoming actor is, as far as the graph can tell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Match {
    /// The same actor as this one of the graph's.
    Existing(ActorId),
    /// Perhaps one of these: the analyst decides.
    Review(Vec<ActorId>, &'static str),
    /// No actor the graph has.
    New,
}

/// The graph's actors by every key their names and aliases give.
#[derive(Default)]
pub(crate) struct NameMatcher {
    keys: FxHashMap<String, Vec<ActorId>>,
}

impl NameMatcher {
    /// The actors `graph` has.
    pub(crate) fn of_graph(graph: &Graph) -> NameMatcher {
        let mut matcher = NameMatcher::default();
        for (id, actor) in graph.actors() {
            matcher.add(id, actor);
        }
        matcher
    }

    /// Indexes an actor under the keys of its name and aliases.
    pub(crate) fn add(&mut self, id: ActorId, actor: &Actor) {
        let names = std::iter::once(&actor.name).chain(&actor.aliases);
        for name in names {
            for key in match_keys(name) {
                let owners = self.keys.entry(key).or_default();
                if !owners.contains(&id) {
                    owners.push(id);
                }
            }
        }
    }

    /// The graph's actor that `names` (an incoming actor's name and
    /// aliases) belong to.
    pub(crate) fn find<'a>(
        &self,
        graph: &Graph,
        names: impl IntoIterator<Item = &'a str> + Clone,
    ) -> Match {
        let mut found: Vec<ActorId> = Vec::new();
        for name in names.clone() {
            for key in match_keys(name) {
                for owner in self.keys.get(&key).into_iter().flatten() {
                    if !found.contains(owner) {
                        found.push(*owner);
                    }
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
        for name in names {
            let wanted = normalize(name);
            for candidate in graph.suggest(name, 3) {
                let actor = graph.actor(candidate);
                let close = std::iter::once(&actor.name)
                    .chain(&actor.aliases)
                    .any(|known| similarity(&wanted, &normalize(known)) >= NEAR);
                if close && !near.contains(&candidate) {
                    near.push(candidate);
                }
            }
        }
        if near.is_empty() {
            Match::New
        } else {
            Match::Review(near, "a near spelling of a name the graph has")
        }
    }
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
        let key = normalize(name);
        let key = ARTICLES
            .iter()
            .find_map(|article| key.strip_prefix(article))
            .map_or(key.clone(), str::to_string);
        if !key.is_empty() && !keys.contains(&key) {
            keys.push(key);
        }
    }
    keys
}

/// "Name (ACRONYM)" split into the name and the acronym: one word of
/// letters and digits in brackets at the end, mostly capitals.
fn bracketed_acronym(name: &str) -> Option<(&str, &str)> {
    let inner_end = name.trim_end().strip_suffix(')')?;
    let open = inner_end.rfind('(')?;
    let (outer, inner) = (inner_end[..open].trim(), inner_end[open + 1..].trim());
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
        let find = |names: &[&str]| matcher.find(&graph, names.iter().copied());
        assert_eq!(find(&["The Macina Liberation Front"]), Match::Existing(mlf));
        assert_eq!(find(&["Front (MLF)"]), Match::Existing(mlf));
        assert_eq!(
            find(&["MLF", "ISGS"]),
            Match::Review(vec![mlf, isgs], "its names belong to several actors")
        );
        assert!(
            matches!(find(&["Daoussak militia"]), Match::Review(c, _) if c == [militias]),
            "{:?}",
            find(&["Daoussak militia"])
        );
        assert_eq!(find(&["Wagner Group"]), Match::New);
    }
}
