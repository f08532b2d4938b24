//! What the search box offers as someone types: products, producers and places.

use std::collections::HashMap;

use app::model::{producer_href, SortOrder, StatusFilter, Suggestion, Suggestions, SUGGESTIONS_EACH};
use chrono::NaiveDate;

use super::order::Best;
use super::{statuses_of, SearchIndex, STATUSES};
use crate::db::catalog::search::SearchWord;

/// The longest word (in folded letters) of a query whose suggestions are kept.
const SHORT_WORD: usize = 2;
/// How many short queries' suggestions are kept at most (a few hundred exist in practice).
const SHORT_KEPT: usize = 4_096;

/// The suggestions of the shortest queries (one or two words of one or two letters), kept for
/// the index's edition and the day. Everyone typing passes through them ("t", "th", …), and
/// each matches much of the catalog: "t" ranks 946,591 of a million products (27 ms), where a
/// third letter narrows the matches to a few milliseconds' work. Keyed by the words as matched,
/// so "Th", "TH" and "th" share one; a new edition starts empty, so a change is seen at once.
#[derive(Default)]
pub(super) struct ShortSuggestions {
    day: Option<NaiveDate>,
    kept: HashMap<Vec<Vec<String>>, Suggestions>,
}

impl SearchIndex {
    /// What to offer someone typing `words` (see `offer`), kept for the shortest queries.
    pub(in crate::db::catalog) fn suggest(&self, words: &[SearchWord], today: NaiveDate) -> Suggestions {
        let short = words.len() <= 2 && words.iter().all(|word| word.matches.iter().all(|m| m.len() <= SHORT_WORD));
        if !short {
            return self.offer(words, today);
        }
        let key: Vec<Vec<String>> = words.iter().map(|word| word.matches.clone()).collect();
        let lock = || self.short_suggestions.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        {
            let kept = lock();
            if let Some(offered) = kept.kept.get(&key).filter(|_| kept.day == Some(today)) {
                return offered.clone();
            }
        }
        // Worked out without the lock held: two asking at once both work, neither waits.
        let offered = self.offer(words, today);
        let mut kept = lock();
        if kept.day != Some(today) || kept.kept.len() >= SHORT_KEPT {
            *kept = ShortSuggestions { day: Some(today), kept: HashMap::new() };
        }
        kept.kept.insert(key, offered.clone());
        offered
    }

    /// What to offer someone typing `words`: the first products a search in force gives, the
    /// producers whose own name holds every word (those with most such products first), and
    /// the provinces and communes whose name does.
    fn offer(&self, words: &[SearchWord], today: NaiveDate) -> Suggestions {
        if words.is_empty() {
            return Suggestions::default();
        }
        // One pass over the matches for the products and for the producers.
        let matched = self.matching(words);
        // The first products in force as a search ranks them, without counting its facets.
        let statuses = self.statuses_on(today);
        let in_force = STATUSES.map(|name| statuses_of(StatusFilter::Current).contains(&name));
        let mut best = Best::new(SUGGESTIONS_EACH, self.docs.len());
        // Once five are held, a product ranked below the lowest of them cannot enter: skipped on
        // its rank alone, without reading its status or standing (a letter matches most of the
        // catalog, and most of it ranks below the first five).
        let mut floor = 0;
        // The producers whose name holds every word, counted by their place rather than in a
        // map, and only the first few sorted.
        let mut counts = vec![0u32; self.producers.len()];
        let mut seen = Vec::new();
        matched.each(&self.listed, |at, rank| {
            if rank >= floor && in_force[usize::from(statuses[at as usize])] {
                best.offer(self.order_key(SortOrder::Relevance, at, rank, true), at);
                floor = best.full_from_rank().unwrap_or(0);
            }
            // The rank's second byte counts the words standing in the producer's name.
            if (rank >> 8) & 0xff == words.len() as u32 {
                let producer = self.producer_of[at as usize];
                if counts[producer as usize] == 0 {
                    seen.push(producer);
                }
                counts[producer as usize] += 1;
            }
        });
        let products = self
            .cards_of(best, 0, today)
            .into_iter()
            .map(|card| Suggestion { label: card.name, href: card.href })
            .collect();
        // Most products first, then by name (as ranked when the index was built).
        let most_first = |at: &u32| (std::cmp::Reverse(counts[*at as usize]), self.producer_rank[*at as usize]);
        if seen.len() > SUGGESTIONS_EACH {
            seen.select_nth_unstable_by_key(SUGGESTIONS_EACH - 1, most_first);
            seen.truncate(SUGGESTIONS_EACH);
        }
        seen.sort_unstable_by_key(most_first);
        let producers = seen
            .into_iter()
            .map(|at| {
                let (id, name) = &self.producers[at as usize];
                Suggestion { label: name.clone(), href: producer_href(*id, name) }
            })
            .collect();
        let prefixes: Vec<&[String]> = words.iter().map(|word| word.matches.as_slice()).collect();
        let places = self.places.matching(&prefixes, SUGGESTIONS_EACH);
        Suggestions { products, producers, places }
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::super::load::tests::{index_of, row};
    use crate::db::catalog::search::search_words;

    #[test]
    fn suggestions_name_first_the_producers_with_most_products_matching() {
        // (producer, its number of products); every name holds "mật".
        let producers = [("HTX Mật A", 3), ("HTX Mật B", 1), ("HTX Mật C", 2), ("HTX Mật D", 1), ("HTX Mật E", 1)];
        let more = [("HTX Mật F", 2), ("HTX Mật G", 1), ("Cơ sở Ong", 4)];
        let mut rows = Vec::new();
        for (at, (producer, products)) in producers.iter().chain(&more).enumerate() {
            for n in 0..*products {
                let id = (at * 10 + n) as i64 + 1;
                let mut row = row(id, &format!("Mật ong {id}"), producer, ("46", "Huế"), 4, 2025, "cooperative");
                row.producer_id = at as i64 + 1;
                rows.push(row);
            }
        }
        let index = index_of(rows);
        let today = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
        let offered = index.suggest(&search_words(&index, "mat"), today);
        let names: Vec<&str> = offered.producers.iter().map(|p| p.label.as_str()).collect();
        // Most products first, then by name; "Cơ sở Ong" has the most but not the word.
        assert_eq!(names, ["HTX Mật A", "HTX Mật C", "HTX Mật F", "HTX Mật B", "HTX Mật D"]);
    }

    #[test]
    fn the_products_offered_are_the_first_of_the_search() {
        // Many products alike in their words, told apart by stars, years and names, so that
        // the five offered come from deep in the list of matches.
        let words = ["mat ong", "mam tom", "tra shan", "mang tay", "muoi tom"];
        let rows = (1..=120)
            .map(|id: i64| {
                let name = format!("{} {}", words[id as usize % 5], ["la", "moc", "tuyet"][id as usize % 3]);
                let producer = format!("HTX {}", ["Minh", "Tam", "Son"][id as usize % 3]);
                row(id, &name, &producer, ("46", "Huế"), 3 + id % 3, 2019 + id % 6, "cooperative")
            })
            .collect();
        let index = index_of(rows);
        let today = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
        for query in ["m", "t", "mat", "tom", "ma t", "tuyet", "minh", "son m", "zz"] {
            let words = search_words(&index, query);
            let offered: Vec<String> = index.suggest(&words, today).products.into_iter().map(|s| s.label).collect();
            let found = index.search(&words, &Default::default(), today, 5, 0);
            let first: Vec<String> = found.cards.into_iter().map(|card| card.name).collect();
            assert_eq!(offered, first, "{query}");
        }
    }

    #[test]
    fn a_short_query_kept_is_worked_out_again_the_next_day() {
        // Recognized in 2023: in force to the end of 2026, expired from 1 January 2027.
        let index = index_of(vec![
            row(1, "Mắm cá cơm", "HTX Biển", ("46", "Huế"), 5, 2023, "cooperative"),
            row(2, "Mật ong rừng", "HTX Rừng", ("46", "Huế"), 3, 2025, "cooperative"),
        ]);
        let day = |text: &str| text.parse::<NaiveDate>().unwrap();
        let offered = |q: &str, today: &str| -> Vec<String> {
            index.suggest(&search_words(&index, q), day(today)).products.into_iter().map(|s| s.label).collect()
        };
        for _ in 0..2 {
            assert_eq!(offered("m", "2026-12-31"), ["Mắm cá cơm", "Mật ong rừng"]);
            assert_eq!(offered("M", "2026-12-31"), ["Mắm cá cơm", "Mật ong rừng"], "kept as matched, not as typed");
        }
        assert_eq!(offered("m", "2027-01-01"), ["Mật ong rừng"]);
        assert_eq!(offered("mam", "2027-01-01"), Vec::<String>::new());
    }
}
