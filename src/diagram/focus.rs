//! The focus layout: a focus view read left to right as a slide reads.
//! The focus's own camp (members, leaders, patrons, followers) stands on
//! its left, its allies and the actors it courts stand in its own column
//! above and below it, and its enemies and targets stand on its right.
//! Each side is cut into columns of at most [`MAX_ROW`] actors, so no column
//! runs off a 16:9 page, and each further ring of a deeper view stands
//! outside the one before. A ring-two actor joins the friends' side when it
//! is tied as a friend to a friend (or as an enemy to an enemy), and the
//! enemies' side otherwise, which also keeps the focus near the middle.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap;

use crate::model::{ActorId, Graph, RelationId, Relations, TieRef};

use super::style::TieState;
use super::view::{tie_state, ViewTime};

/// The fewest and most actors a column may hold: eight rows of two-line
/// labels fill the height a 16:9 slide leaves under a title and above a
/// legend strip.
pub const ROWS: std::ops::RangeInclusive<usize> = 5..=10;

/// The most actors a view is laid out by role for. A picture holds far
/// fewer (its ties are capped at [`super::MAX_PICTURE_TIES`] unless raised);
/// a larger view is DOT text for other tools, whose columns of ten would
/// run to thousands, and whose layout's tables (some 250 bytes an actor)
/// would take the export of a million actors past 1.5 times the graph.
pub const MAX_ACTORS: usize = 100_000;

/// The rows a column holds when the caller does not choose: about the
/// square root of the actors drawn, so a larger view grows both ways.
pub fn default_rows(actors: usize) -> usize {
    let rows = ((actors as f64) * 1.3).sqrt().ceil() as usize;
    rows.clamp(*ROWS.start(), *ROWS.end())
}

/// Where a relation puts the actor at its other end, seen from one actor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    /// Members, leaders, patrons, followers: the same camp.
    Camp,
    /// Allies, partners, courted or contacted actors: near.
    Near,
    /// Enemies, rivals, targets: the other side.
    Against,
}

/// Words that put a declared relation in a camp, on the other side, or
/// near, matched against its name, then its phrasing, then its note.
const CAMP_WORDS: &[&str] = &[
    "lead", "found", "head", "command", "emir", "member", "govern", "pledge", "loyal", "follow",
    "disciple", "branch", "affiliat", "subgroup", "faction", "part of", "belong", "protege",
];
const AGAINST_WORDS: &[&str] = &[
    "target", "attack", "fight", "condemn", "undermin", "rival", "oppos", "kill", "persecut",
    "massacr", "hostil", "clash", "sanction", "enem", "obstruct", "compet", "raid",
];
const NEAR_WORDS: &[&str] = &[
    "court",
    "contact",
    "support",
    "back",
    "ally",
    "allie",
    "partner",
    "cooperat",
    "peace",
    "agreement",
    "talk",
    "supply",
    "fund",
    "train",
    "protect",
    "truce",
];

/// The role `relation` gives: by kind for the built-in relations, by the
/// words of a declared one's name, phrasing or note (in that order); near
/// when none speaks.
pub fn role(relations: &Relations, relation: RelationId) -> Role {
    match relation {
        RelationId::ALLEGIANCE | RelationId::SUBGROUP_OF => return Role::Camp,
        RelationId::ALLIANCE => return Role::Near,
        RelationId::HOSTILITY => return Role::Against,
        _ => {}
    }
    let declared = relations.get(relation);
    let mut texts: Vec<String> = vec![declared.name.to_lowercase()];
    if let Some(phrasing) = &declared.phrasing {
        texts.extend(phrasing.verb.iter().map(|v| v.to_lowercase()));
        texts.extend(phrasing.also.iter().map(|v| v.to_lowercase()));
    }
    texts.extend(declared.note.iter().map(|n| n.to_lowercase()));
    for text in &texts {
        let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
        // Opposition first: "warns against" must not read as "part of".
        if has(AGAINST_WORDS) {
            return Role::Against;
        }
        if has(CAMP_WORDS) {
            return Role::Camp;
        }
        if has(NEAR_WORDS) {
            return Role::Near;
        }
    }
    Role::Near
}

/// Where each actor of a focus view stands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Columns {
    /// Each actor's column: 0 is the focus's, negative to its left.
    pub column: BTreeMap<ActorId, i32>,
    /// The focus's column, top to bottom, the focus among its allies.
    pub focus_column: Vec<ActorId>,
}

/// A set of actors placed together: one actor, or the members of one box.
struct Block {
    actors: Vec<ActorId>,
    ring: usize,
    friend: bool,
    boxed: bool,
}

/// The columns of the view of `focus` drawing `actors` (in drawing order)
/// and `ties` at `time`, with `parents` the boxes (child → parent): a box's
/// members share a column; a column holds `rows` actors (a box may hold more).
pub fn columns(
    graph: &Graph,
    focus: ActorId,
    actors: &[ActorId],
    ties: &[TieRef<'_>],
    parents: &FxHashMap<ActorId, ActorId>,
    time: ViewTime,
    rows: usize,
) -> Columns {
    let relations = graph.relations();
    // Each actor's ties to the others, running ones first.
    let mut links: BTreeMap<ActorId, Vec<(ActorId, Role, bool)>> = BTreeMap::new();
    for tie in ties {
        let running = tie_state(graph, *tie, time) != TieState::Ended;
        let role = role(relations, tie.tie.relation);
        links
            .entry(tie.from)
            .or_default()
            .push((tie.to, role, running));
        links
            .entry(tie.to)
            .or_default()
            .push((tie.from, role, running));
    }
    // The role a tie between two actors gives: running ties speak first,
    // then the camp, then opposition: a rival the focus also courts or
    // holds a truce with stands with the other side, not in its camp.
    let between = |a: ActorId, b: ActorId| -> Role {
        let found: Vec<(Role, bool)> = links
            .get(&a)
            .into_iter()
            .flatten()
            .filter(|(other, _, _)| *other == b)
            .map(|(_, role, running)| (*role, *running))
            .collect();
        let any_running = found.iter().any(|(_, running)| *running);
        let roles: BTreeSet<Role> = found
            .iter()
            .filter(|(_, running)| *running || !any_running)
            .map(|(role, _)| *role)
            .collect();
        [Role::Camp, Role::Against, Role::Near]
            .into_iter()
            .find(|role| roles.contains(role))
            .unwrap_or(Role::Near)
    };

    // Rings by breadth-first search, and each actor's camp: a friend of a
    // friend or an enemy of an enemy is a friend.
    let mut ring: BTreeMap<ActorId, usize> = BTreeMap::from([(focus, 0)]);
    let mut friend: BTreeMap<ActorId, bool> = BTreeMap::from([(focus, true)]);
    let mut near: BTreeSet<ActorId> = BTreeSet::new();
    let mut frontier = vec![focus];
    let mut depth = 0;
    while !frontier.is_empty() {
        depth += 1;
        let mut next: BTreeSet<ActorId> = BTreeSet::new();
        for &at in &frontier {
            for (other, _, _) in links.get(&at).into_iter().flatten() {
                if !ring.contains_key(other) {
                    next.insert(*other);
                }
            }
        }
        for &actor in &next {
            ring.insert(actor, depth);
            // The vote of every tie to the ring before.
            let mut vote = 0i32;
            for (other, _, _) in links.get(&actor).into_iter().flatten() {
                if ring.get(other) != Some(&(depth - 1)) {
                    continue;
                }
                let role = between(actor, *other);
                // Beside the focus, in its column, only with one tie to it:
                // Graphviz draws two ties between neighbours in a column
                // on top of each other.
                let ties_to_focus = links
                    .get(&actor)
                    .into_iter()
                    .flatten()
                    .filter(|(o, _, _)| *o == focus)
                    .count();
                if depth == 1 && role == Role::Near && ties_to_focus == 1 {
                    near.insert(actor);
                }
                let same = friend.get(other).copied().unwrap_or(true) == (role != Role::Against);
                vote += if same { 1 } else { -1 };
            }
            friend.insert(actor, vote >= 0);
        }
        frontier = next.into_iter().collect();
    }
    // Actors the search did not reach stand with the focus's allies' ring.
    for &actor in actors {
        ring.entry(actor).or_insert(1);
        friend.entry(actor).or_insert(true);
    }

    // Blocks: each box's members together, then every other actor alone.
    let mut boxes: BTreeMap<ActorId, Vec<ActorId>> = BTreeMap::new();
    for &actor in actors {
        if let Some(parent) = parents.get(&actor) {
            boxes.entry(*parent).or_default().push(actor);
        }
    }
    let mut blocks: Vec<Block> = Vec::new();
    let mut focus_column = vec![focus];
    let mut above = true;
    for &actor in actors {
        if actor == focus || parents.contains_key(&actor) {
            continue;
        }
        let near_focus = near.contains(&actor) && focus_column.len() < rows;
        if near_focus {
            if above {
                focus_column.insert(0, actor);
            } else {
                focus_column.push(actor);
            }
            above = !above;
            continue;
        }
        blocks.push(Block {
            actors: vec![actor],
            ring: ring[&actor],
            friend: friend[&actor],
            boxed: false,
        });
    }
    for (parent, members) in boxes {
        let first = members
            .iter()
            .copied()
            .min_by_key(|m| ring[m])
            .unwrap_or(parent);
        blocks.push(Block {
            ring: ring[&first],
            friend: if parent == focus {
                true
            } else {
                friend[&first]
            },
            actors: members,
            boxed: true,
        });
    }
    // Nearest first: by ring, lone actors before boxes.
    blocks.sort_by_key(|b| (b.ring, b.boxed));

    let mut column: BTreeMap<ActorId, i32> = focus_column.iter().map(|a| (*a, 0)).collect();
    for (friends, step) in [(true, -1), (false, 1)] {
        let side: Vec<&Block> = blocks.iter().filter(|b| b.friend == friends).collect();
        // Actors of each ring on this side, for the first block of a ring.
        let mut in_ring: BTreeMap<usize, usize> = BTreeMap::new();
        for block in &side {
            *in_ring.entry(block.ring).or_default() += block.actors.len();
        }
        let mut at = 0i32;
        let mut held = rows;
        let mut ring_of_column = 0;
        for block in &side {
            // A further ring starts a column of its own, unless all of it
            // fits in the room the nearer ring left: the page is wide
            // enough for only a few columns.
            let whole_ring = in_ring.get(&block.ring).copied().unwrap_or(0);
            let new_ring = block.ring > ring_of_column && held + whole_ring > rows;
            if held + block.actors.len() > rows || new_ring {
                at += step;
                held = 0;
            }
            ring_of_column = ring_of_column.max(block.ring);
            held += block.actors.len();
            for actor in &block.actors {
                column.insert(*actor, at);
            }
        }
    }
    Columns {
        column,
        focus_column,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Relation;

    fn declared(name: &str, note: &str) -> (Relations, RelationId) {
        let mut relations = Relations::default();
        let id = relations
            .declare(Relation {
                name: name.into(),
                directed: true,
                note: Some(note.into()),
                phrasing: None,
                look: None,
            })
            .unwrap();
        (relations, id)
    }

    #[test]
    fn relations_take_their_role_from_kind_or_words() {
        let builtin = Relations::default();
        assert_eq!(role(&builtin, RelationId::SUBGROUP_OF), Role::Camp);
        assert_eq!(role(&builtin, RelationId::ALLEGIANCE), Role::Camp);
        assert_eq!(role(&builtin, RelationId::ALLIANCE), Role::Near);
        assert_eq!(role(&builtin, RelationId::HOSTILITY), Role::Against);
        for (name, note, expected) in [
            ("leads", "from heads or commands to", Role::Camp),
            (
                "targets",
                "from carries out violence against to",
                Role::Against,
            ),
            ("courts", "from seeks a partnership with to", Role::Near),
            ("condemns", "from publicly warns against to", Role::Against),
            ("rivalry", "divided by competition", Role::Against),
            ("founded", "from set up to", Role::Camp),
            ("frobnicates", "nothing said", Role::Near),
        ] {
            let (relations, id) = declared(name, note);
            assert_eq!(role(&relations, id), expected, "{name}");
        }
    }
}
