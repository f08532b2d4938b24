//! Requests that change something must come from the site's own pages. The session cookie is
//! `SameSite=Lax`, which already keeps it off a form another site posts; this check refuses
//! such a post outright, whatever the cookie, from the headers every browser sends with it
//! (`Sec-Fetch-Site`, and `Origin` on every POST). Scripts and command-line clients send
//! neither and are let through: they carry no one's cookie unless given it.
//! Written by hand: the rule is a few lines over two headers, and no well-kept crate for axum
//! states it with the site's own origin and a sentence.

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The origins a page of the site is served from: its public address, and the host a request
/// reached directly (a server addressed by its own name or port on a private network).
#[derive(Clone, Debug)]
pub struct OwnOrigin {
    public: String,
}

impl OwnOrigin {
    pub fn new(public_url: &str) -> Self {
        OwnOrigin { public: origin_of(public_url).to_ascii_lowercase() }
    }
}

/// `scheme://host[:port]` of a URL, without its path.
fn origin_of(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    let end = url[after_scheme..].find('/').map_or(url.len(), |i| after_scheme + i);
    &url[..end]
}

/// Whether a state-changing request with these headers comes from the site itself.
pub fn from_the_site(site: &OwnOrigin, headers: &HeaderMap) -> bool {
    let text = |name| headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_ascii_lowercase);
    let fetch_site = text("sec-fetch-site");
    if matches!(fetch_site.as_deref(), Some("same-origin") | Some("none")) {
        return true;
    }
    match text(header::ORIGIN.as_str()) {
        Some(origin) => {
            let host = text(header::HOST.as_str()).unwrap_or_default();
            origin == site.public || (!host.is_empty() && origin_of(&origin).split("://").nth(1) == Some(&host))
        }
        // A browser always sends Origin with a cross-site POST; with neither header, this is
        // a script, not a page of another site.
        None => fetch_site.is_none(),
    }
}

/// Middleware: refuses a state-changing request sent by another site's page.
pub async fn refuse_cross_site(State(site): State<OwnOrigin>, request: Request, next: Next) -> Response {
    let reads = matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if reads || from_the_site(&site, request.headers()) {
        return next.run(request).await;
    }
    tracing::warn!(path = %request.uri().path(), "refused a state-changing request from another site");
    let sentence = "Yêu cầu này đến từ một trang web khác nên không được thực hiện. Hãy mở trang của cổng OCOP và thử lại.\n\
                    This request came from another web site, so it was not carried out. Open the OCOP site's own page and try again.\n";
    (StatusCode::FORBIDDEN, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], sentence).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_sites_own_pages_and_clients_without_a_page_may_change_things() {
        let site = OwnOrigin::new("https://ocop.gov.vn/");
        // (Sec-Fetch-Site, Origin, Host, allowed)
        let cases = [
            (Some("same-origin"), Some("https://ocop.gov.vn"), "ocop.gov.vn", true),
            (Some("none"), None, "ocop.gov.vn", true),
            (None, Some("https://ocop.gov.vn"), "ocop.gov.vn", true),
            (None, Some("HTTPS://OCOP.GOV.VN"), "ocop.gov.vn", true),
            (None, Some("http://127.0.0.1:3101"), "127.0.0.1:3101", true),
            (None, None, "ocop.gov.vn", true),
            (Some("cross-site"), Some("https://ke-gian.example"), "ocop.gov.vn", false),
            (Some("same-site"), Some("https://tin.ocop.gov.vn"), "ocop.gov.vn", false),
            (None, Some("https://ke-gian.example"), "ocop.gov.vn", false),
            (None, Some("null"), "ocop.gov.vn", false),
            (Some("cross-site"), None, "ocop.gov.vn", false),
            (None, Some("https://ocop.gov.vn.ke-gian.example"), "ocop.gov.vn", false),
        ];
        for (fetch_site, origin, host, allowed) in cases {
            let mut headers = HeaderMap::new();
            if let Some(value) = fetch_site {
                headers.insert("sec-fetch-site", value.parse().unwrap());
            }
            if let Some(value) = origin {
                headers.insert(header::ORIGIN, value.parse().unwrap());
            }
            headers.insert(header::HOST, host.parse().unwrap());
            assert_eq!(from_the_site(&site, &headers), allowed, "{fetch_site:?} {origin:?} {host}");
        }
    }
}
