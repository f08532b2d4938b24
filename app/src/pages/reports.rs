use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_query_map;

use crate::api::get_reports;
use crate::components::{portal_refusal, ColumnHeads, DownloadLinks, PageTitle, StaffTabs, StarRating};
use crate::language::use_language;
use crate::model::{format_count, vietnamese_date, Count, Reports, DEFAULT_EXPIRING_DAYS, MAX_EXPIRING_DAYS};

/// The reports of an officer's reach: certified products counted four ways, where the
/// dossiers stand (overdue ones counted), and the certificates that end within `?ngay=N` days.
#[component]
pub fn ReportsPage() -> impl IntoView {
    let query = use_query_map();
    let typed_days = move || query.read().get("ngay").unwrap_or_default();
    // A day count that is not a number is sent as 0, which the server refuses with a sentence.
    let days = move || {
        let typed = typed_days();
        if typed.trim().is_empty() {
            DEFAULT_EXPIRING_DAYS
        } else {
            typed.trim().parse().unwrap_or(0)
        }
    };
    let reports = Resource::new(days, get_reports);
    let t = use_language();
    view! {
        <PageTitle text=t.tr("Báo cáo")/>
        <Meta name="robots" content="noindex"/>
        <section class="staff reports">
            <h1>{t.tr("Báo cáo trong phạm vi quản lý")}</h1>
            <StaffTabs current="/can-bo/bao-cao"/>
            <Suspense fallback=move || view! { <p class="loading">{t.tr("Đang tải…")}</p> }>
                {move || Suspend::new(async move {
                    match reports.await {
                        Ok(reports) => view! { <ReportTables reports/> }.into_any(),
                        Err(err) if err.field() == Some("expiring_days") => view! {
                            <ExpiringForm days=typed_days() error=Some(err.message(t))/>
                        }
                        .into_any(),
                        Err(err) => portal_refusal(err, "/can-bo/bao-cao"),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn ReportTables(reports: Reports) -> impl IntoView {
    let t = use_language();
    let steps = reports
        .steps
        .iter()
        .map(|step| {
            let overdue = step.overdue > 0;
            // A certificate revoked since is not one in force today: said beside the step.
            let revoked = (step.revoked > 0).then(|| {
                t.tr_with(
                    " ({in_force} còn hiệu lực, {revoked} đã bị thu hồi giấy chứng nhận)",
                    &[
                        ("in_force", &format_count(step.dossiers - step.revoked)),
                        ("revoked", &format_count(step.revoked)),
                    ],
                )
            });
            view! {
                <tr class:overdue=overdue>
                    <th scope="row">{step.state.label(t)}{revoked}</th>
                    <td class="number">{format_count(step.dossiers)}</td>
                    <td class="number">{(step.overdue > 0).then(|| format_count(step.overdue))}</td>
                </tr>
            }
        })
        .collect_view();
    let ending = reports
        .expiring
        .iter()
        .map(|certificate| {
            view! {
                <tr>
                    <td><a href=certificate.href.clone()>{certificate.product_name.clone()}</a></td>
                    <td>{certificate.producer_name.clone()}</td>
                    <td>{certificate.commune_name.clone()}</td>
                    <td><StarRating stars=certificate.stars/></td>
                    <td>{certificate.certificate_number.clone()}</td>
                    <td>{certificate.valid_until.vietnamese()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p class="muted">{t.tr_with("Số liệu ngày {date}.", &[("date", &vietnamese_date(&reports.as_of))])}</p>
        <section aria-labelledby="buoc">
            <h2 id="buoc">{t.tr("Hồ sơ theo bước xử lý")}</h2>
            {if reports.steps.is_empty() {
                view! { <p>{t.tr("Chưa có hồ sơ nào được nộp trong phạm vi.")}</p> }.into_any()
            } else {
                view! {
                    <table>
                        <thead>
                            <tr>
                                <th scope="col">{t.tr("Bước")}</th>
                                <th scope="col" class="number">{t.tr("Hồ sơ")}</th>
                                <th scope="col" class="number">{t.tr("Quá hạn")}</th>
                            </tr>
                        </thead>
                        <tbody>{steps}</tbody>
                    </table>
                    <p class="muted">{t.tr("Hạn luật định: cấp xã xem xét trong 15 ngày làm việc kể từ ngày nhận hồ sơ.")}</p>
                    <TableDownload file="buoc" days=reports.expiring_days/>
                }
                .into_any()
            }}
        </section>
        <section aria-labelledby="het-han">
            <h2 id="het-han">{t.tr_count(
                "Giấy chứng nhận hết hạn trong {n} ngày tới",
                u64::from(reports.expiring_days),
                &[("n", &reports.expiring_days)],
            )}</h2>
            <ExpiringForm days=reports.expiring_days.to_string() error=None/>
            {if reports.expiring.is_empty() {
                view! { <p>{t.tr("Không có giấy chứng nhận nào hết hạn trong khoảng này.")}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table>
                            <ColumnHeads names=vec![t.tr("Sản phẩm"), t.tr("Chủ thể"), t.tr("Xã, phường"), t.tr("Hạng"), t.tr("Số giấy chứng nhận"), t.tr("Hết hạn")]/>
                            <tbody>{ending}</tbody>
                        </table>
                    </div>
                    <TableDownload file="het-han" days=reports.expiring_days/>
                }
                .into_any()
            }}
        </section>
        <CountTable
            id="sao"
            file="sao"
            title=t.tr("Sản phẩm còn hiệu lực theo hạng sao")
            by=t.tr("Hạng sao")
            rows=reports.by_stars
        />
        <CountTable id="phan-nhom" file="nhom" title=t.tr("Theo phân nhóm") by=t.tr("Phân nhóm") rows=reports.by_subgroup/>
        <CountTable id="xa" file="xa" title=t.tr("Theo xã, phường") by=t.tr("Xã, phường") rows=reports.by_commune/>
        <CountTable id="nam" file="nam" title=t.tr("Theo năm công nhận") by=t.tr("Năm") rows=reports.by_year/>
    }
}

/// The look-ahead for ending certificates, as a plain GET form; a refusal keeps what was typed.
#[component]
fn ExpiringForm(days: String, error: Option<String>) -> impl IntoView {
    let t = use_language();
    view! {
        <form method="get" action="/can-bo/bao-cao" class="inline-form">
            <label for="ngay">{t.tr("Số ngày tới")}</label>
            <input id="ngay" name="ngay" type="number" min="1" max=MAX_EXPIRING_DAYS.to_string() inputmode="numeric" value=days
                aria-invalid=error.is_some().then_some("true") aria-describedby=error.is_some().then_some("ngay-loi")/>
            <button type="submit">{t.tr("Xem")}</button>
            {error.map(|error| view! { <p id="ngay-loi" class="field-error" role="alert">{error}</p> })}
        </form>
    }
}

/// The table above as a spreadsheet (`server/src/staff_downloads.rs`).
#[component]
fn TableDownload(file: &'static str, #[prop(optional)] days: Option<u32>) -> impl IntoView {
    let query = days.map(|days| format!("?ngay={days}")).unwrap_or_default();
    let t = use_language();
    view! {
        <p class="download">
            <DownloadLinks stem=format!("/can-bo/bao-cao/{file}") query label=t.tr("Tải bảng này")/>
        </p>
    }
}

#[component]
fn CountTable(
    id: &'static str,
    file: &'static str,
    title: &'static str,
    by: &'static str,
    rows: Vec<Count>,
) -> impl IntoView {
    let total: u64 = rows.iter().map(|row| row.count).sum();
    let t = use_language();
    view! {
        <section aria-labelledby=id>
            <h2 id=id>{title}</h2>
            <table>
                <thead><tr><th scope="col">{by}</th><th scope="col" class="number">{t.tr("Sản phẩm")}</th></tr></thead>
                <tbody>
                    {rows.into_iter().map(|row| view! {
                        <tr><td>{row.label}</td><td class="number">{format_count(row.count)}</td></tr>
                    }).collect_view()}
                </tbody>
                <tfoot><tr><th scope="row">{t.tr("Tổng")}</th><td class="number">{format_count(total)}</td></tr></tfoot>
            </table>
            <TableDownload file/>
        </section>
    }
}
