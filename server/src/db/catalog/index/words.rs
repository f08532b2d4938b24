//! The words of the catalog: every folded word any product holds, in order, with the products
//! holding it and where (name, producer, place, subgroup).

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

/// Where in a product a word stands, as bits of a hit.
pub(super) mod field {
    pub const NAME: u8 = 1;
    pub const PRODUCER: u8 = 2;
    pub const PLACE: u8 = 4;
    pub const SUBGROUP: u8 = 8;
    /// Not stored: a query word that is a word of the name itself rather than its beginning.
    pub const WHOLE_IN_NAME: u8 = 16;
}

/// Bits of a hit left for the fields; the product's number is above them.
const FIELD_BITS: u32 = 4;

/// The catalog's words, sorted, so that all the words a prefix begins are one range. Shared
/// (`Arc`) term by term, so that the index of the next edition keeps the terms its changes did
/// not touch without copying them.
#[derive(Default)]
pub(super) struct Words {
    terms: Vec<Arc<str>>,
    /// For each term, its hits in product order: the product's number above `FIELD_BITS`
    /// bits of the fields it stands in (one entry per product, fields joined).
    hits: Vec<Arc<[u32]>>,
}

/// Gathers the words of products, each product's words together, in the order of their numbers.
#[derive(Default)]
pub(super) struct WordsBuilder {
    hits: HashMap<Box<str>, Vec<u32>>,
}

impl WordsBuilder {
    /// Adds the folded `words` of product `doc`, standing in `field`.
    pub(super) fn add<'w>(&mut self, doc: u32, field: u8, words: impl IntoIterator<Item = &'w str>) {
        for word in words {
            let hit = doc << FIELD_BITS | u32::from(field);
            match self.hits.get_mut(word) {
                // Products arrive in order, so the product's earlier hit, if any, is the last.
                Some(hits) => match hits.last_mut() {
                    Some(last) if *last >> FIELD_BITS == doc => *last |= u32::from(field),
                    _ => hits.push(hit),
                },
                None => {
                    self.hits.insert(word.into(), vec![hit]);
                }
            }
        }
    }

    pub(super) fn build(self) -> Words {
        let (terms, hits) = self.sorted().into_iter().map(|(term, hits)| (Arc::from(term), Arc::from(hits))).unzip();
        Words { terms, hits }
    }

    fn sorted(self) -> Vec<(Box<str>, Vec<u32>)> {
        let mut entries: Vec<(Box<str>, Vec<u32>)> = self.hits.into_iter().collect();
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        entries
    }
}

impl Words {
    /// The terms `prefix` begins (itself among them, if a term).
    pub(super) fn beginning(&self, prefix: &str) -> Range<usize> {
        let start = self.terms.partition_point(|term| &**term < prefix);
        let end = start + self.terms[start..].partition_point(|term| term.starts_with(prefix));
        start..end
    }

    /// Whether `word` is one of the catalog's words.
    pub(super) fn holds(&self, word: &str) -> bool {
        self.terms.binary_search_by(|term| (**term).cmp(word)).is_ok()
    }

    /// How many hits the terms of `range` have: what matching them costs.
    pub(super) fn cost(&self, range: Range<usize>) -> usize {
        self.hits[range].iter().map(|hits| hits.len()).sum()
    }

    /// Marks in `marks` (one byte per product) the fields where one of `prefixes` begins a word,
    /// with `WHOLE_IN_NAME` where it is a whole word of the name; each product marked for the
    /// first time is added to `gathered`, if given.
    pub(super) fn mark(&self, prefixes: &[String], marks: &mut [u8], mut gathered: Option<&mut Vec<u32>>) {
        for prefix in prefixes {
            for at in self.beginning(prefix) {
                let whole = &*self.terms[at] == prefix.as_str();
                for &hit in self.hits[at].iter() {
                    let fields = (hit & ((1 << FIELD_BITS) - 1)) as u8;
                    let whole = if whole && fields & field::NAME != 0 { field::WHOLE_IN_NAME } else { 0 };
                    let mark = &mut marks[(hit >> FIELD_BITS) as usize];
                    if *mark == 0 {
                        if let Some(list) = gathered.as_deref_mut() {
                            list.push(hit >> FIELD_BITS);
                        }
                    }
                    *mark |= fields | whole;
                }
            }
        }
    }

    /// These words with the products `stale` says changed taken out, and `added`'s words (of
    /// those products, as they are now, and of new ones) put in. A term untouched is shared.
    pub(super) fn patched(&self, stale: impl Fn(u32) -> bool, added: WordsBuilder) -> Words {
        let added = added.sorted();
        let (mut terms, mut hits) =
            (Vec::with_capacity(self.terms.len() + added.len()), Vec::with_capacity(self.terms.len() + added.len()));
        let mut push = |term: Arc<str>, list: Arc<[u32]>| {
            if !list.is_empty() {
                terms.push(term);
                hits.push(list);
            }
        };
        let kept = |list: &Arc<[u32]>| -> Arc<[u32]> {
            if list.iter().any(|hit| stale(hit >> FIELD_BITS)) {
                list.iter().copied().filter(|hit| !stale(hit >> FIELD_BITS)).collect()
            } else {
                list.clone()
            }
        };
        let mut added = added.into_iter().peekable();
        for (term, list) in self.terms.iter().zip(&self.hits) {
            while let Some((new_term, new_hits)) = added.next_if(|(new_term, _)| **new_term < **term) {
                push(Arc::from(new_term), Arc::from(new_hits));
            }
            match added.next_if(|(new_term, _)| **new_term == **term) {
                Some((_, new_hits)) => {
                    let mut merged: Vec<u32> = kept(list).iter().copied().chain(new_hits).collect();
                    // A product keeps its number, so its hit goes back where it was.
                    merged.sort_unstable();
                    push(term.clone(), Arc::from(merged));
                }
                None => push(term.clone(), kept(list)),
            }
        }
        for (new_term, new_hits) in added {
            push(Arc::from(new_term), Arc::from(new_hits));
        }
        Words { terms, hits }
    }

    /// How many terms and hits are held (for the log and the benchmark).
    pub(super) fn size(&self) -> (usize, usize) {
        (self.terms.len(), self.hits.iter().map(|hits| hits.len()).sum())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> Words {
        let mut builder = WordsBuilder::default();
        builder.add(0, field::NAME, ["mat", "ong", "rung"]);
        builder.add(0, field::PLACE, ["mat"]);
        builder.add(1, field::NAME, ["mam", "tom"]);
        builder.add(1, field::PRODUCER, ["matxa"]);
        builder.add(2, field::SUBGROUP, ["mat", "ong"]);
        builder.build()
    }

    #[test]
    fn a_prefix_finds_every_word_it_begins_and_where() {
        let words = words();
        let cases: [(&str, [u8; 3]); 6] = [
            ("mat", [field::NAME | field::PLACE | field::WHOLE_IN_NAME, field::PRODUCER, field::SUBGROUP]),
            ("ma", [field::NAME | field::PLACE, field::NAME | field::PRODUCER, field::SUBGROUP]),
            ("m", [field::NAME | field::PLACE, field::NAME | field::PRODUCER, field::SUBGROUP]),
            ("ong", [field::NAME | field::WHOLE_IN_NAME, 0, field::SUBGROUP]),
            ("matx", [0, field::PRODUCER, 0]),
            ("z", [0, 0, 0]),
        ];
        for (prefix, expected) in cases {
            let mut marks = [0u8; 3];
            let mut gathered = Vec::new();
            words.mark(&[prefix.to_string()], &mut marks, Some(&mut gathered));
            assert_eq!(marks, expected, "{prefix}");
            gathered.sort_unstable();
            let marked: Vec<u32> = (0..3).filter(|doc| marks[*doc as usize] != 0).collect();
            assert_eq!(gathered, marked, "{prefix}: each marked product gathered once");
        }
        assert!(words.holds("tom") && !words.holds("to"));
        assert_eq!(words.beginning("ma").len(), 3);
        assert_eq!(words.cost(words.beginning("mat")), 3);
        assert_eq!(words.size(), (6, 8));
    }
}
