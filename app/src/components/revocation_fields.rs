use leptos::prelude::*;

use crate::components::FormField;
use crate::domain::RevocationGround;
use crate::error::AppError;
use crate::language::use_language;

/// The fields of a revocation: one of the six grounds, the decision's number and its date,
/// named as the form's server function reads them.
#[component]
pub fn RevocationFields(
    error: Signal<Option<AppError>>,
    ground: &'static str,
    number: &'static str,
    date: &'static str,
) -> impl IntoView {
    let t = use_language();
    view! {
        <GroundField error name=ground label=t.tr("Căn cứ thu hồi")/>
        <FormField label=t.tr("Số quyết định thu hồi") name=number error/>
        <FormField label=t.tr("Ngày quyết định thu hồi") name=date kind="date" error/>
    }
}

/// One of the six grounds of revocation, as a choice named `name`.
#[component]
pub fn GroundField(error: Signal<Option<AppError>>, name: &'static str, label: &'static str) -> impl IntoView {
    let t = use_language();
    let message = move || error.get().and_then(|e| e.message_about(name, t));
    let chosen = move || error.get().and_then(|e| e.kept(name).map(str::to_string)).unwrap_or_default();
    view! {
        <div class="field">
            <label for=name>{label}</label>
            <select id=name name=name>
                <option value="">{t.tr("Chọn căn cứ")}</option>
                {RevocationGround::ALL
                    .into_iter()
                    .map(|g| view! {
                        <option value=g.code() selected=move || chosen() == g.code()>{g.label(t)}</option>
                    })
                    .collect_view()}
            </select>
            <p class="field-error">{message}</p>
        </div>
    }
}
