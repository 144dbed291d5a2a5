//! A graph taken apart into what it holds, its indexes included, and put
//! back together without validating it again: for a store that keeps whole
//! graphs (the binary snapshot) and has checked its bytes itself. Putting
//! back checks only that every index points inside the graph, so no lookup
//! on the result can panic, whatever bytes it came from.

use std::sync::OnceLock;

use petgraph::visit::{EdgeIndexable, NodeIndexable};

use super::counts::ActiveDays;
use super::name_table::NameTable;
use super::Graph;
use crate::model::actor::Source;
use crate::model::adjacency::{Adjacency, Link};
use crate::model::event::Event;
use crate::model::network::Network;
use crate::model::relation::Relations;
use crate::model::tie::ActorId;
use crate::model::time::{Day, PartialDate};

/// Everything a graph holds. Its network has no holes: actors are
/// `0..actor_count` and ties `0..tie_count`, the order they were added in.
#[derive(Debug)]
pub struct RawGraph {
    /// The graph's title.
    pub title: String,
    /// The graph's as-of date.
    pub as_of: Option<PartialDate>,
    /// Every source, in order.
    pub sources: Vec<Source>,
    /// Every event, in order.
    pub events: Vec<Event>,
    /// The built-in and declared relations.
    pub relations: Relations,
    /// Actors and ties.
    pub network: Network,
    /// Every normalised id, name and alias, one after another.
    pub name_text: String,
    /// (start, end, actor): each name a slice of `name_text`, sorted by
    /// name, each once.
    pub names: Vec<(u32, u32, ActorId)>,
    /// The packed links: actor `a`'s are `links[offsets[a]..offsets[a + 1]]`.
    pub link_offsets: Vec<u32>,
    /// Every tie twice, once under each end (see [`Link`]).
    pub links: Vec<Link>,
    /// Per relation, the sorted first and last possible days of its ties.
    pub active_days: Vec<(Vec<Day>, Vec<Day>)>,
}

impl Graph {
    /// True when actors and ties are numbered without gaps, as a graph
    /// put together by [`Graph::from_raw`] is; a graph that lost actors or
    /// ties has gaps until it is saved and read again.
    pub fn is_compact(&self) -> bool {
        self.network.node_count() == self.network.node_bound()
            && self.network.edge_count() == self.network.edge_bound()
    }

    /// The packed links as offsets and links, built now if need be.
    pub fn packed_links(&self) -> (&[u32], &[Link]) {
        self.adjacency().parts()
    }

    /// Per relation, the sorted first and last possible days of its ties
    /// (the index [`Graph::count_active`] reads), built now if need be.
    pub fn active_day_lists(&self) -> impl Iterator<Item = (&[Day], &[Day])> {
        self.active_days
            .get_or_init(|| self.build_active_days())
            .iter()
            .map(|days| (days.firsts.as_slice(), days.lasts.as_slice()))
    }

    /// Every normalised name with its actor, in no particular order.
    pub fn name_entries(&self) -> impl Iterator<Item = (&str, ActorId)> {
        self.name_keys()
    }

    /// Puts a graph back together from its parts, indexes and all. Refuses
    /// parts whose indexes point outside the graph, or a network with gaps;
    /// it does not re-check what validation checked when the graph was
    /// first built (names, dates, cycles): the caller vouches for that.
    pub fn from_raw(raw: RawGraph) -> Result<Graph, String> {
        let network = raw.network;
        let (actors, ties) = (network.node_count(), network.edge_count());
        if actors != network.node_bound() || ties != network.edge_bound() {
            return Err("the network has gaps in its numbering".into());
        }
        let relations = raw.relations.len();
        let sources = raw.sources.len();
        for tie in network.edge_weights() {
            if tie.relation.index() >= relations {
                return Err("a tie has an unknown relation".into());
            }
            if tie.sources().iter().any(|s| s.index() >= sources) {
                return Err("a tie cites an unknown source".into());
            }
        }
        for event in &raw.events {
            if event.actors.iter().any(|a| a.index() >= actors)
                || event.sources.iter().any(|s| s.index() >= sources)
            {
                return Err("an event names an unknown actor or source".into());
            }
        }
        if raw.names.iter().any(|(_, _, a)| a.index() >= actors) {
            return Err("a name points at no actor".into());
        }
        let names = NameTable::sorted(raw.name_text, raw.names)
            .ok_or("the name index is not sorted, or not within its text")?;
        let adjacency = Adjacency::from_parts(raw.link_offsets, raw.links, actors, ties, relations)
            .ok_or("the packed links do not match the ties")?;
        // Counting subtracts the ties ended from those started: that holds
        // only while both lists are sorted and each first day is at most
        // the last day of the same rank.
        let days_agree = |(firsts, lasts): &(Vec<Day>, Vec<Day>)| {
            firsts.len() == lasts.len()
                && firsts.windows(2).all(|w| w[0] <= w[1])
                && lasts.windows(2).all(|w| w[0] <= w[1])
                && firsts.iter().zip(lasts).all(|(first, last)| first <= last)
        };
        if raw.active_days.len() != relations
            || !raw.active_days.iter().all(days_agree)
            || raw.active_days.iter().map(|(f, _)| f.len()).sum::<usize>() > ties
        {
            return Err("the day index does not match the relations".into());
        }
        let active_days: Vec<ActiveDays> = raw
            .active_days
            .into_iter()
            .map(|(firsts, lasts)| ActiveDays { firsts, lasts })
            .collect();
        Ok(Graph {
            title: raw.title,
            as_of: raw.as_of,
            sources: raw.sources,
            events: raw.events,
            relations: raw.relations,
            network,
            names,
            active_days: OnceLock::from(active_days),
            adjacency: OnceLock::from(adjacency),
            name_index: OnceLock::new(),
        })
    }
}
