use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::language::use_language;
use crate::model::query_string;

/// The header link to the other language. It is a plain link to the server (`rel="external"`
/// keeps the client router off it), which remembers the choice and sends the person back to
/// the same page, now in the other language: the same with or without JavaScript.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let (other, name) = use_language().other();
    let location = use_location();
    let href = move || {
        let search = location.search.get();
        let here =
            if search.is_empty() { location.pathname.get() } else { format!("{}?{search}", location.pathname.get()) };
        format!("/ngon-ngu/{}{}", other.code(), query_string(&[("tiep", here.as_str())]))
    };
    view! {
        <a href=href rel="external" hreflang=other.code() lang=other.code() class="language-switch">{name}</a>
    }
}
