//! The order of a search's results: each product's sort key, and the page kept of them.

use app::model::SortOrder;

use super::{Doc, SearchIndex};

/// The best `wanted` products seen so far, by their sort keys (smallest first): the page's
/// products and those before it. Keys are gathered up to twice `wanted` and cut back to the
/// best `wanted` whenever full; from the first cut on, a key not better than the worst kept is
/// turned away at once. Linear in the matches, for the first page and page 4,000 alike (a heap
/// of 80,000 for page 4,000 took 28 ms), and bounded by the page, not by the matches: keeping
/// every key of "t" at a million (946,000 of them, in a list doubling as it grew) took 200 ms
/// after a flood, most of it the kernel zeroing the memory the allocator had handed back.
pub(super) struct Best {
    wanted: usize,
    gathered: Vec<(u128, u32)>,
    /// Once cut: the worst kept, which no product after it can replace.
    bar: Option<(u128, u32)>,
}

impl Best {
    pub(super) fn new(wanted: usize, products: usize) -> Best {
        Best { wanted, gathered: Vec::with_capacity((2 * wanted).min(products)), bar: None }
    }

    pub(super) fn offer(&mut self, key: u128, at: u32) {
        if self.bar.is_some_and(|bar| (key, at) >= bar) {
            return;
        }
        self.gathered.push((key, at));
        if self.gathered.len() == 2 * self.wanted {
            self.gathered.select_nth_unstable(self.wanted - 1);
            self.gathered.truncate(self.wanted);
            // After the selection, the last kept is the greatest of them.
            self.bar = self.gathered.last().copied();
        }
    }

    /// Once cut, the lowest rank by relevance among those kept (the rank stands in the key's
    /// top 32 bits, inverted): a product ranked below it cannot enter.
    pub(super) fn full_from_rank(&self) -> Option<u32> {
        self.bar.map(|(worst, _)| u32::MAX - (worst >> 96) as u32)
    }

    /// The products from `offset` to `wanted`, in order.
    pub(super) fn page(self, offset: usize) -> Vec<u32> {
        let mut gathered = self.gathered;
        if self.wanted <= offset || gathered.len() <= offset {
            return Vec::new();
        }
        let limit = self.wanted - offset;
        gathered.select_nth_unstable(offset);
        let page = &mut gathered[offset..];
        if page.len() > limit {
            page.select_nth_unstable(limit - 1);
        }
        let shown = limit.min(page.len());
        let page = &mut page[..shown];
        page.sort_unstable();
        page.iter().map(|(_, at)| *at).collect()
    }
}

/// Where relevance puts a product among those its words rank alike: most stars first, then
/// the latest recognized, then by name.
fn tie_key(doc: &Doc) -> (u8, u16) {
    (7 - doc.stars.min(7), u16::MAX - doc.recognized_year)
}

/// Each product's standing: its place in relevance's order of ties, given the products in
/// the order of names (`by_name`). A stable counting sort of that order by tie (stars below 8
/// and a year in 16 bits make 2^19 ties, 2 MB of counts) rather than a comparison sort, so a
/// change to the catalog costs tens of milliseconds at a million products. Each product's tie is
/// read once in the order of `docs`, so the passes in the order of names read 4 bytes of each
/// product at random, not its `Doc`. Products not in `by_name` (no longer listed) stand last.
pub(super) fn standings(docs: &[Doc], by_name: &[u32]) -> Vec<u32> {
    let tie: Vec<u32> = docs
        .iter()
        .map(|doc| {
            let (stars_down, year_down) = tie_key(doc);
            u32::from(stars_down) << 16 | u32::from(year_down)
        })
        .collect();
    let mut starts = vec![0u32; 8 << 16];
    for &doc in by_name {
        starts[tie[doc as usize] as usize] += 1;
    }
    let mut next = 0;
    for start in &mut starts {
        (*start, next) = (next, next + *start);
    }
    let mut standing = vec![u32::MAX; docs.len()];
    for &doc in by_name {
        let start = &mut starts[tie[doc as usize] as usize];
        standing[doc as usize] = *start;
        *start += 1;
    }
    standing
}

impl SearchIndex {
    /// The sort key of the product at `at` (smallest first): every order ends on something
    /// unique (the name's rank, the standing, the id), so pages never overlap.
    #[inline]
    pub(super) fn order_key(&self, sort: SortOrder, at: u32, rank: u32, in_force: bool) -> u128 {
        if sort == SortOrder::Relevance {
            let standing = u128::from(self.standing[at as usize]);
            return u128::from(u32::MAX - rank) << 96 | u128::from(!in_force) << 95 | standing;
        }
        let (doc, sorting) = (&self.docs[at as usize], &self.sortings[at as usize]);
        let (stars_down, year_down) = tie_key(doc);
        let name = u128::from(sorting.name_rank);
        match sort {
            SortOrder::Stars => u128::from(stars_down) << 64 | name,
            SortOrder::Newest => {
                let day_down = u128::from(u32::MAX - sorting.decision_day.max(0) as u32);
                u128::from(year_down) << 96 | day_down << 64 | u128::from(u64::MAX - sorting.id.max(0) as u64)
            }
            SortOrder::Relevance | SortOrder::Name => name,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_the_page_a_sort_would_give() {
        // Keys in a scrambled order, some equal (told apart by the product).
        let keys: Vec<(u128, u32)> = (0..5_000u32).map(|at| (u128::from(at.wrapping_mul(7919) % 1_234), at)).collect();
        let mut sorted = keys.clone();
        sorted.sort_unstable();
        // Pages cut their keys as they gather them: the first many times, from 990 several
        // times, from 2,000 once, from 2,500 never.
        for (offset, limit) in [
            (0, 20),
            (40, 20),
            (980, 20),
            (990, 20),
            (1_500, 20),
            (2_000, 20),
            (2_500, 20),
            (4_990, 20),
            (5_000, 20),
            (6_000, 20),
        ] {
            let mut best = Best::new(offset + limit, keys.len());
            for &(key, at) in &keys {
                best.offer(key, at);
            }
            let expected: Vec<u32> = sorted.iter().skip(offset).take(limit).map(|(_, at)| *at).collect();
            assert_eq!(best.page(offset), expected, "page from {offset}");
        }
    }

    #[test]
    fn standings_are_the_order_of_stars_then_year_then_name() {
        // Products in a scrambled order of stars, years and names; one no longer listed.
        let doc = |at: u32| Doc {
            province: 0,
            commune: 0,
            subgroup: 0,
            group: 0,
            industry: 0,
            kind: 0,
            stars: [3, 5, 4, 0, 5][at as usize % 5],
            recognized_year: [2019, 2024, 0, 2024][at as usize % 4],
        };
        let docs: Vec<Doc> = (0..20).map(doc).collect();
        let name_rank = |at: u32| (at * 7) % 20;
        let mut by_name: Vec<u32> = (0..19).collect();
        by_name.sort_by_key(|&at| name_rank(at));
        let standing = standings(&docs, &by_name);
        let mut expected = by_name.clone();
        expected.sort_by_key(|&at| {
            let d = &docs[at as usize];
            (std::cmp::Reverse(d.stars), std::cmp::Reverse(d.recognized_year), name_rank(at))
        });
        let mut got = by_name.clone();
        got.sort_by_key(|&at| standing[at as usize]);
        assert_eq!(got, expected);
        assert_eq!(standing[19], u32::MAX, "not listed: last");
        let mut places: Vec<u32> = by_name.iter().map(|&at| standing[at as usize]).collect();
        places.sort_unstable();
        assert_eq!(places, (0..19).collect::<Vec<u32>>(), "each place once");
    }
}
