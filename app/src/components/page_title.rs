use leptos::prelude::*;
use leptos_meta::Title;

use super::server_escaped;

/// The document title, "What · OCOP Việt Nam". Each screen sets it whole: a title formatter
/// in the shell would be hydrated before a lazily loaded screen and blank the tab's title
/// until that screen's chunk arrived.
#[component]
pub fn PageTitle(#[prop(into)] text: String) -> impl IntoView {
    view! { <Title text=server_escaped(format!("{text} · OCOP Việt Nam"))/> }
}
