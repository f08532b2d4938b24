use std::collections::HashMap;

use app::language::Language;
use app::model::{CatalogFilters, ProductSummary, FILTER_PARAMETERS};
use app::ports::PortError;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use super::OpenData;
use crate::core_slots::CoreSlots;
use crate::spreadsheet::{Format, Table};

/// The most rows one CSV download carries.
const CSV_LIMIT: u32 = 100_000;
const OPENAPI: &str = include_str!("openapi.json");

/// A refusal as JSON with a sentence in Vietnamese and in English.
fn refuse(status: StatusCode, vi: impl Into<String>, en: impl Into<String>) -> Response {
    (status, Json(json!({ "error": { "vi": vi.into(), "en": en.into() } }))).into_response()
}

fn port_failure(err: PortError) -> Response {
    tracing::error!(error = %err, "open data request failed");
    match err {
        PortError::Unavailable(_) => refuse(
            StatusCode::SERVICE_UNAVAILABLE,
            "Hệ thống đang tạm thời gián đoạn, vui lòng thử lại sau.",
            "The service is temporarily unavailable; please try again shortly.",
        ),
        PortError::Internal(_) => {
            refuse(StatusCode::INTERNAL_SERVER_ERROR, "Đã có lỗi ở phía máy chủ.", "Something went wrong on our side.")
        }
    }
}

/// The catalog's filters from the query string; an API caller gets 400 for a bad value
/// instead of a silently different answer. An empty one too: the catalog's own form sends
/// empty choices, but a program that sends `province=` has a bug worth telling it about.
fn filters(query: &HashMap<String, String>) -> Result<CatalogFilters, Box<Response>> {
    if let Some(name) = FILTER_PARAMETERS.iter().find(|name| query.get(**name).is_some_and(|v| v.trim().is_empty())) {
        return Err(Box::new(refuse(
            StatusCode::BAD_REQUEST,
            format!("Tham số \"{name}\" để trống: hãy bỏ hẳn tham số này hoặc cho nó một giá trị."),
            format!("The parameter \"{name}\" is empty: leave it out or give it a value."),
        )));
    }
    let (filters, notes) = CatalogFilters::from_query(|name| query.get(name).cloned());
    if notes.is_empty() {
        Ok(filters)
    } else {
        let said = |language| notes.iter().map(|note| note.text(language)).collect::<Vec<_>>().join(" ");
        Err(Box::new(refuse(StatusCode::BAD_REQUEST, said(Language::Vi), said(Language::En))))
    }
}

pub async fn products(State(open): State<OpenData>, Query(query): Query<HashMap<String, String>>) -> Response {
    let filters = match filters(&query) {
        Ok(filters) => filters,
        Err(refusal) => return *refusal,
    };
    match open.catalog.search(&filters).await {
        Ok(page) => Json(&*page).into_response(),
        Err(err) => port_failure(err),
    }
}

/// The filtered catalog as a spreadsheet: `/api/v1/products.csv` or `/api/v1/products.xlsx`.
pub async fn products_file(
    format: Format,
    State(open): State<OpenData>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    // The rows of a whole-catalog file take hundreds of MB while it is built: one a core at a
    // time, so a burst of downloads queues rather than filling the memory.
    static EXPORTS: CoreSlots = CoreSlots::new();
    let filters = match filters(&query) {
        Ok(filters) => filters,
        Err(refusal) => return *refusal,
    };
    let _turn = EXPORTS.hold().await;
    match open.catalog.export(&filters, CSV_LIMIT).await {
        Ok(products) => products_table(&products, &open.public_url).download(format, "san-pham-ocop").await,
        Err(err) => port_failure(err),
    }
}

pub async fn product(State(open): State<OpenData>, Path(id): Path<String>) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return refuse(StatusCode::NOT_FOUND, "Không có sản phẩm này.", "No such product.");
    };
    match open.catalog.product(id).await {
        Ok(Some(product)) => Json(product).into_response(),
        Ok(None) => refuse(StatusCode::NOT_FOUND, "Không có sản phẩm này.", "No such product."),
        Err(err) => port_failure(err),
    }
}

pub async fn producer(State(open): State<OpenData>, Path(id): Path<String>) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return refuse(StatusCode::NOT_FOUND, "Không có chủ thể này.", "No such producer.");
    };
    match open.catalog.producer(id).await {
        Ok(Some(producer)) => Json(producer).into_response(),
        Ok(None) => refuse(StatusCode::NOT_FOUND, "Không có chủ thể này.", "No such producer."),
        Err(err) => port_failure(err),
    }
}

pub async fn statistics(State(open): State<OpenData>) -> Response {
    match open.catalog.statistics().await {
        Ok(statistics) => Json(statistics).into_response(),
        Err(err) => port_failure(err),
    }
}

/// One statistics table as CSV or XLSX: `/thong-ke/stars.csv`, `province.xlsx`, `industry`, `year`.
pub async fn statistics_file(State(open): State<OpenData>, Path(file): Path<String>) -> Response {
    let not_found = || refuse(StatusCode::NOT_FOUND, "Không có bảng thống kê này.", "No such statistics table.");
    let Some((name, format)) = Format::of_file(&file) else { return not_found() };
    let statistics = match open.catalog.statistics().await {
        Ok(statistics) => statistics,
        Err(err) => return port_failure(err),
    };
    let Some(rows) = statistics.table(name) else { return not_found() };
    let rows = rows.iter().map(|row| [row.key.clone(), row.label.clone(), row.count.to_string()]);
    Table::new(&["key", "label", "count"], rows).download(format, &format!("thong-ke-{name}")).await
}

pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

/// Products for spreadsheets, with the address of each product's page.
fn products_table(products: &[ProductSummary], public_url: &str) -> Table {
    let header = [
        "id",
        "name",
        "producer",
        "province",
        "address_as_written",
        "stars",
        "subgroup",
        "recognized_year",
        "criteria_set",
        "status",
        "valid_until",
        "url",
    ];
    let rows = products.iter().map(|p| {
        let status = p.status.map(|s| serde_json::to_value(s).ok().and_then(|v| v.as_str().map(str::to_string)));
        [
            p.id.to_string(),
            p.name.clone(),
            p.producer_name.clone(),
            p.province_name.clone(),
            p.address_as_written.clone(),
            p.stars.to_string(),
            p.subgroup_name.clone().unwrap_or_default(),
            p.recognized_year.to_string(),
            p.criteria_set.clone(),
            status.flatten().unwrap_or_else(|| "unknown".into()),
            p.valid_until.map(|until| until.to_string()).unwrap_or_default(),
            format!("{public_url}{}", p.href),
        ]
    });
    Table::new(&header, rows)
}
