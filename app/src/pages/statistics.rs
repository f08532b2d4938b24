use leptos::prelude::*;
use leptos_meta::Meta;

use crate::api::get_statistics;
use crate::components::{DownloadLinks, PageTitle, ProvinceMap};
use crate::language::use_language;
use crate::model::{format_count, statistics_table_by, vietnamese_date, CatalogStatistics, Count, STATISTICS_TABLES};

/// Public statistics for citizens and the press: a tile map and tables, each row with its bar
/// and, where the catalog has the filter, a link to its products; each table as CSV.
#[component]
pub fn StatisticsPage() -> impl IntoView {
    let statistics = Resource::new(|| (), |_| get_statistics());
    let t = use_language();
    view! {
        <PageTitle text=t.tr("Thống kê sản phẩm OCOP")/>
        <Meta
            name="description"
            content=t.tr("Số sản phẩm OCOP theo hạng sao, ngành, tỉnh, thành phố và năm công nhận.")
        />
        <section class="statistics">
            <h1>{t.tr("Thống kê sản phẩm OCOP")}</h1>
            <Suspense fallback=move || view! { <p class="loading">{t.tr("Đang tải…")}</p> }>
                {move || Suspend::new(async move {
                    match statistics.await {
                        Ok(statistics) => view! { <Tables statistics/> }.into_any(),
                        Err(err) => view! { <p class="error" role="alert">{err.message(t)}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Tables(statistics: CatalogStatistics) -> impl IntoView {
    let t = use_language();
    let tables = STATISTICS_TABLES
        .into_iter()
        .filter_map(|name| statistics.table(name).map(|rows| (name, statistics_table_by(name, t), rows.to_vec())))
        .map(|(name, by, rows)| view! { <StatisticsTable name by rows/> })
        .collect_view();
    view! {
        <p class="muted">{t.tr_with("Số liệu ngày {date}.", &[("date", &vietnamese_date(&statistics.as_of))])}</p>
        <div class="tiles">
            <p class="tile">
                <span class="tile-number">{format_count(statistics.in_force)}</span>
                {t.tr(" sản phẩm còn hiệu lực hoặc chưa rõ thời hạn")}
            </p>
            <p class="tile">
                <span class="tile-number">{format_count(statistics.expiring_within_6_months)}</span>
                {t.tr(" chứng nhận hết hạn trong 6 tháng tới")}
            </p>
        </div>
        <section class="stat-table" aria-labelledby="ban-do">
            <h2 id="ban-do">{t.tr("Bản đồ theo tỉnh, thành phố")}</h2>
            <p class="muted">
                {t.tr(
                    "Mỗi ô là một tỉnh, thành phố (2025), đặt theo vị trí gần đúng; màu càng đậm càng nhiều sản phẩm.",
                )}
            </p>
            <ProvinceMap counts=statistics.by_province.clone()/>
        </section>
        {tables}
    }
}

#[component]
fn StatisticsTable(name: &'static str, by: &'static str, rows: Vec<Count>) -> impl IntoView {
    let t = use_language();
    let title = t.tr_with("Theo {by}", &[("by", &by.to_lowercase())]);
    let total: u64 = rows.iter().map(|row| row.count).sum();
    let max = rows.iter().map(|row| row.count).max().unwrap_or(0).max(1);
    let heading_id = format!("bang-{name}");
    let labelled_by = heading_id.clone();
    let rows = rows
        .into_iter()
        .map(|row| {
            // The bar under the label, as wide as its share of the largest row: drawn in the
            // page's text rather than a scaled chart, so a phone shows labels at full size.
            let share = (row.count as f64 / max as f64 * 100.0).max(if row.count > 0 { 1.0 } else { 0.0 });
            let label = match row.catalog_href(name) {
                Some(href) => view! { <a href=href>{row.label}</a> }.into_any(),
                None => row.label.into_any(),
            };
            view! {
                <tr>
                    <td>
                        {label}
                        <svg class="bar" viewBox="0 0 100 1" preserveAspectRatio="none" aria-hidden="true">
                            <rect width=format!("{share:.1}") height="1"></rect>
                        </svg>
                    </td>
                    <td class="number">{format_count(row.count)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="stat-table" aria-labelledby=labelled_by>
            <h2 id=heading_id>{title.clone()}</h2>
            <table>
                <thead>
                    <tr>
                        <th scope="col">{by}</th>
                        <th scope="col" class="number">{t.tr("Số sản phẩm")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
                <tfoot><tr><th scope="row">{t.tr("Tổng")}</th><td class="number">{format_count(total)}</td></tr></tfoot>
            </table>
            <p>
                <DownloadLinks stem=format!("/thong-ke/{name}")
                    label=t.tr_with("Tải bảng \"{table}\"", &[("table", &title.to_lowercase())])/>
            </p>
        </section>
    }
}
