//! The router driven in-process, as a browser would reach it.

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use server::import::{import_csv, ImportOptions};
use tower::ServiceExt;

const SAMPLE: &str = include_str!("../data/sample-products.csv");

fn options() -> LeptosOptions {
    LeptosOptions::builder().output_name("ocop").site_root("target/site").site_pkg_dir("pkg").build()
}

async fn get(app: &axum::Router, uri: &str) -> (StatusCode, String) {
    let response = app.clone().oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.expect("response");
    let status = response.status();
    let body = response.into_body().collect().await.expect("body").to_bytes();
    (status, String::from_utf8_lossy(&body).into_owned())
}

#[tokio::test]
async fn home_page_lists_and_searches_the_catalog() {
    for test in common::databases().await {
        import_csv(&test.db, SAMPLE, ImportOptions::default()).await.expect("sample");
        let app = server::http::router(test.db.clone(), options());

        let (status, html) = get(&app, "/").await;
        assert_eq!(status, StatusCode::OK, "{}", test.name);
        assert!(html.contains("<html lang=\"vi\""), "Vietnamese document");
        assert!(html.contains("28 sản phẩm"), "{html}");
        assert!(html.contains("Chả lụa Peco Food") && html.contains("Mật ong Bana Bee"));

        for query in ["mat+ong", "M%E1%BA%ACT+ONG", "nuoc+mam+nam+o", "hoa+vang"] {
            let (status, html) = get(&app, &format!("/?q={query}")).await;
            assert_eq!(status, StatusCode::OK);
            assert!(!html.contains("28 sản phẩm"), "{query} narrowed the list");
            assert!(html.contains("product-card"), "{query} found something");
        }
        let (_, html) = get(&app, "/?q=nuoc+mam+nam+o").await;
        assert!(html.contains("Nước mắm Nam Ô - Hiệp Hải") && html.contains("1 sản phẩm"), "{html}");
        let (_, html) = get(&app, "/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E").await;
        assert!(!html.contains("<script>alert(1)"), "query text is escaped");
        assert!(html.contains("Không có sản phẩm nào khớp với từ khóa."));
        test.finish().await;
    }
}

#[tokio::test]
async fn server_function_health_and_not_found() {
    for test in common::databases().await {
        import_csv(&test.db, SAMPLE, ImportOptions::default()).await.expect("sample");
        let app = server::http::router(test.db.clone(), options());

        let request = Request::post("/api/search_products")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from("query=cha+bo"))
            .unwrap();
        let response = app.clone().oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let body = response.into_body().collect().await.unwrap().to_bytes();
        let page: app::model::ProductPage = serde_json::from_slice(&body).expect("JSON page");
        assert_eq!(page.items.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), vec!["Chả bò Phước Hà"]);

        let long_query = format!("query={}", "a".repeat(10_000));
        let request = Request::post("/api/search_products")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(long_query))
            .unwrap();
        let response = app.clone().oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let body = response.into_body().collect().await.unwrap().to_bytes();
        let page: app::model::ProductPage = serde_json::from_slice(&body).unwrap();
        assert!(page.note_vi.unwrap_or_default().contains("200 ký tự"));

        let (status, body) = get(&app, "/healthz").await;
        assert_eq!((status, body.as_str()), (StatusCode::OK, r#"{"database":"ok","status":"ok"}"#));

        let (status, html) = get(&app, "/khong-co-trang-nay").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(html.contains("Không tìm thấy trang"));

        test.db.pool.close().await;
        let (status, _) = get(&app, "/healthz").await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "a closed database is reported");
        test.finish().await;
    }
}
