//! The back office's lists and reports as CSV or XLSX, for the spreadsheets the programme's
//! offices keep: the same rows, within the same reach, as the pages show. The dossier list
//! (`/can-bo/ho-so.csv`, `?tat_ca=1` for all of them) and each table of the reports
//! (`/can-bo/bao-cao/{table}.csv?ngay=N`); `.xlsx` in place of `.csv` for either.

use std::collections::HashMap;

use app::api::REVIEWERS;
use app::model::{vietnamese_date, InboxRow, Reports, DEFAULT_EXPIRING_DAYS, MAX_EXPIRING_DAYS};
use app::ports::AppState;
use axum::extract::{Path, Query};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::callers::staff_in_role;
use crate::spreadsheet::{Format, Table};

pub fn routes<S: Clone + Send + Sync + 'static>(state: AppState, public_url: String) -> Router<S> {
    let (inbox_state, xlsx_state) = (state.clone(), state.clone());
    Router::new()
        .route(
            "/can-bo/bao-cao/{file}",
            get(move |file, query, headers| report(state.clone(), public_url.clone(), file, query, headers)),
        )
        .route("/can-bo/ho-so.csv", get(move |query, headers| inbox(inbox_state.clone(), Format::Csv, query, headers)))
        .route("/can-bo/ho-so.xlsx", get(move |query, headers| inbox(xlsx_state.clone(), Format::Xlsx, query, headers)))
}

/// The dossier list of `/can-bo`: those awaiting the caller, or all within reach.
async fn inbox(
    state: AppState,
    format: Format,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let caller = match staff_in_role(&state, &headers, &REVIEWERS, "/can-bo", REFUSAL).await {
        Ok(caller) => caller,
        Err(refusal) => return refusal,
    };
    let all = query.contains_key("tat_ca");
    let rows = match state.back_office.inbox(&caller, all).await {
        Ok(rows) => rows,
        Err(err) => return unavailable(err),
    };
    let stem = format!("ho-so-{}{}", if all { "tat-ca-" } else { "can-xu-ly-" }, state.clock.today());
    inbox_table(&rows).download(format, &stem).await
}

fn inbox_table(rows: &[InboxRow]) -> Table {
    let date = |day: &Option<String>| day.as_deref().map(vietnamese_date).unwrap_or_default();
    Table::new(
        &["Mã hồ sơ", "Sản phẩm", "Loại hồ sơ", "Chủ thể", "Xã, phường", "Bước", "Ngày nộp", "Hạn xử lý", "Quá hạn"],
        rows.iter().map(|row| {
            [
                row.dossier_id.to_string(),
                row.product_name.clone(),
                row.kind.label_vi().to_string(),
                row.producer_name.clone(),
                row.commune_name.clone(),
                row.state.label_vi().to_string(),
                date(&row.submitted_on),
                date(&row.deadline),
                if row.overdue { "Quá hạn" } else { "" }.to_string(),
            ]
        }),
    )
}

fn unavailable(err: impl std::fmt::Display) -> Response {
    tracing::error!(error = %err, "a back-office download failed");
    (StatusCode::SERVICE_UNAVAILABLE, "Hệ thống đang tạm thời gián đoạn, vui lòng thử lại sau.").into_response()
}

const REFUSAL: &str = "Tài khoản này không xem được hồ sơ và báo cáo của cán bộ.";

/// The tables, by the name of their file.
const TABLES: [&str; 6] = ["buoc", "het-han", "sao", "nhom", "xa", "nam"];

async fn report(
    state: AppState,
    public_url: String,
    Path(file): Path<String>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let Some((table, format)) = Format::of_file(&file).filter(|(name, _)| TABLES.contains(name)) else {
        return (StatusCode::NOT_FOUND, "Không có bảng báo cáo này.").into_response();
    };
    let caller = match staff_in_role(&state, &headers, &REVIEWERS, "/can-bo/bao-cao", REFUSAL).await {
        Ok(caller) => caller,
        Err(refusal) => return refusal,
    };
    let days = match query.get("ngay").map(|typed| typed.trim()).filter(|typed| !typed.is_empty()) {
        None => DEFAULT_EXPIRING_DAYS,
        Some(typed) => match typed.parse() {
            Ok(days) if (1..=MAX_EXPIRING_DAYS).contains(&days) => days,
            _ => {
                let sentence = format!("Số ngày phải từ 1 đến {MAX_EXPIRING_DAYS}.");
                return (StatusCode::BAD_REQUEST, sentence).into_response();
            }
        },
    };
    let reports = match state.back_office.reports(&caller, days).await {
        Ok(reports) => reports,
        Err(err) => return unavailable(err),
    };
    let stem = format!("bao-cao-{table}-{}", reports.as_of);
    report_table(&reports, table, &public_url).download(format, &stem).await
}

/// One table of the reports, with headers in Vietnamese as the page shows them.
fn report_table(reports: &Reports, table: &str, public_url: &str) -> Table {
    let counts = |counts: &[app::model::Count]| -> Vec<[String; 3]> {
        counts.iter().map(|c| [c.key.clone(), c.label.clone(), c.count.to_string()]).collect()
    };
    match table {
        "buoc" => Table::new(
            &["Bước", "Hồ sơ", "Quá hạn", "Đã bị thu hồi giấy chứng nhận"],
            reports.steps.iter().map(|s| {
                [s.state.label_vi().to_string(), s.dossiers.to_string(), s.overdue.to_string(), s.revoked.to_string()]
            }),
        ),
        "het-han" => Table::new(
            &["Sản phẩm", "Chủ thể", "Xã, phường", "Hạng sao", "Số giấy chứng nhận", "Hiệu lực đến", "Địa chỉ trang"],
            reports.expiring.iter().map(|c| {
                [
                    c.product_name.clone(),
                    c.producer_name.clone(),
                    c.commune_name.clone().unwrap_or_default(),
                    c.stars.to_string(),
                    c.certificate_number.clone().unwrap_or_default(),
                    c.valid_until.vietnamese(),
                    format!("{public_url}{}", c.href),
                ]
            }),
        ),
        "sao" => Table::new(&["Mã", "Hạng sao", "Sản phẩm"], counts(&reports.by_stars)),
        "nhom" => Table::new(&["Mã", "Nhóm sản phẩm", "Sản phẩm"], counts(&reports.by_subgroup)),
        "xa" => Table::new(&["Mã", "Xã, phường", "Sản phẩm"], counts(&reports.by_commune)),
        _ => Table::new(&["Năm", "Năm công nhận", "Sản phẩm"], counts(&reports.by_year)),
    }
}
