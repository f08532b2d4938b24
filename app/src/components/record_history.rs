use leptos::prelude::*;

use crate::language::use_language;
use crate::model::{vietnamese_time, HistoryEntry};

/// Every edit of a record, newest first: who, when, and each field before and after.
#[component]
pub fn RecordHistory(history: Vec<HistoryEntry>) -> impl IntoView {
    let t = use_language();
    view! {
        <section aria-labelledby="lich-su">
            <h2 id="lich-su">{t.tr("Lịch sử chỉnh sửa")}</h2>
            {if history.is_empty() {
                view! { <p class="muted">{t.tr("Chưa có chỉnh sửa nào.")}</p> }.into_any()
            } else {
                view! {
                    <ol class="history">
                        {history.into_iter().map(|entry| view! {
                            <li>
                                <strong>{format!("{} · {}", vietnamese_time(&entry.at), entry.by.unwrap_or_else(|| "—".into()))}</strong>
                                <ul>
                                    {entry.changes.into_iter().map(|c| view! { <li>{c.describe(t)}</li> }).collect_view()}
                                </ul>
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
    }
}
