//! The router driven in-process, as a browser or a script would reach it.

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{app_with_sample, get, send};
use http_body_util::BodyExt;
use tower::ServiceExt;

async fn call(app: &axum::Router, function: &str, form: &str) -> (StatusCode, String) {
    let request = Request::post(format!("/api/{function}"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(form.to_string()))
        .unwrap();
    send(app, request).await
}

common::on_each_backend! {
    async fn the_catalog_searches_filters_and_counts(test) {
        // The last day the sample's 2023 ratings (validity unknown) may still be in force: their
        // year plus three. The 2021 and 2022 ratings have certainly expired.
        test.on("2026-12-31");
        let app = app_with_sample(&test).await;

        // By default only what may still be in force.
        let (status, html) = get(&app, "/").await;
        assert_eq!(status, StatusCode::OK, "{}: {html}", test.name);
        assert!(html.contains("<html lang=\"vi\""), "Vietnamese document");
        assert!(html.contains(">9 sản phẩm<"), "{}", test.name);
        assert!(html.contains("Chả lụa Peco Food") && html.contains("Mật ong Bana Bee"));
        assert!(!html.contains("Chả bò Phước Hà"), "expired by default hidden");

        let (_, html) = get(&app, "/?status=all").await;
        assert!(html.contains(">28 sản phẩm<"), "{}", test.name);
        assert!(html.contains("Đã hết hạn (28)") || html.contains("Tất cả (28)"), "status facet counts");
        let (_, html) = get(&app, "/?status=all&stars=4").await;
        assert!(html.contains(">8 sản phẩm<"), "8 four-star products");
        assert!(html.contains("4 sao (8)") && html.contains("3 sao (20)"), "star counts ignore the star filter");

        for (query, expected) in [
            ("mat+ong", "Mật ong Bana Bee"),
            ("M%E1%BA%ACT+ONG", "Mật ong Bana Bee"),
            ("nuoc+mam+nam+o", "Nước mắm Nam Ô - Hiệp Hải"),
            ("hoa+vang", "Gà thả vườn Kê Sơn"),
            ("davina", "Mật ong Bana Bee"),
        ] {
            let (status, html) = get(&app, &format!("/?q={query}")).await;
            assert_eq!(status, StatusCode::OK);
            assert!(html.contains(expected), "{query} finds {expected}");
            assert!(!html.contains(">9 sản phẩm<"), "{query} narrowed the list");
        }
        // One slip in a longer word (a letter too many, missing, changed, or two swapped) still
        // finds the product, and the page says which word was searched instead.
        for (query, expected, said) in [
            ("nuoc+mamm", "Nước mắm Nam Ô - Hiệp Hải", "«mam» thay cho «mamm»"),
            ("nouc+mam+nam+o", "Nước mắm Nam Ô - Hiệp Hải", "«nuoc» thay cho «nouc»"),
            ("mat+ong+bnaa", "Mật ong Bana Bee", "«bana» thay cho «bnaa»"),
            ("davima", "Mật ong Bana Bee", "«davina» thay cho «davima»"),
        ] {
            let (status, html) = get(&app, &format!("/?q={query}&status=all")).await;
            assert_eq!(status, StatusCode::OK);
            assert!(html.contains(expected), "{}: {query} finds {expected}", test.name);
            assert!(html.contains(said), "{}: {query} says {said}", test.name);
        }
        // A word typed correctly is never second-guessed, and a short word is never corrected.
        let (_, html) = get(&app, "/?q=mat+ong&status=all").await;
        assert!(!html.contains("thay cho"), "{}", test.name);
        let (_, html) = get(&app, "/?q=mqt&status=all").await;
        assert!(html.contains("Không có sản phẩm nào khớp") && !html.contains("thay cho"), "{}", test.name);
        let (status, body) = get(&app, "/api/v1/products?q=nuoc+mamm&status=all").await;
        assert_eq!(status, StatusCode::OK);
        assert!(body.contains(r#""corrections":[{"typed":"mamm","read_as":["mam"]}]"#), "{body}");

        // A name match ranks above a producer or place match: "cha" names several products,
        // and the first card must be one of them.
        let (_, html) = get(&app, "/?q=cha&status=all").await;
        let first = html.split("product-name").nth(1).unwrap_or_default();
        assert!(first.contains(">Chả"), "{first}");

        let (status, html) = get(&app, "/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E").await;
        assert_eq!(status, StatusCode::OK);
        assert!(!html.contains("<script>alert(1)"), "query text is escaped");
        assert!(html.contains("Không có sản phẩm nào khớp"));
        let (status, _) = get(&app, "/?q=%27%20OR%201%3D1%20--").await;
        assert_eq!(status, StatusCode::OK, "SQL in the query is only text");

        // Malformed filters are ignored with a sentence, not an error.
        let (status, html) = get(&app, "/?stars=9&province=abc&page=-2&sort=%3Cb%3E").await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            html.contains("Đã bỏ qua bộ lọc số sao")
                && html.contains("Đã bỏ qua bộ lọc tỉnh")
                && html.contains(">9 sản phẩm<")
        );
        let long = "a".repeat(10_000);
        let (status, html) = get(&app, &format!("/?q={long}")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("200 ký tự"));

        // The first day of 2027 in Vietnam, the 2023 ratings have expired too.
        test.on("2027-01-01");
        let (_, html) = get(&common::router(&test, None), "/").await;
        assert!(html.contains("Không có sản phẩm nào khớp"), "{}: nothing in force", test.name);
        let (_, html) = get(&common::router(&test, None), "/?status=all").await;
        assert!(html.contains(">28 sản phẩm<"), "{}: all still listed", test.name);
        test.finish().await;
    }
}

common::on_each_backend! {
    async fn product_producer_and_stamp_pages(test) {
        let app = app_with_sample(&test).await;
        let (id, producer_id, code): (i64, i64, String) =
            sqlx::query_as("SELECT id, producer_id, stamp_code FROM products WHERE name = 'Mật ong Bana Bee'")
                .fetch_one(&test.db.pool)
                .await
                .unwrap();

        let (status, html) = get(&app, &format!("/san-pham/{id}-mat-ong-bana-bee")).await;
        assert_eq!(status, StatusCode::OK, "{}", test.name);
        assert!(html.contains("<h1>Mật ong Bana Bee</h1>"));
        assert!(html.contains("Công ty Cổ phần Nông nghiệp công nghệ cao Davina"));
        assert!(html.contains("Phường Hòa Cường Bắc, quận Hải Châu"), "address as written");
        assert!(html.contains(r#""@type":"Product""#) && html.contains("OCOP 3 sao (2023)"), "JSON-LD");
        assert!(html.contains(r#"property="og:title""#));
        // Absolute, at the public address, as crawlers require of a canonical link.
        let canonical = format!(r#"href="https://ocop.example.vn/san-pham/{id}-mat-ong-bana-bee" rel="canonical""#);
        assert!(html.contains(&canonical), "{}", &html[..html.find("</head>").unwrap_or(0)]);
        assert!(html.contains(&format!("/xac-thuc/{code}/qr.svg")));

        let (status, html) = get(&app, &format!("/chu-the/{producer_id}-davina")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("Sản phẩm OCOP (1)") && html.contains("Mật ong Bana Bee"));

        let (status, html) = get(&app, &format!("/xac-thuc/{code}")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("Tem thật") && html.contains("Mật ong Bana Bee"), "{html}");
        let (status, html) = get(&app, &format!("/xac-thuc?ma={}", code.to_uppercase())).await;
        assert_eq!(status, StatusCode::OK, "typed codes are case-insensitive");
        assert!(html.contains("Tem thật"));

        let response = app
            .clone()
            .oneshot(Request::get(format!("/xac-thuc/{code}/qr.svg")).body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()[header::CONTENT_TYPE], "image/svg+xml");
        let svg = response.into_body().collect().await.unwrap().to_bytes();
        assert_eq!(read_qr(&svg), format!("https://ocop.example.vn/xac-thuc/{code}"), "the stamp leads to its own check");

        // An expired product says so.
        let expired: i64 = sqlx::query_scalar("SELECT id FROM products WHERE name = 'Chả bò Phước Hà'")
            .fetch_one(&test.db.pool)
            .await
            .unwrap();
        let (_, html) = get(&app, &format!("/san-pham/{expired}")).await;
        assert!(html.contains("status-warning") && html.contains("đã hết hạn"));

        for unknown in [
            "/san-pham/999999-khong-co",
            "/san-pham/abc",
            "/chu-the/0",
            "/xac-thuc/000000000000",
            "/xac-thuc/%3Cscript%3E",
        ] {
            let (status, html) = get(&app, unknown).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{unknown}");
            assert!(!html.contains("<script>"), "{unknown} escapes what was typed");
        }
        let (_, html) = get(&app, "/xac-thuc/000000000000").await;
        assert!(html.contains("Không tìm thấy mã tem") && html.contains("tem có thể là giả"));
        let (status, _) = get(&app, "/xac-thuc/000000000000/qr.svg").await;
        assert_eq!(status, StatusCode::NOT_FOUND, "no QR for codes we never issued");
        test.finish().await;
    }
}

common::on_each_backend! {
    async fn server_functions_health_and_not_found(test) {
        let app = app_with_sample(&test).await;

        let (status, body) = call(&app, "search_products", "filters[q]=cha+bo&filters[status]=all").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let page: app::model::ProductPage = serde_json::from_str(&body).expect("JSON page");
        assert_eq!(page.items.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), vec!["Chả bò Phước Hà"]);

        let (status, body) = call(&app, "search_products", "filters[stars]=9").await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        assert!(body.contains("Số sao phải từ 3 đến 5"), "{body}");
        let (status, _) = call(&app, "search_products", &format!("filters[q]={}", "a".repeat(10_000))).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let (status, _) = call(&app, "get_product", "id=424242").await;
        assert_eq!(status, StatusCode::NOT_FOUND);

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

#[tokio::test]
async fn pages_carry_a_nonce_policy_and_every_response_protection_headers() {
    let test = common::sqlite().await;
    let app = app_with_sample(&test).await;
    for uri in ["/", "/khong-co-trang-nay", "/dang-nhap"] {
        let reply = common::page(&app, uri, None).await;
        let policy = reply.headers.get(header::CONTENT_SECURITY_POLICY).and_then(|v| v.to_str().ok()).unwrap_or("");
        let nonce = policy.split("'nonce-").nth(1).and_then(|rest| rest.split('\'').next()).unwrap_or("");
        assert!(nonce.len() >= 16, "{uri}: a fresh nonce in {policy:?}");
        assert!(!policy.contains("unsafe-inline"), "{uri}: {policy}");
        // Every inline script on the page carries it: the hydration bootstrap at least.
        let scripts = reply.body.matches("<script").count();
        assert!(scripts > 0, "{uri}");
        let with_nonce = reply.body.matches(&format!("nonce=\"{nonce}\"")).count();
        let data_blocks = reply.body.matches("<script type=\"application/ld+json\"").count();
        assert_eq!(with_nonce + data_blocks, scripts, "{uri}: {}", reply.body);
        // The next page gets another nonce.
        let again = common::page(&app, uri, None).await;
        assert!(!again.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap().contains(nonce), "{uri}");
    }
    for uri in ["/", "/api/v1/products", "/healthz", "/robots.txt"] {
        let reply = common::page(&app, uri, None).await;
        assert_eq!(reply.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{uri}");
        assert_eq!(reply.headers[header::X_FRAME_OPTIONS], "DENY", "{uri}");
        // The test site's public address is https.
        assert!(reply.headers[header::STRICT_TRANSPORT_SECURITY].to_str().unwrap().contains("max-age="), "{uri}");
    }
    test.finish().await;
}

common::on_each_backend! {
    async fn producer_kind_and_commune_filters_agree_with_their_counts(test) {
        let app = app_with_sample(&test).await;
        server::generate::generate(&test.db, 300, 7).await.expect("generated");
        let page = |body: String| serde_json::from_str::<serde_json::Value>(&body).expect("JSON page");
        let all = page(get(&app, "/api/v1/products?status=all").await.1);
        let kinds = all["facets"]["kinds"].as_array().unwrap().clone();
        assert!(kinds.len() >= 3, "{}: {kinds:?}", test.name);
        for kind in kinds {
            let filtered = page(
                get(&app, &format!("/api/v1/products?status=all&kind={}", kind["value"].as_str().unwrap())).await.1,
            );
            assert_eq!(filtered["total"], kind["count"], "{}: {kind}", test.name);
        }
        // Communes are offered once a province is chosen, each with what it would give.
        assert_eq!(all["facets"]["communes"].as_array().map(Vec::len), Some(0));
        let province = all["facets"]["provinces"][0]["value"].as_str().unwrap().to_string();
        let in_province = page(get(&app, &format!("/api/v1/products?status=all&province={province}")).await.1);
        let communes = in_province["facets"]["communes"].as_array().unwrap().clone();
        assert!(!communes.is_empty(), "{}: {province}", test.name);
        let commune = &communes[0];
        let url =
            format!("/api/v1/products?status=all&province={province}&commune={}", commune["value"].as_str().unwrap());
        let filtered = page(get(&app, &url).await.1);
        assert_eq!(filtered["total"], commune["count"], "{}: {commune}", test.name);
        // The page offers the choosers, and says in English what it ignored.
        let (_, html) = get(&app, &format!("/?status=all&province={province}")).await;
        assert!(html.contains("name=\"commune\"") && html.contains("Loại hình chủ thể"), "{}", test.name);
        let request = axum::http::Request::get("/?kind=company")
            .header(header::COOKIE, "ocop_lang=en")
            .body(Body::empty())
            .unwrap();
        let (_, html) = send(&app, request).await;
        assert!(html.contains("The producer kind filter \"company\" was ignored"), "{}", test.name);
        test.finish().await;
    }
}

common::on_each_backend! {
    /// Operators' endpoints: liveness says the process answers, readiness that the database does,
    /// and the metrics count requests by route template, for the scraper holding the token only.
    async fn liveness_readiness_and_metrics_for_operators(test) {
        let app = app_with_sample(&test).await;
        assert_eq!(get(&app, "/livez").await, (StatusCode::OK, "ok".to_string()));
        let (status, body) = get(&app, "/readyz").await;
        assert_eq!(status, StatusCode::OK, "{body}");

        let id: i64 = sqlx::query_scalar("SELECT MIN(id) FROM products").fetch_one(&test.db.pool).await.unwrap();
        for _ in 0..3 {
            assert_eq!(get(&app, &format!("/san-pham/{id}")).await.0, StatusCode::OK);
        }
        assert_eq!(get(&app, "/no-such-page").await.0, StatusCode::NOT_FOUND);

        let scrape = |token: Option<&'static str>| {
            let app = app.clone();
            async move {
                let mut request = Request::get("/metrics");
                if let Some(token) = token {
                    request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
                }
                send(&app, request.body(Body::empty()).unwrap()).await
            }
        };
        assert_eq!(scrape(None).await.0, StatusCode::UNAUTHORIZED);
        assert_eq!(scrape(Some("a guess")).await.0, StatusCode::UNAUTHORIZED);
        let (status, figures) = scrape(Some(common::METRICS_TOKEN)).await;
        assert_eq!(status, StatusCode::OK);
        for line in [
            r#"ocop_http_requests_total{method="GET",route="/san-pham/{id}",status="200"} 3"#,
            r#"ocop_http_request_duration_seconds_count{method="GET",route="/san-pham/{id}"} 3"#,
            r#"ocop_http_request_duration_seconds_bucket{method="GET",route="/san-pham/{id}",le="+Inf"} 3"#,
            r#"ocop_http_requests_total{method="GET",route="unmatched",status="404"} 1"#,
            "ocop_database_up 1",
            "ocop_db_pool_connections{state=\"open\"}",
        ] {
            assert!(figures.contains(line), "{}: {line} in\n{figures}", test.name);
        }
        assert!(!figures.contains("no-such-page"), "addresses people type never become labels");
        test.finish().await;
    }
}

/// A form another site's page posts is refused before it does anything, with a sentence; the
/// site's own forms, with or without JavaScript, and scripts without a page go through.
#[tokio::test]
async fn a_form_posted_by_another_site_is_refused_and_the_sites_own_forms_work() {
    let test = common::sqlite().await;
    let app = app_with_sample(&test).await;
    let form =
        "display_name=K%E1%BA%BB+gian&sign_in_name=kegian%40example.vn&password=12345678&password_again=12345678";
    let post = |origin: Option<&str>, fetch_site: Option<&str>| {
        let mut request =
            Request::post("/api/sign_up").header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        request = request.header(header::HOST, "ocop.example.vn");
        if let Some(origin) = origin {
            request = request.header(header::ORIGIN, origin);
        }
        if let Some(site) = fetch_site {
            request = request.header("sec-fetch-site", site);
        }
        request.body(Body::from(form)).unwrap()
    };
    for (origin, fetch_site) in
        [(Some("https://ke-gian.example"), Some("cross-site")), (Some("https://ke-gian.example"), None)]
    {
        let (status, body) = send(&app, post(origin, fetch_site)).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{origin:?} {fetch_site:?}");
        assert!(body.contains("đến từ một trang web khác") && body.contains("came from another web site"), "{body}");
    }
    assert_eq!(test.count("accounts").await, 0, "nothing was done");
    // The site's own page, as a browser without JavaScript posts it.
    let (status, body) = send(&app, post(Some("https://ocop.example.vn"), Some("same-origin"))).await;
    assert!(status.is_success() || status.is_redirection(), "{status}: {body}");
    assert_eq!(test.count("accounts").await, 1);
    test.finish().await;
}

/// The language switch and the sign-in send people back only to a page of this site, however
/// the address is dressed (a tab or line break browsers drop, a backslash they read as a slash).
#[tokio::test]
async fn return_addresses_never_leave_the_site() {
    let test = common::sqlite().await;
    let app = app_with_sample(&test).await;
    for (tiep, back) in [
        ("/thong-ke?q=1", "/thong-ke?q=1"),
        ("/%09/ke-gian.example/", "/"),
        ("/%0A/ke-gian.example/", "/"),
        ("%2F%2Fke-gian.example%2F", "/"),
        ("/%5Cke-gian.example", "/"),
        ("https://ke-gian.example/", "/"),
    ] {
        let reply = common::page(&app, &format!("/ngon-ngu/en?tiep={tiep}"), None).await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{tiep}");
        assert_eq!(reply.location(), back, "{tiep}");
    }
    test.finish().await;
}

/// The English catalogue is served as the browser reads it before hydrating, revalidated by its
/// tag; a page asked for in English is rendered from it, and no other catalogue exists.
#[tokio::test]
async fn the_english_catalogue_is_served_and_renders_the_portal() {
    let test = common::sqlite().await;
    let app = app_with_sample(&test).await;
    let reply = common::page(&app, "/so-tu/en.json", None).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("application/json"));
    let catalogue: serde_json::Value = serde_json::from_str(&reply.body).expect("the catalogue is JSON");
    assert_eq!(catalogue["Đăng nhập"], "Sign in");
    let tag = reply.headers[header::ETAG].clone();
    let again = Request::get("/so-tu/en.json").header(header::IF_NONE_MATCH, tag).body(Body::empty()).unwrap();
    let again = common::request(&app, again).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.body.is_empty());
    for missing in ["/so-tu/vi.json", "/so-tu/fr.json", "/so-tu/en", "/so-tu/..%2Fen.json"] {
        assert_eq!(common::page(&app, missing, None).await.status, StatusCode::NOT_FOUND, "{missing}");
    }
    let english = Request::get("/dang-nhap")
        .header(header::ACCEPT, "text/html")
        .header(header::COOKIE, "ocop_lang=en")
        .body(Body::empty())
        .unwrap();
    let page = common::request(&app, english).await;
    assert!(page.body.contains("<h1>Sign in</h1>") && page.body.contains("Forgot your password?"), "{}", page.body);
    let vietnamese = common::page(&app, "/dang-nhap", None).await;
    assert!(vietnamese.body.contains("<h1>Đăng nhập</h1>"), "{}", vietnamese.body);
    test.finish().await;
}

/// What a phone reads from a QR code drawn from this SVG.
fn read_qr(svg: &[u8]) -> String {
    let tree = resvg::usvg::Tree::from_data(svg, &resvg::usvg::Options::default()).expect("an SVG");
    let size = tree.size().to_int_size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).expect("a drawable size");
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(&tree, resvg::tiny_skia::Transform::default(), &mut pixmap.as_mut());
    let (width, height) = (size.width() as usize, size.height() as usize);
    let luma = |x: usize, y: usize| pixmap.data()[(y * width + x) * 4];
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(width, height, luma);
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code in the picture");
    grids[0].decode().expect("a readable QR code").1
}

/// A second router built while the first serves (a test beside another, or a server that
/// builds one per listener) never leaves the first one's pages waiting on their data.
#[tokio::test]
async fn pages_answer_while_another_router_is_being_built() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;

    let test = common::sqlite().await;
    let app = app_with_sample(&test).await;
    let other = common::sqlite().await;
    let stop = Arc::new(AtomicBool::new(false));
    let builder = {
        let stop = stop.clone();
        let runtime = tokio::runtime::Handle::current();
        std::thread::spawn(move || {
            let _inside = runtime.enter();
            let mut built = 0;
            while !stop.load(Ordering::Relaxed) {
                drop(common::router(&other, None));
                built += 1;
            }
            built
        })
    };
    let id: i64 = sqlx::query_scalar("SELECT MIN(id) FROM products").fetch_one(&test.db.pool).await.unwrap();
    for round in 0..40 {
        let (status, body) = get(&app, &format!("/san-pham/{id}?lan={round}")).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert!(body.contains("</html>"), "the page ends");
    }
    stop.store(true, Ordering::Relaxed);
    assert!(builder.join().expect("the builder thread") > 0, "routers were built meanwhile");
}

common::on_each_backend! {
    /// A server function given a body it cannot read answers 400, and one too large 413, with a
    /// sentence; neither is a server error.
    async fn malformed_and_oversized_server_function_bodies_are_refused_as_such(test) {
        let app = app_with_sample(&test).await;
        let post = |body: Vec<u8>, content_type: &'static str| {
            Request::post("/api/search_products").header(header::CONTENT_TYPE, content_type).body(Body::from(body)).unwrap()
        };
        for (body, content_type) in [
            (b"page=abc".to_vec(), "application/x-www-form-urlencoded"),
            (b"%%%\xff\xfe=&&=".to_vec(), "application/x-www-form-urlencoded"),
            (b"{not json".to_vec(), "application/json"),
        ] {
            let (status, body) = send(&app, post(body.clone(), content_type)).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
            assert!(!body.is_empty(), "a sentence says why");
        }
        let huge = vec![b'a'; 8 * 1024 * 1024];
        let (status, body) = send(&app, post(huge, "application/x-www-form-urlencoded")).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
    }
}

/// One client asking for pages and server functions faster than the limit is told to wait,
/// in both languages; the files a page loads and the operators' checks are not counted.
#[tokio::test]
async fn pages_and_server_functions_are_limited_per_client() {
    let test = common::sqlite().await;
    let limit = server::rate_limit::RateLimit::new(1, 3, false);
    let app = common::router_for(&test, server::http::Site { page_rate_limit: Some(limit), ..common::site(&test) });
    for _ in 0..3 {
        assert_eq!(get(&app, "/?q=mat+ong").await.0, StatusCode::OK);
    }
    let response = app.clone().oneshot(Request::get("/san-pham/1").body(Body::empty()).unwrap()).await.unwrap();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(response.headers()[header::RETRY_AFTER], "1");
    let body = response.into_body().collect().await.unwrap().to_bytes();
    let body = String::from_utf8_lossy(&body);
    assert!(body.contains("Quá nhiều yêu cầu") && body.contains("Too many requests"), "{body}");
    let called = common::call(&app, "search_products", &[], None).await;
    assert_eq!(called.status, StatusCode::TOO_MANY_REQUESTS, "server functions count too");
    for path in ["/livez", "/pkg/ocop.js", "/favicon.ico"] {
        assert_ne!(get(&app, path).await.0, StatusCode::TOO_MANY_REQUESTS, "{path} is not counted");
    }
}
