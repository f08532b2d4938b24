//! The HTTP surface: Leptos pages and server functions, the health endpoint, compression,
//! request ids and request logs.

use std::sync::{Arc, OnceLock};

use app::app::{shell, App};
use app::ports::AppState;
use axum::http::{header, HeaderName, HeaderValue, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use leptos::prelude::{provide_context, LeptosOptions};
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::assets;
use crate::cross_site::{self, OwnOrigin};
use crate::db::accounts::SqlAccounts;
use crate::db::catalog::SqlCatalog;
use crate::db::imports::SqlImports;
use crate::db::membership::SqlMembership;
use crate::db::portal::SqlPortal;
use crate::db::records::SqlRecords;
use crate::db::review::council::SqlCouncil;
use crate::db::review::SqlBackOffice;
use crate::db::Database;
use crate::evidence;
use crate::files::FileStore;
use crate::import_upload;
use crate::language_switch;
use crate::mail::Mailer;
use crate::metrics::{self, Metrics, MetricsAccess};
use crate::open_data::{self, OpenData};
use crate::photos;
use crate::plain_text;
use crate::rate_limit::{self, RateLimit};
use crate::staff_downloads;
use crate::stamp_qr::{self, StampQr};
use app::site::SiteOrigin;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// How the site meets the outside world.
pub struct Site {
    /// Where people reach the site (printed in stamp QR codes and reset links); an `https`
    /// address also makes cookies `Secure`.
    pub public_url: String,
    pub mailer: Arc<dyn Mailer>,
    /// Where uploaded evidence and photos are kept.
    pub files: FileStore,
    /// The bearer token a Prometheus scraper presents for `/metrics` (none: no metrics).
    pub metrics_token: Option<String>,
    /// The open-data API's limit for each client (none: unlimited).
    pub api_rate_limit: Option<Arc<RateLimit>>,
    /// The limit on pages and server functions per client, if any.
    pub page_rate_limit: Option<Arc<RateLimit>>,
    /// Reached through the site's own proxy: the client's address is the last X-Forwarded-For.
    pub behind_proxy: bool,
    /// Reads the catalog's search index as the server starts, rather than at the first search.
    pub read_search_index_at_start: bool,
}

/// The whole application as one router, ready to serve or to drive in tests.
pub fn router(db: Database, options: LeptosOptions, site: Site) -> Router {
    let public_url = site.public_url.trim_end_matches('/').to_string();
    let back_office = Arc::new(SqlBackOffice::new(db.clone(), site.files.clone(), site.mailer.clone(), &public_url));
    let catalog = Arc::new(SqlCatalog::new(db.clone()));
    if site.read_search_index_at_start {
        let catalog = catalog.clone();
        tokio::spawn(async move {
            if let Err(err) = catalog.read_search_index().await {
                tracing::warn!(%err, "the search index will be read at the first search");
            }
        });
    }
    let state = AppState {
        catalog,
        accounts: Arc::new(SqlAccounts::new(db.clone(), site.mailer.clone(), &public_url)),
        portal: Arc::new(SqlPortal::new(db.clone(), site.files.clone())),
        membership: Arc::new(SqlMembership::new(db.clone(), site.mailer.clone(), &public_url)),
        back_office: back_office.clone(),
        council: Arc::new(SqlCouncil::new(db.clone(), back_office)),
        records: Arc::new(SqlRecords::new(db.clone(), site.files.clone())),
        imports: Arc::new(SqlImports::new(db.clone())),
        clock: db.clock,
        behind_proxy: site.behind_proxy,
        secure_cookies: public_url.starts_with("https://"),
    };
    let secure = state.secure_cookies;
    let routes = route_list();
    let origin = public_url.clone();
    let own_origin = OwnOrigin::new(&public_url);
    let stamps = StampQr { catalog: state.catalog.clone(), public_url };
    let open_data = OpenData { catalog: state.catalog.clone(), db: db.clone(), public_url: stamps.public_url.clone() };
    let pkg_dir = std::path::Path::new(&*options.site_root).join(&*options.site_pkg_dir);
    let counted = Arc::new(Metrics::default());
    let metrics_access = MetricsAccess::new(counted.clone(), db.clone(), site.metrics_token.as_deref());
    let ready_db = db.clone();
    let page_limit = site.page_rate_limit.clone();
    let accounts = state.accounts.clone();
    let open_data = match site.api_rate_limit {
        Some(limit) => {
            open_data::routes(open_data).layer(axum::middleware::from_fn_with_state(limit, rate_limit::limit))
        }
        None => open_data::routes(open_data),
    };
    let site = Router::new()
        .nest_service(&format!("/{}", options.site_pkg_dir), assets::service(&pkg_dir))
        .merge(evidence::routes(state.clone()))
        .merge(photos::routes(state.clone()))
        .merge(import_upload::routes(state.clone()))
        .merge(staff_downloads::routes(state.clone(), origin.clone()))
        .route("/livez", get(|| async { "ok" }))
        .route("/readyz", get(move || readiness(ready_db.clone())))
        // The first name of the readiness check, kept for the scripts that use it.
        .route("/healthz", get(move || readiness(db.clone())))
        .route("/metrics", get(move |headers| metrics::serve(metrics_access.clone(), headers)))
        .route(
            "/ngon-ngu/{code}",
            get(move |code, query, headers| {
                language_switch::switch_language(accounts.clone(), secure, code, query, headers)
            }),
        )
        .route("/so-tu/{file}", get(language_switch::catalogue))
        .route("/xac-thuc/{code}/qr.svg", get(move |path| stamp_qr::qr_svg(stamps.clone(), path)))
        .leptos_routes_with_context(
            &options,
            routes,
            move || {
                provide_context(state.clone());
                provide_context(SiteOrigin(origin.clone()));
            },
            {
                let options = options.clone();
                move || shell(options.clone())
            },
        )
        .fallback(leptos_axum::file_and_error_handler(shell))
        .with_state(options)
        .layer(axum::middleware::from_fn(plain_text::remove_controls))
        .layer(axum::middleware::from_fn_with_state(own_origin, cross_site::refuse_cross_site))
        // The open-data API and the sitemaps only answer reads and take no form: they need
        // neither check at the door, and skipping two middleware hops is a tenth of the API's
        // cost per request (measured A/B on both databases).
        .merge(open_data);
    let site = match page_limit {
        Some(limit) => site.layer(axum::middleware::from_fn_with_state(limit, rate_limit::limit_pages)),
        None => site,
    };
    let site = site.layer(axum::middleware::from_fn_with_state(counted, metrics::count));
    with_protection_headers(site, secure)
        .layer(CompressionLayer::new())
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|request: &Request<_>| {
                    let id = request.headers().get(&REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or("-");
                    tracing::info_span!("request", method = %request.method(), path = %request.uri().path(), request_id = %id)
                })
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
        .layer(CatchPanicLayer::custom(panicked))
}

/// A request whose handler panicked: a 500 with a sentence (the panic itself is in the log),
/// and every other request goes on being served.
fn panicked(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let sentence = "Máy chủ gặp lỗi khi xử lý yêu cầu này; dữ liệu đã lưu không bị ảnh hưởng. Hãy thử lại sau ít phút.\n\
                    The server failed on this request; nothing stored was affected. Please try again in a few minutes.\n";
    (StatusCode::INTERNAL_SERVER_ERROR, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], sentence).into_response()
}

/// Headers every response carries: no content-type guessing, no framing by other sites, no
/// full addresses leaked to them, and over TLS a promise to browsers to stay on it. Pages add
/// their own Content-Security-Policy with a fresh nonce (`app::security`).
fn with_protection_headers(router: Router, secure: bool) -> Router {
    let fixed = |name, value| SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value));
    let hsts = HeaderValue::from_static("max-age=63072000; includeSubDomains");
    router
        .layer(fixed(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(fixed(header::X_FRAME_OPTIONS, "DENY"))
        .layer(fixed(header::REFERRER_POLICY, "strict-origin-when-cross-origin"))
        .layer(SetResponseHeaderLayer::if_not_present(header::STRICT_TRANSPORT_SECURITY, move |_: &Response| {
            secure.then(|| hsts.clone())
        }))
}

/// Readiness: 200 when the database answers within two seconds, 503 when it does not (a load
/// balancer then sends people to another server). Liveness (`/livez`) only says the process
/// answers, so that a database outage never gets healthy servers restarted.
/// The app's routes, listed once per process. Listing them renders the whole app with every
/// resource held back by a flag that leptos keeps for the whole process
/// (`SuppressResourceLoad`), so a router built while another one is serving leaves that one's
/// pages waiting forever on their data: the tests that built routers side by side hung in
/// about one run in three.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

async fn readiness(db: Database) -> impl IntoResponse {
    let answers = tokio::time::timeout(std::time::Duration::from_secs(2), db.ping()).await.unwrap_or(false);
    if answers {
        (StatusCode::OK, Json(serde_json::json!({ "status": "ok", "database": "ok" })))
    } else {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(serde_json::json!({ "status": "unavailable", "database": "unreachable" })),
        )
    }
}
