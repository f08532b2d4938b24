use leptos::prelude::*;

use crate::error::AppError;
use crate::language::use_language;

/// A labelled input that shows the refusal about it right beneath, and, after a form posted
/// without JavaScript came back refused, what the person had typed (never a password).
#[component]
pub fn FormField(
    label: &'static str,
    name: &'static str,
    /// The last refusal of the form this field belongs to.
    error: Signal<Option<AppError>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
    /// What the field holds before anything is typed (a saved record).
    #[prop(optional, into)]
    value: Option<Signal<String>>,
) -> impl IntoView {
    let language = use_language();
    let message = move || error.get().and_then(|e| e.message_about(name, language));
    let kept = move || {
        let typed = error.get().and_then(|e| e.kept(name).map(str::to_string));
        typed.or_else(|| value.map(|v| v.get())).filter(|_| kind != "password")
    };
    let (error_id, hint_id, described_by) = descriptions(name, hint, message);
    view! {
        <div class="field">
            <label for=name>{label}</label>
            {hint.map(|text| view! { <p class="field-hint" id=hint_id.clone()>{text}</p> })}
            <input
                id=name
                name=name
                type=kind
                autocomplete=autocomplete
                inputmode=inputmode
                value=kept
                aria-invalid=move || message().map(|_| "true")
                aria-describedby=described_by
            />
            {move || message().map(|text| view! { <p class="field-error" id=error_id.clone()>{text}</p> })}
        </div>
    }
}

/// A labelled text area, like `FormField`: after a refusal it shows what was typed, not `value`.
#[component]
pub fn FormTextArea(
    label: &'static str,
    name: &'static str,
    error: Signal<Option<AppError>>,
    /// What it holds before anything is typed (a saved record).
    value: String,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let language = use_language();
    let message = move || error.get().and_then(|e| e.message_about(name, language));
    let kept = move || error.get().and_then(|e| e.kept(name).map(str::to_string)).unwrap_or_else(|| value.clone());
    let (error_id, hint_id, described_by) = descriptions(name, hint, message);
    view! {
        <div class="field">
            <label for=name>{label}</label>
            {hint.map(|text| view! { <p class="field-hint" id=hint_id.clone()>{text}</p> })}
            <textarea id=name name=name rows="5" aria-invalid=move || message().map(|_| "true") aria-describedby=described_by>
                {move || super::server_escaped(kept())}
            </textarea>
            {move || message().map(|text| view! { <p class="field-error" id=error_id.clone()>{text}</p> })}
        </div>
    }
}

/// The ids of a field's refusal and hint, and its `aria-describedby` naming those shown.
fn descriptions(
    name: &str,
    hint: Option<&'static str>,
    message: impl Fn() -> Option<String> + Send + Sync + 'static,
) -> (String, String, impl Fn() -> Option<String> + Send + Sync + 'static) {
    let error_id = format!("{name}-loi");
    let hint_id = format!("{name}-goi-y");
    let described_by = {
        let (error_id, hint_id) = (error_id.clone(), hint_id.clone());
        move || {
            let ids: Vec<&str> =
                [hint.map(|_| hint_id.as_str()), message().map(|_| error_id.as_str())].into_iter().flatten().collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    (error_id, hint_id, described_by)
}

/// A labelled drop-down with the refusal about it beneath; `options` are (value, text) pairs.
#[component]
pub fn FormSelect(
    label: &'static str,
    name: &'static str,
    error: Signal<Option<AppError>>,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    /// The chosen value.
    #[prop(into)]
    selected: Signal<String>,
    /// The first, empty choice ("Chọn …").
    placeholder: &'static str,
    #[prop(optional)] on_choose: Option<Callback<String>>,
) -> impl IntoView {
    let language = use_language();
    let message = move || error.get().and_then(|e| e.message_about(name, language));
    let error_id = format!("{name}-loi");
    // A choice made on a slow phone before the WASM arrived fired no handler: pass it on once
    // hydrated, so that (for one) a province chosen early still brings its communes.
    let select = NodeRef::<leptos::html::Select>::new();
    Effect::new(move |_| {
        if let (Some(on_choose), Some(select)) = (on_choose, select.get()) {
            let shown = select.value();
            if !shown.is_empty() && shown != selected.get_untracked() {
                on_choose.run(shown);
            }
        }
    });
    view! {
        <div class="field">
            <label for=name>{label}</label>
            <select
                node_ref=select
                id=name
                name=name
                aria-invalid=move || message().map(|_| "true")
                aria-describedby=move || message().map(|_| format!("{name}-loi"))
                on:change=move |ev| {
                    if let Some(on_choose) = on_choose {
                        on_choose.run(event_target_value(&ev));
                    }
                }
            >
                <option value="">{placeholder}</option>
                {move || {
                    let chosen = selected.get();
                    options
                        .get()
                        .into_iter()
                        .map(|(value, text)| {
                            let is_chosen = value == chosen;
                            view! { <option value=value selected=is_chosen>{text}</option> }
                        })
                        .collect_view()
                }}
            </select>
            {move || message().map(|text| view! { <p class="field-error" id=error_id.clone()>{text}</p> })}
        </div>
    }
}

/// A form's refusal at its top, taking the focus (the error summary of GOV.UK's pattern), so
/// that someone sent back to the top of a long page (a form posted before the page was live
/// comes back as a new page) or who cannot see the field is brought to it: a refusal not tied
/// to one of `fields` is said here; one that is links to its field, where it is said; several
/// are each said and linked.
#[component]
pub fn FormError(error: Signal<Option<AppError>>, fields: &'static [&'static str]) -> impl IntoView {
    let language = use_language();
    let summary = NodeRef::<leptos::html::Div>::new();
    // Once live: a refusal arriving moves the focus to it (a page drawn by the server has
    // `autofocus` for that).
    Effect::new(move |_| {
        if let (Some(_), Some(summary)) = (error.get(), summary.get()) {
            let _ = summary.focus();
        }
    });
    move || {
        error.get().map(|e| {
            let refused: Vec<(String, String)> = e
                .refusals(language)
                .into_iter()
                .filter(|(field, _)| fields.contains(field))
                .map(|(field, message)| (field.to_string(), message.to_string()))
                .collect();
            let said = match refused.as_slice() {
                [] => view! { <p class="form-error">{e.message(language)}</p> }.into_any(),
                [(field, _)] => view! {
                    <p class="form-error">
                        {language.tr("Một ô chưa đúng:")} " " <a href=format!("#{field}")>{language.tr("đi tới ô đó")}</a> "."
                    </p>
                }
                .into_any(),
                // Several: each said here too, as a link to its field (GOV.UK's list).
                several => {
                    let links = several
                        .iter()
                        .map(|(field, message)| view! { <li><a href=format!("#{field}")>{message.clone()}</a></li> })
                        .collect_view();
                    view! {
                        <p class="form-error">{language.tr_count("{n} ô chưa đúng:", several.len() as u64, &[("n", &several.len())])}</p>
                        <ul class="error-list">{links}</ul>
                    }
                    .into_any()
                }
            };
            view! {
                <div class="error-summary" role="alert" tabindex="-1" autofocus node_ref=summary>{said}</div>
            }
        })
    }
}

/// The refusal held by a server action, as a signal the fields read.
/// Whether the form's last submission succeeded: the action's own answer once it has one (a
/// later refusal hides an earlier success), else the flag the no-JavaScript redirect put in the
/// address (`?da_luu`), which stays in the address through later submissions.
pub fn action_succeeded<T: 'static>(
    value: impl Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
    flagged: impl Fn() -> bool + Send + Sync + 'static,
) -> Signal<bool> {
    Signal::derive(move || match value.get() {
        Some(result) => result.is_ok(),
        None => flagged(),
    })
}

pub fn action_error<T: 'static>(
    value: impl Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
) -> Signal<Option<AppError>> {
    Signal::derive(move || value.get().and_then(|result| result.err()))
}
