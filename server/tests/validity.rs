//! One certificate, one validity date: signed on 05/12/2026, it is valid through 05/12/2029
//! (36 months "kể từ ngày ký", Civil Code 2015 art. 147(1), 148(1)(c)), and every page, the API
//! and every download say so; in force on that day, expired the day after.

mod common;

use axum::http::StatusCode;
use common::{call, get, ok, page, sign_in, PASSWORD};

/// The last valid day as people read it, as the API and open data write it, and the two days
/// beside it that must appear nowhere as the certificate's validity.
const UNTIL: &str = "05/12/2029";
const UNTIL_ISO: &str = "2029-12-05";
const WRONG: [&str; 2] = ["04/12/2029", "06/12/2029"];

/// `body` gives the certificate's validity as "hiệu lực đến 05/12/2029", and neither day beside.
fn says_valid_until(what: &str, body: &str) {
    let lower = body.to_lowercase();
    assert!(lower.contains(&format!("hiệu lực đến {UNTIL}")), "{what} reads “hiệu lực đến {UNTIL}”: {body}");
    for wrong in WRONG {
        assert!(!body.contains(wrong), "{what} shows {wrong}: {body}");
    }
}

common::on_each_backend! {
    async fn one_certificate_reads_valid_until_the_same_day_everywhere(test) {
        test.on("2027-01-10");
        let app = common::app_with_sample(&test).await;
        let product = common::demo_staff_and_product(&test, PASSWORD).await;
        let id = product.to_string();
        let province = sign_in(&app, "canbo.tinh@ocop.demo", PASSWORD).await;

        // The officer records the paper decision signed 05/12/2026, with no date written for
        // its end: the law's one.
        let before = common::product_record(&app, &id, &province).await;
        let (version, name) = (before.version.to_string(), before.record.name.clone());
        let form = [
            ("product_id", id.as_str()),
            ("version", &version),
            ("stars", "4"),
            ("decision_number", "1234/QĐ-UBND"),
            ("decision_date", "2026-12-05"),
            ("certificate_number", "GCN-2026-05"),
            ("expires_on", ""),
        ];
        ok(call(&app, "save_certificate_record", &form, Some(&province)).await, "the certificate saved").await;
        let stored: Option<String> = sqlx::query_scalar("SELECT expires_on FROM products WHERE id = $1")
            .bind(product)
            .fetch_one(&test.db.pool)
            .await
            .unwrap();
        assert_eq!(stored.as_deref(), Some(UNTIL_ISO), "the column keeps the last valid day");
        let stamp: String = sqlx::query_scalar("SELECT stamp_code FROM products WHERE id = $1")
            .bind(product)
            .fetch_one(&test.db.pool)
            .await
            .unwrap();

        // The pages.
        let reply = page(&app, &format!("/san-pham/{id}"), None).await;
        assert_eq!(reply.status, StatusCode::OK);
        says_valid_until("the product page", &reply.body);
        let reply = page(&app, &format!("/xac-thuc/{stamp}"), None).await;
        assert_eq!(reply.status, StatusCode::OK);
        says_valid_until("the stamp check", &reply.body);
        let reply = page(&app, &format!("/giay-chung-nhan/{id}"), Some(&province)).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        says_valid_until("the certificate", &reply.body);
        assert!(reply.body.contains(&format!("đến hết ngày {UNTIL}")), "the certificate: {}", reply.body);
        let reply = page(&app, &format!("/tem/{id}"), Some(&province)).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        says_valid_until("the stamp sheet", &reply.body);
        assert!(reply.body.contains(&format!("HL đến {UNTIL}")), "each stamp: {}", reply.body);
        let reply = page(&app, &format!("/can-bo/san-pham/{id}"), Some(&province)).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        says_valid_until("the back-office record", &reply.body);
        let reply = page(&app, "/can-bo/bao-cao?ngay=1200", Some(&province)).await;
        assert!(reply.body.contains(&format!("<td>{UNTIL}</td>")), "the reports: {}", reply.body);

        // What the pages are made from.
        let record = common::product_record(&app, &id, &province).await;
        assert_eq!(record.certificate.expires_on, UNTIL_ISO, "the record form");
        let sheet = ok(call(&app, "get_stamp_sheet", &[("product_id", &id)], Some(&province)).await, "sheet").await;
        let sheet: app::model::StampSheet = serde_json::from_str(&sheet).unwrap();
        assert_eq!(sheet.valid_until.to_string(), UNTIL_ISO);
        assert_eq!(sheet.valid_until.vietnamese(), UNTIL);

        // The open-data API and its downloads give the same day, as an ISO date.
        let (status, body) = get(&app, &format!("/api/v1/products/{id}")).await;
        assert_eq!(status, StatusCode::OK);
        let detail: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(detail["summary"]["valid_until"], UNTIL_ISO, "{body}");
        assert_eq!(detail["summary"]["status"], "valid", "{body}");
        let (status, csv) = get(&app, "/api/v1/products.csv?status=all").await;
        assert_eq!(status, StatusCode::OK);
        let header: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().next().unwrap().split(',').collect();
        let column = header.iter().position(|name| *name == "valid_until").expect("a valid_until column");
        let row = csv.lines().find(|line| line.starts_with(&format!("{id},"))).expect("the product in the CSV");
        assert!(row.contains(&format!(",{UNTIL_ISO},")), "CSV: {row}");
        let sheet = common::spreadsheet(&app, "/api/v1/products.xlsx?status=all", None).await.expect("XLSX");
        let row = sheet.iter().find(|row| row[0] == id).expect("the product in the XLSX");
        assert_eq!(row[column], UNTIL_ISO, "XLSX: {row:?}");

        // The back office's downloads of certificates ending soon, in Vietnamese.
        let (status, csv) = {
            let reply = page(&app, "/can-bo/bao-cao/het-han.csv?ngay=1200", Some(&province)).await;
            (reply.status, reply.body)
        };
        assert_eq!(status, StatusCode::OK, "{csv}");
        assert!(csv.contains("Hiệu lực đến"), "{csv}");
        let row = csv.lines().find(|line| line.contains("GCN-2026-05")).expect("the certificate ending");
        assert!(row.contains(UNTIL) && !WRONG.iter().any(|wrong| row.contains(wrong)), "{row}");
        let table = common::spreadsheet(&app, "/can-bo/bao-cao/het-han.xlsx?ngay=1200", Some(&province)).await;
        let table = table.expect("XLSX");
        let column = table[0].iter().position(|name| name == "Hiệu lực đến").expect("the column");
        let row = table.iter().find(|row| row.iter().any(|cell| cell == "GCN-2026-05")).expect("the row");
        assert_eq!(row[column], UNTIL);

        // In force on its last valid day, expired the day after: on every page and in the
        // catalog's filters alike.
        for (day, status, filter, verdict) in [
            ("2029-12-05", "expiring", "expiring", "Tem thật: sản phẩm đang được công nhận OCOP"),
            ("2029-12-06", "expired", "expired", "chứng nhận OCOP đã hết hạn"),
        ] {
            test.on(day);
            let app = common::router(&test, None);
            let (_, body) = get(&app, &format!("/api/v1/products/{id}")).await;
            let detail: serde_json::Value = serde_json::from_str(&body).unwrap();
            assert_eq!(
                (detail["summary"]["status"].as_str(), detail["summary"]["valid_until"].as_str()),
                (Some(status), Some(UNTIL_ISO)),
                "on {day}"
            );
            let query = common::encode(&[("status", filter), ("q", &name)]);
            let (_, body) = get(&app, &format!("/api/v1/products?{query}")).await;
            let listed: serde_json::Value = serde_json::from_str(&body).unwrap();
            let ids: Vec<i64> =
                listed["items"].as_array().unwrap().iter().filter_map(|item| item["id"].as_i64()).collect();
            assert!(ids.contains(&product), "on {day}, listed as {filter}: {body}");
            let reply = page(&app, &format!("/xac-thuc/{stamp}"), None).await;
            assert!(reply.body.contains(verdict), "the stamp check on {day}: {}", reply.body);
            for wrong in WRONG {
                assert!(!reply.body.contains(wrong), "the stamp check on {day} shows {wrong}");
            }
            let reply = page(&app, &format!("/san-pham/{id}"), None).await;
            says_valid_until(&format!("the product page on {day}"), &reply.body);
        }
        test.finish().await;
    }
}
