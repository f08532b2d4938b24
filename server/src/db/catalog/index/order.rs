//! The order of a search's results: each product's sort key, and the page kept of them.

use std::collections::BinaryHeap;

use app::model::SortOrder;

use super::Doc;

/// The best `wanted` products seen so far, by their sort keys (smallest first): the page's
/// products and those before it. For the first pages a bounded heap; for a page deep in the
/// list every key is kept and the page selected at the end, in time linear in the matches
/// (a heap of 80,000 for page 4,000 took 28 ms).
pub(super) struct Best {
    wanted: usize,
    heap: BinaryHeap<(u128, u32)>,
    all: Vec<(u128, u32)>,
}

/// Beyond this many products before and on the page, the page is selected rather than heaped.
const HEAPED: usize = 1_000;

impl Best {
    pub(super) fn new(wanted: usize, products: usize) -> Best {
        let heaped = if wanted <= HEAPED { wanted.min(products) + 1 } else { 0 };
        Best { wanted, heap: BinaryHeap::with_capacity(heaped), all: Vec::new() }
    }

    pub(super) fn offer(&mut self, key: u128, at: u32) {
        if self.wanted > HEAPED {
            self.all.push((key, at));
        } else if self.heap.len() < self.wanted {
            self.heap.push((key, at));
        } else if self.heap.peek().is_some_and(|worst| key < worst.0) {
            self.heap.pop();
            self.heap.push((key, at));
        }
    }

    /// The products from `offset` to `wanted`, in order.
    pub(super) fn page(self, offset: usize) -> Vec<u32> {
        if self.wanted <= offset {
            return Vec::new();
        }
        let mut best = if self.wanted > HEAPED {
            let mut all = self.all;
            if all.len() > offset {
                all.select_nth_unstable(offset);
                let mut rest = all.split_off(offset);
                let limit = self.wanted - offset;
                if rest.len() > limit {
                    rest.select_nth_unstable(limit - 1);
                    rest.truncate(limit);
                }
                rest
            } else {
                Vec::new()
            }
        } else {
            let mut sorted = self.heap.into_sorted_vec();
            sorted.drain(..offset.min(sorted.len()));
            sorted
        };
        best.sort_unstable();
        best.into_iter().map(|(_, at)| at).collect()
    }
}

/// The sort key of a product (smallest first): every order ends on the name's rank, which is
/// unique, so pages never overlap.
pub(super) fn order_key(sort: SortOrder, doc: &Doc, rank: u32, in_force: bool) -> u128 {
    let stars_down = u128::from(7 - doc.stars.min(7));
    let year_down = u128::from(u16::MAX - doc.recognized_year.clamp(0, i32::from(u16::MAX)) as u16);
    let name = u128::from(doc.name_rank);
    match sort {
        SortOrder::Relevance => {
            u128::from(u32::MAX - rank) << 96 | u128::from(!in_force) << 95 | stars_down << 88 | year_down << 64 | name
        }
        SortOrder::Stars => stars_down << 64 | name,
        SortOrder::Newest => {
            let day_down = u128::from(u32::MAX - doc.decision_day.max(0) as u32);
            year_down << 96 | day_down << 64 | u128::from(u64::MAX - doc.id.max(0) as u64)
        }
        SortOrder::Name => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deep_page_is_the_page_a_heap_would_give() {
        // Keys in a scrambled order, some equal (told apart by the product).
        let keys: Vec<(u128, u32)> = (0..5_000u32).map(|at| (u128::from(at.wrapping_mul(7919) % 1_234), at)).collect();
        let mut sorted = keys.clone();
        sorted.sort_unstable();
        for (offset, limit) in
            [(0, 20), (40, 20), (980, 20), (990, 20), (2_000, 20), (4_990, 20), (5_000, 20), (6_000, 20)]
        {
            let mut best = Best::new(offset + limit, keys.len());
            for &(key, at) in &keys {
                best.offer(key, at);
            }
            let expected: Vec<u32> = sorted.iter().skip(offset).take(limit).map(|(_, at)| *at).collect();
            assert_eq!(best.page(offset), expected, "page from {offset}");
        }
    }
}
