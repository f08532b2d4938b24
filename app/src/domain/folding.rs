//! Vietnamese text folding for search and matching. People type "mat ong" for "mật ong",
//! paste NFD text from old documents, and write "Hòa" or "Hoà" for the same name: folding
//! maps all of these to one key.

use unicode_normalization::UnicodeNormalization;

/// Lower-case ASCII words separated by single spaces: diacritics and tone marks dropped (so
/// both tone placements agree), đ → d, punctuation and runs of spaces → one space.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    let mut pending_space = false;
    for ch in text.nfd() {
        let ch = match ch {
            'đ' | 'Đ' => 'd',
            // Combining marks (U+0300–U+036F) carry Vietnamese tones and vowel shapes.
            '\u{0300}'..='\u{036F}' => continue,
            _ => ch,
        };
        if ch.is_alphanumeric() {
            if pending_space && !folded.is_empty() {
                folded.push(' ');
            }
            pending_space = false;
            folded.extend(ch.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    folded
}

/// The folded words of a text, in order.
pub fn fold_words(text: &str) -> Vec<String> {
    fold(text).split(' ').filter(|word| !word.is_empty()).map(str::to_string).collect()
}

/// A URL-safe slug: the folded words joined by dashes.
pub fn slug(text: &str) -> String {
    fold(text).replace(' ', "-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_vietnamese_text() {
        let cases = [
            ("Mật ong", "mat ong"),
            ("MẬT ONG", "mat ong"),
            ("mat ong", "mat ong"),
            ("ĐÀ NẴNG", "da nang"),
            ("Đắk Lắk", "dak lak"),
            ("Hòa", "hoa"),
            ("Hoà", "hoa"),
            ("Thủy", "thuy"),
            ("Thuỷ", "thuy"),
            ("Khánh Hòa", "khanh hoa"),
            ("Khánh Hoà", "khanh hoa"),
            ("Thanh Hóa", "thanh hoa"),
            ("Thanh Hoá", "thanh hoa"),
            ("Ho\u{0300}a", "hoa"),
            ("Mô\u{0323}t xa\u{0303} mô\u{0323}t sa\u{0309}n phâ\u{0309}m", "mot xa mot san pham"),
            ("Mật ong Bana-Bee!", "mat ong bana bee"),
            ("  Nước   mắm  Nam Ô ", "nuoc mam nam o"),
            ("Nước mắm Nam Ô - Hiệp Hải", "nuoc mam nam o hiep hai"),
            ("Hải Châu 1", "hai chau 1"),
            ("Rượu\tđinh lăng\n", "ruou dinh lang"),
            ("TP. Hồ Chí Minh", "tp ho chi minh"),
            ("Cơ sở Đô & Gold 37", "co so do gold 37"),
            ("", ""),
            ("   ", ""),
            ("—…!", ""),
            ("Ưu Ơ Ư", "uu o u"),
        ];
        for (text, expected) in cases {
            assert_eq!(fold(text), expected, "fold({text:?})");
        }
    }

    #[test]
    fn splits_words_and_makes_slugs() {
        let cases: [(&str, &[&str], &str); 4] = [
            ("Chả cá thu", &["cha", "ca", "thu"], "cha-ca-thu"),
            ("  ", &[], ""),
            ("Khánh Hoà, Việt Nam", &["khanh", "hoa", "viet", "nam"], "khanh-hoa-viet-nam"),
            (
                "Đông trùng hạ thảo DR.Trung",
                &["dong", "trung", "ha", "thao", "dr", "trung"],
                "dong-trung-ha-thao-dr-trung",
            ),
        ];
        for (text, words, expected_slug) in cases {
            assert_eq!(fold_words(text), *words, "fold_words({text:?})");
            assert_eq!(slug(text), expected_slug, "slug({text:?})");
        }
    }
}
