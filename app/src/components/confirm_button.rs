use leptos::prelude::*;

use crate::language::use_language;

/// A press that cannot be taken back, asked for twice: the first opens a sentence saying what
/// it will do and the button that does it. A `<details>`, so that it asks without JavaScript
/// too; it sits inside the form whose button it is.
#[component]
pub fn ConfirmButton(
    /// What the first press says.
    label: &'static str,
    /// What the second press will do, and what cannot be undone.
    #[prop(into)]
    consequence: String,
    #[prop(into)] pending: Signal<bool>,
    /// For a button among many alike (one per row): the label naming what it acts on.
    #[prop(optional, into)]
    name: Option<String>,
    #[prop(optional)] secondary: bool,
) -> impl IntoView {
    let t = use_language();
    let class = if secondary { "secondary" } else { "" };
    let confirm_name = name.as_ref().map(|name| t.tr_with("Xác nhận: {name}", &[("name", name)]));
    view! {
        <details class="confirm">
            <summary class=format!("button-like {class}") aria-label=name>{label}</summary>
            <div class="confirm-panel">
                <p>{consequence}</p>
                <button type="submit" class=class disabled=pending aria-label=confirm_name>{t.tr_with("Xác nhận: {name}", &[("name", &label)])}</button>
            </div>
        </details>
    }
}
