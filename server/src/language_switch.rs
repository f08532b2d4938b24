//! `GET /ngon-ngu/{vi|en}?tiep=/path`: the header's language switch. A plain link, so it works
//! without JavaScript: it remembers the choice for a year and goes back to the page it was
//! chosen on, which the server then renders in that language.

use std::collections::HashMap;

use app::language::Language;
use axum::extract::{Path, Query};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

pub async fn switch_language(
    secure_cookies: bool,
    Path(code): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let Some(language) = Language::from_code(&code) else {
        let sentence =
            "Ngôn ngữ không có trên trang này (chỉ có vi, en). / This language is not offered (only vi, en).";
        return (StatusCode::NOT_FOUND, sentence).into_response();
    };
    let back = app::session::local_path(query.get("tiep").map(String::as_str)).unwrap_or("/").to_string();
    // Not HttpOnly: nothing secret, and the page may read it.
    let cookie = app::session::cookie_header(Language::COOKIE, language.code(), 365 * 24 * 3600, false, secure_cookies);
    (StatusCode::SEE_OTHER, [(header::LOCATION, back), (header::SET_COOKIE, cookie)]).into_response()
}
