//! Open data: a read-only JSON API over the public catalog with the catalog's filters, CSV and
//! XLSX downloads, the OpenAPI description, and the sitemap and robots file for search engines.

mod api;
mod sitemap;

use std::sync::Arc;

use app::ports::Catalog;
use axum::routing::get;
use axum::Router;

use crate::db::Database;
use crate::spreadsheet::Format;

#[derive(Clone)]
pub struct OpenData {
    pub catalog: Arc<dyn Catalog>,
    pub db: Database,
    pub public_url: String,
}

pub fn routes<S: Clone + Send + Sync + 'static>(open: OpenData) -> Router<S> {
    Router::new()
        .route("/api/v1/products", get(api::products))
        .route("/api/v1/products.csv", get(|open, query| api::products_file(Format::Csv, open, query)))
        .route("/api/v1/products.xlsx", get(|open, query| api::products_file(Format::Xlsx, open, query)))
        .route("/api/v1/products/{id}", get(api::product))
        .route("/api/v1/producers/{id}", get(api::producer))
        .route("/api/v1/openapi.json", get(api::openapi))
        .route("/api/v1/statistics", get(api::statistics))
        .route("/thong-ke/{file}", get(api::statistics_file))
        .route("/sitemap.xml", get(sitemap::index))
        .route("/sitemap/{file}", get(sitemap::page))
        .route("/robots.txt", get(sitemap::robots))
        .with_state(open)
}
