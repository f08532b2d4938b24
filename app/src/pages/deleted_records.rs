use leptos::prelude::*;
use leptos_meta::Meta;

use crate::api::list_deleted_records;
use crate::components::{portal_refusal, ColumnHeads, PageTitle, StaffTabs};
use crate::language::use_language;
use crate::model::DeletedRecord;

const PAGE: &str = "/can-bo/da-xoa";

/// The products deleted from the catalog within the officer's reach, with who deleted each,
/// when and why; each links to its record, where it can be restored.
#[component]
pub fn DeletedRecordsPage() -> impl IntoView {
    let records = Resource::new(|| (), |_| list_deleted_records());
    let t = use_language();
    view! {
        <PageTitle text=t.tr("Bản ghi đã xoá")/>
        <Meta name="robots" content="noindex"/>
        <section class="staff">
            <h1>{t.tr("Bản ghi đã xoá khỏi danh mục")}</h1>
            <StaffTabs current=PAGE/>
            <Suspense fallback=move || view! { <p class="loading">{t.tr("Đang tải…")}</p> }>
                {move || Suspend::new(async move {
                    match records.await {
                        Ok(records) if records.is_empty() => {
                            view! { <p>{t.tr("Không có bản ghi nào bị xoá trong phạm vi của bạn.")}</p> }.into_any()
                        }
                        Ok(records) => view! { <DeletedTable records/> }.into_any(),
                        Err(err) => portal_refusal(err, PAGE),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn DeletedTable(records: Vec<DeletedRecord>) -> impl IntoView {
    let t = use_language();
    view! {
        <div class="table-scroll">
            <table>
                <caption class="muted">{t.tr("Mới xoá gần đây trước; mở bản ghi để khôi phục")}</caption>
                <ColumnHeads names=vec![t.tr("Sản phẩm"), t.tr("Tỉnh, thành phố"), t.tr("Lý do"), t.tr("Xoá lúc, bởi")]/>
                <tbody>
                    {records
                        .into_iter()
                        .map(|record| view! {
                            <tr>
                                <td>
                                    <a href=format!("/can-bo/san-pham/{}", record.id)>{record.name}</a>
                                    <br/>
                                    <span class="muted">{record.producer_name}</span>
                                </td>
                                <td>{record.province_name}</td>
                                <td>{record.reason}</td>
                                <td>{format!("{} · {}", record.deleted_at, record.deleted_by.unwrap_or_else(|| "—".into()))}</td>
                            </tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
