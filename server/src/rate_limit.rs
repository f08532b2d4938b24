//! Limits on how fast one client may call the open-data API and ask for pages and server
//! functions, so that one script copying the catalog in a loop, or asking for costly searches,
//! cannot slow the site for everyone else. Each client (by address) holds a bucket of `burst`
//! requests that refills at `per_second`; a request finding it empty is answered 429 with a
//! sentence and when to try again.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::open_data::{Refusal, TooManyRequests};

/// Beyond this many clients remembered, those whose bucket has refilled are forgotten.
const REMEMBERED_CLIENTS: usize = 10_000;

pub struct RateLimit {
    per_second: f64,
    burst: f64,
    /// Take the client's address from the last `X-Forwarded-For` entry, which the site's own
    /// reverse proxy wrote (only when there is one: anyone can send that header).
    behind_proxy: bool,
    buckets: Mutex<HashMap<IpAddr, Bucket>>,
}

struct Bucket {
    tokens: f64,
    at: Instant,
}

impl RateLimit {
    /// `per_second` requests a second for each client, `burst` at once.
    pub fn new(per_second: u32, burst: u32, behind_proxy: bool) -> Arc<Self> {
        Arc::new(RateLimit {
            per_second: f64::from(per_second),
            burst: f64::from(burst.max(1)),
            behind_proxy,
            buckets: Mutex::default(),
        })
    }

    /// Takes one request from the client's bucket: `Ok` if there was one, otherwise how many
    /// whole seconds until there is.
    fn take(&self, client: IpAddr, now: Instant) -> Result<(), u64> {
        let mut buckets = self.buckets.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if buckets.len() >= REMEMBERED_CLIENTS {
            let full_after = self.burst / self.per_second;
            buckets.retain(|_, bucket| now.duration_since(bucket.at).as_secs_f64() < full_after);
        }
        let bucket = buckets.entry(client).or_insert(Bucket { tokens: self.burst, at: now });
        let refilled = now.duration_since(bucket.at).as_secs_f64() * self.per_second;
        bucket.tokens = (bucket.tokens + refilled).min(self.burst);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - bucket.tokens) / self.per_second).ceil().max(1.0) as u64)
        }
    }

    fn client(&self, headers: &HeaderMap, peer: Option<SocketAddr>) -> IpAddr {
        let forwarded = || {
            let list = headers.get("x-forwarded-for")?.to_str().ok()?;
            list.rsplit(',').next()?.trim().parse().ok()
        };
        let forwarded = if self.behind_proxy { forwarded() } else { None };
        forwarded.or(peer.map(|p| p.ip())).unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
    }
}

impl RateLimit {
    /// Takes one request of the client sending `request`.
    fn take_for(&self, request: &Request) -> Result<(), u64> {
        let peer = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|info| info.0);
        self.take(self.client(request.headers(), peer), Instant::now())
    }

    /// What a client over its limit is told, in Vietnamese and English.
    fn refusal(&self, wait: u64) -> (String, String) {
        let rate = self.per_second;
        (
            format!("Quá nhiều yêu cầu từ một địa chỉ: tối đa {rate} yêu cầu mỗi giây. Hãy thử lại sau {wait} giây."),
            format!("Too many requests from one address: at most {rate} a second. Try again in {wait} s."),
        )
    }
}

/// Middleware for pages and server functions. The files a page loads (scripts, styles, images,
/// each with a dot in its name) and the operators' checks are not counted: a page of the split
/// build loads hundreds of small scripts.
pub async fn limit_pages(State(limit): State<Arc<RateLimit>>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let counted = !(path.starts_with("/pkg/")
        || path.starts_with("/api/v1/")
        || path.rsplit('/').next().is_some_and(|name| name.contains('.'))
        || matches!(path, "/livez" | "/readyz" | "/healthz" | "/metrics"));
    match if counted { limit.take_for(&request) } else { Ok(()) } {
        Ok(()) => next.run(request).await,
        Err(wait) => {
            let (vi, en) = limit.refusal(wait);
            let headers =
                [(header::RETRY_AFTER, wait.to_string()), (header::CONTENT_TYPE, "text/plain; charset=utf-8".into())];
            (StatusCode::TOO_MANY_REQUESTS, headers, format!("{vi}\n{en}\n")).into_response()
        }
    }
}

/// Middleware for the open-data routes.
pub async fn limit(State(limit): State<Arc<RateLimit>>, request: Request, next: Next) -> Response {
    if !request.uri().path().starts_with("/api/") {
        return next.run(request).await;
    }
    match limit.take_for(&request) {
        Ok(()) => next.run(request).await,
        Err(wait) => {
            let (vi, en) = limit.refusal(wait);
            let refusal = Refusal::new(vi, en);
            ([(header::RETRY_AFTER, wait.to_string())], TooManyRequests(refusal)).into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_client_gets_its_burst_then_its_rate_and_others_are_not_touched() {
        let limit = RateLimit::new(2, 3, false);
        let (a, b): (IpAddr, IpAddr) = ("10.0.0.1".parse().unwrap(), "10.0.0.2".parse().unwrap());
        let start = Instant::now();
        for _ in 0..3 {
            assert_eq!(limit.take(a, start), Ok(()));
        }
        assert_eq!(limit.take(a, start), Err(1), "the burst is spent");
        assert_eq!(limit.take(b, start), Ok(()), "another client has its own bucket");
        assert_eq!(limit.take(a, start + Duration::from_millis(500)), Ok(()), "half a second refills one");
        assert_eq!(limit.take(a, start + Duration::from_millis(600)), Err(1));
        assert_eq!(limit.take(a, start + Duration::from_secs(60)), Ok(()), "never more than the burst");
    }

    #[test]
    fn the_forwarded_address_counts_only_behind_the_sites_own_proxy() {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", "1.2.3.4, 203.0.113.9".parse().unwrap());
        let peer: SocketAddr = "127.0.0.1:5000".parse().unwrap();
        let direct = RateLimit::new(1, 1, false);
        assert_eq!(direct.client(&headers, Some(peer)), peer.ip(), "a header anyone can send is ignored");
        let proxied = RateLimit::new(1, 1, true);
        assert_eq!(
            proxied.client(&headers, Some(peer)),
            "203.0.113.9".parse::<IpAddr>().unwrap(),
            "what our proxy saw"
        );
    }
}
