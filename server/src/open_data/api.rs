use std::collections::HashMap;
use std::sync::Arc;

use app::language::Language;
use app::model::FILTER_PARAMETERS;
use app::model::{
    CatalogFilters, CatalogStatistics, ProducerDetail, ProductDetail, ProductPage, ProductSummary, Suggestions,
    MAX_QUERY_CHARS,
};
use app::ports::PortError;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::Serialize;
use utoipa::{ToResponse, ToSchema};

use super::OpenData;
use crate::core_slots::CoreSlots;
use crate::spreadsheet::{Format, Table};

/// The most rows one CSV download carries.
const CSV_LIMIT: u32 = 100_000;
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Every refusal of the API: a sentence in Vietnamese and in English, under `error`.
#[derive(Serialize, ToSchema)]
pub struct Refusal {
    error: Sentences,
}

#[derive(Serialize, ToSchema)]
struct Sentences {
    vi: String,
    en: String,
}

impl Refusal {
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Refusal { error: Sentences { vi: vi.into(), en: en.into() } }
    }
}

/// The refusals the description names: each answers its status with a [`Refusal`], so what
/// is described is what is sent.
macro_rules! refusals {
    ($($(#[$meta:meta])* $name:ident = $status:ident;)+) => {$(
        #[derive(ToResponse)]
        $(#[$meta])*
        pub struct $name(pub Refusal);

        impl IntoResponse for $name {
            fn into_response(self) -> Response {
                (StatusCode::$status, Json(self.0)).into_response()
            }
        }
    )+};
}

refusals! {
    /// A filter value is not valid, or a filter is sent empty (leave it out instead)
    BadRequest = BAD_REQUEST;
    /// No such record
    NotFound = NOT_FOUND;
    /// The database is unavailable; retry later
    Unavailable = SERVICE_UNAVAILABLE;
    /// Too many requests from one address (20 a second by default)
    #[response(headers(("Retry-After" = u64, description = "Seconds to wait before the next request")))]
    TooManyRequests = TOO_MANY_REQUESTS;
}

fn port_failure(err: PortError) -> Response {
    tracing::error!(error = %err, "open data request failed");
    match err {
        PortError::Unavailable(_) => Unavailable(Refusal::new(
            "Hệ thống đang tạm thời gián đoạn, vui lòng thử lại sau.",
            "The service is temporarily unavailable; please try again shortly.",
        ))
        .into_response(),
        // Not described: a 500 is a fault of ours, not an answer a caller should plan for.
        PortError::Internal(_) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            Json(Refusal::new("Đã có lỗi ở phía máy chủ.", "Something went wrong on our side.")),
        )
            .into_response(),
    }
}

/// The catalog's filters from the query string; an API caller gets 400 for a bad value
/// instead of a silently different answer. An empty one too: the catalog's own form sends
/// empty choices, but a program that sends `province=` has a bug worth telling it about.
fn filters(query: &HashMap<String, String>) -> Result<CatalogFilters, Box<Response>> {
    if let Some(name) = FILTER_PARAMETERS.iter().find(|name| query.get(**name).is_some_and(|v| v.trim().is_empty())) {
        return Err(Box::new(
            BadRequest(Refusal::new(
                format!("Tham số \"{name}\" để trống: hãy bỏ hẳn tham số này hoặc cho nó một giá trị."),
                format!("The parameter \"{name}\" is empty: leave it out or give it a value."),
            ))
            .into_response(),
        ));
    }
    let (filters, notes) = CatalogFilters::from_query(|name| query.get(name).cloned());
    if notes.is_empty() {
        Ok(filters)
    } else {
        let said = |language| notes.iter().map(|note| note.text(language)).collect::<Vec<_>>().join(" ");
        Err(Box::new(BadRequest(Refusal::new(said(Language::Vi), said(Language::En))).into_response()))
    }
}

/// Search and filter products, one page at a time
#[utoipa::path(get, path = "/api/v1/products", params(CatalogFilters), responses(
    (status = 200, description = "A page of products with facet counts", body = ProductPage),
    (status = 400, response = BadRequest),
    (status = 503, response = Unavailable),
))]
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

/// The words typed so far into a search box.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // read from the query string by name; described here for the API's readers
pub struct SuggestionsQuery {
    /// With or without diacritics; each word matches the beginning of a word.
    #[param(max_length = 200)]
    q: Option<String>,
}

/// What to offer someone typing: up to five products (in force), producers and places
#[utoipa::path(get, path = "/api/v1/suggestions", params(SuggestionsQuery), responses(
    (status = 200, description = "Products, producers and places whose names hold the words typed", body = Suggestions),
    (status = 400, response = BadRequest),
    (status = 503, response = Unavailable),
))]
pub async fn suggestions(State(open): State<OpenData>, Query(query): Query<HashMap<String, String>>) -> Response {
    let q = query.get("q").map(String::as_str).unwrap_or_default();
    if q.chars().count() > MAX_QUERY_CHARS {
        return BadRequest(Refusal::new(
            format!("Từ khóa dài quá {MAX_QUERY_CHARS} ký tự."),
            format!("The query is longer than {MAX_QUERY_CHARS} characters."),
        ))
        .into_response();
    }
    match open.catalog.suggest(q).await {
        Ok(suggestions) => Json(suggestions).into_response(),
        Err(err) => port_failure(err),
    }
}

/// All products matching the filters (up to 100,000) as CSV
#[utoipa::path(get, path = "/api/v1/products.csv", params(CatalogFilters), responses(
    (status = 200, description = "UTF-8 CSV with a header row", content_type = "text/csv", body = String),
    (status = 400, response = BadRequest),
    (status = 503, response = Unavailable),
))]
pub async fn products_csv(open: State<OpenData>, query: Query<HashMap<String, String>>) -> Response {
    products_file(Format::Csv, open, query).await
}

/// All products matching the filters (up to 100,000) as an XLSX workbook
///
/// One sheet; whole numbers and scores as numbers.
#[utoipa::path(get, path = "/api/v1/products.xlsx", params(CatalogFilters), responses(
    // Said as a string: utoipa would describe bytes as an array of numbers.
    (status = 200, description = "A workbook with a header row", content_type = XLSX, body = String),
    (status = 400, response = BadRequest),
    (status = 503, response = Unavailable),
))]
pub async fn products_xlsx(open: State<OpenData>, query: Query<HashMap<String, String>>) -> Response {
    products_file(Format::Xlsx, open, query).await
}

/// The filtered catalog as a spreadsheet.
async fn products_file(
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

/// One product
#[utoipa::path(get, path = "/api/v1/products/{id}", params(("id" = i64, Path)), responses(
    (status = 200, description = "The product", body = ProductDetail),
    (status = 404, response = NotFound),
    (status = 503, response = Unavailable),
))]
pub async fn product(State(open): State<OpenData>, Path(id): Path<String>) -> Response {
    one(&id, ("Không có sản phẩm này.", "No such product."), |id| open.catalog.product(id)).await
}

/// One producer and its products
#[utoipa::path(get, path = "/api/v1/producers/{id}", params(("id" = i64, Path)), responses(
    (status = 200, description = "The producer", body = ProducerDetail),
    (status = 404, response = NotFound),
    (status = 503, response = Unavailable),
))]
pub async fn producer(State(open): State<OpenData>, Path(id): Path<String>) -> Response {
    one(&id, ("Không có chủ thể này.", "No such producer."), |id| open.catalog.producer(id)).await
}

/// One record by the id in its address; 404 with `missing` (Vietnamese, English) when the id is
/// not a number or names nothing.
async fn one<T: Serialize, F: std::future::Future<Output = Result<Option<T>, PortError>>>(
    id: &str,
    missing: (&str, &str),
    load: impl FnOnce(i64) -> F,
) -> Response {
    let not_found = || NotFound(Refusal::new(missing.0, missing.1)).into_response();
    let Ok(id) = id.parse::<i64>() else { return not_found() };
    match load(id).await {
        Ok(Some(record)) => Json(record).into_response(),
        Ok(None) => not_found(),
        Err(err) => port_failure(err),
    }
}

/// The catalog's statistics: products in force by stars, industry and province, and ratings by year
#[utoipa::path(get, path = "/api/v1/statistics", responses(
    (status = 200, description = "The statistics as of today", body = CatalogStatistics),
    (status = 503, response = Unavailable),
))]
pub async fn statistics(State(open): State<OpenData>) -> Response {
    match open.catalog.statistics().await {
        Ok(statistics) => Json(statistics).into_response(),
        Err(err) => port_failure(err),
    }
}

/// One statistics table as CSV or XLSX: `/thong-ke/stars.csv`, `province.xlsx`, `industry`, `year`.
pub async fn statistics_file(State(open): State<OpenData>, Path(file): Path<String>) -> Response {
    let not_found =
        || NotFound(Refusal::new("Không có bảng thống kê này.", "No such statistics table.")).into_response();
    let Some((name, format)) = Format::of_file(&file) else { return not_found() };
    let statistics = match open.catalog.statistics().await {
        Ok(statistics) => statistics,
        Err(err) => return port_failure(err),
    };
    let Some(rows) = statistics.table(name) else { return not_found() };
    let rows = rows.iter().map(|row| [row.key.clone(), row.label.clone(), row.count.to_string()]);
    Table::new(&["key", "label", "count"], rows).download(format, &format!("thong-ke-{name}")).await
}

/// This API's description, made once from the routes' own descriptions.
#[derive(Clone)]
pub struct Description(pub Arc<str>);

/// This description of the API (OpenAPI 3.1)
#[utoipa::path(get, path = "/api/v1/openapi.json", responses(
    (status = 200, description = "The OpenAPI description", body = Object),
))]
pub async fn openapi(Extension(Description(json)): Extension<Description>) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], json.to_string()).into_response()
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
        "score",
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
            p.score.map(|score| score.to_string()).unwrap_or_default(),
            p.subgroup_name.clone().unwrap_or_default(),
            p.recognized_year.to_string(),
            p.criteria_set.clone(),
            status.flatten().unwrap_or_else(|| "unknown".into()),
            p.valid_until.map(|until| until.to_string()).unwrap_or_default(),
            format!("{public_url}{}", p.href),
        ]
    });
    Table::new(&header, rows).with_decimals("score")
}
