//! Text people send has no control characters. A form posted to a server function has them
//! taken out of every field before the function reads it: PostgreSQL refuses a text holding
//! NUL (the request failed with 500), and HTML cannot show the others even escaped. Line breaks
//! and tabs stay. Done once at the door, for every server function, rather than in each of
//! the dozens of fields people write.

use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The most a server function is sent (as the functions themselves accept).
const MOST: usize = 2 * 1024 * 1024;

/// Whether people never mean `c` in text they type.
fn unwanted(c: char) -> bool {
    c.is_control() && !matches!(c, '\n' | '\r' | '\t')
}

/// `text` without control characters (an imported list's cells come through here too).
pub fn plain(text: &str) -> String {
    text.chars().filter(|&c| !unwanted(c)).collect()
}

/// The form `body` without control characters, or `None` when it holds none (it then goes on
/// byte for byte as sent, malformed or not, for the function to judge).
pub fn without_controls(body: &[u8]) -> Option<String> {
    let fields: Vec<(String, String)> = form_urlencoded::parse(body).into_owned().collect();
    if !fields.iter().any(|(name, value)| name.chars().chain(value.chars()).any(unwanted)) {
        return None;
    }
    let mut form = form_urlencoded::Serializer::new(String::new());
    for (name, value) in &fields {
        form.append_pair(&plain(name), &plain(value));
    }
    Some(form.finish())
}

/// Removes control characters from the fields of a form posted to a server function.
pub async fn remove_controls(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let form = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !form || !path.starts_with("/api/") || path.starts_with("/api/v1/") {
        return next.run(request).await;
    }
    let (mut parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, MOST).await else {
        return (
            StatusCode::PAYLOAD_TOO_LARGE,
            "Yêu cầu quá lớn (tối đa 2 MB). / The request is too large (2 MB at most).",
        )
            .into_response();
    };
    let body = match without_controls(&bytes) {
        Some(clean) => {
            parts.headers.remove(header::CONTENT_LENGTH);
            Body::from(clean)
        }
        None => Body::from(bytes),
    };
    next.run(Request::from_parts(parts, body)).await
}

#[cfg(test)]
mod tests {
    use super::without_controls;

    #[test]
    fn control_characters_leave_and_all_else_stays() {
        let cases: &[(&[u8], Option<&str>)] = &[
            (b"name=M%E1%BA%ADt+ong&note=d%C3%B2ng+1%0Ad%C3%B2ng+2%09x", None),
            (b"name=A%00B%07C%1B%5B31mD", Some("name=ABC%5B31mD")),
            (b"n%00ame=x&y=%C2%85z", Some("name=x&y=z")),
            (b"%%%\xff\xfe=&&=", None),
            (b"name=%E2%80%AEgnp.exe", None),
        ];
        for (body, expected) in cases {
            assert_eq!(without_controls(body).as_deref(), *expected, "{}", String::from_utf8_lossy(body));
        }
    }
}
