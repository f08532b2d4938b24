//! Product photos: an officer who keeps the record adds and removes them; only real images of
//! a sane size are kept, at the widths a phone needs; the catalog and the product page show
//! them; nobody else can add one.

mod common;

use app::language::Language;

use std::io::Cursor;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{app_with_sample, post_file, sign_in};
use http_body_util::BodyExt;
use image::{ImageFormat, Rgb, RgbImage};
use tower::ServiceExt;

const PASSWORD: &str = "mật khẩu cán bộ demo";

fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = Vec::new();
    RgbImage::from_pixel(width, height, Rgb([180, 120, 20]))
        .write_to(&mut Cursor::new(&mut bytes), ImageFormat::Jpeg)
        .unwrap();
    bytes
}

/// The bytes and type of a public address.
async fn fetch(app: &axum::Router, uri: &str) -> (StatusCode, Option<String>, Vec<u8>) {
    let response = app.clone().oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
    let (parts, body) = response.into_parts();
    let kind = parts.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_string);
    (parts.status, kind, body.collect().await.unwrap().to_bytes().to_vec())
}

common::on_each_backend! {
    async fn an_officer_adds_real_photos_that_the_catalog_shows_at_the_widths_phones_need(test) {
        let app = app_with_sample(&test).await;
        let product = common::demo_staff_and_product(&test, PASSWORD).await;
        let province = sign_in(&app, "canbo.tinh@ocop.demo", PASSWORD).await;
        let commune = sign_in(&app, "canbo.xa@ocop.demo", PASSWORD).await;
        let add = |who: String, name: &'static str, bytes: Vec<u8>| {
            let app = app.clone();
            async move {
                post_file(&app, &format!("/can-bo/san-pham/{product}/anh"), &who, &[], ("photo", name, &bytes)).await
            }
        };

        let refusals = [
            ("setup.exe", b"MZ\x90\x00\x03 a program".to_vec(), "khong-phai-anh"),
            ("anh.jpg", jpeg(200, 150), "qua-nho"),
            ("anh.jpg", jpeg(800, 600)[..400].to_vec(), "hong"),
        ];
        for (name, bytes, code) in refusals {
            let refused = add(province.clone(), name, bytes).await;
            assert_eq!(refused.status, StatusCode::SEE_OTHER, "{}: {name}", test.name);
            assert_eq!(refused.location(), format!("/can-bo/san-pham/{product}?anh={code}#anh"), "{name}");
        }
        assert_eq!(add(commune.clone(), "anh.jpg", jpeg(800, 600)).await.status, StatusCode::NOT_FOUND, "out of reach");
        assert_eq!(test.count("product_photos").await, 0, "{}: nothing refused was kept", test.name);

        let added = add(province.clone(), "mat-ong.jpg", jpeg(1000, 750)).await;
        assert_eq!(added.location(), format!("/can-bo/san-pham/{product}?anh=da-them#anh"), "{}", added.body);
        let photo: i64 = sqlx::query_scalar("SELECT id FROM product_photos").fetch_one(&test.db.pool).await.unwrap();
        for (width, height) in [(320, 240), (640, 480), (1000, 750)] {
            let (status, kind, bytes) = fetch(&app, &format!("/anh/{photo}/{width}.jpg")).await;
            assert_eq!((status, kind.as_deref()), (StatusCode::OK, Some("image/jpeg")), "{width}");
            let back = image::load_from_memory(&bytes).unwrap();
            assert_eq!((back.width(), back.height()), (width, height));
        }
        assert_eq!(fetch(&app, &format!("/anh/{photo}/1280.jpg")).await.0, StatusCode::NOT_FOUND, "never upscaled");
        assert_eq!(fetch(&app, "/anh/99999/320.jpg").await.0, StatusCode::NOT_FOUND);

        let page = common::page(&app, &format!("/san-pham/{product}"), None).await;
        assert!(
            page.body.contains(&format!(
                r#"srcset="/anh/{photo}/320.jpg 320w, /anh/{photo}/640.jpg 640w, /anh/{photo}/1000.jpg 1000w""#
            )) && page.body.contains(r#"width="1000" height="750""#),
            "{}",
            page.body
        );
        let name: String = sqlx::query_scalar("SELECT name FROM products WHERE id = $1")
            .bind(product)
            .fetch_one(&test.db.pool)
            .await
            .unwrap();
        let catalog = common::page(&app, &format!("/?status=all&q={}", name.replace(' ', "+")), None).await;
        assert!(
            catalog
                .body
                .contains(&format!(r#"<img src="/anh/{photo}/320.jpg" width="320" height="240" loading="lazy""#)),
            "the card shows it at once: {}",
            catalog.body
        );

        let gone = common::request(
            &app,
            Request::post(format!("/can-bo/san-pham/{product}/anh/{photo}/xoa"))
                .header(header::COOKIE, format!("ocop_session={province}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(gone.location(), format!("/can-bo/san-pham/{product}?anh=da-xoa#anh"));
        assert_eq!(fetch(&app, &format!("/anh/{photo}/320.jpg")).await.0, StatusCode::NOT_FOUND);
        assert_eq!((test.count("product_photos").await, test.count("product_photo_files").await), (0, 0));

        // Both are in the record's history, newest first, by the officer who made them.
        let id = product.to_string();
        let record = common::product_record(&app, &id, &province).await;
        let lines: Vec<(String, Option<String>)> =
            record.history.iter().flat_map(|h| h.changes.iter().map(|c| (c.describe(Language::Vi), h.by.clone()))).collect();
        let by = Some("Cán bộ Tỉnh Demo".to_string());
        assert_eq!(lines, [(format!("Xoá ảnh số {photo}"), by.clone()), (format!("Thêm ảnh số {photo}"), by)]);
        // A deleted product's photos are not served; restored, they are again.
        add(province.clone(), "mat-ong.jpg", jpeg(1000, 750)).await;
        let kept: i64 = sqlx::query_scalar("SELECT id FROM product_photos").fetch_one(&test.db.pool).await.unwrap();
        let uri = format!("/anh/{kept}/320.jpg");
        assert_eq!(fetch(&app, &uri).await.0, StatusCode::OK);
        let version = common::product_record(&app, &id, &province).await.version.to_string();
        let deletion = [("product_id", id.as_str()), ("version", version.as_str()), ("reason", "Trùng")];
        common::ok(common::call(&app, "delete_product_record", &deletion, Some(&province)).await, "deleted").await;
        assert_eq!(fetch(&app, &uri).await.0, StatusCode::NOT_FOUND, "{}: a deleted product's photo", test.name);
        let version = common::product_record(&app, &id, &province).await.version.to_string();
        let restore = [("product_id", id.as_str()), ("version", version.as_str())];
        common::ok(common::call(&app, "restore_product_record", &restore, Some(&province)).await, "restored").await;
        assert_eq!(fetch(&app, &uri).await.0, StatusCode::OK);
        let removal = format!("/can-bo/san-pham/{product}/anh/{kept}/xoa");
        let request = Request::post(removal).header(header::COOKIE, format!("ocop_session={province}"));
        common::request(&app, request.body(Body::empty()).unwrap()).await;
        test.finish().await;
    }
}
