//! The screens' and the mails' words in other languages than Vietnamese. Vietnamese is written
//! in the code, where it is read and reviewed; each other language is one catalogue,
//! `app/locales/<code>.json`,
//! mapping each Vietnamese text to its translation (gettext's model: the source text is the
//! key). A text a catalogue lacks is shown in Vietnamese rather than as a key.
//!
//! Written here rather than with Fluent: its runtime would join the catalog's first load, which
//! has 15 KB of its 300 KB budget left; a catalogue is a JSON object read with serde_json, which
//! the bundle holds already, and the browser fetches it only for a reader who chose it.

use std::collections::HashMap;
use std::fmt::Display;
use std::sync::OnceLock;

use serde::Deserialize;

use super::Language;

/// A translation: one text, or the forms for one and for other counts.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum Translation {
    Text(String),
    Counted { one: String, other: String },
}

type Catalogue = HashMap<String, Translation>;

/// The English catalogue as written (served to browsers as it is; the browser's code does not
/// carry it).
#[cfg(not(feature = "hydrate"))]
pub const ENGLISH: &str = include_str!("../../locales/en.json");

static ENGLISH_READ: OnceLock<Catalogue> = OnceLock::new();

/// The catalogue of `language`, if it has one and it has been read.
fn catalogue(language: Language) -> Option<&'static Catalogue> {
    match language {
        Language::Vi => None,
        // The server reads it at first use; the browser once fetched (`fetch`).
        #[cfg(not(feature = "hydrate"))]
        Language::En => Some(ENGLISH_READ.get_or_init(|| read(ENGLISH))),
        #[cfg(feature = "hydrate")]
        Language::En => ENGLISH_READ.get(),
    }
}

/// A catalogue's text read; one that does not read is empty (every text then in Vietnamese),
/// which the tests forbid.
fn read(text: &str) -> Catalogue {
    serde_json::from_str(text).unwrap_or_default()
}

/// Fetches the catalogue of `language` from the server, before hydration, so that the browser
/// renders the words the server did. (web-sys's fetch, not gloo-net: the catalog's first load
/// has no room for another HTTP client.) A lost request is asked once more; failing twice, the
/// screens keep the server's words until they change, then speak Vietnamese.
#[cfg(feature = "hydrate")]
pub async fn fetch(language: Language) {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    if language != Language::En {
        return;
    }
    let Some(window) = web_sys::window() else { return };
    let url = format!("/so-tu/{}.json", language.code());
    let once = || async {
        let response = JsFuture::from(window.fetch_with_str(&url)).await.ok()?;
        let response = response.dyn_into::<web_sys::Response>().ok()?;
        let text = response.text().ok().filter(|_| response.ok())?;
        JsFuture::from(text).await.ok()?.as_string()
    };
    let text = match once().await {
        Some(text) => Some(text),
        None => once().await,
    };
    if let Some(text) = text {
        _ = ENGLISH_READ.set(read(&text));
    }
}

/// The catalogue of a language as the server sends it to browsers.
#[cfg(not(feature = "hydrate"))]
pub fn source(language: Language) -> Option<&'static str> {
    match language {
        Language::Vi => None,
        Language::En => Some(ENGLISH),
    }
}

impl Language {
    /// `vietnamese` in this language.
    pub fn tr(self, vietnamese: &'static str) -> &'static str {
        match catalogue(self).and_then(|c| c.get(vietnamese)) {
            Some(Translation::Text(text)) => text,
            Some(Translation::Counted { other, .. }) => other,
            None => vietnamese,
        }
    }

    /// `vietnamese` in this language where it is read in `context`: a word whose translation
    /// depends on where it stands ("Sản phẩm" heading a menu is "Products", heading a column
    /// "Product"). The catalogue keys it as gettext does, `context` and the text joined by
    /// U+0004; without that entry it is the text as `tr` translates it.
    pub fn tr_in(self, context: &'static str, vietnamese: &'static str) -> &'static str {
        match catalogue(self).and_then(|c| c.get(&format!("{context}\u{4}{vietnamese}"))) {
            Some(Translation::Text(text) | Translation::Counted { other: text, .. }) => text,
            None => self.tr(vietnamese),
        }
    }

    /// `vietnamese` in this language with each `{name}` replaced by its value.
    pub fn tr_with(self, vietnamese: &'static str, values: &[(&str, &dyn Display)]) -> String {
        fill(self.tr(vietnamese), values)
    }

    /// The same for a text about `count` things, in the form the language gives that count.
    pub fn tr_count(self, vietnamese: &'static str, count: u64, values: &[(&str, &dyn Display)]) -> String {
        let text = match catalogue(self).and_then(|c| c.get(vietnamese)) {
            Some(Translation::Counted { one, .. }) if count == 1 => one.as_str(),
            Some(Translation::Counted { other: text, .. } | Translation::Text(text)) => text.as_str(),
            None => vietnamese,
        };
        fill(text, values)
    }
}

/// `text` with each `{name}` it holds replaced by its value, in one pass: a value is not read
/// again, so a comment or a name that happens to hold `{link}` stays as it was typed.
fn fill(text: &str, values: &[(&str, &dyn Display)]) -> String {
    let mut filled = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        filled.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            values.iter().find(|(n, _)| *n == name).map(|(_, value)| (value, close))
        });
        match value {
            Some((value, close)) => {
                filled.push_str(&value.to_string());
                rest = &after[close + 1..];
            }
            None => {
                filled.push('{');
                rest = after;
            }
        }
    }
    filled.push_str(rest);
    filled
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_english_catalogue_reads_and_keeps_each_placeholder() {
        let catalogue: Catalogue = serde_json::from_str(ENGLISH).expect("app/locales/en.json reads");
        assert!(!catalogue.is_empty());
        let placeholders = |text: &str| {
            let mut names: Vec<String> =
                text.split('{').skip(1).filter_map(|rest| rest.split_once('}')).map(|(n, _)| n.to_string()).collect();
            names.sort();
            names
        };
        for (vietnamese, translation) in &catalogue {
            let forms = match translation {
                Translation::Text(text) => vec![text],
                Translation::Counted { one, other } => vec![one, other],
            };
            for form in forms {
                assert!(!form.trim().is_empty(), "{vietnamese:?} has an empty translation");
                assert_eq!(placeholders(form), placeholders(vietnamese), "{vietnamese:?} → {form:?}");
            }
        }
    }

    /// The Vietnamese texts the screens ask to translate: the literal first argument of each
    /// `.tr(`, `.tr_with(`, `.tr_count(`, `Said::text(` and `Said::with(` under `app/src` and
    /// `server/src` (this file's examples aside).
    fn texts_asked_for() -> Vec<(String, String)> {
        fn walk(dir: &std::path::Path, found: &mut Vec<(String, String)>) {
            for entry in std::fs::read_dir(dir).expect("a source folder reads").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, found);
                } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("language/catalogue.rs") {
                    let code = std::fs::read_to_string(&path).expect("a source file reads");
                    for call in [".tr(", ".tr_with(", ".tr_count(", "Said::text(", "Said::with("] {
                        for (at, _) in code.match_indices(call) {
                            if let Some((text, _)) = literal(code[at + call.len()..].trim_start()) {
                                found.push((path.display().to_string(), text));
                            }
                        }
                    }
                    for (at, _) in code.match_indices(".tr_in(") {
                        let context = literal(code[at + ".tr_in(".len()..].trim_start());
                        let text = context
                            .as_ref()
                            .and_then(|(_, rest)| literal(rest.trim_start().strip_prefix(',')?.trim_start()));
                        if let Some(((context, _), (text, _))) = context.zip(text) {
                            found.push((path.display().to_string(), format!("{context}\u{4}{text}")));
                        }
                    }
                }
            }
        }
        // A string literal at the start of `code`, its escapes read, and the code after it.
        fn literal(code: &str) -> Option<(String, &str)> {
            let body = code.strip_prefix('"')?;
            let mut chars = body.char_indices().peekable();
            let mut text = String::new();
            while let Some((at, c)) = chars.next() {
                match c {
                    '"' => return Some((text, &body[at + 1..])),
                    '\\' => match chars.next()?.1 {
                        'n' => text.push('\n'),
                        // A continued line: its leading spaces are not part of the text.
                        '\n' => while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {},
                        other => text.push(other),
                    },
                    c => text.push(c),
                }
            }
            None
        }
        // The screens, and the server's mails, which speak the same catalogue.
        let app = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut found = Vec::new();
        walk(&app.join("src"), &mut found);
        walk(&app.join("../server/src"), &mut found);
        // Labels the screens translate from the domain's tables rather than from a literal.
        let fields = crate::domain::FieldChange::labels();
        found.extend(fields.map(|label| ("record fields".to_string(), label.to_string())));
        let columns = crate::model::IMPORT_FIELDS.iter();
        found.extend(columns.map(|(_, label)| ("import fields".to_string(), format!("import field\u{4}{label}"))));
        // The domain's words, each asked for in the context of its type (`tr_in("Role", …)`):
        // listed here by type, and each type's own function checked to ask in that context.
        let english = read(ENGLISH);
        macro_rules! words {
            ($($type:ident :: $vietnamese:ident / $word:ident),* $(,)?) => {$(
                for &value in crate::domain::$type::ALL.iter() {
                    let key = format!("{}\u{4}{}", stringify!($type), crate::domain::$type::$vietnamese(value));
                    if let Some(Translation::Text(expected)) = english.get(&key) {
                        let said = crate::domain::$type::$word(value, Language::En);
                        assert_eq!(said, expected, "{}::{} asks for another key than {key:?}", stringify!($type), stringify!($word));
                    }
                    found.push((stringify!($type).to_string(), key));
                }
            )*};
        }
        words!(
            CertificateStatus::label_vi / label,
            RevocationGround::label_vi / label,
            DecisionError::message_vi / message,
            Disqualifier::label_vi / label,
            DossierKind::label_vi / label,
            DossierState::label_vi / label,
            Role::label_vi / label,
            DossierAction::label_vi / label,
            DossierAction::consequence_vi / consequence,
            DocumentKind::label_vi / label,
            EvidenceRefusal::message_vi / message,
            ProducerStep::label_vi / label,
            ProducerKind::name_vi / name,
            CodePart::label_vi / label,
            Seat::label_vi / label,
            RoundMode::label_vi / label,
            ScoreError::message_vi / message,
            CommunePoint::label_vi / label,
            NoteKind::label_vi / label,
        );
        found
    }

    #[test]
    fn every_text_the_screens_translate_is_in_the_english_catalogue_and_no_other() {
        let catalogue = read(ENGLISH);
        let asked = texts_asked_for();
        let missing: Vec<_> = asked.iter().filter(|(_, text)| !catalogue.contains_key(text)).collect();
        assert!(missing.is_empty(), "texts missing from app/locales/en.json: {missing:#?}");
        let unused: Vec<_> = catalogue.keys().filter(|key| !asked.iter().any(|(_, text)| text == *key)).collect();
        assert!(unused.is_empty(), "texts of app/locales/en.json no screen asks for: {unused:#?}");
    }

    #[test]
    fn texts_are_translated_filled_and_counted() {
        // (language, text, count, expected)
        let cases: &[(Language, &'static str, u64, &str)] = &[
            (Language::Vi, "Đăng nhập", 0, "Đăng nhập"),
            (Language::En, "Đăng nhập", 0, "Sign in"),
            (Language::En, "Một câu không có trong sổ", 0, "Một câu không có trong sổ"),
            (Language::Vi, "{n} ô chưa đúng:", 3, "3 ô chưa đúng:"),
            (Language::En, "{n} ô chưa đúng:", 3, "3 fields need correcting:"),
            (Language::En, "{n} ô chưa đúng:", 1, "1 field needs correcting:"),
        ];
        for &(language, text, count, expected) in cases {
            assert_eq!(language.tr_count(text, count, &[("n", &count)]), expected, "{language:?} {text:?} {count}");
        }
        // (text, values, filled): a value is put in as it is, never read for placeholders again.
        type Fill<'a> = (&'a str, &'a [(&'a str, &'a str)], &'a str);
        let fills: &[Fill] = &[
            ("{a} và {b}", &[("a", "1"), ("b", "2")], "1 và 2"),
            ("{a} và {b}", &[("a", "{b}"), ("b", "2")], "{b} và 2"),
            ("{a}{a}", &[("a", "x")], "xx"),
            ("{không có} {a", &[("a", "x")], "{không có} {a"),
            ("{}", &[], "{}"),
        ];
        for &(text, values, expected) in fills {
            let values: Vec<(&str, &dyn Display)> = values.iter().map(|(n, v)| (*n, v as &dyn Display)).collect();
            assert_eq!(fill(text, &values), expected, "{text:?}");
        }
        assert_eq!(Language::En.tr("Đăng nhập"), "Sign in");
        // (language, context, text, expected): a context's own entry, else the text's.
        let placed: &[(Language, &'static str, &'static str, &str)] = &[
            (Language::En, "menu", "Sản phẩm", "Products"),
            (Language::En, "không có", "Sản phẩm", "Product"),
            (Language::Vi, "menu", "Sản phẩm", "Sản phẩm"),
            (Language::En, "menu", "Một câu không có trong sổ", "Một câu không có trong sổ"),
        ];
        for &(language, context, text, expected) in placed {
            assert_eq!(language.tr_in(context, text), expected, "{language:?} {context:?} {text:?}");
        }
    }
}
