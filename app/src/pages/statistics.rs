use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::api::get_statistics;
use crate::components::{BarChart, ProvinceMap};
use crate::model::{format_count, vietnamese_date, CatalogStatistics, Count, STATISTICS_TABLES};

/// Public statistics for citizens and the press: tables, charts drawn on the server, and each
/// table as CSV.
#[component]
pub fn StatisticsPage() -> impl IntoView {
    let statistics = Resource::new(|| (), |_| get_statistics());
    view! {
        <Title text="Thống kê sản phẩm OCOP"/>
        <Meta name="description" content="Số sản phẩm OCOP theo hạng sao, ngành, tỉnh, thành phố và năm công nhận."/>
        <section class="statistics">
            <h1>"Thống kê sản phẩm OCOP"</h1>
            <Suspense fallback=|| view! { <p class="loading">"Đang tải…"</p> }>
                {move || Suspend::new(async move {
                    match statistics.await {
                        Ok(statistics) => view! { <Tables statistics/> }.into_any(),
                        Err(err) => view! { <p class="error" role="alert">{err.message_vi()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Tables(statistics: CatalogStatistics) -> impl IntoView {
    let tables = STATISTICS_TABLES
        .into_iter()
        .filter_map(|(name, title)| statistics.table(name).map(|rows| (name, title, rows.to_vec())))
        .map(|(name, title, rows)| view! { <StatisticsTable name title rows/> })
        .collect_view();
    view! {
        <p class="muted">{format!("Số liệu ngày {}.", vietnamese_date(&statistics.as_of))}</p>
        <div class="tiles">
            <p class="tile"><span class="tile-number">{format_count(statistics.in_force)}</span>" sản phẩm còn hiệu lực hoặc chưa rõ thời hạn"</p>
            <p class="tile"><span class="tile-number">{format_count(statistics.expiring_within_6_months)}</span>" chứng nhận hết hạn trong 6 tháng tới"</p>
        </div>
        <section class="stat-table" aria-labelledby="ban-do">
            <h2 id="ban-do">"Bản đồ theo tỉnh, thành phố"</h2>
            <p class="muted">"Mỗi ô là một tỉnh, thành phố (2025), đặt theo vị trí gần đúng; màu càng đậm càng nhiều sản phẩm."</p>
            <ProvinceMap counts=statistics.by_province.clone()/>
        </section>
        {tables}
    }
}

#[component]
fn StatisticsTable(name: &'static str, title: &'static str, rows: Vec<Count>) -> impl IntoView {
    let total: u64 = rows.iter().map(|row| row.count).sum();
    let heading_id = format!("bang-{name}");
    let labelled_by = heading_id.clone();
    view! {
        <section class="stat-table" aria-labelledby=labelled_by>
            <h2 id=heading_id>{title}</h2>
            <BarChart rows=rows.clone() title=title.to_string()/>
            <table>
                <thead><tr><th scope="col">{title.trim_start_matches("Theo ").to_string()}</th><th scope="col" class="number">"Số sản phẩm"</th></tr></thead>
                <tbody>
                    {rows.into_iter().map(|row| view! {
                        <tr><td>{row.label}</td><td class="number">{format_count(row.count)}</td></tr>
                    }).collect_view()}
                </tbody>
                <tfoot><tr><th scope="row">"Tổng"</th><td class="number">{format_count(total)}</td></tr></tfoot>
            </table>
            <p><a href=format!("/thong-ke/{name}.csv") download=format!("thong-ke-{name}.csv")>{format!("Tải bảng \"{}\" (CSV)", title.to_lowercase())}</a></p>
        </section>
    }
}
