//! Search as people use it: which products come first for a query, facet counts that add up,
//! and changes seen at once, on each database.

mod common;

use serde_json::Value;
use server::import::{import_csv, ImportOptions};

/// Products laid out to tell each ranking rule apart (recognised in 2025, so in force in 2026,
/// but the 2021 one, expired).
const CATALOG: &str = "product_name,producer_name,address,province,stars,recognized_year,decision,subgroup
Mật ong rừng U Minh,HTX Rừng Xanh,\"Xã Khánh Lâm, Cà Mau\",Cà Mau,4,2025,11/QĐ-UBND,mat-ong-mat-khac-tpthuc-khac
Kẹo mật ong gừng,Cơ sở Bánh kẹo Hương Quê,\"Xã Phú Mỹ, Đồng Tháp\",Đồng Tháp,3,2025,12/QĐ-UBND,mat-ong-mat-khac-tpthuc-khac
Mật ong hoa cà phê,HTX Ea Kar,\"Xã Ea Kar, Đắk Lắk\",Đắk Lắk,5,2021,13/QĐ-UBND,mat-ong-mat-khac-tpthuc-khac
Trà matcha Bảo Lộc,Công ty TNHH Trà Bảo Lộc,\"Phường Bảo Lộc, Lâm Đồng\",Lâm Đồng,5,2025,14/QĐ-UBND,che-tuoi-che-bien
Trà mãng cầu,Hộ kinh doanh Mật Ong Tâm,\"Xã Hòa Thành, Tây Ninh\",Tây Ninh,3,2025,15/QĐ-UBND,do-uong-khong-con
Chả mực Hạ Long,Công ty TNHH Biển Xanh,\"Phường Hạ Long, Quảng Ninh\",Quảng Ninh,5,2025,16/QĐ-UBND,che-bien-tu-thit-trung-sua-ts
Nước mắm Phú Quốc,Cơ sở Hưng Thịnh,\"Đặc khu Phú Quốc, An Giang\",An Giang,4,2025,17/QĐ-UBND,tuong-nuoc-mam-gia-vi-dang-long
Tương ớt Mường Khương,HTX Mường Khương,\"Xã Mường Khương, Lào Cai\",Lào Cai,5,2025,18/QĐ-UBND,tuong-nuoc-mam-gia-vi-dang-long
Gạo Tám Xanh,HTX Hải Hậu,\"Xã Hải Hậu, Ninh Bình\",Ninh Bình,3,2025,19/QĐ-UBND,gao-ngu-coc-hat-so-che
Miến dong,Cơ sở Thu Hà,\"Thôn Xanh, Xã Bình Liêu, Quảng Ninh\",Quảng Ninh,4,2025,20/QĐ-UBND,che-bien-tu-gao-ngu-coc
Trà gừng,HTX Mật Ngọt,\"Xã Tân Cương, Thái Nguyên\",Thái Nguyên,4,2025,21/QĐ-UBND,do-uong-khong-con
";

/// The site on 5 December 2026 over `CATALOG`.
async fn with_catalog(test: &mut common::TestDb) -> axum::Router {
    test.on("2026-12-05");
    let app = common::router(test, None);
    import_csv(&test.db, CATALOG, ImportOptions::default()).await.expect("the test catalog");
    app
}

/// The names of the products the search API gives for `query`, in order, and the whole answer.
async fn found(app: &axum::Router, query: &str) -> (Vec<String>, Value) {
    let (status, body) = common::get(app, &format!("/api/v1/products?{query}")).await;
    assert_eq!(status, axum::http::StatusCode::OK, "{query}: {body}");
    let page: Value = serde_json::from_str(&body).expect("JSON");
    let names =
        page["items"].as_array().unwrap().iter().map(|item| item["name"].as_str().unwrap().to_string()).collect();
    (names, page)
}

common::on_each_backend! {
    /// Each line a query and the products it must give first, in order, or only.
    async fn the_catalog_ranks_as_people_expect(test) {
        test.on("2026-12-05");
        let app = common::router(&test, None);
        let report = import_csv(&test.db, CATALOG, ImportOptions::default()).await.expect("the test catalog");
        assert_eq!(report.imported, 11, "{:?}", report.rejected);

        // (query, the first results in order, whether they are all the results)
        let cases: &[(&str, &[&str], bool, &str)] = &[
            // Both words in the name, whole, first; in force before expired even with more stars;
            // then a producer's name; never a product whose subgroup alone says "mật ong".
            ("mat+ong", &["Mật ong rừng U Minh", "Kẹo mật ong gừng", "Mật ong hoa cà phê", "Trà mãng cầu"], true,
                "name (stars), in force before expired, then producer; not chả mực"),
            ("M%E1%BA%ADT+%C3%94NG", &["Mật ong rừng U Minh", "Kẹo mật ong gừng", "Mật ong hoa cà phê", "Trà mãng cầu"], true,
                "the same with diacritics and capitals"),
            ("nuoc+mam", &["Nước mắm Phú Quốc"], true, "not tương ớt, whose subgroup says nước mắm"),
            // Whole words before a word it only begins ("matcha"), then the producer's name.
            ("mat", &["Mật ong rừng U Minh", "Kẹo mật ong gừng", "Mật ong hoa cà phê", "Trà matcha Bảo Lộc", "Trà gừng", "Trà mãng cầu"], true,
                "whole word in the name, then a beginning, then producers (by stars)"),
            // All words in the name before some of them there.
            ("mat+gung", &["Kẹo mật ong gừng", "Trà gừng"], true, "both words in the name before one"),
            // The name, then the producer, then the place.
            ("xanh", &["Gạo Tám Xanh", "Chả mực Hạ Long", "Mật ong rừng U Minh", "Miến dong"], true,
                "name, producers (by stars), then the place"),
            // As typed, a word at a time.
            ("mat+o", &["Mật ong rừng U Minh", "Kẹo mật ong gừng", "Mật ong hoa cà phê", "Trà mãng cầu"], false, "typing"),
            ("tra+m", &["Trà matcha Bảo Lộc", "Trà mãng cầu", "Trà gừng"], true, "typing: both in the name, then one"),
            // One slip in a word of four letters or more is forgiven.
            ("matcah", &["Trà matcha Bảo Lộc"], true, "two letters swapped"),
            ("muong+khuog", &["Tương ớt Mường Khương"], true, "a letter missing"),
            ("mqt", &[], true, "a short word is never corrected"),
        ];
        for (query, first, only, why) in cases {
            let (names, _) = found(&app, &format!("q={query}&status=all")).await;
            let shown: Vec<&str> = names.iter().map(String::as_str).take(first.len()).collect();
            assert_eq!(&shown, first, "{}: {query} ({why}) gave {names:?}", test.name);
            if *only {
                assert_eq!(names.len(), first.len(), "{}: {query} ({why}) gave {names:?}", test.name);
            }
        }
        // By default, only what is in force: the 2021 honey is gone.
        let (names, _) = found(&app, "q=mat+ong").await;
        assert_eq!(names, ["Mật ong rừng U Minh", "Kẹo mật ong gừng", "Trà mãng cầu"], "{}", test.name);
        test.finish().await;
    }
}

common::on_each_backend! {
    /// For any words and filters, each facet's counts add up to the total of the other filters.
    async fn facet_counts_add_up_to_the_total(test) {
        test.on("2026-12-05");
        let app = common::app_with_sample(&test).await;
        import_csv(&test.db, CATALOG, ImportOptions::default()).await.expect("the test catalog");
        let sum = |page: &Value, facet: &str| -> u64 {
            page["facets"][facet].as_array().unwrap().iter().map(|f| f["count"].as_u64().unwrap()).sum()
        };
        for query in ["status=all", "", "q=mat", "q=tra&status=all", "q=xanh&stars=5", "q=nuoc+mam&status=all&province=48",
            "q=mat+ong&status=expired", "stars=4&status=all", "q=zzzz"] {
            let (_, page) = found(&app, query).await;
            let total = page["total"].as_u64().unwrap();
            let without = |filter: &str| {
                query.split('&').filter(|part| !part.starts_with(&format!("{filter}="))).collect::<Vec<_>>().join("&")
            };
            // Each facet counts with every filter but its own: the total without that filter.
            for (facet, filter) in [("provinces", "province"), ("stars", "stars")] {
                let (_, unfiltered) = found(&app, &without(filter)).await;
                assert_eq!(sum(&page, facet), unfiltered["total"].as_u64().unwrap(), "{}: {query}: {facet}", test.name);
            }
            // The five statuses add up to "all"; the chosen status's count is the total.
            let statuses = page["facets"]["statuses"].as_array().unwrap();
            let count = |code: &str| statuses.iter().find(|s| s["value"] == code).unwrap()["count"].as_u64().unwrap();
            let five: u64 = ["valid", "expiring", "unknown", "expired", "revoked"].iter().map(|c| count(c)).sum();
            assert_eq!(five, count("all"), "{}: {query}", test.name);
            let chosen = query.split('&').find_map(|part| part.strip_prefix("status=")).unwrap_or("current");
            assert_eq!(count(chosen), total, "{}: {query}", test.name);
            assert!(sum(&page, "kinds") <= total && sum(&page, "industries") <= total, "{}: {query}", test.name);
        }
        test.finish().await;
    }
}

/// Runs `statements` as another server would commit them (the last one moving the catalog's
/// edition), and makes this server's next look at the edition due.
async fn another_server_commits(test: &common::TestDb, statements: &[&str]) {
    for sql in statements {
        sqlx::query(sqlx::AssertSqlSafe(*sql)).execute(&test.db.pool).await.unwrap();
    }
    test.db.make_edition_check_due();
}

common::on_each_backend! {
    /// An edit, an import and a revocation show in the next search, here and (after its next
    /// look at the catalog's edition) on a server that did not make them.
    async fn changes_show_in_search_at_once(test) {
        let app = with_catalog(&mut test).await;
        let (names, _) = found(&app, "q=matcha").await;
        assert_eq!(names, ["Trà matcha Bảo Lộc"]);

        // An import through this process.
        let more = "product_name,producer_name,address,province,stars,recognized_year,decision\n\
                    Matcha sữa Đà Lạt,HTX Đà Lạt Xanh,\"Phường Xuân Hương, Lâm Đồng\",Lâm Đồng,3,2025,22/QĐ-UBND\n";
        import_csv(&test.db, more, ImportOptions::default()).await.expect("imported");
        let (names, _) = found(&app, "q=matcha").await;
        assert_eq!(names, ["Trà matcha Bảo Lộc", "Matcha sữa Đà Lạt"], "{}: the import shows", test.name);

        // An edit and a revocation made by another server: SQL and a new edition, as it commits them.
        another_server_commits(&test, &[
            "UPDATE products SET name = 'Trà xanh Bảo Lộc', name_key = ' tra xanh bao loc ' WHERE name = 'Trà matcha Bảo Lộc'",
            "UPDATE products SET revoked_on = '2026-12-01', revocation_ground = 'stopped_production' WHERE name = 'Matcha sữa Đà Lạt'",
            "UPDATE catalog_edition SET edition = edition + 1 WHERE id = 1",
        ])
        .await;
        let (names, _) = found(&app, "q=matcha").await;
        assert!(names.is_empty(), "{}: renamed and revoked, nothing in force is called matcha: {names:?}", test.name);
        let (names, _) = found(&app, "q=tra+xanh").await;
        assert_eq!(names, ["Trà xanh Bảo Lộc"], "{}: the new name is found", test.name);
        let (names, _) = found(&app, "q=matcha&status=revoked").await;
        assert_eq!(names, ["Matcha sữa Đà Lạt"], "{}", test.name);

        // A producer renamed: each of its products is found by the new name.
        another_server_commits(&test, &[
            "UPDATE producers SET name = 'HTX Quỳnh Lâm' WHERE name = 'HTX Đà Lạt Xanh'",
            "UPDATE catalog_edition SET edition = edition + 1 WHERE id = 1",
        ])
        .await;
        let (names, _) = found(&app, "q=quynh+lam&status=all").await;
        assert_eq!(names, ["Matcha sữa Đà Lạt"], "{}: the producer's new name", test.name);

        // A change log pruned past the index this server holds: the catalog is read whole.
        another_server_commits(&test, &[
            "UPDATE products SET name = 'Matcha sữa Lâm Hà', name_key = ' matcha sua lam ha ' WHERE name = 'Matcha sữa Đà Lạt'",
            "DELETE FROM catalog_changes",
            "UPDATE catalog_edition SET edition = edition + 2, changes_after = edition + 1 WHERE id = 1",
        ])
        .await;
        let (names, _) = found(&app, "q=lam+ha&status=all").await;
        assert_eq!(names, ["Matcha sữa Lâm Hà"], "{}: read whole", test.name);
        test.finish().await;
    }
}

common::on_each_backend! {
    /// The search box offers, as people type, products in force, producers and places.
    async fn the_search_box_offers_products_producers_and_places(test) {
        let app = with_catalog(&mut test).await;
        let offered = |query: &'static str| {
            let app = app.clone();
            async move {
                let (status, body) = common::get(&app, &format!("/api/v1/suggestions?q={query}")).await;
                assert_eq!(status, axum::http::StatusCode::OK, "{query}: {body}");
                let offered: Value = serde_json::from_str(&body).expect("JSON");
                let labels = |kind: &str| -> Vec<(String, String)> {
                    offered[kind]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|s| (s["label"].as_str().unwrap().to_string(), s["href"].as_str().unwrap().to_string()))
                        .collect()
                };
                (labels("products"), labels("producers"), labels("places"))
            }
        };
        let (products, producers, _) = offered("mat").await;
        let names: Vec<&str> = products.iter().map(|(label, _)| label.as_str()).collect();
        assert_eq!(names, ["Mật ong rừng U Minh", "Kẹo mật ong gừng", "Trà matcha Bảo Lộc", "Trà gừng", "Trà mãng cầu"],
            "{}: five in force, ranked as the catalog ranks them", test.name);
        assert!(products[0].1.starts_with("/san-pham/"), "{:?}", products[0]);
        let names: Vec<&str> = producers.iter().map(|(label, _)| label.as_str()).collect();
        assert_eq!(names, ["HTX Mật Ngọt", "Hộ kinh doanh Mật Ong Tâm"], "{}: producers named so", test.name);
        assert!(producers.iter().all(|(_, href)| href.starts_with("/chu-the/")));

        let (_, _, places) = offered("c%C3%A0+mau").await;
        assert_eq!(places.first().map(|(label, _)| label.as_str()), Some("Cà Mau"), "{}: {places:?}", test.name);
        assert!(places[0].1.starts_with("/?province="), "{places:?}");
        let (_, _, places) = offered("quang+ninh").await;
        assert!(places.iter().any(|(label, href)| label == "Quảng Ninh" && href.starts_with("/?province=")), "{places:?}");

        assert_eq!(offered("").await, (vec![], vec![], vec![]), "nothing typed, nothing offered");
        let (status, body) = common::get(&app, &format!("/api/v1/suggestions?q={}", "a".repeat(201))).await;
        assert_eq!(status, axum::http::StatusCode::BAD_REQUEST, "{body}");
        assert!(body.contains("200 ký tự"), "{body}");
        test.finish().await;
    }
}
