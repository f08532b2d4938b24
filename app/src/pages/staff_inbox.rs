use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_query_map;

use crate::api::get_staff_inbox;
use crate::components::{portal_refusal, ColumnHeads, DownloadLinks, PageTitle, StaffTabs};
use crate::language::use_language;
use crate::model::{vietnamese_date, InboxRow};

/// A staff member's inbox: the dossiers awaiting their role within their reach, overdue ones
/// first and marked, or every dossier within reach with `?tat_ca=1`.
#[component]
pub fn StaffInboxPage() -> impl IntoView {
    let query = use_query_map();
    let all = move || query.read().get("tat_ca").is_some();
    let inbox = Resource::new(all, get_staff_inbox);
    let t = use_language();
    view! {
        <PageTitle text=t.tr("Hồ sơ cần xử lý")/>
        <Meta name="robots" content="noindex"/>
        <section class="staff">
            <h1>{move || if all() { t.tr("Tất cả hồ sơ trong phạm vi") } else { t.tr("Hồ sơ cần xử lý") }}</h1>
            <StaffTabs current=Signal::derive(move || if all() { "/can-bo?tat_ca=1" } else { "/can-bo" })/>
            <Suspense fallback=move || view! { <p class="loading">{t.tr("Đang tải…")}</p> }>
                {move || Suspend::new(async move {
                    match inbox.await {
                        Ok(rows) if rows.is_empty() => {
                            view! { <p>{t.tr("Không có hồ sơ nào trong danh sách này.")}</p> }.into_any()
                        }
                        Ok(rows) => {
                            let query = if all() { "?tat_ca=1" } else { "" };
                            view! {
                                <p><DownloadLinks stem="/can-bo/ho-so" query label=t.tr("Tải danh sách")/></p>
                                <InboxTable rows/>
                            }
                                .into_any()
                        }
                        Err(err) => portal_refusal(err, "/can-bo"),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn InboxTable(rows: Vec<InboxRow>) -> impl IntoView {
    let t = use_language();
    view! {
        <div class="table-scroll">
            <table class="inbox">
                <caption class="muted">{t.tr("Hồ sơ, hạn xử lý sớm nhất trước")}</caption>
                <ColumnHeads names=vec![t.tr("Sản phẩm"), t.tr("Chủ thể"), t.tr("Xã, phường"), t.tr("Bước"), t.tr("Ngày nộp"), t.tr("Hạn xử lý")]/>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|row| {
                            let overdue = row.overdue;
                            let sheet = row.scores_it.then(|| {
                                let name = t.tr_with("Chấm điểm: {product}", &[("product", &row.product_name)]);
                                view! {
                                    <br/>
                                    <a class="button-link" href=format!("/can-bo/cham-diem/{}", row.dossier_id) aria-label=name>
                                        {t.tr("Chấm điểm")}
                                    </a>
                                }
                            });
                            view! {
                                <tr class:overdue=overdue>
                                    <td>
                                        <a href=format!("/can-bo/ho-so/{}", row.dossier_id)>{row.product_name}</a>
                                        <br/>
                                        <span class="muted">{row.kind.label(t)}</span>
                                        {sheet}
                                    </td>
                                    <td>{row.producer_name}</td>
                                    <td>{row.commune_name}</td>
                                    <td>{row.state.label(t)}</td>
                                    <td>{row.submitted_on.as_deref().map(vietnamese_date)}</td>
                                    <td>
                                        {row.deadline.as_deref().map(vietnamese_date)}
                                        {overdue.then(|| view! { " " <strong class="badge badge-overdue">{t.tr("Quá hạn")}</strong> })}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
