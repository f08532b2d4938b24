//! The open-data API, downloads, sitemap and robots file.

mod common;

use app::model::CatalogFilters;
use app::ports::Catalog;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{app_with_sample, get};
use serde_json::{json, Value};
use server::db::catalog::SqlCatalog;

common::on_each_backend! {
    async fn json_api_with_the_catalog_filters(test) {
        let app = app_with_sample(&test).await;

        let (status, body) = get(&app, "/api/v1/products?status=all&stars=4&sort=name").await;
        assert_eq!(status, StatusCode::OK, "{}: {body}", test.name);
        let page: serde_json::Value = serde_json::from_str(&body).expect("JSON");
        assert_eq!(page["total"], 8);
        assert_eq!(page["items"][0]["name"], "Bánh dừa nướng đậu phộng", "sorted by folded name");
        assert_eq!(page["items"][0]["status"], "expired");

        let (status, body) = get(&app, "/api/v1/products?stars=9").await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let refusal: serde_json::Value = serde_json::from_str(&body).expect("JSON error");
        assert!(refusal["error"]["vi"].as_str().unwrap_or_default().contains("từ 3 đến 5"), "{body}");

        let id: i64 = sqlx::query_scalar("SELECT id FROM products WHERE name = 'Yến sào Tiên Sa'")
            .fetch_one(&test.db.pool)
            .await
            .unwrap();
        let (status, body) = get(&app, &format!("/api/v1/products/{id}")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(body.contains("Công ty TNHH Yến sào Tiên Sa"));
        for missing in ["/api/v1/products/999999", "/api/v1/products/abc", "/api/v1/producers/0"] {
            let (status, body) = get(&app, missing).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{missing}");
            assert!(body.contains("\"en\""), "{missing}: {body}");
        }

        let (status, body) = get(&app, "/api/v1/openapi.json").await;
        assert_eq!(status, StatusCode::OK);
        let spec: serde_json::Value = serde_json::from_str(&body).expect("OpenAPI JSON");
        assert_eq!(spec["openapi"], "3.1.0");
        test.finish().await;
    }
}

common::on_each_backend! {
    /// The description cannot drift from the handlers: every operation it lists is answered, and
    /// each answer is what the description says for its status, without a field it does not
    /// declare. 429 and 503 (the rate limit, a database down) are provoked by other tests.
    async fn every_described_operation_answers_as_described(test) {
        let app = app_with_sample(&test).await;
        let description = described(&app).await;
        let product: i64 = sqlx::query_scalar("SELECT MIN(id) FROM products").fetch_one(&test.db.pool).await.unwrap();
        let producer: i64 = sqlx::query_scalar("SELECT MIN(id) FROM producers").fetch_one(&test.db.pool).await.unwrap();
        let mut answered = Vec::new();
        for (path, item) in description["paths"].as_object().expect("paths") {
            for (method, operation) in item.as_object().expect("operations") {
                assert_eq!(method, "get", "{path}: the open-data API only reads");
                let id = if path.starts_with("/api/v1/producers/") { producer } else { product };
                for status in operation["responses"].as_object().expect("responses").keys() {
                    let uri = match status.as_str() {
                        "200" => path.replace("{id}", &id.to_string()),
                        // The search box's suggestions take only words: too many of them.
                        "400" if path.ends_with("/suggestions") => format!("{path}?q={}", "a".repeat(201)),
                        "400" => format!("{path}?stars=9"),
                        "404" => path.replace("{id}", "999999999"),
                        _ => continue,
                    };
                    let reply = common::request(&app, Request::get(&uri).body(Body::empty()).unwrap()).await;
                    assert_eq!(reply.status.as_str(), status, "{}: {uri}: {}", test.name, reply.body);
                    assert_as_described(&description, &operation["responses"][status], &reply, &uri);
                    answered.push(format!("{status} {path}"));
                }
            }
        }
        assert!(description["paths"].as_object().unwrap().keys().all(|path| answered.contains(&format!("200 {path}"))));
        assert_eq!(answered.len(), 14, "every 200, 400 and 404 described: {answered:?}");
        test.finish().await;
    }
}

/// The OpenAPI description the router serves.
async fn described(app: &axum::Router) -> Value {
    let (status, body) = get(app, "/api/v1/openapi.json").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).expect("OpenAPI JSON")
}

/// Checks a reply against `response`, a response of `description` (or a `$ref` to one): its
/// media type, and for JSON its body against the schema.
fn assert_as_described(description: &Value, response: &Value, reply: &common::Reply, uri: &str) {
    let response = match response["$ref"].as_str() {
        Some(pointer) => description.pointer(pointer.trim_start_matches('#')).expect(pointer),
        None => response,
    };
    let sent = reply.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let media_type = sent.split(';').next().unwrap_or("").trim();
    let content = &response["content"][media_type];
    assert!(content.is_object(), "{uri}: sent as {sent}, described as {}", response["content"]);
    if media_type != "application/json" {
        return;
    }
    let schema = answer_schema(description, &content["schema"]);
    let validator = jsonschema::draft202012::new(&schema).expect("the description's schema is valid");
    let answer: Value = serde_json::from_str(&reply.body).expect("JSON");
    let faults: Vec<String> =
        validator.iter_errors(&answer).map(|fault| format!("{} at {}", fault, fault.instance_path())).collect();
    assert!(faults.is_empty(), "{uri} is not as described:\n{}", faults.join("\n"));
}

/// `schema` with the description's components beside it, so that its `$ref`s resolve, and every
/// object closed: a field an answer carries must be declared (a schema leaves them open).
fn answer_schema(description: &Value, schema: &Value) -> Value {
    fn close(schema: &mut Value) {
        match schema {
            Value::Object(map) => {
                if map.contains_key("properties") {
                    map.entry("additionalProperties").or_insert(Value::Bool(false));
                }
                map.values_mut().for_each(close);
            }
            Value::Array(list) => list.iter_mut().for_each(close),
            _ => {}
        }
    }
    let mut schema = json!({ "allOf": [schema], "components": description["components"] });
    close(&mut schema);
    schema
}

common::on_each_backend! {
    async fn csv_download_sitemap_and_robots(test) {
        let app = app_with_sample(&test).await;

        let (status, csv) = get(&app, "/api/v1/products.csv?status=all&q=cha").await;
        assert_eq!(status, StatusCode::OK);
        assert!(csv.starts_with("\u{feff}id,name,producer,province"), "{csv}");
        let rows: Vec<&str> = csv.lines().skip(1).collect();
        assert!(rows.len() >= 6 && rows.iter().all(|row| row.contains("https://ocop.example.vn/san-pham/")), "{csv}");
        // The same list as XLSX: the same rows, stars as numbers.
        let sheet = common::spreadsheet(&app, "/api/v1/products.xlsx?status=all&q=cha", None).await.expect("xlsx");
        assert_eq!(sheet[0][..4], ["id", "name", "producer", "province"]);
        assert_eq!(sheet.len(), rows.len() + 1, "{sheet:?}");
        assert!(sheet[1..].iter().all(|row| ["3", "4", "5"].contains(&row[5].as_str())), "{sheet:?}");
        let refused = common::spreadsheet(&app, "/api/v1/products.xlsx?stars=9", None).await.expect_err("refused");
        assert!(refused.starts_with("400") && refused.contains("từ 3 đến 5"), "{refused}");
        let stars = common::spreadsheet(&app, "/thong-ke/stars.xlsx", None).await.expect("statistics as xlsx");
        assert_eq!(stars[0], ["key", "label", "count"]);

        let (status, index) = get(&app, "/sitemap.xml").await;
        assert_eq!(status, StatusCode::OK);
        assert!(index.contains("<loc>https://ocop.example.vn/sitemap/0.xml</loc>"), "{index}");
        let (status, urls) = get(&app, "/sitemap/0.xml").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(urls.matches("<url>").count(), 29, "home and 28 products");
        let (status, _) = get(&app, "/sitemap/7.xml").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = get(&app, "/sitemap/x.xml").await;
        assert_eq!(status, StatusCode::NOT_FOUND);

        let (status, robots) = get(&app, "/robots.txt").await;
        assert_eq!(status, StatusCode::OK);
        assert!(robots.contains("Sitemap: https://ocop.example.vn/sitemap.xml"));
        test.finish().await;
    }
}

common::on_each_backend! {
    async fn statistics_page_json_and_csv(test) {
        // The last day the sample's 2023 ratings may still be in force.
        test.on("2026-12-31");
        let app = app_with_sample(&test).await;

        let (status, html) = get(&app, "/thong-ke").await;
        assert_eq!(status, StatusCode::OK, "{}", test.name);
        assert!(html.contains("Theo hạng sao") && html.contains("<svg") && html.contains("Theo tỉnh, thành phố"));
        assert!(html.contains("province-map") && html.contains("Đà Nẵng: 9 sản phẩm"), "the tile map names each count");

        let (status, body) = get(&app, "/api/v1/statistics").await;
        assert_eq!(status, StatusCode::OK);
        let statistics: serde_json::Value = serde_json::from_str(&body).expect("JSON");
        // The 2023 sample products (9) are still in force; 2021 and 2022 have expired.
        assert_eq!(statistics["in_force"], 9);
        assert_eq!(statistics["by_province"].as_array().map(Vec::len), Some(34), "every province, even with none");
        let years: Vec<(String, u64)> = statistics["by_year"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (c["key"].as_str().unwrap().to_string(), c["count"].as_u64().unwrap()))
            .collect();
        assert_eq!(years, vec![("2021".into(), 8), ("2022".into(), 11), ("2023".into(), 9)]);

        let (status, csv) = get(&app, "/thong-ke/stars.csv").await;
        assert_eq!(status, StatusCode::OK);
        assert!(csv.starts_with("\u{feff}key,label,count\n"), "{csv}");
        assert!(csv.contains("3,3 sao,7") && csv.contains("4,4 sao,2"), "{csv}");
        let (status, _) = get(&app, "/thong-ke/secret.csv").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        test.finish().await;
    }
}

common::on_each_backend! {
    async fn subgroup_filter_and_its_counts(test) {
        use chrono::Datelike;
        // Decided a month before the tests' day, so in force whatever day they run on.
        let decided = common::clock().today() - chrono::Duration::days(30);
        let year = decided.year();
        let csv = format!(
            "product_name,producer_name,address,province,stars,recognized_year,subgroup,decision_date\n\
             Mật ong hoa nhãn,HTX Ong,Xã A,Hưng Yên,4,{year},mat-ong-mat-khac-tpthuc-khac,{decided}\n\
             Mật ong rừng,HTX Ong,Xã A,Hưng Yên,3,{year},Mật ong và các sản phẩm từ mật ong,{decided}\n\
             Rượu nếp cái,Cơ sở Rượu,Xã B,Huế,3,{year},ruou-trang,{decided}\n"
        );
        let csv = csv.as_str();
        let app = app_with_sample(&test).await;
        // The second row names a subgroup that does not exist, so only the others are imported.
        let options = server::import::ImportOptions { good_rows_only: true, ..Default::default() };
        let report = server::import::import_csv(&test.db, csv, options).await.unwrap();
        assert_eq!((report.imported, report.rejected.len()), (2, 1), "{:?}", report.rejected);

        let (status, body) = get(&app, "/api/v1/products?subgroup=ruou-trang").await;
        assert_eq!(status, StatusCode::OK, "{}: {body}", test.name);
        let page: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(page["total"], 1);
        assert_eq!(page["items"][0]["name"], "Rượu nếp cái");
        let subgroups = page["facets"]["subgroups"].as_array().unwrap();
        // The subgroup facet ignores its own filter: it offers every subgroup with products.
        let counts: Vec<(&str, u64)> =
            subgroups.iter().map(|f| (f["value"].as_str().unwrap(), f["count"].as_u64().unwrap())).collect();
        assert_eq!(counts, vec![("mat-ong-mat-khac-tpthuc-khac", 1), ("ruou-trang", 1)]);

        let (status, _) = get(&app, "/api/v1/products?subgroup=R%C6%B0%E1%BB%A3u").await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let (status, html) = get(&app, "/?subgroup=ruou-trang").await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains(">1 sản phẩm<") && html.contains("Phân nhóm"));

        // The classification above the subgroup, and the producer's kind, filter and count alike.
        let page = |body: String| serde_json::from_str::<serde_json::Value>(&body).unwrap();
        let counts = |list: &serde_json::Value| {
            list.as_array()
                .unwrap()
                .iter()
                .map(|f| (f["value"].as_str().unwrap().to_string(), f["count"].as_u64().unwrap()))
                .collect::<Vec<_>>()
        };
        let drinks = page(get(&app, "/api/v1/products?industry=II").await.1);
        assert_eq!((drinks["total"].as_u64(), drinks["items"][0]["name"].as_str()), (Some(1), Some("Rượu nếp cái")));
        assert_eq!(counts(&drinks["facets"]["industries"]), vec![("I".into(), 1), ("II".into(), 1)], "{}", test.name);
        let honey = page(get(&app, "/api/v1/products?group=I.2").await.1);
        assert_eq!(honey["items"][0]["name"], "Mật ong hoa nhãn");
        assert_eq!(counts(&honey["facets"]["groups"]), vec![("I.2".into(), 1), ("II.1".into(), 1)]);
        for bad in ["industry=VII", "group=I.x", "kind=company", "commune=123", "subgroup=", "stars=%20", "q=tra&page="]
        {
            let (status, body) = get(&app, &format!("/api/v1/products?{bad}")).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {body}");
        }
        test.finish().await;
    }
}

common::on_each_backend! {
    /// Two servers on one database, each keeping counted catalog pages: a change committed through
    /// one shows on its own pages at once and on the other's within a second.
    async fn a_catalog_change_through_one_server_reaches_the_pages_another_keeps(test) {
        // A day the sample's 2023 ratings are in force, on both servers.
        test.on("2026-12-31");
        let _with_sample = app_with_sample(&test).await;
        let here = SqlCatalog::new(test.db.clone());
        let there_db = server::open_database(&test.url, 2, test.db.clock).await.expect("a second server's pool");
        let there = SqlCatalog::new(there_db.clone());
        let valid = CatalogFilters::default();
        let page = here.search(&valid).await.unwrap();
        let total = page.total;
        assert!(total > 0, "{}", test.name);
        assert_eq!(there.search(&valid).await.unwrap().total, total, "{}", test.name);

        let mut change = test.db.pool.begin().await.unwrap();
        sqlx::query("UPDATE products SET revoked_on = '2026-01-02' WHERE id = $1")
            .bind(page.items[0].id)
            .execute(&mut *change)
            .await
            .unwrap();
        test.db.commit_catalog_change(change).await.unwrap();

        assert_eq!(here.search(&valid).await.unwrap().total, total - 1, "{}: at once here", test.name);
        // There, at its next check of the edition (once a second), taken now.
        there_db.make_edition_check_due();
        assert_eq!(there.search(&valid).await.unwrap().total, total - 1, "{}: there, at its next check", test.name);
        test.finish().await;
    }
}

/// One client calling the API too fast is told to wait, in a sentence; other clients and the
/// pages are not touched.
#[tokio::test]
async fn the_api_answers_a_client_too_fast_with_429_and_when_to_come_back() {
    use axum::extract::ConnectInfo;

    let test = common::sqlite().await;
    let app = common::app_limited(&test, Some(server::rate_limit::RateLimit::new(1, 2, false))).await;
    let from = |client: &str, uri: &str| {
        let mut request = Request::get(uri).body(Body::empty()).unwrap();
        request.extensions_mut().insert(ConnectInfo(client.parse::<std::net::SocketAddr>().unwrap()));
        common::request(&app, request)
    };
    for _ in 0..2 {
        assert_eq!(from("10.0.0.1:4000", "/api/v1/products").await.status, StatusCode::OK);
    }
    let refused = from("10.0.0.1:4001", "/api/v1/products?q=mat+ong").await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(refused.headers.get(header::RETRY_AFTER).and_then(|v| v.to_str().ok()), Some("1"));
    assert!(refused.body.contains("Quá nhiều yêu cầu từ một địa chỉ"), "{}", refused.body);
    let description: Value =
        serde_json::from_str(&from("10.0.0.3:4000", "/api/v1/openapi.json").await.body).expect("JSON");
    let described = &description["paths"]["/api/v1/products"]["get"]["responses"]["429"];
    assert_as_described(&description, described, &refused, "a refusal for going too fast");
    assert_eq!(from("10.0.0.2:4000", "/api/v1/products").await.status, StatusCode::OK, "another client");
    assert_eq!(from("10.0.0.1:4002", "/").await.status, StatusCode::OK, "pages are not limited");
    test.finish().await;
}
