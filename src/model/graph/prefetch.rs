//! Reading ten million ties into a network: adding a tie reads and writes
//! its ends' slots (their lists of ties), which at a million actors are
//! scattered over hundreds of megabytes; waiting for each in turn was most
//! of the time. The slots a tie a few ahead will touch are asked for early.

use crate::model::actor::Actor;
use crate::model::network::Network;
use crate::model::tie::ActorId;

/// How many ties ahead the slots are asked for.
pub(super) const AHEAD: usize = 16;

/// Where the network keeps its actors. The addresses come from two actors'
/// places; a prefetch is only a hint, so a wrong guess costs nothing but time.
pub(super) struct ActorSlots {
    first: usize,
    stride: usize,
}

impl ActorSlots {
    pub(super) fn of(network: &Network) -> ActorSlots {
        let place = |i: usize| {
            network
                .node_weight(ActorId::new(i))
                .map_or(0, |a| a as *const Actor as usize)
        };
        let (first, second) = (place(0), place(1));
        ActorSlots {
            first,
            stride: second.wrapping_sub(first),
        }
    }

    #[inline]
    pub(super) fn prefetch(&self, actor: u32) {
        if self.first == 0 || self.stride == 0 || self.stride > 1024 {
            return;
        }
        let start = self
            .first
            .wrapping_add(self.stride.wrapping_mul(actor as usize));
        let mut line = start.wrapping_sub(16) & !63;
        while line < start.wrapping_add(self.stride) {
            prefetch_line(line);
            line = line.wrapping_add(64);
        }
    }
}

#[cfg(target_arch = "x86_64")]
#[inline]
fn prefetch_line(address: usize) {
    use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
    // SAFETY: a prefetch never faults and changes no memory, whatever the address.
    unsafe { _mm_prefetch::<_MM_HINT_T0>(address as *const i8) }
}

#[cfg(not(target_arch = "x86_64"))]
#[inline]
fn prefetch_line(_address: usize) {}
