//! Figures for operators, in the Prometheus text format at `/metrics`: requests and their
//! latency by route and status, the database pool, and dossiers by state. Kept by the
//! `prometheus` crate in a registry of this router's own (not the process-wide default), so
//! that every router in a process, as in the tests, counts only its own requests.

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus::{HistogramOpts, HistogramVec, IntCounterVec, IntGauge, IntGaugeVec, Opts, Registry, TextEncoder};
use sha2::{Digest, Sha256};

use crate::db::Database;

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 10] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0];

pub struct Metrics {
    registry: Registry,
    /// By method, route template and status.
    requests: IntCounterVec,
    /// By method and route template.
    latency: HistogramVec,
    pool: IntGaugeVec,
    pool_max: IntGauge,
    dossiers: IntGaugeVec,
    database_up: IntGauge,
}

impl Default for Metrics {
    fn default() -> Self {
        // The names and labels are constants: registering them cannot fail but by a typing
        // error here, which the first test run shows.
        let requests = IntCounterVec::new(
            Opts::new("ocop_http_requests_total", "Requests answered, by method, route and status."),
            &["method", "route", "status"],
        )
        .expect("a valid counter");
        let latency = HistogramVec::new(
            HistogramOpts::new("ocop_http_request_duration_seconds", "Time to answer, by method and route.")
                .buckets(BUCKETS.to_vec()),
            &["method", "route"],
        )
        .expect("a valid histogram");
        let pool = IntGaugeVec::new(
            Opts::new("ocop_db_pool_connections", "Database connections open, and of those idle."),
            &["state"],
        )
        .expect("a valid gauge");
        let pool_max =
            IntGauge::new("ocop_db_pool_max_connections", "The most database connections this server opens.")
                .expect("a valid gauge");
        let dossiers =
            IntGaugeVec::new(Opts::new("ocop_dossiers", "Dossiers by state."), &["state"]).expect("a valid gauge");
        let database_up =
            IntGauge::new("ocop_database_up", "Whether the database answered this scrape.").expect("a valid gauge");
        let registry = Registry::new();
        for collector in [
            Box::new(requests.clone()) as Box<dyn prometheus::core::Collector>,
            Box::new(latency.clone()),
            Box::new(pool.clone()),
            Box::new(pool_max.clone()),
            Box::new(dossiers.clone()),
            Box::new(database_up.clone()),
        ] {
            registry.register(collector).expect("each figure registered once");
        }
        Metrics { registry, requests, latency, pool, pool_max, dossiers, database_up }
    }
}

impl Metrics {
    fn observe(&self, method: &str, route: &str, status: u16, seconds: f64) {
        self.requests.with_label_values(&[method, route, &status.to_string()]).inc();
        self.latency.with_label_values(&[method, route]).observe(seconds);
    }

    /// The figures of the database, read at each scrape.
    async fn read_database(&self, db: &Database) {
        let pool = &db.pool;
        self.pool.with_label_values(&["open"]).set(i64::from(pool.size()));
        self.pool.with_label_values(&["idle"]).set(pool.num_idle() as i64);
        self.pool_max.set(i64::from(pool.options().get_max_connections()));
        let states: Result<Vec<(String, i64)>, _> =
            sqlx::query_as("SELECT state, COUNT(*) FROM dossiers GROUP BY state ORDER BY state").fetch_all(pool).await;
        // A state no dossier is in any more leaves the figures.
        self.dossiers.reset();
        match states {
            Ok(states) => {
                for (state, count) in states {
                    self.dossiers.with_label_values(&[state.as_str()]).set(count);
                }
                self.database_up.set(1);
            }
            Err(_) => self.database_up.set(0),
        }
    }
}

/// Middleware: counts every request under its route template (`/san-pham/{id}`, never the
/// address itself, so the figures stay few whatever people type).
pub async fn count(State(metrics): State<Arc<Metrics>>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = match request.method().as_str() {
        known @ ("GET" | "HEAD" | "POST" | "PUT" | "DELETE" | "PATCH" | "OPTIONS") => known.to_string(),
        _ => "other".to_string(),
    };
    let route = request.extensions().get::<MatchedPath>().map_or("unmatched", MatchedPath::as_str).to_string();
    let response = next.run(request).await;
    metrics.observe(&method, &route, response.status().as_u16(), started.elapsed().as_secs_f64());
    response
}

/// Who may read `/metrics`: a scraper presenting the configured token. Without one configured,
/// nobody (the figures say how the service is used and where it strains).
#[derive(Clone)]
pub struct MetricsAccess {
    pub metrics: Arc<Metrics>,
    pub db: Database,
    /// SHA-256 of the token, compared by hash so timing says nothing about the token.
    pub token_hash: Option<[u8; 32]>,
}

impl MetricsAccess {
    pub fn new(metrics: Arc<Metrics>, db: Database, token: Option<&str>) -> Self {
        let token_hash = token.filter(|t| !t.is_empty()).map(|t| Sha256::digest(t.as_bytes()).into());
        MetricsAccess { metrics, db, token_hash }
    }
}

pub async fn serve(access: MetricsAccess, headers: HeaderMap) -> Response {
    let Some(expected) = access.token_hash else { return StatusCode::NOT_FOUND.into_response() };
    let presented = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|token| <[u8; 32]>::from(Sha256::digest(token.as_bytes())));
    if presented != Some(expected) {
        return (StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, "Bearer")]).into_response();
    }
    access.metrics.read_database(&access.db).await;
    let mut out = String::new();
    if let Err(err) = TextEncoder::new().encode_utf8(&access.metrics.registry.gather(), &mut out) {
        tracing::error!(error = %err, "the figures could not be written");
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], out).into_response()
}
