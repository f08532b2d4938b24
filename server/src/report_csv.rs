//! The back office's reports as CSV, one table a file, for the spreadsheets the programme's
//! offices keep: the same figures, within the same reach, as the reports page
//! (`/can-bo/bao-cao/{table}.csv?ngay=N`).

use std::collections::HashMap;

use app::api::REVIEWERS;
use app::model::{vietnamese_date, Reports, DEFAULT_EXPIRING_DAYS, MAX_EXPIRING_DAYS};
use app::ports::AppState;
use axum::extract::{Path, Query};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;

use crate::evidence::{signed_in_account, staff_caller};
use crate::spreadsheet::{csv_download, csv_file};

pub fn routes<S: Clone + Send + Sync + 'static>(state: AppState, public_url: String) -> Router<S> {
    Router::new().route(
        "/can-bo/bao-cao/{file}",
        get(move |file, query, headers| report(state.clone(), public_url.clone(), file, query, headers)),
    )
}

/// The tables, by the name of their file.
const TABLES: [&str; 6] = ["buoc", "het-han", "sao", "nhom", "xa", "nam"];

async fn report(
    state: AppState,
    public_url: String,
    Path(file): Path<String>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let Some(table) = file.strip_suffix(".csv").filter(|name| TABLES.contains(name)) else {
        return (StatusCode::NOT_FOUND, "Không có bảng báo cáo này.").into_response();
    };
    let caller = match staff_caller(&state, &headers).await {
        Ok(Some(caller)) if REVIEWERS.contains(&caller.post.role()) => caller,
        Ok(Some(_)) => return forbidden(),
        // Signed in, but holding no staff post.
        Ok(None) if matches!(signed_in_account(&state, &headers).await, Ok(Some(_))) => return forbidden(),
        Ok(None) => return Redirect::to("/dang-nhap?tiep=/can-bo/bao-cao").into_response(),
        Err(status) => return status.into_response(),
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
        Err(err) => {
            tracing::error!(error = %err, "reports for CSV failed");
            return (StatusCode::SERVICE_UNAVAILABLE, "Hệ thống đang tạm thời gián đoạn, vui lòng thử lại sau.")
                .into_response();
        }
    };
    let bytes = table_csv(&reports, table, &public_url);
    csv_download(bytes, &format!("bao-cao-{table}-{}.csv", reports.as_of))
}

fn forbidden() -> Response {
    (StatusCode::FORBIDDEN, "Tài khoản này không xem được báo cáo của cán bộ.").into_response()
}

/// One table of the reports, with headers in Vietnamese as the page shows them.
fn table_csv(reports: &Reports, table: &str, public_url: &str) -> Vec<u8> {
    let counts = |counts: &[app::model::Count]| -> Vec<[String; 3]> {
        counts.iter().map(|c| [c.key.clone(), c.label.clone(), c.count.to_string()]).collect()
    };
    match table {
        "buoc" => csv_file(
            &["Bước", "Hồ sơ", "Quá hạn"],
            reports
                .steps
                .iter()
                .map(|s| [s.state.label_vi().to_string(), s.dossiers.to_string(), s.overdue.to_string()]),
        ),
        "het-han" => csv_file(
            &["Sản phẩm", "Chủ thể", "Xã, phường", "Hạng sao", "Số giấy chứng nhận", "Hết hạn", "Địa chỉ trang"],
            reports.expiring.iter().map(|c| {
                [
                    c.product_name.clone(),
                    c.producer_name.clone(),
                    c.commune_name.clone().unwrap_or_default(),
                    c.stars.to_string(),
                    c.certificate_number.clone().unwrap_or_default(),
                    vietnamese_date(&c.expires_on),
                    format!("{public_url}{}", c.href),
                ]
            }),
        ),
        "sao" => csv_file(&["Mã", "Hạng sao", "Sản phẩm"], counts(&reports.by_stars)),
        "nhom" => csv_file(&["Mã", "Nhóm sản phẩm", "Sản phẩm"], counts(&reports.by_subgroup)),
        "xa" => csv_file(&["Mã", "Xã, phường", "Sản phẩm"], counts(&reports.by_commune)),
        _ => csv_file(&["Năm", "Năm công nhận", "Sản phẩm"], counts(&reports.by_year)),
    }
}
