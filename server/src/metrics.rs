//! Figures for operators, in the Prometheus text format at `/metrics`: requests and their
//! latency by route and status, the database pool, and dossiers by state. Counted in process
//! (no collector library): a few counters behind one lock cost less than the logging of the
//! same request.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use crate::db::Database;

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 10] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0];

#[derive(Default)]
pub struct Metrics {
    /// By (method, route template, status).
    requests: Mutex<BTreeMap<(String, String, u16), Latencies>>,
}

#[derive(Default)]
struct Latencies {
    /// Requests at or under each bucket's bound (not cumulative here; summed when written).
    buckets: [u64; BUCKETS.len()],
    count: u64,
    seconds: f64,
}

impl Metrics {
    fn observe(&self, method: &str, route: String, status: u16, seconds: f64) {
        let mut requests = self.requests.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let figures = requests.entry((method.to_string(), route, status)).or_default();
        if let Some(bucket) = BUCKETS.iter().position(|bound| seconds <= *bound) {
            figures.buckets[bucket] += 1;
        }
        figures.count += 1;
        figures.seconds += seconds;
    }

    /// The request figures in the text format.
    fn write_requests(&self, out: &mut String) {
        let requests = self.requests.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        out.push_str("# HELP ocop_http_requests_total Requests answered, by method, route and status.\n");
        out.push_str("# TYPE ocop_http_requests_total counter\n");
        for ((method, route, status), figures) in requests.iter() {
            let _ = writeln!(
                out,
                "ocop_http_requests_total{{method=\"{method}\",route=\"{}\",status=\"{status}\"}} {}",
                escape(route),
                figures.count
            );
        }
        out.push_str("# HELP ocop_http_request_duration_seconds Time to answer, by method and route.\n");
        out.push_str("# TYPE ocop_http_request_duration_seconds histogram\n");
        let mut by_route: BTreeMap<(&str, &str), Latencies> = BTreeMap::new();
        for ((method, route, _), figures) in requests.iter() {
            let merged = by_route.entry((method, route)).or_default();
            for (total, count) in merged.buckets.iter_mut().zip(figures.buckets) {
                *total += count;
            }
            merged.count += figures.count;
            merged.seconds += figures.seconds;
        }
        for ((method, route), figures) in by_route {
            let labels = format!("method=\"{method}\",route=\"{}\"", escape(route));
            let mut cumulative = 0;
            for (bound, count) in BUCKETS.iter().zip(figures.buckets) {
                cumulative += count;
                let _ =
                    writeln!(out, "ocop_http_request_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {cumulative}");
            }
            let _ =
                writeln!(out, "ocop_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}", figures.count);
            let _ = writeln!(out, "ocop_http_request_duration_seconds_sum{{{labels}}} {}", figures.seconds);
            let _ = writeln!(out, "ocop_http_request_duration_seconds_count{{{labels}}} {}", figures.count);
        }
    }
}

fn escape(label: &str) -> String {
    label.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
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
    metrics.observe(&method, route, response.status().as_u16(), started.elapsed().as_secs_f64());
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
    let mut out = String::new();
    access.metrics.write_requests(&mut out);
    let pool = &access.db.pool;
    out.push_str("# HELP ocop_db_pool_connections Database connections open, and of those idle.\n");
    out.push_str("# TYPE ocop_db_pool_connections gauge\n");
    let _ = writeln!(out, "ocop_db_pool_connections{{state=\"open\"}} {}", pool.size());
    let _ = writeln!(out, "ocop_db_pool_connections{{state=\"idle\"}} {}", pool.num_idle());
    let _ = writeln!(out, "ocop_db_pool_max_connections {}", pool.options().get_max_connections());
    let states: Result<Vec<(String, i64)>, _> =
        sqlx::query_as("SELECT state, COUNT(*) FROM dossiers GROUP BY state ORDER BY state").fetch_all(pool).await;
    out.push_str("# HELP ocop_dossiers Dossiers by state.\n# TYPE ocop_dossiers gauge\n");
    match states {
        Ok(states) => {
            for (state, count) in states {
                let _ = writeln!(out, "ocop_dossiers{{state=\"{}\"}} {count}", escape(&state));
            }
            out.push_str("ocop_database_up 1\n");
        }
        Err(_) => out.push_str("ocop_database_up 0\n"),
    }
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], out).into_response()
}
