//! Walking every actor or every tie, whether the graph holds them in
//! memory or reads them in place.

use petgraph::visit::{EdgeRef, IntoEdgeReferences};

use super::{Body, Graph};
use crate::model::actor::Actor;
use crate::model::network::Network;
use crate::model::tie::{ActorId, TieRef};

/// One of two iterators of the same items.
enum Either<A, B> {
    Owned(A),
    Stored(B),
}

impl<T, A: Iterator<Item = T>, B: Iterator<Item = T>> Iterator for Either<A, B> {
    type Item = T;

    #[inline]
    fn next(&mut self) -> Option<T> {
        match self {
            Either::Owned(a) => a.next(),
            Either::Stored(b) => b.next(),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match self {
            Either::Owned(a) => a.size_hint(),
            Either::Stored(b) => b.size_hint(),
        }
    }
}

/// Every actor, in the order they were added.
pub(super) fn actors(graph: &Graph) -> impl Iterator<Item = (ActorId, &Actor)> + '_ {
    match &graph.body {
        Body::Owned(network) => {
            Either::Owned(network.node_indices().map(move |id| (id, &network[id])))
        }
        Body::Stored(stored) => Either::Stored((0..stored.actor_count()).filter_map(move |i| {
            let id = ActorId::new(i);
            Some((id, stored.actor(id)?))
        })),
    }
}

/// Every tie, in the order they were added; one stored tie that cannot be
/// read is left out.
pub(super) fn ties(graph: &Graph) -> impl Iterator<Item = TieRef<'_>> + '_ {
    match &graph.body {
        Body::Owned(network) => owned_ties(network),
        // A walk over every tie reads them whole, once.
        Body::Stored(stored) => owned_ties(stored.whole()),
    }
}

fn owned_ties(network: &Network) -> impl Iterator<Item = TieRef<'_>> + '_ {
    network.edge_references().map(|e| TieRef {
        id: e.id(),
        from: e.source(),
        to: e.target(),
        tie: e.weight(),
    })
}
