//! The provinces and communes the search box offers, found by the beginnings of their words.

use app::model::Suggestion;

/// Every province and commune as offered (provinces first), with the folded words of their
/// names sorted, so that a prefix finds its places by binary search: scanning the 3,355 places'
/// words for each suggestion took a third of its time.
#[derive(Default)]
pub(super) struct Places {
    offered: Vec<Suggestion>,
    /// Each word of each place's name, and the place, in the order of the words.
    words: Vec<(Box<str>, u32)>,
}

impl Places {
    /// The places, each with its folded words, in the order they are offered.
    pub(super) fn new(places: impl IntoIterator<Item = (Vec<String>, Suggestion)>) -> Places {
        let mut offered = Vec::new();
        let mut words = Vec::new();
        for (at, (folded, place)) in places.into_iter().enumerate() {
            words.extend(folded.into_iter().map(|word| (word.into_boxed_str(), at as u32)));
            offered.push(place);
        }
        words.sort_unstable();
        Places { offered, words }
    }

    /// The first `limit` places, in their order, where every one of `words` (each given as the
    /// prefixes it may stand for) begins a word of the name.
    pub(super) fn matching(&self, words: &[&[String]], limit: usize) -> Vec<Suggestion> {
        let mut found: Option<Vec<u32>> = None;
        for prefixes in words {
            let mut places: Vec<u32> = prefixes.iter().flat_map(|prefix| self.beginning(prefix)).collect();
            places.sort_unstable();
            places.dedup();
            let both = match found {
                None => places,
                Some(so_far) => so_far.into_iter().filter(|at| places.binary_search(at).is_ok()).collect(),
            };
            if both.is_empty() {
                return Vec::new();
            }
            found = Some(both);
        }
        found.unwrap_or_default().into_iter().take(limit).map(|at| self.offered[at as usize].clone()).collect()
    }

    /// The places with a word `prefix` begins.
    fn beginning<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = u32> + 'a {
        let start = self.words.partition_point(|(word, _)| &**word < prefix);
        self.words[start..].iter().take_while(move |(word, _)| word.starts_with(prefix)).map(|(_, at)| *at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(name: &str) -> (Vec<String>, Suggestion) {
        let words = name.split(' ').map(str::to_string).collect();
        (words, Suggestion { label: name.to_string(), href: format!("/{name}") })
    }

    #[test]
    fn every_word_begins_a_word_of_the_name_in_the_places_order() {
        let places = Places::new(["ha noi", "ha tinh", "phuong ha dong ha noi", "xa an ha", "hai phong"].map(place));
        let labels = |words: &[&[&str]], limit: usize| -> Vec<String> {
            let words: Vec<Vec<String>> =
                words.iter().map(|prefixes| prefixes.iter().map(|p| p.to_string()).collect()).collect();
            let words: Vec<&[String]> = words.iter().map(Vec::as_slice).collect();
            places.matching(&words, limit).into_iter().map(|s| s.label).collect()
        };
        // (each word's prefixes, how many at most, the places offered)
        type Case<'a> = (&'a [&'a [&'a str]], usize, &'a [&'a str]);
        let cases: [Case; 7] = [
            (&[&["ha"]], 10, &["ha noi", "ha tinh", "phuong ha dong ha noi", "xa an ha", "hai phong"]),
            (&[&["ha"]], 2, &["ha noi", "ha tinh"]),
            (&[&["ha"], &["n"]], 10, &["ha noi", "phuong ha dong ha noi"]),
            (&[&["hai"]], 10, &["hai phong"]),
            // A word standing for two spellings: either begins a word.
            (&[&["tinh", "phong"]], 10, &["ha tinh", "hai phong"]),
            (&[&["ha"], &["zz"]], 10, &[]),
            (&[&["oi"]], 10, &[]),
        ];
        for (words, limit, expected) in cases {
            assert_eq!(labels(words, limit), expected, "{words:?}");
        }
    }
}
