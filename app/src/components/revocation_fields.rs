use leptos::prelude::*;

use crate::components::FormField;
use crate::domain::RevocationGround;
use crate::error::AppError;

/// The fields of a revocation: one of the six grounds, the decision's number and its date,
/// named as the form's server function reads them.
#[component]
pub fn RevocationFields(
    error: Signal<Option<AppError>>,
    ground: &'static str,
    number: &'static str,
    date: &'static str,
) -> impl IntoView {
    view! {
        <GroundField error name=ground label="Căn cứ thu hồi"/>
        <FormField label="Số quyết định thu hồi" name=number error/>
        <FormField label="Ngày quyết định thu hồi" name=date kind="date" error/>
    }
}

/// One of the six grounds of revocation, as a choice named `name`.
#[component]
pub fn GroundField(error: Signal<Option<AppError>>, name: &'static str, label: &'static str) -> impl IntoView {
    let message = move || error.get().and_then(|e| e.message_about(name, crate::language::use_language()));
    let chosen = move || error.get().and_then(|e| e.kept(name).map(str::to_string)).unwrap_or_default();
    view! {
        <div class="field">
            <label for=name>{label}</label>
            <select id=name name=name>
                <option value="">"Chọn căn cứ"</option>
                {RevocationGround::ALL
                    .into_iter()
                    .map(|g| view! { <option value=g.code() selected=move || chosen() == g.code()>{g.label_vi()}</option> })
                    .collect_view()}
            </select>
            <p class="field-error">{message}</p>
        </div>
    }
}
