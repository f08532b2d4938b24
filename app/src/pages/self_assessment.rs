use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

use crate::api::{get_dossier, SaveSelfAssessment, SubmitDossier};
use crate::browser_draft;
use crate::components::{
    action_error, portal_refusal, set_not_found_status, EvidenceList, FormError, StarRating, Timeline,
};
use crate::domain::{assess, Assessment, Choices, Criterion, DocumentKind, EvidenceRefusal};
use crate::error::AppError;
use crate::model::{choice_field, choices_to_fields, DossierDetail, EvidenceItem};

/// The self-assessment (Mẫu 02): the product's whole score sheet, one choice per criterion,
/// with the total, the predicted stars and what blocks the next star computed as the producer
/// goes by the same engine the council's result uses. Saved to the server as they go, and
/// kept in the browser in case the connection drops.
#[component]
pub fn SelfAssessmentPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").and_then(|id| id.parse::<i64>().ok());
    // Read again after a submission, which comes back to this page with `da_nop`.
    let dossier = Resource::new(
        move || (id(), query.read().get("da_nop")),
        |(id, _)| async move {
            match id {
                Some(id) => get_dossier(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Title text="Tự đánh giá sản phẩm"/>
        <Meta name="robots" content="noindex"/>
        <section class="portal self-assessment">
            <Suspense fallback=|| view! { <p class="loading">"Đang tải phiếu đánh giá…"</p> }>
                {move || Suspend::new(async move {
                    match dossier.await {
                        Ok(detail) => view! { <SheetForm detail/> }.into_any(),
                        Err(AppError::NotFound) => {
                            set_not_found_status();
                            view! {
                                <h1>"Không tìm thấy hồ sơ"</h1>
                                <p>"Hồ sơ này không có, hoặc không thuộc chủ thể của bạn."</p>
                                <p><a href="/san-pham-cua-toi">"Về danh sách sản phẩm của tôi"</a></p>
                            }
                            .into_any()
                        }
                        Err(err) => portal_refusal(err, &format!("/ho-so-danh-gia/{}", id().unwrap_or_default())),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// What the browser keeps: the choices and the server version they started from.
#[derive(Serialize, Deserialize)]
struct Draft {
    version: i64,
    choices: Choices,
}

#[component]
fn SheetForm(detail: DossierDetail) -> impl IntoView {
    let editable = detail.state.is_editable_by_producer();
    let dossier_id = detail.id;
    let draft_key = format!("ocop-tu-danh-gia-{dossier_id}");
    let sheet = StoredValue::new(detail.sheet);
    let choices = RwSignal::new(detail.choices);
    let version = RwSignal::new(detail.version);
    let assessment = Memo::new(move |_| sheet.with_value(|s| assess(s, &choices.get()).ok()));
    let save = ServerAction::<SaveSelfAssessment>::new();
    let unsaved = RwSignal::new(false);
    let restored = RwSignal::new(false);

    // Every state of the choices sent from this page: a newer server version holding one of
    // them was written by this page (a save that landed after a reload), not by someone else.
    let sent = StoredValue::new(Vec::<Choices>::new());
    let dispatch = move || {
        unsaved.set(false);
        let now = choices.get_untracked();
        sent.update_value(|all| all.push(now.clone()));
        save.dispatch(SaveSelfAssessment {
            dossier_id,
            version: version.get_untracked(),
            choices: Some(choices_to_fields(&now)),
        });
    };
    // Saves one at a time, each from the version the last one returned; choices made while a
    // save is under way go in the next.
    Effect::new(move |_| match save.value().get() {
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
                if let Ok(latest) = get_dossier(dossier_id).await {
                    let ours = sent.with_value(|all| all.contains(&latest.choices));
                    if ours && latest.state.is_editable_by_producer() && latest.version != version.get_untracked() {
                        version.set(latest.version);
                        dispatch();
                    }
                }
            });
        }
        _ => {}
    });
    // At hydration the radio buttons hold the truth: choices made while the page was still
    // loading count. Otherwise unsaved choices from an earlier visit on this device come back,
    // if the server copy has not moved on since. The buttons are never redrawn from the
    // signal, so a click is never undone.
    let sheet_ref = NodeRef::<leptos::html::Div>::new();
    {
        let draft_key = draft_key.clone();
        Effect::new(move |_| {
            let Some(root) = sheet_ref.get() else { return };
            let on_screen = radio_choices(&root);
            if on_screen != choices.get_untracked() {
                choices.set(on_screen);
                dispatch();
            } else if let Some(draft) = browser_draft::load::<Draft>(&draft_key) {
                if draft.version == version.get_untracked() && draft.choices != choices.get_untracked() {
                    show_choices(&root, &draft.choices);
                    choices.set(draft.choices);
                    restored.set(true);
                    dispatch();
                }
            }
        });
    }
    let choose = Callback::new(move |(criterion, option): (String, usize)| {
        choices.update(|c| {
            c.choose(&criterion, option);
        });
        browser_draft::keep(&draft_key, &Draft { version: version.get_untracked(), choices: choices.get_untracked() });
        if save.pending().get_untracked() {
            unsaved.set(true);
        } else {
            dispatch();
        }
    });
    let save_state = move || match (save.pending().get(), save.value().get()) {
        (true, _) => ("saving", "Đang lưu…".to_string()),
        (false, Some(Err(err))) => ("failed", err.message_vi()),
        (false, Some(Ok(_))) => ("saved", "Đã lưu bản nháp.".to_string()),
        (false, None) => ("idle", String::new()),
    };

    // Built in pieces: one view of the whole page nests too deep for the compiler.
    let heading = view! {
        <h1>{format!("Tự đánh giá: {}", detail.product_name)}</h1>
        <p class="muted">
            {format!("{} · {} · Phiếu: {}", detail.kind.label_vi(), detail.state.label_vi(), sheet.with_value(|s| s.name.clone()))}
        </p>
        <Show when=move || restored.get()>
            <p class="notice" role="status">"Đã khôi phục các lựa chọn chưa kịp lưu trên thiết bị này."</p>
        </Show>
        {(!editable).then(|| view! {
            <p class="notice" role="status">"Hồ sơ đã nộp. Phiếu tự đánh giá chỉ còn để xem; theo dõi tiến trình ở cuối trang."</p>
        })}
    }
    .into_any();
    let parts = sheet
        .with_value(|s| {
            s.parts
                .iter()
                .map(|part| {
                    view! {
                        <fieldset class="sheet-part" disabled=!editable>
                            <legend>{format!("Phần {}: {} (tối đa {} điểm)", part.code, part.label, part.max_points)}</legend>
                            {part.criteria.iter().map(|c| criterion_view(c, choices, choose)).collect_view()}
                        </fieldset>
                    }
                })
                .collect_view()
        })
        .into_any();
    let actions = editable
        .then(|| {
            view! {
                <div class="sheet-actions">
                    <button type="submit">"Lưu bản nháp"</button>
                    <p class=move || format!("save-state save-{}", save_state().0) role="status">{move || save_state().1}</p>
                </div>
            }
        })
        .into_any();
    let form = view! {
        <ActionForm action=save attr:class="sheet">
            <input type="hidden" name="dossier_id" value=dossier_id/>
            <input type="hidden" name="version" value=move || version.get()/>
            <div node_ref=sheet_ref>{parts}</div>
            {actions}
        </ActionForm>
    }
    .into_any();
    let timeline = detail.timeline;
    let state = detail.state;
    let evidence = detail.evidence;
    view! {
        {heading}
        <div class="sheet-layout">
            {form}
            <Summary assessment/>
        </div>
        <Evidence dossier_id items=evidence editable/>
        {editable.then(|| view! { <Submission dossier_id version/> })}
        <Timeline steps=timeline state/>
    }
}

/// The documents of the dossier, and a plain upload form (the same with or without JavaScript).
#[component]
fn Evidence(dossier_id: i64, items: Vec<EvidenceItem>, editable: bool) -> impl IntoView {
    let query = use_query_map();
    let refusal = move || query.read().get("tai_lieu").and_then(|code| EvidenceRefusal::from_code(&code));
    let uploaded = move || query.read().get("da_tai_len").is_some();
    view! {
        <section class="evidence" id="tai-lieu" aria-labelledby="tai-lieu-tieu-de">
            <h2 id="tai-lieu-tieu-de">"Tài liệu kèm theo"</h2>
            <EvidenceList items/>
            {editable.then(|| view! {
                <Show when=uploaded>
                    <p class="notice" role="status">"Đã tải lên tài liệu."</p>
                </Show>
                {move || refusal().map(|r| view! { <p class="form-error" role="alert" id="tep-loi">{r.message_vi()}</p> })}
                <form method="post" enctype="multipart/form-data" action=format!("/ho-so-danh-gia/{dossier_id}/tai-lieu") class="evidence-form">
                    <div class="field">
                        <label for="kind">"Loại tài liệu"</label>
                        <select id="kind" name="kind">
                            <option value="">"Chọn loại tài liệu"</option>
                            {DocumentKind::ALL.into_iter().map(|k| view! { <option value=k.code()>{k.label_vi()}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="file">"Tệp (PDF, JPEG, PNG hoặc WebP; tối đa 20 MB)"</label>
                        <input id="file" name="file" type="file"
                            accept=".pdf,.jpg,.jpeg,.png,.webp,application/pdf,image/jpeg,image/png,image/webp"
                            aria-describedby=move || refusal().map(|_| "tep-loi")/>
                    </div>
                    <button type="submit">"Tải lên"</button>
                </form>
            })}
        </section>
    }
}

/// Sending the dossier to the commune.
#[component]
fn Submission(dossier_id: i64, version: RwSignal<i64>) -> impl IntoView {
    let submit = ServerAction::<SubmitDossier>::new();
    let error = action_error(submit.value());
    view! {
        <section class="submission" aria-labelledby="nop-ho-so">
            <h2 id="nop-ho-so">"Nộp hồ sơ"</h2>
            <p>"Hồ sơ được gửi tới UBND cấp xã. Sau khi nộp, bạn không sửa được nữa, trừ khi hồ sơ được trả lại để bổ sung."</p>
            <FormError error fields=&[]/>
            <ActionForm action=submit>
                <input type="hidden" name="dossier_id" value=dossier_id/>
                <input type="hidden" name="version" value=move || version.get()/>
                <button type="submit" disabled=move || submit.pending().get()>"Nộp hồ sơ cho UBND cấp xã"</button>
            </ActionForm>
        </section>
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

/// A criterion: a group of sub-criteria, or a question with one radio button per option.
fn criterion_view(criterion: &Criterion, choices: RwSignal<Choices>, choose: Callback<(String, usize)>) -> AnyView {
    if !criterion.is_scorable() {
        return view! {
            <div class="criterion-group">
                <p class="criterion-group-title">{format!("{}. {} ({} điểm)", criterion.code, criterion.label, criterion.max_points)}</p>
                {criterion.children.iter().map(|c| criterion_view(c, choices, choose)).collect_view()}
            </div>
        }
        .into_any();
    }
    let code = criterion.code.clone();
    let field = format!("choices[{}]", choice_field(&code));
    view! {
        <fieldset class="criterion">
            <legend>{format!("{}. {} ({} điểm)", criterion.code, criterion.label, criterion.max_points)}</legend>
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
                            <span class="option-points">{format!("{} điểm", option.points)}</span>
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
    }
    .into_any()
}

/// The running result, beside the sheet on wide screens and under it on phones.
#[component]
fn Summary(assessment: Memo<Option<Assessment>>) -> impl IntoView {
    view! {
        <aside class="assessment-summary" aria-label="Kết quả tự đánh giá">
            {move || assessment.get().map(|a| {
                let stars = a.stars.get();
                let verdict = if a.certifiable() {
                    format!("Dự kiến đạt {stars} sao")
                } else {
                    "Dự kiến chưa đạt 3 sao: chưa đủ để được công nhận OCOP".to_string()
                };
                view! {
                    <p class="summary-verdict" aria-live="polite">
                        {a.certifiable().then(|| view! { <StarRating stars/> })} " " {verdict}
                    </p>
                    <p class="summary-total">{format!("Tổng điểm: {}/100", a.total)}</p>
                    <ul class="summary-parts">
                        {a.part_totals.iter().map(|(part, points, max)| view! {
                            <li>{format!("Phần {part}: {points}/{max}")}</li>
                        }).collect_view()}
                    </ul>
                    {(!a.unanswered.is_empty()).then(|| view! {
                        <p class="summary-missing">{format!("Còn {} tiêu chí chưa chọn (tính 0 điểm).", a.unanswered.len())}</p>
                    })}
                    {(a.stars < a.band).then(|| view! {
                        <p class="summary-cap">{format!(
                            "Điểm đủ {} sao, nhưng chưa đạt yêu cầu tối thiểu nên chỉ được {} sao.", a.band.get(), stars
                        )}</p>
                    })}
                    {a.points_to_next.filter(|_| a.stars == a.band).map(|points| view! {
                        <p>{format!("Cần thêm {points} điểm để lên {} sao.", a.band.get() + 1)}</p>
                    })}
                    {(!a.blocking_next.is_empty()).then(|| view! {
                        <div class="summary-blocking">
                            <p>{format!("Để lên {} sao, cần đạt:", stars + 1)}</p>
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
