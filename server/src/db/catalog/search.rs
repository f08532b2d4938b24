//! What a query searches for: its folded words, each as typed or, when it begins none of the
//! catalog's words, as the words one slip away from it.

use app::domain::{fold_words, one_slip_away, worth_correcting};
use app::model::Correction;

use super::index::SearchIndex;

/// A word as typed, and what it matches as a word prefix: itself, or the catalog's words one
/// slip away from it when it begins none as typed.
pub(super) struct SearchWord {
    typed: String,
    pub(super) matches: Vec<String>,
}

/// The words of query `q`, each once. A longer word that begins none of the catalog's words is
/// taken as a slip and stands for the catalog's words one slip away from it, when there are any.
pub(super) fn search_words(index: &SearchIndex, q: &str) -> Vec<SearchWord> {
    let mut words: Vec<SearchWord> = Vec::new();
    let mut corrected = 0;
    for word in fold_words(q) {
        if words.iter().any(|known| known.typed == word) {
            continue;
        }
        let mut matches = vec![word.clone()];
        if worth_correcting(&word, corrected) && !index.begins_a_word(&word) {
            corrected += 1;
            let known: Vec<String> =
                one_slip_away(&word).into_iter().filter(|variant| index.holds_word(variant)).collect();
            if !known.is_empty() {
                matches = known;
            }
        }
        words.push(SearchWord { typed: word, matches });
    }
    words
}

/// The words searched for something other than as typed.
pub(super) fn corrections(words: &[SearchWord]) -> Vec<Correction> {
    words
        .iter()
        .filter(|word| word.matches != [word.typed.as_str()])
        .map(|word| Correction { typed: word.typed.clone(), read_as: word.matches.clone() })
        .collect()
}
