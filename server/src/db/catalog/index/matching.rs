//! The products a query's words match, each with its rank.

use super::words::field;
use super::SearchIndex;
use crate::db::catalog::search::SearchWord;

/// The products a query's words match.
pub(super) enum Matched {
    /// No words: every listed product, ranked alike.
    Every,
    /// Each word's marks (one byte a product, the fields it stands in), when even the
    /// cheapest word hits an eighth of the catalog or more (a letter or two) and the words
    /// are few. They are read together in the order of `docs`: at a million, "t" marks
    /// 946,591 products, and a list of them made and read again cost more than the search's
    /// own pass over them.
    Marked {
        marks: Vec<Vec<u8>>,
        /// Whether no product has every word beyond its subgroup's name, so that those
        /// matched by it alone stay (see `SearchIndex::matching`).
        by_subgroup_alone: bool,
    },
    /// The products, few enough to list, in the order found.
    Listed(Vec<(u32, u32)>),
}

/// The most words marked side by side, a byte a product each (8 MB at a million): a longer
/// query of common words (200 characters allow 60 of two letters) is listed instead.
const MARKED_WORDS: usize = 8;

/// A product's rank for one word, from the fields it stands in: in its name, as a whole word
/// there, in its producer's name, in its place (each a byte, in that order of weight).
fn rank_of(marks: u8) -> u32 {
    RANKS[usize::from(marks & 31)]
}

/// `rank_of` for each mark, looked up rather than tested field by field: the pass over a
/// letter's matches reads one a product, and a test per field cost a mispredicted branch each.
const RANKS: [u32; 32] = {
    let mut ranks = [0; 32];
    let mut marks = 0;
    while marks < 32 {
        const fn has(marks: usize, bit: u8, weight: u32) -> u32 {
            if marks as u8 & bit != 0 {
                weight
            } else {
                0
            }
        }
        ranks[marks] = has(marks, field::NAME, 1 << 24)
            + has(marks, field::WHOLE_IN_NAME, 1 << 16)
            + has(marks, field::PRODUCER, 1 << 8)
            + has(marks, field::PLACE, 1);
        marks += 1;
    }
    ranks
};

fn beyond_subgroup(marks: u8) -> bool {
    marks & !field::SUBGROUP != 0
}

impl Matched {
    /// Calls `each` with every product matched and its rank: generic, so that each kind's loop
    /// calls it directly, not through an iterator boxed behind one interface.
    #[inline]
    pub(super) fn each(&self, listed: &[u32], mut each: impl FnMut(u32, u32)) {
        match self {
            Matched::Every => listed.iter().for_each(|&at| each(at, 0)),
            Matched::Listed(found) => found.iter().for_each(|&(at, rank)| each(at, rank)),
            Matched::Marked { marks, by_subgroup_alone } => {
                let counts = |mark: u8| mark != 0 && (*by_subgroup_alone || beyond_subgroup(mark));
                // Never empty: a query without words matches `Every`.
                let Some((first, others)) = marks.split_first() else { return };
                'products: for (at, &mark) in first.iter().enumerate() {
                    if !counts(mark) {
                        continue;
                    }
                    let mut rank = rank_of(mark);
                    for other in others {
                        let mark = other[at];
                        if !counts(mark) {
                            continue 'products;
                        }
                        rank += rank_of(mark);
                    }
                    each(at as u32, rank);
                }
            }
        }
    }
}

impl SearchIndex {
    /// The products matching every word, each with its rank: for each word, how many stand in
    /// its name, as whole words there, in its producer's name, in its place (`rank_of`).
    /// A subgroup's name matches only when nothing else does: "mật ong" must not bring every
    /// product of "Chế biến từ thịt, … các sản phẩm từ mật ong".
    pub(super) fn matching(&self, words: &[SearchWord]) -> Matched {
        self.matched(words, self.docs.len() / 8)
    }

    /// The same, marked when the cheapest word's hits are more than `marked_beyond`.
    fn matched(&self, words: &[SearchWord], marked_beyond: usize) -> Matched {
        if words.is_empty() {
            return Matched::Every;
        }
        // The cheapest word first: once nothing is left, the others are not looked at.
        let mut by_cost: Vec<(usize, &SearchWord)> = words
            .iter()
            .map(|word| (word.matches.iter().map(|m| self.words.cost(self.words.beginning(m))).sum(), word))
            .collect();
        by_cost.sort_by_key(|(cost, _)| *cost);
        if by_cost[0].0 > marked_beyond && by_cost.len() <= MARKED_WORDS {
            let marks: Vec<Vec<u8>> = by_cost
                .iter()
                .map(|(_, word)| {
                    let mut marks = vec![0u8; self.docs.len()];
                    self.words.mark(&word.matches, &mut marks, None);
                    marks
                })
                .collect();
            // Mostly decided by the first products: the search stops at the first with every
            // word beyond its subgroup.
            let beyond = (0..self.docs.len()).any(|at| marks.iter().all(|marks| beyond_subgroup(marks[at])));
            return Matched::Marked { marks, by_subgroup_alone: !beyond };
        }
        // The first word gathers the products it marks; the others only mark, and keep those.
        // (product, rank, whether every word so far stands beyond its subgroup's name)
        let mut marks = vec![0u8; self.docs.len()];
        let mut touched = Vec::new();
        let mut found: Option<Vec<(u32, u32, bool)>> = None;
        for (_, word) in by_cost {
            let first = found.is_none();
            self.words.mark(&word.matches, &mut marks, first.then_some(&mut touched));
            let next: Vec<(u32, u32, bool)> = match found.take() {
                None => touched
                    .iter()
                    .map(|&at| (at, rank_of(marks[at as usize]), beyond_subgroup(marks[at as usize])))
                    .collect(),
                Some(mut so_far) => {
                    so_far.retain_mut(|(at, rank, beyond)| {
                        let mark = marks[*at as usize];
                        *rank += rank_of(mark);
                        *beyond &= beyond_subgroup(mark);
                        mark != 0
                    });
                    so_far
                }
            };
            if next.is_empty() {
                return Matched::Listed(Vec::new());
            }
            found = Some(next);
            marks.fill(0);
        }
        let found = found.unwrap_or_default();
        let beyond = found.iter().any(|(_, _, beyond)| *beyond);
        Matched::Listed(found.into_iter().filter(|(_, _, b)| *b || !beyond).map(|(at, rank, _)| (at, rank)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::super::load::tests::{index_of, row};
    use super::{Matched, MARKED_WORDS};
    use crate::db::catalog::search::search_words;

    #[test]
    fn marked_or_listed_the_same_products_match_with_the_same_ranks() {
        let hue = ("46", "Huế");
        let mut rows = vec![
            row(1, "Hoa lan Huế", "HTX Lan Hương", hue, 4, 2025, "cooperative"),
            row(2, "Mật ong rừng", "HTX Ong Vàng", hue, 3, 2025, "cooperative"),
            row(3, "Chả mực", "Cơ sở Biển", hue, 5, 2025, "household"),
            row(4, "Trà sen", "HTX Sen", hue, 3, 2021, "household"),
        ];
        rows[2].card.subgroup_name = Some("Thịt và mật ong".into());
        let index = index_of(rows);
        // (query, each product matched: id, and how many words stand in its name, as whole
        // words there, in its producer's name, in its place)
        type Ranks = [u32; 4];
        let cases: [(&str, &[(i64, Ranks)]); 10] = [
            ("hoa", &[(1, [1, 1, 0, 0])]),
            ("h", &[(1, [1, 0, 1, 1]), (2, [0, 0, 1, 1]), (3, [0, 0, 0, 1]), (4, [0, 0, 1, 1])]),
            ("hue", &[(1, [1, 1, 0, 1]), (2, [0, 0, 0, 1]), (3, [0, 0, 0, 1]), (4, [0, 0, 0, 1])]),
            ("mat ong", &[(2, [2, 2, 1, 0])]),
            ("ong v", &[(2, [1, 1, 2, 0])]),
            ("lan hu", &[(1, [2, 1, 2, 1])]),
            ("thit", &[(3, [0, 0, 0, 0])]),
            ("thit muc", &[(3, [1, 1, 0, 0])]),
            ("sen zz", &[]),
            // More words than are marked side by side: listed either way.
            ("hoa lan hue htx huong h ho l la", &[(1, [7, 3, 6, 2])]),
        ];
        let rank = |[name, whole, producer, place]: Ranks| name << 24 | whole << 16 | producer << 8 | place;
        for (q, expected) in cases {
            let expected: Vec<(i64, u32)> = expected.iter().map(|&(id, ranks)| (id, rank(ranks))).collect();
            let words = search_words(&index, q);
            for (how, marked_beyond) in [("marked", 0), ("listed", usize::MAX)] {
                let matched = index.matched(&words, marked_beyond);
                // A word hitting nothing ("zz") is never marked.
                let marked = how == "marked" && !q.contains("zz") && words.len() <= MARKED_WORDS;
                assert_eq!(matches!(matched, Matched::Marked { .. }), marked, "{q}");
                let mut got = Vec::new();
                matched.each(&index.listed, |at, rank| got.push((index.cards[at as usize].row.id, rank)));
                got.sort_unstable();
                assert_eq!(got, expected, "{q}, {how}");
            }
        }
    }
}
