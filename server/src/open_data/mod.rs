//! Open data: a read-only JSON API over the public catalog with the catalog's filters, CSV and
//! XLSX downloads, the OpenAPI description, and the sitemap and robots file for search engines.

mod api;
mod sitemap;

use std::sync::Arc;

use app::ports::Catalog;
use axum::routing::get;
use axum::{Extension, Router};
use utoipa::openapi::{OpenApi as Description, Ref, RefOr};
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::db::Database;

pub use api::{Refusal, TooManyRequests};

#[derive(Clone)]
pub struct OpenData {
    pub catalog: Arc<dyn Catalog>,
    pub db: Database,
    pub public_url: String,
}

/// What the description says beyond its routes: who it is, and the refusals the routes name.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "OCOP Việt Nam open data",
        version = "1.0.0",
        description = "Read-only access to the public catalog of OCOP (One Commune One Product) products: the same filters as the catalog pages, JSON and CSV. Dates are ISO 8601; provinces are the 34 units of the 2025 reform, by their 2-digit codes."
    ),
    components(
        schemas(api::Refusal),
        responses(api::BadRequest, api::NotFound, api::Unavailable, api::TooManyRequests)
    )
)]
struct Overview;

pub fn routes<S: Clone + Send + Sync + 'static>(open: OpenData) -> Router<S> {
    // Each /api/v1 route is registered with its description, so neither can lack the other.
    let (api, mut description) = OpenApiRouter::with_openapi(Overview::openapi())
        .routes(routes!(api::products))
        .routes(routes!(api::suggestions))
        .routes(routes!(api::products_csv))
        .routes(routes!(api::products_xlsx))
        .routes(routes!(api::product))
        .routes(routes!(api::producer))
        .routes(routes!(api::statistics))
        .routes(routes!(api::openapi))
        .split_for_parts();
    // utoipa fills an empty licence from the server's package, which names none for the data.
    description.info.license = None;
    let description = api::Description(with_rate_limit(description).to_json().expect("the description is JSON").into());
    api.layer(Extension(description))
        .route("/thong-ke/{file}", get(api::statistics_file))
        .route("/sitemap.xml", get(sitemap::index))
        .route("/sitemap/{file}", get(sitemap::page))
        .route("/robots.txt", get(sitemap::robots))
        .with_state(open)
}

/// The per-client limit (`rate_limit`) covers every /api/ route, so every operation may be
/// answered 429.
fn with_rate_limit(mut description: Description) -> Description {
    let too_many = || RefOr::Ref(Ref::from_response_name("TooManyRequests"));
    for item in description.paths.paths.values_mut() {
        let operations = [&mut item.get, &mut item.head, &mut item.post, &mut item.put, &mut item.delete];
        for operation in operations.into_iter().flatten() {
            operation.responses.responses.insert("429".into(), too_many());
        }
    }
    description
}
