//! Vietnamese text folding for search and matching.
//!
//! People type "mat ong" for "mật ong", paste NFD text out of old Word documents, and write
//! "Hòa" or "Hoà" (old and new tone placement) for the same name. Folding maps all of these to one
//! key, so search, de-duplication and slugs never depend on how a name happened to be typed.

use unicode_normalization::UnicodeNormalization;

/// Folds text to lower-case words without diacritics, separated by single spaces.
///
/// Both NFC and NFD input give the same result; tone and vowel marks are dropped (so both tone
/// placements agree), đ/Đ become d, and every run of characters that are neither letters nor
/// digits (spaces, punctuation, dashes, tabs) becomes one space, with none at either end.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    // A separator is only written when a word follows it: this trims both ends and collapses runs.
    let mut separator_pending = false;
    // NFD first so that precomposed letters ("ồ") and typed combinations ("o" + U+0302 + U+0300)
    // arrive in the same shape: a base letter followed by its marks.
    for ch in text.nfd() {
        let ch = match ch {
            // Vietnamese tones and vowel shapes are all in the Combining Diacritical Marks block.
            '\u{0300}'..='\u{036F}' => continue,
            // đ is a letter of its own, not d plus a mark, so NFD leaves it alone.
            'đ' | 'Đ' => 'd',
            other => other,
        };
        if ch.is_alphanumeric() {
            if separator_pending && !folded.is_empty() {
                folded.push(' ');
            }
            separator_pending = false;
            folded.extend(ch.to_lowercase());
        } else {
            separator_pending = true;
        }
    }
    folded
}

/// The folded words of a text, in order (empty for a text with no letters or digits).
pub fn fold_words(text: &str) -> Vec<String> {
    fold(text).split(' ').filter(|word| !word.is_empty()).map(str::to_owned).collect()
}

/// A URL slug: the folded words joined by dashes ("Nước mắm Nam Ô" → "nuoc-mam-nam-o").
pub fn slug(text: &str) -> String {
    fold_words(text).join("-")
}

/// Folded words shorter than this are never corrected: a slip in "mat" or "ong" lands on
/// another real word, so only longer words are worth a second guess.
pub const SLIP_TOLERANT_LENGTH: usize = 4;

/// Nor are longer ones than this: no word of a product, producer or place is so long, and the
/// variants of a word grow with it (a 200-letter one has about 15,000, which cost a second and
/// a half to look up).
pub const SLIP_TOLERANT_MAX_LENGTH: usize = 20;

/// At most this many words of one query are corrected; the others are searched as typed, so a
/// query of many words costs no more than one of a few.
pub const MAX_CORRECTED_WORDS: usize = 4;

/// Whether a folded word that begins none of the catalog's words is worth looking up one slip
/// away, when `already` words of its query have been.
pub fn worth_correcting(word: &str, already: usize) -> bool {
    (SLIP_TOLERANT_LENGTH..=SLIP_TOLERANT_MAX_LENGTH).contains(&word.chars().count()) && already < MAX_CORRECTED_WORDS
}

/// The letters a folded word is made of (what `fold` leaves of Vietnamese text, and digits).
const FOLDED_ALPHABET: &str = "abcdefghijklmnopqrstuvwxyz0123456789";

/// Every word one typing slip away from a folded `word`: a letter missing, one too many, one
/// changed, or two neighbours swapped. Sorted, without duplicates and without `word` itself. The
/// catalog looks these up among the words it holds when a longer word matches nothing as typed.
pub fn one_slip_away(word: &str) -> Vec<String> {
    let letters: Vec<char> = word.chars().collect();
    let spelled = |chars: &[char]| chars.iter().collect::<String>();
    let mut variants = Vec::new();
    for at in 0..letters.len() {
        let mut missing = letters.clone();
        missing.remove(at);
        variants.push(spelled(&missing));
        if at + 1 < letters.len() {
            let mut swapped = letters.clone();
            swapped.swap(at, at + 1);
            variants.push(spelled(&swapped));
        }
    }
    for letter in FOLDED_ALPHABET.chars() {
        for at in 0..=letters.len() {
            let mut extra = letters.clone();
            extra.insert(at, letter);
            variants.push(spelled(&extra));
            if at < letters.len() {
                let mut changed = letters.clone();
                changed[at] = letter;
                variants.push(spelled(&changed));
            }
        }
    }
    variants.sort();
    variants.dedup();
    variants.retain(|variant| variant != word && !variant.is_empty());
    variants
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const FOLD_CASES: &[(&str, &str)] = &[
        ("Mật ong", "mat ong"),
        ("MẬT ONG", "mat ong"),
        ("mat ong", "mat ong"),
        ("ĐÀ NẴNG", "da nang"),
        ("đà nẵng", "da nang"),
        ("Đắk Lắk", "dak lak"),
        // Both tone placements, precomposed (NFC).
        ("Hòa", "hoa"),
        ("Hoà", "hoa"),
        ("Thủy", "thuy"),
        ("Thuỷ", "thuy"),
        ("Khánh Hòa", "khanh hoa"),
        ("Khánh Hoà", "khanh hoa"),
        ("Thanh Hóa", "thanh hoa"),
        ("Thanh Hoá", "thanh hoa"),
        // NFD input built from explicit combining characters.
        ("Ho\u{0300}a", "hoa"),
        ("Hoa\u{0300}", "hoa"),
        ("Thu\u{0309}y", "thuy"),
        ("D\u{0300}a", "da"),
        ("Mô\u{0323}t xa\u{0303} mô\u{0323}t sa\u{0309}n phâ\u{0309}m", "mot xa mot san pham"),
        ("O\u{0302}\u{0300}", "o"),
        ("Ư\u{0301}ng Ho\u{031B}\u{0300}a", "ung hoa"),
        // Punctuation, dashes and runs of white space.
        ("Mật ong Bana-Bee!", "mat ong bana bee"),
        ("  Nước   mắm  Nam Ô ", "nuoc mam nam o"),
        ("Nước mắm Nam Ô - Hiệp Hải", "nuoc mam nam o hiep hai"),
        ("Rượu\tđinh lăng\n", "ruou dinh lang"),
        ("TP. Hồ Chí Minh", "tp ho chi minh"),
        ("Cơ sở Đô & Gold", "co so do gold"),
        ("Chè Shan tuyết—Suối Giàng…", "che shan tuyet suoi giang"),
        ("\"Bánh\" (đặc sản), 'Huế'", "banh dac san hue"),
        ("a_b", "a b"),
        // Digits are kept.
        ("Hải Châu 1", "hai chau 1"),
        ("Phường 12, Quận 3", "phuong 12 quan 3"),
        ("2026", "2026"),
        // Nothing to keep.
        ("", ""),
        ("   ", ""),
        ("\t\n ", ""),
        ("—…!?", ""),
        // Every Vietnamese vowel shape.
        ("Ưu Ơ Ư Â Ê Ô Ă", "uu o u a e o a"),
        ("Ỹ Ỵ ỷ", "y y y"),
    ];

    #[test]
    fn folds_vietnamese_text() {
        for &(text, expected) in FOLD_CASES {
            assert_eq!(fold(text), expected, "fold({text:?})");
            // Whatever form the input arrives in, the key is the same.
            let nfd: String = text.nfd().collect();
            let nfc: String = text.nfc().collect();
            assert_eq!(fold(&nfd), expected, "fold of the NFD form of {text:?}");
            assert_eq!(fold(&nfc), expected, "fold of the NFC form of {text:?}");
        }
    }

    #[test]
    fn splits_words_and_makes_slugs() {
        const CASES: &[(&str, &[&str], &str)] = &[
            ("Chả cá thu", &["cha", "ca", "thu"], "cha-ca-thu"),
            ("  ", &[], ""),
            ("", &[], ""),
            ("Khánh Hoà, Việt Nam", &["khanh", "hoa", "viet", "nam"], "khanh-hoa-viet-nam"),
            ("  Nước   mắm  Nam Ô ", &["nuoc", "mam", "nam", "o"], "nuoc-mam-nam-o"),
            ("Mật ong Bana-Bee!", &["mat", "ong", "bana", "bee"], "mat-ong-bana-bee"),
            (
                "Đông trùng hạ thảo DR.Trung",
                &["dong", "trung", "ha", "thao", "dr", "trung"],
                "dong-trung-ha-thao-dr-trung",
            ),
            ("Hải Châu 1", &["hai", "chau", "1"], "hai-chau-1"),
        ];
        for &(text, words, expected_slug) in CASES {
            assert_eq!(fold_words(text), words, "fold_words({text:?})");
            assert_eq!(slug(text), expected_slug, "slug({text:?})");
        }
    }

    #[test]
    fn only_words_of_a_real_length_and_only_a_few_a_query_are_corrected() {
        let long = "a".repeat(200);
        let cases = [
            ("mat", 0, false),
            ("bnaa", 0, true),
            ("davima", 3, true),
            ("davima", 4, false),
            ("thanhhoadrtrungxyzab", 0, true),
            ("thanhhoadrtrungxyzabc", 0, false),
            (long.as_str(), 0, false),
        ];
        for (word, already, worth) in cases {
            assert_eq!(worth_correcting(word, already), worth, "{word} after {already}");
        }
    }

    #[test]
    fn finds_the_words_one_slip_away() {
        // (typed, what it may have meant, a word two slips away that must not be offered)
        const CASES: &[(&str, &str, &str)] = &[
            ("mamm", "mam", "ma"),       // a letter too many
            ("nuc", "nuoc", "nuocc"),    // a letter missing
            ("nouc", "nuoc", "unoc"),    // two neighbours swapped
            ("khanj", "khanh", "kxanx"), // a letter changed
            ("thuu", "thu", "thuuuu"),
            ("st2", "st25", "st250"),
        ];
        for &(typed, meant, too_far) in CASES {
            let variants = one_slip_away(typed);
            assert!(variants.contains(&meant.to_string()), "{typed} → {meant}");
            assert!(!variants.contains(&too_far.to_string()), "{typed} ↛ {too_far}");
            assert!(!variants.contains(&typed.to_string()), "{typed} is not a slip of itself");
            assert!(variants.windows(2).all(|pair| pair[0] < pair[1]), "sorted, no duplicates");
        }
    }

    /// Optimal string alignment distance, the plain textbook way, to check `one_slip_away`.
    fn slips_between(a: &str, b: &str) -> usize {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        let mut d = vec![vec![0; b.len() + 1]; a.len() + 1];
        for i in 0..=a.len() {
            for j in 0..=b.len() {
                d[i][j] = if i == 0 || j == 0 {
                    i + j
                } else {
                    let mut best =
                        (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + usize::from(a[i - 1] != b[j - 1]));
                    if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                        best = best.min(d[i - 2][j - 2] + 1);
                    }
                    best
                };
            }
        }
        d[a.len()][b.len()]
    }

    proptest! {
        #[test]
        fn folding_is_idempotent_and_tidy(text in "\\PC{0,40}") {
            let once = fold(&text);
            prop_assert_eq!(fold(&once), once.clone());
            prop_assert!(!once.starts_with(' ') && !once.ends_with(' ') && !once.contains("  "), "{:?}", once);
            prop_assert!(!once.chars().any(|c| c.is_ascii_uppercase() || ('\u{0300}'..='\u{036F}').contains(&c)), "{:?}", once);
        }

        #[test]
        fn normal_forms_fold_alike(text in "[a-zA-ZàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĐÀÁÂÔƠƯ ,.-]{0,30}") {
            let nfd: String = text.nfd().collect();
            let nfc: String = text.nfc().collect();
            prop_assert_eq!(fold(&nfd), fold(&nfc));
            prop_assert!(fold(&text).is_ascii());
            let slugged = slug(&text);
            prop_assert!(slugged.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{:?}", slugged);
        }

        #[test]
        fn every_variant_is_exactly_one_slip_away(word in "[a-z0-9]{1,7}", other in "[a-z0-9]{1,8}") {
            let variants = one_slip_away(&word);
            for variant in &variants {
                prop_assert_eq!(slips_between(&word, variant), 1, "{} → {}", word, variant);
            }
            // And nothing one slip away is missed.
            prop_assert_eq!(variants.binary_search(&other).is_ok(), slips_between(&word, &other) == 1, "{} / {}", word, other);
        }
    }
}
