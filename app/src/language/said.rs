//! A sentence that travels: made once, where its facts are known (a refusal on the server, a
//! notification in a transaction), in every language the site speaks, each written from that
//! language's catalogue; read later in the language of whoever shows it.

use std::fmt::{self, Display};

use serde::{Deserialize, Serialize};

use super::Language;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "Kept")]
pub struct Said(Vec<(Language, String)>);

/// How a sentence may have been kept: in each language, or, kept before it was said in more
/// than one (an import's outcome), as its Vietnamese text alone.
#[derive(Deserialize)]
#[serde(untagged)]
enum Kept {
    Each(Vec<(Language, String)>),
    Vietnamese(String),
}

impl From<Kept> for Said {
    fn from(kept: Kept) -> Self {
        match kept {
            Kept::Each(each) => Said(each),
            Kept::Vietnamese(text) => Said(vec![(Language::Vi, text)]),
        }
    }
}

impl Said {
    /// The sentence as `say` writes it in each language.
    pub fn new(say: impl Fn(Language) -> String) -> Self {
        Said(Language::ALL.iter().map(|&language| (language, say(language))).collect())
    }

    /// A sentence of the catalogue, as it stands.
    pub fn text(vietnamese: &'static str) -> Self {
        Self::new(|language| language.tr(vietnamese).to_string())
    }

    /// A sentence of the catalogue with each `{name}` replaced by its value.
    pub fn with(vietnamese: &'static str, values: &[(&str, &dyn Display)]) -> Self {
        Self::new(|language| language.tr_with(vietnamese, values))
    }

    /// A sentence as it was kept, in the languages it was written in.
    pub fn kept(each: impl IntoIterator<Item = (Language, String)>) -> Self {
        Said(each.into_iter().collect())
    }

    /// Words a person typed: the same in every language.
    pub fn typed(text: &str) -> Self {
        Self::new(|_| text.to_string())
    }

    /// The sentence in `language` (in Vietnamese if it was not said in that one, as when it
    /// was made before the language was added).
    pub fn in_language(&self, language: Language) -> &str {
        let said = |wanted: Language| self.0.iter().find(|(l, _)| *l == wanted).map(|(_, text)| text.as_str());
        said(language).or_else(|| said(Language::Vi)).unwrap_or_default()
    }
}

/// Written in Vietnamese, the site's first language (for logs and tests).
impl Display for Said {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.in_language(Language::Vi))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_is_read_in_each_language_and_travels_whole() {
        let said = Said::with("Mật khẩu cần ít nhất {min} ký tự.", &[("min", &8)]);
        assert_eq!(said.in_language(Language::Vi), "Mật khẩu cần ít nhất 8 ký tự.");
        assert_eq!(said.in_language(Language::En), "The password needs at least 8 characters.");
        let sent: Said = serde_json::from_str(&serde_json::to_string(&said).unwrap()).unwrap();
        assert_eq!(sent, said);
        // One made before English was spoken is read in Vietnamese.
        for kept in [r#"[["Vi","Cũ."]]"#, r#""Cũ.""#] {
            let old: Said = serde_json::from_str(kept).unwrap();
            assert_eq!(old.in_language(Language::En), "Cũ.", "{kept}");
        }
        assert_eq!(Said::typed("tên «x»").in_language(Language::En), "tên «x»");
    }
}
