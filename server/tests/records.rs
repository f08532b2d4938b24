//! Records officers keep: a catalog product edited by two officers at once, where the second
//! save is refused with what the first changed, and every edit is in the history.

mod common;

use app::model::ProductRecordView;
use axum::http::StatusCode;
use common::{app_with_sample, call, sign_in};

const PASSWORD: &str = "mật khẩu cán bộ demo";

#[tokio::test]
async fn a_stale_save_is_refused_with_what_changed_and_every_edit_is_kept() {
    for test in common::databases().await {
        let app = app_with_sample(&test).await;
        let product = common::demo_staff_and_product(&test, PASSWORD).await;
        let id = product.to_string();
        let province = sign_in(&app, "canbo.tinh@ocop.demo", PASSWORD).await;
        let national = sign_in(&app, "trunguong@ocop.demo", PASSWORD).await;
        let commune = sign_in(&app, "canbo.xa@ocop.demo", PASSWORD).await;

        let read = |who: String| {
            let (app, id) = (app.clone(), id.clone());
            async move {
                let reply = call(&app, "get_product_record", &[("product_id", &id)], Some(&who)).await;
                assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
                serde_json::from_str::<ProductRecordView>(&reply.body).unwrap()
            }
        };
        assert_eq!(
            call(&app, "get_product_record", &[("product_id", &id)], Some(&commune)).await.status,
            StatusCode::FORBIDDEN
        );
        let first = read(province.clone()).await;
        let second = read(national.clone()).await;
        assert_eq!((first.version, second.version, first.history.len()), (1, 1, 0));

        let save = |who: String, version: i64, name: &'static str, phone: &'static str| {
            let (app, id) = (app.clone(), id.clone());
            async move {
                let version = version.to_string();
                let form = [
                    ("product_id", id.as_str()),
                    ("version", &version),
                    ("name", name),
                    ("description", "Câu chuyện mới"),
                    ("phone", phone),
                    ("website", ""),
                ];
                call(&app, "save_product_record", &form, Some(&who)).await
            }
        };
        let bad = save(province.clone(), 1, "Mật ong rừng Hải Vân", "12345").await;
        assert!(
            bad.body.contains("\"field\":\"phone\"") && bad.body.contains("\"name\",\"Mật ong rừng Hải Vân\""),
            "{}",
            bad.body
        );
        let saved = save(province.clone(), 1, "Mật ong rừng Hải Vân", "0905123456").await;
        assert_eq!((saved.status, saved.body.as_str()), (StatusCode::OK, "2"), "{}", saved.body);

        // The national officer's form was read at version 1: refused, told what changed.
        let stale = save(national.clone(), 1, "Tên khác", "").await;
        assert_eq!(stale.status, StatusCode::BAD_REQUEST);
        assert!(
            stale.body.contains("Cán bộ Tỉnh Demo sửa lúc") && stale.body.contains("Mật ong rừng Hải Vân"),
            "{}",
            stale.body
        );
        assert!(stale.body.contains("\"name\",\"Tên khác\""), "what was typed is kept: {}", stale.body);

        let after = read(national.clone()).await;
        assert_eq!(
            (after.version, after.record.name.as_str(), after.record.phone.as_str()),
            (2, "Mật ong rừng Hải Vân", "0905123456")
        );
        let fields: Vec<&str> = after.history[0].changes.iter().map(|c| c.field.as_str()).collect();
        assert!(fields.contains(&"name") && fields.contains(&"phone"), "{fields:?}");
        assert_eq!(after.history[0].by.as_deref(), Some("Cán bộ Tỉnh Demo"));

        // The catalog finds the product by its new name at once.
        let found = common::page(&app, "/?q=mat+ong+rung+hai+van&status=all", None).await;
        assert!(found.body.contains("Mật ong rừng Hải Vân"), "search finds the new name");

        // Where to buy: a bad address is refused by line with what was typed kept; good lines
        // reach the product page, linked, and the open-data API.
        let where_to_buy = |lines: &'static str, version: &'static str| {
            let (app, id, who) = (app.clone(), id.clone(), province.clone());
            async move {
                let form = [
                    ("product_id", id.as_str()),
                    ("version", version),
                    ("name", "Mật ong rừng Hải Vân"),
                    ("description", "Câu chuyện mới"),
                    ("phone", "0905123456"),
                    ("website", ""),
                    ("where_to_buy", lines),
                ];
                call(&app, "save_product_record", &form, Some(&who)).await
            }
        };
        let refused = where_to_buy("Chợ Hàn, quầy 12\nShopee https://shopee", "2").await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST);
        assert!(
            refused.body.contains("Dòng 2: địa chỉ web «https://shopee» chưa đúng")
                && refused.body.contains("\"where_to_buy\",\"Chợ Hàn, quầy 12\\nShopee https://shopee\""),
            "{}",
            refused.body
        );
        let saved = where_to_buy("Chợ Hàn, quầy 12\nShopee: https://shopee.vn/matong-haivan", "2").await;
        assert_eq!((saved.status, saved.body.as_str()), (StatusCode::OK, "3"), "{}", saved.body);
        let product_page = common::page(&app, &format!("/san-pham/{id}"), None).await;
        assert!(
            product_page.body.contains("<li>Chợ Hàn, quầy 12</li>")
                && product_page
                    .body
                    .contains(r#"<a href="https://shopee.vn/matong-haivan" rel="nofollow noopener">Shopee</a>"#),
            "{}",
            product_page.body
        );
        let (_, json) = common::get(&app, &format!("/api/v1/products/{id}")).await;
        assert!(json.contains(r#""points_of_sale":[{"text":"Chợ Hàn, quầy 12","link":null},{"text":"Shopee","link":"https://shopee.vn/matong-haivan"}]"#), "{json}");
        test.finish().await;
    }
}
