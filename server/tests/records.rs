//! Records officers keep: a catalog product edited by two officers at once, where the second
//! save is refused with what the first changed, and every edit is in the history.

mod common;

use app::language::Language;

use axum::http::StatusCode;
use common::{app_with_sample, call, sign_in};

const PASSWORD: &str = "mật khẩu cán bộ demo";

/// Sends a record keeper's form for the record named by `id` (its field and value), saved from
/// `version`.
async fn save_record(
    app: &axum::Router,
    function: &str,
    id: (&str, &str),
    version: i64,
    fields: &[(&str, &str)],
    who: &str,
) -> common::Reply {
    let version = version.to_string();
    let form: Vec<(&str, &str)> = [id, ("version", &version)].into_iter().chain(fields.iter().copied()).collect();
    call(app, function, &form, Some(who)).await
}

common::on_each_backend! {
    async fn a_stale_save_is_refused_with_what_changed_and_every_edit_is_kept(test) {
        let app = app_with_sample(&test).await;
        let product = common::demo_staff_and_product(&test, PASSWORD).await;
        let id = product.to_string();
        let province = sign_in(&app, "canbo.tinh@ocop.demo", PASSWORD).await;
        let national = sign_in(&app, "trunguong@ocop.demo", PASSWORD).await;
        let commune = sign_in(&app, "canbo.xa@ocop.demo", PASSWORD).await;

        let read = |who: String| {
            let (app, id) = (app.clone(), id.clone());
            async move { common::product_record(&app, &id, &who).await }
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
                let fields = [("name", name), ("description", "Câu chuyện mới"), ("phone", phone), ("website", "")];
                save_record(&app, "save_product_record", ("product_id", &id), version, &fields, &who).await
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

common::on_each_backend! {
    async fn a_deleted_record_leaves_the_catalog_keeps_its_history_and_comes_back(test) {
        use common::get;
        let app = app_with_sample(&test).await;
        let product = common::demo_staff_and_product(&test, PASSWORD).await;
        let id = product.to_string();
        let (name, stamp): (String, String) = sqlx::query_as("SELECT name, stamp_code FROM products WHERE id = $1")
            .bind(product)
            .fetch_one(&test.db.pool)
            .await
            .unwrap();
        let province = sign_in(&app, "canbo.tinh@ocop.demo", PASSWORD).await;
        let member = sign_in(&app, "thanhvien1@ocop.demo", PASSWORD).await;
        let count = |body: &str| serde_json::from_str::<serde_json::Value>(body).unwrap()["total"].as_i64().unwrap();
        let listed = count(&get(&app, "/api/v1/products?status=all").await.1);
        let sitemap = get(&app, "/sitemap/0.xml").await.1.matches("<url>").count();
        let delete = |who: String, version: &'static str, reason: &'static str| {
            let (app, id) = (app.clone(), id.clone());
            async move {
                let form = [("product_id", id.as_str()), ("version", version), ("reason", reason)];
                call(&app, "delete_product_record", &form, Some(&who)).await
            }
        };

        // A reason is required, only keepers of the record may delete, and a stale form is refused.
        let bare = delete(province.clone(), "1", "  ").await;
        assert!(bare.status == StatusCode::BAD_REQUEST && bare.body.contains("Hãy ghi lý do xoá"), "{}", bare.body);
        assert_eq!(delete(member.clone(), "1", "Trùng").await.status, StatusCode::FORBIDDEN);
        let stale = delete(province.clone(), "7", "Trùng").await;
        assert!(stale.body.contains("Chưa lưu"), "{}", stale.body);
        let deleted = delete(province.clone(), "1", "Trùng với bản ghi nhập từ quyết định 2023").await;
        assert_eq!((deleted.status, deleted.body.as_str()), (StatusCode::OK, "2"), "{}", deleted.body);

        // Gone from everything public: search, counts, its page, the stamp check, the sitemap.
        assert_eq!(count(&get(&app, "/api/v1/products?status=all").await.1), listed - 1, "{}", test.name);
        assert_eq!(get(&app, &format!("/api/v1/products/{id}")).await.0, StatusCode::NOT_FOUND);
        assert_eq!(common::page(&app, &format!("/san-pham/{id}"), None).await.status, StatusCode::NOT_FOUND);
        let check = common::page(&app, &format!("/xac-thuc/{stamp}"), None).await;
        assert!(!check.body.contains(&name), "{}", check.body);
        assert_eq!(get(&app, "/sitemap/0.xml").await.1.matches("<url>").count(), sitemap - 1);

        // Kept for the officers: in the list of deleted records, with the reason; not editable.
        let list = call(&app, "list_deleted_records", &[], Some(&province)).await;
        let list: Vec<app::model::DeletedRecord> = serde_json::from_str(&common::ok(list, "deleted").await).unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!((list[0].id, list[0].deleted_by.as_deref()), (product, Some("Cán bộ Tỉnh Demo")));
        let form = [
            ("product_id", id.as_str()),
            ("version", "2"),
            ("name", "Tên mới"),
            ("description", ""),
            ("phone", ""),
            ("website", ""),
        ];
        let edit = call(&app, "save_product_record", &form, Some(&province)).await;
        assert!(edit.body.contains("hãy khôi phục trước khi sửa"), "{}", edit.body);
        let page = common::page(&app, &format!("/can-bo/san-pham/{id}"), Some(&province)).await;
        assert!(
            page.body.contains("Khôi phục vào danh mục") && page.body.contains("Trùng với bản ghi"),
            "{}",
            page.body
        );

        // Restored as it was.
        let restored =
            call(&app, "restore_product_record", &[("product_id", &id), ("version", "2")], Some(&province)).await;
        assert_eq!(common::ok(restored, "restore").await, "3");
        assert_eq!(count(&get(&app, "/api/v1/products?status=all").await.1), listed);
        assert!(common::page(&app, &format!("/xac-thuc/{stamp}"), None).await.body.contains(&name));
        let list = call(&app, "list_deleted_records", &[], Some(&province)).await;
        assert_eq!(common::ok(list, "none deleted").await, "[]");

        let record = common::product_record(&app, &id, &province).await;
        let lines: Vec<String> = record.history.iter().flat_map(|h| h.changes.iter().map(|c| c.describe(Language::Vi))).collect();
        assert_eq!(
            lines,
            ["Khôi phục vào danh mục", "Xoá khỏi danh mục, lý do: “Trùng với bản ghi nhập từ quyết định 2023”"]
        );
        assert!(record.deletion_reason.is_none());
        test.finish().await;
    }
}

common::on_each_backend! {
    async fn a_certificate_is_corrected_from_its_paper_decision_within_the_law(test) {
        use common::get;
        let app = app_with_sample(&test).await;
        let product = common::demo_staff_and_product(&test, PASSWORD).await;
        let id = product.to_string();
        let province = sign_in(&app, "canbo.tinh@ocop.demo", PASSWORD).await;
        let read = || {
            let (app, id, province) = (app.clone(), id.clone(), province.clone());
            async move { common::product_record(&app, &id, &province).await }
        };
        let save = |version: i64, stars: &'static str, decided: &'static str, expiry: &'static str| {
            let (app, id, province) = (app.clone(), id.clone(), province.clone());
            async move {
                let version = version.to_string();
                let form = [
                    ("product_id", id.as_str()),
                    ("version", &version),
                    ("stars", stars),
                    ("decision_number", "1234/QĐ-UBND"),
                    ("decision_date", decided),
                    ("certificate_number", "GCN-2025-17"),
                    ("expires_on", expiry),
                ];
                call(&app, "save_certificate_record", &form, Some(&province)).await
            }
        };
        let before = read().await;
        assert!(!before.issued_here, "the sample list was imported");

        // Bad dates are refused with the sentence, and what was typed comes back.
        let future = save(before.version, "5", "2999-01-01", "").await;
        assert!(
            future.body.contains("không thể sau hôm nay") && future.body.contains("1234/QĐ-UBND"),
            "{}",
            future.body
        );
        let backwards = save(before.version, "5", "2025-03-14", "2025-01-01").await;
        assert!(backwards.body.contains("phải sau ngày quyết định"), "{}", backwards.body);

        // Corrected: the catalog shows it at once; the expiry is the legal one when none is written.
        let saved = save(before.version, "5", "14/03/2025", "").await;
        assert_eq!(common::ok(saved, "saved").await, (before.version + 1).to_string());
        let after = read().await;
        assert_eq!(
            (after.certificate.stars, after.certificate.decision_date.as_str(), after.certificate.expires_on.as_str()),
            (5, "2025-03-14", "2028-03-14")
        );
        let detail: serde_json::Value =
            serde_json::from_str(&get(&app, &format!("/api/v1/products/{id}")).await.1).unwrap();
        assert_eq!(
            (detail["summary"]["stars"].as_i64(), detail["certificate_number"].as_str()),
            (Some(5), Some("GCN-2025-17"))
        );
        let lines: Vec<String> = after.history[0].changes.iter().map(|c| c.describe(Language::Vi)).collect();
        assert!(lines.contains(&format!("Hạng sao: “{}” → “5”", before.certificate.stars)), "{lines:?}");
        // Days as the reader writes them, dd/mm/yyyy.
        let was = app::model::vietnamese_date(&before.certificate.expires_on);
        let expiry = format!("Hiệu lực đến ngày: “{was}” → “14/03/2028”");
        assert!(lines.contains(&expiry), "{lines:?}");

        // A certificate the platform issued keeps the council's stars; its expiry follows the decision.
        sqlx::query("UPDATE products SET source = 'portal' WHERE id = $1")
            .bind(product)
            .execute(&test.db.pool)
            .await
            .unwrap();
        let issued = read().await;
        assert!(issued.issued_here);
        let upgraded = save(issued.version, "4", "2025-03-14", "").await;
        assert!(upgraded.body.contains("do Hội đồng và hệ thống cấp"), "{}", upgraded.body);
        let redated = save(issued.version, "5", "2025-04-01", "2031-01-01").await;
        common::ok(redated, "redated").await;
        assert_eq!(read().await.certificate.expires_on, "2028-04-01");
        test.finish().await;
    }
}

common::on_each_backend! {
    async fn a_producer_from_a_provincial_list_is_corrected_and_found_by_its_new_name(test) {
        use common::get;
        let app = app_with_sample(&test).await;
        let product = common::demo_staff_and_product(&test, PASSWORD).await;
        let producer: i64 = sqlx::query_scalar("SELECT producer_id FROM products WHERE id = $1")
            .bind(product)
            .fetch_one(&test.db.pool)
            .await
            .unwrap();
        let id = producer.to_string();
        let province = sign_in(&app, "canbo.tinh@ocop.demo", PASSWORD).await;
        let national = sign_in(&app, "trunguong@ocop.demo", PASSWORD).await;
        let commune = sign_in(&app, "canbo.xa@ocop.demo", PASSWORD).await;
        let read = |who: String| {
            let (app, id) = (app.clone(), id.clone());
            async move {
                let reply = call(&app, "get_producer_record", &[("producer_id", &id)], Some(&who)).await;
                serde_json::from_str::<app::model::ProducerRecordView>(&common::ok(reply, "producer").await).unwrap()
            }
        };
        let save = |who: String, version: i64, name: &'static str, phone: &'static str| {
            let (app, id) = (app.clone(), id.clone());
            async move {
                let fields = [("name", name), ("address", "Thôn Phú Túc, xã Hòa Phú"), ("phone", phone), ("website", "")];
                save_record(&app, "save_producer_record", ("producer_id", &id), version, &fields, &who).await
            }
        };
        let refused = call(&app, "get_producer_record", &[("producer_id", &id)], Some(&commune)).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        let first = read(province.clone()).await;
        let second = read(national.clone()).await;
        assert!(!first.files_in_portal && first.products.iter().any(|(p, _)| *p == product));

        let bad = save(province.clone(), first.version, "", "0905123456").await;
        assert!(
            bad.body.contains("Tên chủ thể không được để trống") && bad.body.contains("Thôn Phú Túc"),
            "{}",
            bad.body
        );
        let saved = save(province.clone(), first.version, "Hợp tác xã Nông sản Hòa Phú", "0905 123 456").await;
        assert_eq!(common::ok(saved, "saved").await, (first.version + 1).to_string());
        let stale = save(national.clone(), second.version, "HTX khác", "").await;
        assert!(
            stale.body.contains("Cán bộ Tỉnh Demo sửa lúc") && stale.body.contains("Tên chủ thể: “"),
            "{}",
            stale.body
        );

        // The public producer page and the catalog's search follow at once.
        let (_, page) = get(&app, &format!("/api/v1/producers/{id}")).await;
        assert!(page.contains("Hợp tác xã Nông sản Hòa Phú") && page.contains("0905123456"), "{page}");
        let (_, found) = get(&app, "/api/v1/products?status=all&q=nong%20san%20hoa%20phu").await;
        let found: serde_json::Value = serde_json::from_str(&found).unwrap();
        assert!(found["items"].as_array().unwrap().iter().any(|p| p["id"].as_i64() == Some(product)), "{found}");
        let lines: Vec<String> = read(province.clone()).await.history[0].changes.iter().map(|c| c.describe(Language::Vi)).collect();
        assert!(lines
            .iter()
            .any(|l| l.starts_with("Tên chủ thể: “") && l.ends_with("” → “Hợp tác xã Nông sản Hòa Phú”")));

        // A producer that files in the portal keeps its own profile.
        let lan = common::sign_up_lan(&app, &test).await;
        common::producer(&app, &lan, "0401111111").await;
        let own: i64 =
            sqlx::query_scalar("SELECT producer_id FROM producer_members").fetch_one(&test.db.pool).await.unwrap();
        let form = [
            ("producer_id", own.to_string()),
            ("version", "1".to_string()),
            ("name", "Tên khác".to_string()),
            ("address", "Thôn 1".to_string()),
            ("phone", String::new()),
            ("website", String::new()),
        ];
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let kept = call(&app, "save_producer_record", &form, Some(&national)).await;
        assert!(kept.body.contains("tự cập nhật hồ sơ trên cổng"), "{}", kept.body);
        test.finish().await;
    }
}

common::on_each_backend! {
    /// An imported certificate is revoked from its record by the authority that issued it: the
    /// province for three and four stars, only the national officer for five. The stamp check
    /// and the product page say "revoked" at once; a revocation is refused without a ground or
    /// dated in the future, and is made once.
    async fn any_certificate_is_revoked_by_the_authority_that_issued_it(test) {
        let app = app_with_sample(&test).await;
        let product = common::demo_staff_and_product(&test, PASSWORD).await;
        let id = product.to_string();
        let province = sign_in(&app, "canbo.tinh@ocop.demo", PASSWORD).await;
        let national = sign_in(&app, "trunguong@ocop.demo", PASSWORD).await;
        let (stars, code): (i64, String) = sqlx::query_as("SELECT stars, stamp_code FROM products WHERE id = $1")
            .bind(product)
            .fetch_one(&test.db.pool)
            .await
            .unwrap();
        assert!(stars < 5, "a sample product of Đà Nẵng below five stars");
        let revoke = |who: String, fields: Vec<(&'static str, &'static str)>| {
            let (app, id) = (app.clone(), id.clone());
            async move {
                let version = common::product_record(&app, &id, &who).await.version;
                save_record(&app, "revoke_product_certificate", ("product_id", &id), version, &fields, &who).await
            }
        };
        let good = vec![
            ("revocation_ground", "misuse_of_mark"),
            ("revocation_number", "45/QĐ-UBND"),
            ("revocation_date", "2026-11-20"),
        ];
        for (fields, field) in [
            (vec![("revocation_ground", ""), good[1], good[2]], "revocation_ground"),
            (vec![good[0], good[1], ("revocation_date", "2099-01-01")], "revocation_date"),
            (vec![good[0], ("revocation_number", ""), good[2]], "revocation_number"),
        ] {
            let refused = revoke(province.clone(), fields).await;
            assert_eq!(refused.status, StatusCode::BAD_REQUEST);
            assert!(refused.body.contains(&format!("\"field\":\"{field}\"")), "{}", refused.body);
        }
        // The national officer did not issue it.
        let not_theirs = revoke(national.clone(), good.clone()).await;
        assert!(not_theirs.body.contains("do Ủy ban nhân dân tỉnh cấp"), "{}", not_theirs.body);
        let before = common::page(&app, &format!("/xac-thuc/{code}"), None).await;
        assert!(!before.body.contains("bị thu hồi"), "in force before");

        let revoked = revoke(province.clone(), good.clone()).await;
        assert_eq!(revoked.status, StatusCode::OK, "{}", revoked.body);
        let stamp = common::page(&app, &format!("/xac-thuc/{code}"), None).await;
        assert!(stamp.body.contains("thu hồi"), "{}: the stamp says revoked: {}", test.name, stamp.body);
        let record = common::product_record(&app, &id, &province).await;
        let said = record.revocation.expect("the record says it").describe(Language::Vi);
        assert!(said.contains("20/11/2026") && said.contains("Sử dụng sai nhãn hiệu OCOP") && said.contains("45/QĐ-UBND"), "{said}");
        assert!(!record.caller_revokes);
        assert!(record.history[0].changes[0].describe(Language::Vi).starts_with("Thu hồi giấy chứng nhận"), "{:?}", record.history[0]);
        let twice = revoke(province.clone(), good.clone()).await;
        assert!(twice.body.contains("đã bị thu hồi"), "{}", twice.body);

        // A five-star certificate: the ministry's, so the national officer's alone.
        let five: i64 = sqlx::query_scalar("SELECT MAX(id) FROM products WHERE province_code = '48' AND id <> $1")
            .bind(product)
            .fetch_one(&test.db.pool)
            .await
            .unwrap();
        sqlx::query("UPDATE products SET stars = 5 WHERE id = $1").bind(five).execute(&test.db.pool).await.unwrap();
        let five_id = five.to_string();
        let version = common::product_record(&app, &five_id, &province).await.version;
        let by_province = save_record(&app, "revoke_product_certificate", ("product_id", &five_id), version, &good, &province).await;
        assert!(by_province.body.contains("chỉ cán bộ OCOP Trung ương thu hồi được"), "{}", by_province.body);
        let by_nation = save_record(&app, "revoke_product_certificate", ("product_id", &five_id), version, &good, &national).await;
        assert_eq!(by_nation.status, StatusCode::OK, "{}", by_nation.body);
        test.finish().await;
    }
}

common::on_each_backend! {
    /// Art. 8: a finding that grounds a revocation starts the 15 days for the decision; the
    /// record shows them, late or not, until the revocation is recorded. Only the authority
    /// that would revoke records it; a finding without a ground or dated after today is refused.
    async fn a_finding_starts_the_fifteen_days_for_the_revocation(test) {
        test.on("2026-12-01");
        let app = app_with_sample(&test).await;
        let id = common::demo_staff_and_product(&test, PASSWORD).await.to_string();
        let province = sign_in(&app, "canbo.tinh@ocop.demo", PASSWORD).await;
        let national = sign_in(&app, "trunguong@ocop.demo", PASSWORD).await;
        let find = |who: String, ground: &'static str, found_on: &'static str| {
            let (app, id) = (app.clone(), id.clone());
            async move {
                let version = common::product_record(&app, &id, &who).await.version;
                let fields = [("finding_ground", ground), ("found_on", found_on)];
                save_record(&app, "record_revocation_finding", ("product_id", &id), version, &fields, &who).await
            }
        };
        let version = common::product_record(&app, &id, &province).await.version;
        for (ground, found_on, field, sentence) in [
            ("", "2026-11-28", "finding_ground", "Hãy chọn căn cứ thu hồi."),
            ("no_longer_meets_criteria", "2026-12-02", "found_on", "Ngày phát hiện không thể sau hôm nay."),
        ] {
            let refused = find(province.clone(), ground, found_on).await;
            assert_eq!(refused.status, StatusCode::BAD_REQUEST);
            assert!(refused.body.contains(&format!("\"field\":\"{field}\"")) && refused.body.contains(sentence), "{}", refused.body);
        }
        let not_theirs = find(national.clone(), "no_longer_meets_criteria", "2026-11-28").await;
        assert_eq!(not_theirs.status, StatusCode::BAD_REQUEST, "{}", not_theirs.body);
        assert_eq!(common::product_record(&app, &id, &province).await.version, version, "nothing changed");

        let found = find(province.clone(), "no_longer_meets_criteria", "2026-11-28").await;
        assert_eq!(found.status, StatusCode::OK, "{}", found.body);
        let record = common::product_record(&app, &id, &province).await;
        let finding = record.finding.expect("the clock on the record");
        let said = finding.said(Language::Vi, record.finding_overdue);
        assert!(said.contains("28/11/2026") && said.contains("chậm nhất ngày 13/12/2026"), "{said}");
        let english = finding.said(Language::En, record.finding_overdue);
        assert!(english.contains("must be issued by 13/12/2026"), "{english}");
        assert!(!record.finding_overdue);
        let page = common::page(&app, &format!("/can-bo/san-pham/{id}"), Some(&province)).await;
        assert!(page.body.contains("chậm nhất ngày 13/12/2026"), "{}", page.body);
        assert!(record.history[0].changes[0].describe(Language::Vi).contains("Phát hiện ngày 28/11/2026"), "{:?}", record.history[0]);

        // Past the 15 days, still undecided: the record says it is late.
        test.on("2026-12-14");
        let app = common::router(&test, None);
        let province = sign_in(&app, "canbo.tinh@ocop.demo", PASSWORD).await;
        let record = common::product_record(&app, &id, &province).await;
        assert!(record.finding_overdue && record.finding.is_some());

        // The decision recorded, the clock is gone.
        let fields = [
            ("revocation_ground", "no_longer_meets_criteria"),
            ("revocation_number", "51/QĐ-UBND"),
            ("revocation_date", "2026-12-14"),
        ];
        let version = common::product_record(&app, &id, &province).await.version;
        let revoked = save_record(&app, "revoke_product_certificate", ("product_id", &id), version, &fields, &province).await;
        assert_eq!(revoked.status, StatusCode::OK, "{}", revoked.body);
        let record = common::product_record(&app, &id, &province).await;
        assert!(record.revocation.is_some() && record.finding.is_none() && !record.finding_overdue);
        test.finish().await;
    }
}
