//! `GET /ngon-ngu/{vi|en}?tiep=/path`: the header's language switch. A plain link, so it works
//! without JavaScript: it remembers the choice for a year and goes back to the page it was
//! chosen on, which the server then renders in that language.

use std::collections::HashMap;
use std::sync::Arc;

use app::language::Language;
use app::ports::Accounts;
use axum::extract::{Path, Query};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

pub async fn switch_language(
    accounts: Arc<dyn Accounts>,
    secure_cookies: bool,
    Path(code): Path<String>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let Some(language) = Language::from_code(&code) else {
        let sentence =
            "Ngôn ngữ không có trên trang này (chỉ có vi, en). / This language is not offered (only vi, en).";
        return (StatusCode::NOT_FOUND, sentence).into_response();
    };
    // Signed in, the account keeps the choice for its mails. The switch works whatever happens
    // to that: the page's language is the cookie's. A link from another site (the session
    // cookie is sent with it) changes the cookie only: a GET that writes must come from us.
    let from_another_site = headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|site| site != "same-origin" && site != "none");
    if let Some(token) = app::session::token_in(&headers).filter(|_| !from_another_site) {
        let kept = match accounts.session(&token).await {
            Ok(Some(account)) => accounts.set_language(account.id, language).await,
            Ok(None) => Ok(()),
            Err(err) => Err(err),
        };
        if let Err(err) = kept {
            tracing::warn!(error = %err, "the account's language was not kept");
        }
    }
    let back = app::session::local_path(query.get("tiep").map(String::as_str)).unwrap_or("/").to_string();
    // Not HttpOnly: nothing secret, and the page may read it.
    let cookie = app::session::cookie_header(Language::COOKIE, language.code(), 365 * 24 * 3600, false, secure_cookies);
    (StatusCode::SEE_OTHER, [(header::LOCATION, back), (header::SET_COOKIE, cookie)]).into_response()
}

/// `GET /so-tu/{code}.json`: a language's catalogue, which the browser reads before it
/// hydrates a page in that language. Revalidated each time (it changes with each release), so
/// a reader never mixes an old catalogue with new screens; the answer to a revalidation is a
/// bodiless 304.
pub async fn catalogue(Path(file): Path<String>, headers: HeaderMap) -> Response {
    let source = file.strip_suffix(".json").and_then(Language::from_code).and_then(app::language::catalogue::source);
    let Some(source) = source else {
        return (StatusCode::NOT_FOUND, "Không có sổ từ này. / No such catalogue.").into_response();
    };
    let digest = Sha256::digest(source.as_bytes());
    let tag = format!("\"{}\"", digest[..12].iter().map(|b| format!("{b:02x}")).collect::<String>());
    if headers.get(header::IF_NONE_MATCH).is_some_and(|asked| asked.as_bytes() == tag.as_bytes()) {
        return (StatusCode::NOT_MODIFIED, [(header::ETAG, tag)]).into_response();
    }
    let headers = [
        (header::CONTENT_TYPE, "application/json; charset=utf-8".to_string()),
        (header::CACHE_CONTROL, "no-cache".to_string()),
        (header::ETAG, tag),
    ];
    (headers, source).into_response()
}
