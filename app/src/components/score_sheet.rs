use std::collections::BTreeMap;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::api::{get_council_sheet, get_dossier, SaveCouncilSheet, SaveSelfAssessment};
use crate::browser_draft;
use crate::components::StarRating;
use crate::domain::{assess, Assessment, Choices, Criterion, ScoreSheet};
use crate::error::AppError;
use crate::language::{use_language, Language};
use crate::model::{choice_field, choices_to_fields};

/// Whose sheet an editor holds: the producer's self-assessment or a council member's sheet.
/// Each saves through its own server function; everything else is the same form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetOwner {
    Producer,
    CouncilMember,
}

/// Notes beside criteria (council sheets only) and how a change to one is written.
type Notes = Option<(RwSignal<BTreeMap<String, String>>, Callback<(String, String)>)>;

/// What the browser keeps: the choices, the notes and the server version they started from.
#[derive(Serialize, Deserialize)]
struct Draft {
    version: i64,
    choices: Choices,
    #[serde(default)]
    notes: BTreeMap<String, String>,
}

/// A whole score sheet as a form: one choice per criterion, the running total, the predicted
/// stars and what blocks the next star, computed as the person goes by the shared engine. Saved
/// to the server one save at a time as they go, kept in the browser in case the connection
/// drops, and sent again when it comes back. Without JavaScript it is a plain form.
#[component]
pub fn SheetEditor(
    owner: SheetOwner,
    dossier_id: i64,
    sheet: ScoreSheet,
    choices: Choices,
    /// Notes beside criteria, for a council sheet.
    notes: Option<BTreeMap<String, String>>,
    /// The server version the sheet was read at; the page's other forms read it too.
    version: RwSignal<i64>,
    editable: bool,
    summary_label: &'static str,
) -> impl IntoView {
    let draft_key = match owner {
        SheetOwner::Producer => format!("ocop-tu-danh-gia-{dossier_id}"),
        SheetOwner::CouncilMember => format!("ocop-phieu-cham-{dossier_id}"),
    };
    let with_notes = notes.is_some();
    let sheet = StoredValue::new(sheet);
    let choices = RwSignal::new(choices);
    let notes = RwSignal::new(notes.unwrap_or_default());
    let assessment = Memo::new(move |_| sheet.with_value(|s| assess(s, &choices.get()).ok()));
    let save_self = ServerAction::<SaveSelfAssessment>::new();
    let save_council = ServerAction::<SaveCouncilSheet>::new();
    let pending = Signal::derive(move || match owner {
        SheetOwner::Producer => save_self.pending().get(),
        SheetOwner::CouncilMember => save_council.pending().get(),
    });
    let value = Signal::derive(move || match owner {
        SheetOwner::Producer => save_self.value().get(),
        SheetOwner::CouncilMember => save_council.value().get(),
    });
    let unsaved = RwSignal::new(false);
    let restored = RwSignal::new(false);
    let t = use_language();

    // Every state of the choices sent from this page: a newer server version holding one of
    // them was written by this page (a save that landed after a reload), not by someone else.
    let sent = StoredValue::new(Vec::<Choices>::new());
    let dispatch = move || {
        unsaved.set(false);
        let now = choices.get_untracked();
        sent.update_value(|all| all.push(now.clone()));
        let fields = Some(choices_to_fields(&now));
        let version = version.get_untracked();
        match owner {
            SheetOwner::Producer => {
                save_self.dispatch(SaveSelfAssessment { dossier_id, version, choices: fields });
            }
            SheetOwner::CouncilMember => {
                let notes = notes.get_untracked().into_iter().map(|(code, note)| (choice_field(&code), note)).collect();
                save_council.dispatch(SaveCouncilSheet { dossier_id, version, choices: fields, notes: Some(notes) });
            }
        }
    };
    // Saves one at a time, each from the version the last one returned; choices made while a
    // save is under way go in the next.
    Effect::new(move |_| match value.get() {
        Some(Ok(new_version)) => {
            version.set(new_version);
            if unsaved.get_untracked() {
                dispatch();
            }
        }
        // Refused as stale: if the newer copy is one this page sent, carry on from it;
        // otherwise someone else saved, and the sentence asks for a reload.
        Some(Err(err)) if err.field() == Some("version") => {
            leptos::task::spawn_local(async move {
                if let Some((latest_version, latest, open)) = latest(owner, dossier_id).await {
                    let ours = sent.with_value(|all| all.contains(&latest));
                    if ours && open && latest_version != version.get_untracked() {
                        version.set(latest_version);
                        dispatch();
                    }
                }
            });
        }
        // The connection dropped: the draft is on this device; send it when it comes back.
        Some(Err(AppError::Transport(_) | AppError::Unavailable)) => unsaved.set(true),
        _ => {}
    });
    #[cfg(feature = "hydrate")]
    {
        let handle = window_event_listener(leptos::ev::online, move |_| {
            if editable && unsaved.get_untracked() && !pending.get_untracked() {
                dispatch();
            }
        });
        on_cleanup(move || handle.remove());
    }
    // At hydration the radio buttons hold the truth: choices made while the page was still
    // loading count. Otherwise unsaved choices from an earlier visit on this device come back,
    // if the server copy has not moved on since. The buttons are never redrawn from the
    // signal, so a click is never undone.
    let sheet_ref = NodeRef::<leptos::html::Div>::new();
    {
        let draft_key = draft_key.clone();
        Effect::new(move |_| {
            let Some(root) = sheet_ref.get() else { return };
            if !editable {
                return;
            }
            let on_screen = radio_choices(&root);
            if on_screen != choices.get_untracked() {
                choices.set(on_screen);
                dispatch();
            } else if let Some(draft) = browser_draft::load::<Draft>(&draft_key) {
                let differs = draft.choices != choices.get_untracked() || draft.notes != notes.get_untracked();
                if draft.version == version.get_untracked() && differs {
                    show_choices(&root, &draft.choices);
                    choices.set(draft.choices);
                    notes.set(draft.notes);
                    restored.set(true);
                    dispatch();
                }
            }
        });
    }
    let keep_draft = {
        let draft_key = draft_key.clone();
        move || {
            let draft = Draft {
                version: version.get_untracked(),
                choices: choices.get_untracked(),
                notes: notes.get_untracked(),
            };
            browser_draft::keep(&draft_key, &draft);
            if pending.get_untracked() {
                unsaved.set(true);
            } else {
                dispatch();
            }
        }
    };
    let choose = {
        let keep_draft = keep_draft.clone();
        Callback::new(move |(criterion, option): (String, usize)| {
            choices.update(|c| {
                c.choose(&criterion, option);
            });
            keep_draft();
        })
    };
    let write_note: Notes = with_notes.then(|| {
        (
            notes,
            Callback::new(move |(criterion, note): (String, String)| {
                notes.update(|n| {
                    n.insert(criterion, note);
                });
                keep_draft();
            }),
        )
    });
    let save_state = move || match (pending.get(), value.get()) {
        (true, _) => ("saving", t.tr("Đang lưu…").to_string()),
        (false, Some(Err(AppError::Transport(_) | AppError::Unavailable))) => {
            ("failed", t.tr("Mất kết nối: phiếu được giữ trên máy này và sẽ tự gửi khi có mạng trở lại.").to_string())
        }
        (false, Some(Err(err))) => ("failed", err.message(t)),
        (false, Some(Ok(_))) => ("saved", t.tr("Đã lưu bản nháp.").to_string()),
        (false, None) => ("idle", String::new()),
    };

    let parts = sheet
        .with_value(|s| {
            s.parts
                .iter()
                .map(|part| {
                    let title = t.tr_with(
                        "Phần {part}: {label} (tối đa {max} điểm)",
                        &[("part", &part.code), ("label", &part.label), ("max", &part.max_points)],
                    );
                    // A part folds away once done (the sheet is many screens tall on a phone);
                    // its answers still go with the form, and a link to one of its questions
                    // opens it again.
                    view! {
                        <details class="sheet-part" open>
                            <summary>{title.clone()}</summary>
                            <fieldset class="sheet-part-criteria" disabled=!editable aria-label=title>
                                {part.criteria.iter().map(|c| criterion_view(c, choices, choose, write_note, t)).collect_view()}
                            </fieldset>
                        </details>
                    }
                })
                .collect_view()
        })
        .into_any();
    let actions = editable
        .then(|| {
            view! {
                <div class="sheet-actions">
                    <button type="submit">{t.tr("Lưu bản nháp")}</button>
                    <p class=move || format!("save-state save-{}", save_state().0) role="status">{move || save_state().1}</p>
                </div>
            }
        })
        .into_any();
    let fields = view! {
        <input type="hidden" name="dossier_id" value=dossier_id/>
        <input type="hidden" name="version" value=move || version.get()/>
        <div node_ref=sheet_ref>{parts}</div>
        {actions}
    }
    .into_any();
    let form = match owner {
        SheetOwner::Producer => {
            view! { <ActionForm action=save_self attr:class="sheet">{fields}</ActionForm> }.into_any()
        }
        SheetOwner::CouncilMember => {
            view! { <ActionForm action=save_council attr:class="sheet">{fields}</ActionForm> }.into_any()
        }
    };
    view! {
        <Show when=move || restored.get()>
            <p class="notice" role="status">{t.tr("Đã khôi phục các lựa chọn chưa kịp lưu trên thiết bị này.")}</p>
        </Show>
        <div class="sheet-layout">
            <ScoreBar assessment/>
            {form}
            <Summary assessment label=summary_label/>
        </div>
    }
    // Erased: the pages holding a sheet are otherwise too deep a type for the compiler.
    .into_any()
}

/// The server's copy of a sheet: its version, its choices, and whether it may still change.
async fn latest(owner: SheetOwner, dossier_id: i64) -> Option<(i64, Choices, bool)> {
    match owner {
        SheetOwner::Producer => {
            get_dossier(dossier_id).await.ok().map(|d| (d.version, d.choices, d.state.is_editable_by_producer()))
        }
        SheetOwner::CouncilMember => {
            get_council_sheet(dossier_id).await.ok().map(|s| (s.version, s.choices, !s.submitted && !s.closed))
        }
    }
}

/// The choices the radio buttons under `root` show.
fn radio_choices(root: &leptos::web_sys::HtmlDivElement) -> Choices {
    #[cfg(feature = "hydrate")]
    {
        radios(root)
            .into_iter()
            .filter(|radio| radio.checked())
            .filter_map(|radio| Some((criterion_of(&radio.name())?, radio.value().parse().ok()?)))
            .collect()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = root;
        Choices::new()
    }
}

/// Sets the radio buttons under `root` to `choices`.
fn show_choices(root: &leptos::web_sys::HtmlDivElement, choices: &Choices) {
    #[cfg(feature = "hydrate")]
    for radio in radios(root) {
        let chosen = criterion_of(&radio.name()).and_then(|code| choices.get(&code));
        radio.set_checked(chosen.is_some_and(|option| option.to_string() == radio.value()));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (root, choices);
}

#[cfg(feature = "hydrate")]
fn radios(root: &leptos::web_sys::HtmlDivElement) -> Vec<web_sys::HtmlInputElement> {
    use wasm_bindgen::JsCast;
    let Ok(list) = root.query_selector_all("input[type=radio]") else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<web_sys::HtmlInputElement>().ok()).collect()
}

/// `choices[c1.2]` → `1.2`.
#[cfg(feature = "hydrate")]
fn criterion_of(field: &str) -> Option<String> {
    field.strip_prefix("choices[c")?.strip_suffix(']').map(str::to_string)
}

/// The id of a criterion's question on the page, for links that jump to it.
fn criterion_anchor(code: &str) -> String {
    format!("tieu-chi-{}", code.replace('.', "-"))
}

/// A link to criterion `code`'s question, opening the folded part that holds it first: a page
/// not yet live has the browser do that on the jump, a live one scrolls through the router,
/// which does not.
fn question_link(code: &str, text: String) -> impl IntoView {
    let anchor = criterion_anchor(code);
    let href = format!("#{anchor}");
    let open_its_part = move |_| {
        let part =
            document().get_element_by_id(&anchor).and_then(|question| question.closest("details").ok().flatten());
        if let Some(part) = part {
            let _ = part.set_attribute("open", "");
        }
    };
    view! { <a href=href on:click=open_its_part>{text}</a> }
}

/// A criterion: a group of sub-criteria, or a question with one radio button per option (and,
/// on a council sheet, a note).
fn criterion_view(
    criterion: &Criterion,
    choices: RwSignal<Choices>,
    choose: Callback<(String, usize)>,
    notes: Notes,
    t: Language,
) -> AnyView {
    let heading = t.tr_count(
        "{code}. {label} ({n} điểm)",
        criterion.max_points as u64,
        &[("code", &criterion.code), ("label", &criterion.label), ("n", &criterion.max_points)],
    );
    if !criterion.is_scorable() {
        return view! {
            <div class="criterion-group">
                <p class="criterion-group-title">{heading}</p>
                {criterion.children.iter().map(|c| criterion_view(c, choices, choose, notes, t)).collect_view()}
            </div>
        }
        .into_any();
    }
    let note = notes.map(|(notes, write)| {
        let code = criterion.code.clone();
        let id = format!("ghi-chu-{}", code.replace('.', "-"));
        let text = notes.with_untracked(|n| n.get(&code).cloned().unwrap_or_default());
        view! {
            <label class="criterion-note-label" for=id.clone()>{t.tr_with("Ghi chú tiêu chí {code}", &[("code", &code)])}</label>
            <textarea id=id name=format!("notes[{}]", choice_field(&code)) rows="2"
                on:change=move |ev| write.run((code.clone(), event_target_value(&ev)))>{super::server_escaped(text)}</textarea>
        }
    });
    let code = criterion.code.clone();
    let field = format!("choices[{}]", choice_field(&code));
    view! {
        <fieldset class="criterion" id=criterion_anchor(&criterion.code)>
            <legend>{heading}</legend>
            {criterion.note.clone().map(|note| view! { <p class="criterion-note">{note}</p> })}
            {criterion
                .options
                .iter()
                .enumerate()
                .map(|(index, option)| {
                    let code = code.clone();
                    let chosen_now = choices.with_untracked(|c| c.get(&code) == Some(index));
                    view! {
                        <label class="option">
                            <input
                                type="radio"
                                name=field.clone()
                                value=index
                                checked=chosen_now
                                on:change=move |_| choose.run((code.clone(), index))
                            />
                            <span>{option.label.clone()}</span>
                            <span class="option-points">{t.tr_count("{n} điểm", option.points as u64, &[("n", &option.points)])}</span>
                        </label>
                    }
                })
                .collect_view()}
            {note}
        </fieldset>
    }
    .into_any()
}

/// The running result in one line kept at the top of a phone's screen while the sheet scrolls
/// under it (on wide screens the whole summary stays beside the sheet): the total, the stars
/// expected, and what keeps the next star away, each criterion a link to its question.
#[component]
fn ScoreBar(assessment: Memo<Option<Assessment>>) -> impl IntoView {
    let t = use_language();
    view! {
        <div class="score-bar" role="status" aria-label=t.tr("Điểm hiện tại")>
            {move || assessment.get().map(|a| {
                let stars = if a.certifiable() {
                    t.tr_count("Dự kiến {n} sao", a.stars.get() as u64, &[("n", &a.stars.get())])
                } else {
                    t.tr("Chưa đủ 3 sao").to_string()
                };
                let blocking: Vec<String> = a.blocking_next.iter().map(|r| r.criterion_code.clone()).collect();
                let unanswered = a.unanswered.clone();
                view! {
                    <strong>{format!("{}/100", a.total)}</strong>
                    {format!(" · {stars}")}
                    {(!blocking.is_empty()).then(|| view! {
                        <span class="score-bar-blocking">
                            " · " {t.tr_with("Lên {n} sao cần:", &[("n", &(a.stars.get() + 1))])} " "
                            {blocking.iter().enumerate().map(|(i, code)| view! { {(i > 0).then_some(", ")} {question_link(code, code.clone())} }).collect_view()}
                        </span>
                    })}
                    {unanswered.first().map(|first| view! {
                        <span class="score-bar-missing">
                            " · "
                            {t.tr_count("Còn {n} tiêu chí chưa chọn,", unanswered.len() as u64, &[("n", &unanswered.len())])}
                            " "
                            {question_link(first, t.tr_with("đầu tiên: {code}", &[("code", first)]))}
                        </span>
                    })}
                }
            })}
        </div>
    }
}

/// The running result, beside the sheet on wide screens and under it on phones.
#[component]
fn Summary(assessment: Memo<Option<Assessment>>, label: &'static str) -> impl IntoView {
    let t = use_language();
    view! {
        <aside class="assessment-summary" aria-label=label>
            {move || assessment.get().map(|a| {
                let stars = a.stars.get();
                let verdict = if a.certifiable() {
                    t.tr_count("Dự kiến đạt {n} sao", stars as u64, &[("n", &stars)])
                } else {
                    t.tr("Dự kiến chưa đạt 3 sao: chưa đủ để được công nhận OCOP").to_string()
                };
                view! {
                    <p class="summary-verdict" aria-live="polite">
                        {a.certifiable().then(|| view! { <StarRating stars/> })} " " {verdict}
                    </p>
                    <p class="summary-total">{t.tr_with("Tổng điểm: {total}/100", &[("total", &a.total)])}</p>
                    <ul class="summary-parts">
                        {a.part_totals.iter().map(|(part, points, max)| view! {
                            <li>{t.tr_with("Phần {part}: {points}/{max}", &[("part", part), ("points", points), ("max", max)])}</li>
                        }).collect_view()}
                    </ul>
                    {(!a.unanswered.is_empty()).then(|| view! {
                        <p class="summary-missing">
                            {t.tr_count(
                                "Còn {n} tiêu chí chưa chọn (tính 0 điểm).",
                                a.unanswered.len() as u64,
                                &[("n", &a.unanswered.len())],
                            )}
                        </p>
                    })}
                    {(a.stars < a.band).then(|| view! {
                        <p class="summary-cap">{t.tr_with(
                            "Điểm đủ {band} sao, nhưng chưa đạt yêu cầu tối thiểu nên chỉ được {stars} sao.",
                            &[("band", &a.band.get()), ("stars", &stars)],
                        )}</p>
                    })}
                    {a.points_to_next.filter(|_| a.stars == a.band).map(|points| view! {
                        <p>{t.tr_count(
                            "Cần thêm {points} điểm để lên {n} sao.",
                            points as u64,
                            &[("points", &points), ("n", &(a.band.get() + 1).max(3))],
                        )}</p>
                    })}
                    {(!a.blocking_next.is_empty()).then(|| view! {
                        <div class="summary-blocking">
                            <p>{t.tr_with("Để lên {n} sao, cần đạt:", &[("n", &(stars + 1))])}</p>
                            <ul>
                                {a.blocking_next.iter().map(|r| view! {
                                    <li>{format!("{}. {}: {}", r.criterion_code, r.criterion_label, r.required_option_label)}</li>
                                }).collect_view()}
                            </ul>
                        </div>
                    })}
                }
                .into_any()
            })}
        </aside>
    }
}
