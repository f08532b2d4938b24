//! The language a person reads the site in: Vietnamese by default, English on a switch that is
//! remembered in a cookie. The server renders in it (so the choice holds without JavaScript and
//! for search engines), writes it on `<html lang>`, and the browser reads it back from there so
//! that hydration renders the same text. Names of products, producers, places and subgroups
//! stay as recorded.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub mod catalogue;
mod said;

pub use said::Said;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Language {
    #[default]
    Vi,
    En,
}

impl Language {
    /// The cookie that remembers the choice (a year; not a secret, so readable by scripts).
    pub const COOKIE: &'static str = "ocop_lang";

    /// Every language the site speaks, Vietnamese first.
    pub const ALL: [Language; 2] = [Language::Vi, Language::En];

    pub fn code(self) -> &'static str {
        match self {
            Language::Vi => "vi",
            Language::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "vi" => Some(Language::Vi),
            "en" => Some(Language::En),
            _ => None,
        }
    }

    /// The language the switch offers, named in itself.
    pub fn other(self) -> (Self, &'static str) {
        match self {
            Language::Vi => (Language::En, "English"),
            Language::En => (Language::Vi, "Tiếng Việt"),
        }
    }

    /// A language as stored with an account (Vietnamese for anything unknown).
    pub fn stored(code: &str) -> Self {
        Self::from_code(code).unwrap_or_default()
    }

    /// The language the request's cookies say was chosen on the switch, if one was.
    #[cfg(feature = "ssr")]
    pub fn chosen_in(headers: &http::HeaderMap) -> Option<Self> {
        crate::session::cookie_in(headers, Self::COOKIE).and_then(|code| Self::from_code(code.trim()))
    }

    /// The language remembered in the request's cookies (Vietnamese when none or unknown).
    #[cfg(feature = "ssr")]
    pub fn from_cookies(headers: &http::HeaderMap) -> Self {
        Self::chosen_in(headers).unwrap_or_default()
    }

    /// The language of the page being rendered or hydrated.
    pub fn current() -> Self {
        #[cfg(feature = "ssr")]
        {
            use_context::<http::request::Parts>().map(|parts| Self::from_cookies(&parts.headers)).unwrap_or_default()
        }
        #[cfg(not(feature = "ssr"))]
        {
            document()
                .document_element()
                .and_then(|html| html.get_attribute("lang"))
                .and_then(|code| Self::from_code(&code))
                .unwrap_or_default()
        }
    }
}

/// The language the screens render in (provided once by `App`).
pub fn use_language() -> Language {
    use_context::<Language>().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::Language;

    #[cfg(feature = "ssr")]
    #[test]
    fn reads_the_remembered_language_from_cookies() {
        const CASES: &[(&str, Language)] = &[
            ("", Language::Vi),
            ("ocop_lang=en", Language::En),
            ("ocop_lang=vi", Language::Vi),
            ("theme=dark; ocop_lang=en; ocop_session=abc", Language::En),
            ("ocop_lang= en ", Language::En),
            ("ocop_lang=fr", Language::Vi),
            ("xocop_lang=en", Language::Vi),
            ("ocop_lang", Language::Vi),
            ("ocop_session=ocop_lang=en", Language::Vi),
        ];
        for &(header, expected) in CASES {
            let mut headers = http::HeaderMap::new();
            headers.insert(http::header::COOKIE, http::HeaderValue::from_static(header));
            assert_eq!(Language::from_cookies(&headers), expected, "{header:?}");
        }
    }

    #[test]
    fn codes_round_trip_and_the_switch_offers_the_other() {
        for language in [Language::Vi, Language::En] {
            assert_eq!(Language::from_code(language.code()), Some(language));
            assert_ne!(language.other().0, language);
            assert_eq!(language.other().0.other().0, language);
        }
    }
}
