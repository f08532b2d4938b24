//! Art. 12.3 of Decision 26/2026: a certificate whose holder filed re-rating in time stays valid
//! while the decision is pending, at most 180 days past its last valid day. Certified on
//! 01/12/2026, valid until 01/12/2029; re-rating filed on 01/07/2029 (its window is 04/06 to
//! 03/08/2029), so it is kept in force at most until 30/05/2030.

mod common;

use axum::http::StatusCode;
use common::{act, call, get, ok, page, sign_in, staff_dossier, PASSWORD};

const KEPT_UNTIL: &str = "30/05/2030";

/// The product's status and "valid pending re-rating until" in the open-data API.
async fn api_status(app: &axum::Router, id: i64) -> (String, Option<String>) {
    let (status, body) = get(app, &format!("/api/v1/products/{id}")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let detail: serde_json::Value = serde_json::from_str(&body).unwrap();
    let summary = &detail["summary"];
    assert_eq!(summary["valid_until"], "2029-12-01", "the last valid day does not move: {body}");
    (summary["status"].as_str().unwrap().to_string(), summary["pending_rerating_until"].as_str().map(String::from))
}

/// Whether the catalog lists product `id` under `status` for its name.
async fn listed(app: &axum::Router, id: i64, status: &str) -> bool {
    let query = common::encode(&[("status", status), ("q", "Mật ong")]);
    let (_, body) = get(app, &format!("/api/v1/products?{query}")).await;
    let listed: serde_json::Value = serde_json::from_str(&body).unwrap();
    listed["items"].as_array().unwrap().iter().any(|item| item["id"].as_i64() == Some(id))
}

/// The province officer records the decision recognising dossier `id` on `date`.
async fn certify(app: &axum::Router, id: &str, number: &str, date: &str) {
    let province = sign_in(app, "canbo.tinh@ocop.demo", PASSWORD).await;
    let version = staff_dossier(app, id, &province).await.detail.version.to_string();
    let form = [("dossier_id", id), ("version", &version), ("decision_number", number), ("decision_date", date)];
    ok(call(app, "certify_dossier", &form, Some(&province)).await, "certify").await;
}

/// Lan's product certified four stars on 01/12/2026 (valid until 01/12/2029): its first
/// dossier and its certificate.
async fn certified(test: &mut common::TestDb) -> (String, app::model::IssuedCertificate) {
    test.on("2026-12-01");
    let app = common::app_with_sample(test).await;
    let (id, _) = common::in_council_scoring(&app, test).await;
    common::council_scores(&app, &common::PROVINCE_COUNCIL, &id, 80).await;
    certify(&app, &id, "88/QĐ-UBND", "2026-12-01").await;
    let province = sign_in(&app, "canbo.tinh@ocop.demo", PASSWORD).await;
    let certificate = staff_dossier(&app, &id, &province).await.detail.certificate.expect("a certificate");
    (id, certificate)
}

/// Lan files the re-rating of her certified product, fully self-assessed: its dossier's id.
async fn file_rerating(app: &axum::Router) -> String {
    let lan = sign_in(app, common::LAN[1].1, common::LAN[2].1).await;
    let mine: Vec<app::model::PortalProduct> =
        serde_json::from_str(&call(app, "list_my_products", &[], Some(&lan)).await.body).unwrap();
    let portal_product = mine[0].id.to_string();
    let form = [("product_id", portal_product.as_str()), ("kind", "re_rating")];
    let rerating = ok(call(app, "open_dossier", &form, Some(&lan)).await, "open the re-rating").await;
    let dossier: app::model::DossierDetail =
        serde_json::from_str(&call(app, "get_dossier", &[("id", &rerating)], Some(&lan)).await.body).unwrap();
    let best = common::best_choices(&dossier.sheet);
    let mut form: Vec<(&str, &str)> = vec![("dossier_id", &rerating), ("version", "1")];
    form.extend(best.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    ok(call(app, "save_self_assessment", &form, Some(&lan)).await, "assess").await;
    let form = [("dossier_id", rerating.as_str()), ("version", "2")];
    ok(call(app, "submit_dossier", &form, Some(&lan)).await, "file").await;
    rerating
}

common::on_each_backend! {
    async fn a_rerating_filed_in_time_keeps_the_certificate_in_force_until_it_is_decided(test) {
        let (_, certificate) = certified(&mut test).await;
        let product = certificate.catalog_product_id;

        // In the window, Lan files the re-rating: the commune receives it.
        test.on("2029-07-01");
        let app = common::router(&test, None);
        let rerating = file_rerating(&app).await;
        let kept: Option<String> = sqlx::query_scalar("SELECT pending_rerating_until FROM products WHERE id = $1")
            .bind(product)
            .fetch_one(&test.db.pool)
            .await
            .unwrap();
        assert_eq!(kept.as_deref(), Some("2030-05-30"));
        // Before its last valid day nothing shows: the certificate is simply valid.
        assert_eq!(api_status(&app, product).await, ("expiring".to_string(), None));

        // Past its last valid day, undecided: in force, and every page says until when.
        test.on("2029-12-02");
        let app = common::router(&test, None);
        assert_eq!(api_status(&app, product).await, ("expiring".to_string(), Some("2030-05-30".to_string())));
        let reply = page(&app, &format!("/san-pham/{product}"), None).await;
        assert!(reply.body.contains(&format!("Còn hiệu lực chờ đánh giá lại đến {KEPT_UNTIL}")), "{}", reply.body);
        assert!(reply.body.contains("hiệu lực đến 01/12/2029"), "the last valid day stays: {}", reply.body);
        let reply = page(&app, &format!("/xac-thuc/{}", certificate.stamp_code), None).await;
        assert!(reply.body.contains("Tem thật: sản phẩm đang được công nhận OCOP"), "{}", reply.body);
        assert!(reply.body.contains(&format!("còn hiệu lực chờ đánh giá lại đến {KEPT_UNTIL}")), "{}", reply.body);
        assert!(listed(&app, product, "current").await && listed(&app, product, "expiring").await);
        assert!(!listed(&app, product, "expired").await);

        // 180 days past, still undecided: the law keeps it no longer.
        test.on("2030-05-31");
        let app = common::router(&test, None);
        assert_eq!(api_status(&app, product).await, ("expired".to_string(), None));
        let reply = page(&app, &format!("/xac-thuc/{}", certificate.stamp_code), None).await;
        assert!(reply.body.contains("chứng nhận OCOP đã hết hạn"), "{}", reply.body);
        assert!(listed(&app, product, "expired").await && !listed(&app, product, "current").await);

        // Decided before then: the province declines, and the certificate is expired from then on.
        test.on("2029-12-20");
        let app = common::router(&test, None);
        common::commune_forwards(&app, &rerating).await;
        let province = sign_in(&app, "canbo.tinh@ocop.demo", PASSWORD).await;
        common::before_council(&app, &province, &common::PROVINCE_COUNCIL, &rerating).await;
        common::council_scores(&app, &common::PROVINCE_COUNCIL, &rerating, 60).await;
        ok(act(&app, &rerating, &province, "decline").await, "decline").await;
        assert_eq!(api_status(&app, product).await, ("expired".to_string(), None));
        let reply = page(&app, &format!("/san-pham/{product}"), None).await;
        assert!(!reply.body.contains("chờ đánh giá lại"), "{}", reply.body);
        assert!(listed(&app, product, "expired").await);
        test.finish().await;
    }
}

common::on_each_backend! {
    /// A re-rating decided on written opinions, without a sitting, is certified: the new
    /// certificate replaces the old one (whose stamps answer with it), the decision says how
    /// it was taken, and nothing keeps the old one in force any more.
    async fn a_rerating_decided_on_written_opinions_is_certified(test) {
        let (_, certificate) = certified(&mut test).await;
        test.on("2029-07-01");
        let app = common::router(&test, None);
        let rerating = file_rerating(&app).await;
        common::commune_forwards(&app, &rerating).await;
        let province = sign_in(&app, "canbo.tinh@ocop.demo", PASSWORD).await;
        common::before_council_held(&app, &province, &common::PROVINCE_COUNCIL, &rerating, "written_opinions").await;
        common::council_sheets(&app, &common::PROVINCE_COUNCIL, &rerating, 80).await;
        ok(act(&app, &rerating, &province, "close_scoring").await, "closed on written opinions").await;
        test.on("2029-07-20");
        let app = common::router(&test, None);
        certify(&app, &rerating, "512/QĐ-UBND", "2029-07-20").await;
        let province = sign_in(&app, "canbo.tinh@ocop.demo", PASSWORD).await;

        let decided = staff_dossier(&app, &rerating, &province).await.detail;
        assert_eq!(decided.state, app::domain::DossierState::Certified);
        let said = decided.timeline.iter().filter_map(|step| step.comment.clone()).collect::<Vec<_>>().join(" | ");
        assert!(said.contains("theo ý kiến bằng văn bản của các thành viên Hội đồng"), "{said}");
        let renewed = decided.certificate.expect("the new certificate");
        assert_eq!((renewed.stars, renewed.valid_until.map(|d| d.to_string())), (4, Some("2032-07-20".to_string())));
        let kept: Option<String> = sqlx::query_scalar("SELECT pending_rerating_until FROM products WHERE id = $1")
            .bind(certificate.catalog_product_id)
            .fetch_one(&test.db.pool)
            .await
            .unwrap();
        assert_eq!(kept, None, "the old certificate is kept in force by nothing now");
        let stamp = page(&app, &format!("/xac-thuc/{}", certificate.stamp_code), None).await;
        assert!(stamp.body.contains(&renewed.certificate_number), "the old stamp answers with the new: {}", stamp.body);
        test.finish().await;
    }
}
