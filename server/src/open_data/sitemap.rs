use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use sqlx::AssertSqlSafe;

use super::OpenData;
use crate::db::LISTED;

/// Search engines read at most 50,000 addresses per sitemap file.
const URLS_PER_FILE: i64 = 50_000;

fn xml(body: String) -> Response {
    ([(header::CONTENT_TYPE, "application/xml; charset=utf-8")], body).into_response()
}

fn unavailable(err: sqlx::Error) -> Response {
    tracing::error!(error = %err, "sitemap query failed");
    (StatusCode::SERVICE_UNAVAILABLE, "Hệ thống đang bận, vui lòng thử lại.").into_response()
}

/// A sitemap index: one file per 50,000 products, so a national catalog fits.
pub async fn index(State(open): State<OpenData>) -> Response {
    let count: i64 = match sqlx::query_scalar(AssertSqlSafe(format!("SELECT COUNT(*) FROM products p WHERE {LISTED}")))
        .fetch_one(&open.db.pool)
        .await
    {
        Ok(count) => count,
        Err(err) => return unavailable(err),
    };
    let files = (count + URLS_PER_FILE - 1) / URLS_PER_FILE;
    let entries: String = (0..files.max(1))
        .map(|n| format!("<sitemap><loc>{}/sitemap/{n}.xml</loc></sitemap>", open.public_url))
        .collect();
    xml(format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</sitemapindex>"#
    ))
}

pub async fn page(State(open): State<OpenData>, Path(file): Path<String>) -> Response {
    let Some(n) = file.strip_suffix(".xml").and_then(|n| n.parse::<i64>().ok()).filter(|n| *n >= 0) else {
        return (StatusCode::NOT_FOUND, "Không có tệp sitemap này.").into_response();
    };
    let rows: Vec<(i64, String)> = match sqlx::query_as(AssertSqlSafe(format!(
        "SELECT p.id, p.name FROM products p WHERE {LISTED} ORDER BY p.id LIMIT $1 OFFSET $2"
    )))
    .bind(URLS_PER_FILE)
    .bind(n * URLS_PER_FILE)
    .fetch_all(&open.db.pool)
    .await
    {
        Ok(rows) => rows,
        Err(err) => return unavailable(err),
    };
    if rows.is_empty() && n > 0 {
        return (StatusCode::NOT_FOUND, "Không có tệp sitemap này.").into_response();
    }
    let home = if n == 0 { format!("<url><loc>{}/</loc></url>", open.public_url) } else { String::new() };
    let urls: String = rows
        .iter()
        .map(|(id, name)| format!("<url><loc>{}{}</loc></url>", open.public_url, app::model::product_href(*id, name)))
        .collect();
    xml(format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{home}{urls}</urlset>"#
    ))
}

/// Crawlers may read the catalog; server functions and stamp checks are not for indexing.
pub async fn robots(State(open): State<OpenData>) -> Response {
    (
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!(
            "User-agent: *\nAllow: /\nAllow: /api/v1/\nDisallow: /api/\nDisallow: /xac-thuc\nSitemap: {}/sitemap.xml\n",
            open.public_url
        ),
    )
        .into_response()
}
