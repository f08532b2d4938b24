use leptos::prelude::*;
use leptos_meta::Meta;

use crate::api::{list_rounds, CreateRound};
use crate::components::{action_error, portal_refusal, FormError, FormField, PageTitle};
use crate::domain::RoundMode;
use crate::model::{vietnamese_date, RoundSummary, RoundsView};

/// The council's evaluation rounds (the province's, or the central council's for national
/// staff), and opening a new one (the council's officer).
#[component]
pub fn RoundsPage() -> impl IntoView {
    let create = ServerAction::<CreateRound>::new();
    let rounds = Resource::new(move || create.version().get(), |_| list_rounds());
    view! {
        <PageTitle text="Đợt đánh giá"/>
        <Meta name="robots" content="noindex"/>
        <section class="staff">
            <h1>"Đợt đánh giá, phân hạng"</h1>
            <p><a href="/can-bo">"← Hồ sơ cần xử lý"</a></p>
            <Suspense fallback=|| view! { <p class="loading">"Đang tải…"</p> }>
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
    if rounds.is_empty() {
        return view! { <p>"Hội đồng chưa có đợt đánh giá nào."</p> }.into_any();
    }
    view! {
        <ul class="rounds">
            {rounds
                .into_iter()
                .map(|r| view! {
                    <li>
                        <a href=format!("/can-bo/dot-danh-gia/{}", r.id)>{r.name}</a>
                        {format!(
                            " · {} đến {} · {} hồ sơ · {} người trong hội đồng và tổ tư vấn{}{}",
                            vietnamese_date(&r.starts_on),
                            vietnamese_date(&r.ends_on),
                            r.dossiers,
                            r.seats,
                            if r.mode == RoundMode::WrittenOpinions { " · lấy ý kiến bằng văn bản" } else { "" },
                            if r.closed { " · đã kết thúc" } else { "" }
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
    view! {
        <section aria-labelledby="dot-moi">
            <h2 id="dot-moi">"Mở đợt đánh giá mới"</h2>
            <p class="muted">"Cán bộ OCOP cấp tỉnh mở đợt của Hội đồng tỉnh; cán bộ cấp Trung ương mở đợt của Hội đồng cấp Trung ương, chấm lại các hồ sơ tỉnh chuyển lên để xét 5 sao."</p>
            <FormError error fields=&FIELDS/>
            <ActionForm action=create>
                <FormField label="Tên đợt" name="name" hint="Ví dụ: Đợt 2 năm 2026" error/>
                {calendar.map(|calendar| view! { <p class="field-hint">{calendar}</p> })}
                <FormField label="Ngày bắt đầu" name="starts_on" kind="date" error value=Signal::stored(starts_on)/>
                <FormField label="Ngày kết thúc" name="ends_on" kind="date" error value=Signal::stored(ends_on)/>
                <fieldset class="choices">
                    <legend>"Cách Hội đồng quyết định"</legend>
                    {RoundMode::ALL.map(|mode| {
                        let chosen = move || {
                            let kept = error.get().and_then(|e| e.kept("mode").map(str::to_string));
                            kept.as_deref().unwrap_or(RoundMode::Sitting.code()) == mode.code()
                        };
                        view! {
                            <label class="choice">
                                <input type="radio" name="mode" value=mode.code() checked=chosen/>
                                " " {mode.label_vi()}
                            </label>
                        }
                    })}
                </fieldset>
                <button type="submit" disabled=move || create.pending().get()>"Mở đợt đánh giá"</button>
            </ActionForm>
        </section>
    }
}
