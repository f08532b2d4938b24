use leptos::prelude::*;
use leptos_meta::Meta;

use crate::api::{list_rounds, CreateRound};
use crate::components::{action_error, portal_refusal, FormError, FormField, PageTitle};
use crate::domain::RoundMode;
use crate::language::use_language;
use crate::model::{vietnamese_date, RoundSummary, RoundsView};

/// The council's evaluation rounds (the province's, or the central council's for national
/// staff), and opening a new one (the council's officer).
#[component]
pub fn RoundsPage() -> impl IntoView {
    let create = ServerAction::<CreateRound>::new();
    let rounds = Resource::new(move || create.version().get(), |_| list_rounds());
    let t = use_language();
    view! {
        <PageTitle text=t.tr("Đợt đánh giá")/>
        <Meta name="robots" content="noindex"/>
        <section class="staff">
            <h1>{t.tr("Đợt đánh giá, phân hạng")}</h1>
            <p><a href="/can-bo">{t.tr("← Hồ sơ cần xử lý")}</a></p>
            <Suspense fallback=move || view! { <p class="loading">{t.tr("Đang tải…")}</p> }>
                {move || Suspend::new(async move {
                    match rounds.await {
                        Ok(view) => {
                            let RoundsView { rounds, calendar, proposed_starts_on, proposed_ends_on } = view;
                            view! {
                                <RoundList rounds/>
                                <NewRound
                                    create
                                    calendar
                                    starts_on=proposed_starts_on.unwrap_or_default()
                                    ends_on=proposed_ends_on.unwrap_or_default()
                                />
                            }
                            .into_any()
                        }
                        Err(err) => portal_refusal(err, "/can-bo/dot-danh-gia"),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn RoundList(rounds: Vec<RoundSummary>) -> impl IntoView {
    let t = use_language();
    if rounds.is_empty() {
        return view! { <p>{t.tr("Hội đồng chưa có đợt đánh giá nào.")}</p> }.into_any();
    }
    view! {
        <ul class="rounds">
            {rounds
                .into_iter()
                .map(|r| view! {
                    <li>
                        <a href=format!("/can-bo/dot-danh-gia/{}", r.id)>{r.name}</a>
                        {format!(
                            " · {} · {} · {}{}{}",
                            t.tr_with("{start} đến {end}", &[
                                ("start", &vietnamese_date(&r.starts_on)),
                                ("end", &vietnamese_date(&r.ends_on)),
                            ]),
                            t.tr_count("{n} hồ sơ", r.dossiers.unsigned_abs(), &[("n", &r.dossiers)]),
                            t.tr_count("{n} người trong hội đồng và tổ tư vấn", r.seats.unsigned_abs(), &[("n", &r.seats)]),
                            if r.mode == RoundMode::WrittenOpinions {
                                format!(" · {}", t.tr("lấy ý kiến bằng văn bản"))
                            } else {
                                String::new()
                            },
                            if r.closed { format!(" · {}", t.tr("đã kết thúc")) } else { String::new() }
                        )}
                    </li>
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

const FIELDS: [&str; 4] = ["name", "starts_on", "ends_on", "mode"];

#[component]
fn NewRound(
    create: ServerAction<CreateRound>,
    /// The law's calendar for the caller's council.
    calendar: Option<String>,
    /// The term being filled now, proposed.
    starts_on: String,
    ends_on: String,
) -> impl IntoView {
    let error = action_error(create.value());
    let t = use_language();
    view! {
        <section aria-labelledby="dot-moi">
            <h2 id="dot-moi">{t.tr("Mở đợt đánh giá mới")}</h2>
            <p class="muted">{t.tr("Cán bộ OCOP cấp tỉnh mở đợt của Hội đồng tỉnh; cán bộ cấp Trung ương mở đợt của Hội đồng cấp Trung ương, chấm lại các hồ sơ tỉnh chuyển lên để xét 5 sao.")}</p>
            <FormError error fields=&FIELDS/>
            <ActionForm action=create>
                <FormField label=t.tr("Tên đợt") name="name" hint=t.tr("Ví dụ: Đợt 2 năm 2026") error/>
                {calendar.map(|calendar| view! { <p class="field-hint">{calendar}</p> })}
                <FormField label=t.tr("Ngày bắt đầu") name="starts_on" kind="date" error value=Signal::stored(starts_on)/>
                <FormField label=t.tr("Ngày kết thúc") name="ends_on" kind="date" error value=Signal::stored(ends_on)/>
                // The error summary's link for the mode leads here.
                <fieldset class="choices" id="mode">
                    <legend>{t.tr("Cách Hội đồng quyết định")}</legend>
                    {RoundMode::ALL.map(|mode| {
                        let chosen = move || {
                            let kept = error.get().and_then(|e| e.kept("mode").map(str::to_string));
                            kept.as_deref().unwrap_or(RoundMode::Sitting.code()) == mode.code()
                        };
                        view! {
                            <label class="choice">
                                <input type="radio" name="mode" value=mode.code() checked=chosen/>
                                " " {mode.label(t)}
                            </label>
                        }
                    })}
                </fieldset>
                <button type="submit" disabled=move || create.pending().get()>{t.tr("Mở đợt đánh giá")}</button>
            </ActionForm>
        </section>
    }
}
