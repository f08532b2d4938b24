//! The central council: what a province rates five stars is referred, scored again by the
//! ministry's council in a national round, and certified by the ministry at five stars or sent
//! back to its province below them.

mod common;

use app::domain::DossierState;
use axum::http::StatusCode;
use common::{act, app_with_sample, call, ok, sign_in, staff_dossier, CENTRAL_COUNCIL, PASSWORD, PROVINCE_COUNCIL};

/// Records the decision on dossier `id` as `who`.
async fn certify(app: &axum::Router, id: &str, who: &str, number: &str) -> common::Reply {
    let version = staff_dossier(app, id, who).await.detail.version.to_string();
    let form =
        [("dossier_id", id), ("version", &version), ("decision_number", number), ("decision_date", "2026-11-20")];
    call(app, "certify_dossier", &form, Some(who)).await
}

common::on_each_backend! {
    /// Scored 100 by its province, 87 by the central council: back with the province, which
    /// certifies four stars on the central scores under its own number.
    async fn a_dossier_below_ninety_centrally_is_certified_four_stars_by_its_province(test) {
        let app = app_with_sample(&test).await;
        let (id, _) = common::in_council_scoring(&app, &test).await;
        let province = sign_in(&app, "canbo.tinh@ocop.demo", PASSWORD).await;
        let national = sign_in(&app, "trunguong@ocop.demo", PASSWORD).await;

        // The national officer cannot take a dossier the province has not referred.
        let rounds = [("name", "Đợt Trung ương 1"), ("starts_on", "2026-12-01"), ("ends_on", "2026-12-05")];
        let early_round = ok(call(&app, "create_round", &rounds, Some(&national)).await, "central round").await;
        let not_referred = call(&app, "assign_to_round", &[("round_id", &early_round), ("dossier_id", &id)], Some(&national)).await;
        assert_eq!(not_referred.status, StatusCode::BAD_REQUEST, "{}", not_referred.body);
        assert!(not_referred.body.contains("Không thể thực hiện"), "{}", not_referred.body);
        // Nor may a province officer give a dossier to the central council's round.
        let foreign = call(&app, "get_round", &[("round_id", &early_round)], Some(&province)).await;
        assert_eq!(foreign.status, StatusCode::NOT_FOUND, "{}", foreign.body);

        common::council_scores(&app, &PROVINCE_COUNCIL, &id, 100).await;
        ok(act(&app, &id, &province, "refer_to_national").await, "refer").await;
        let referred = staff_dossier(&app, &id, &province).await.detail;
        assert_eq!(referred.state, DossierState::NationalReferral);
        // The province's round has nothing left to score: it closes while the referral waits.
        let province_round: i64 = sqlx::query_scalar("SELECT round_id FROM dossiers WHERE id = $1")
            .bind(id.parse::<i64>().unwrap())
            .fetch_one(&test.db.pool)
            .await
            .unwrap();
        ok(call(&app, "close_round", &[("round_id", &province_round.to_string())], Some(&province)).await, "closed")
            .await;
        // Neither the ministry (no central scores yet) nor the province may certify it now.
        assert!(certify(&app, &id, &national, "1/QĐ-BNNMT").await.body.contains("Không thể thực hiện"));
        assert_eq!(certify(&app, &id, &province, "1/QĐ-UBND").await.status, StatusCode::BAD_REQUEST);

        // The central council scores it 87: back with its province.
        common::before_council(&app, &national, &CENTRAL_COUNCIL, &id).await;
        let chair = sign_in(&app, CENTRAL_COUNCIL[0].0, PASSWORD).await;
        let inbox: Vec<app::model::InboxRow> = serde_json::from_str(
            &ok(call(&app, "get_staff_inbox", &[("all", "false")], Some(&chair)).await, "inbox").await,
        )
        .unwrap();
        assert!(inbox.iter().any(|row| row.dossier_id.to_string() == id && row.awaits_caller), "{inbox:?}");
        common::council_scores(&app, &CENTRAL_COUNCIL, &id, 87).await;
        let returned = staff_dossier(&app, &id, &province).await.detail;
        assert_eq!(returned.state, DossierState::ReturnedFromNational);
        let result = returned.council_result.expect("the central result is kept");
        assert_eq!((result.average_hundredths, result.stars.get()), (8700, 4));

        // The ministry does not certify below five stars; the province does, at four.
        let by_ministry = certify(&app, &id, &national, "2/QĐ-BNNMT").await;
        assert_eq!(by_ministry.status, StatusCode::BAD_REQUEST, "{}", by_ministry.body);
        ok(certify(&app, &id, &province, "77/QĐ-UBND").await, "certified by the province").await;
        let certified = staff_dossier(&app, &id, &province).await.detail;
        assert_eq!(certified.state, DossierState::Certified);
        let certificate = certified.certificate.expect("a certificate");
        assert_eq!(certificate.stars, 4);
        assert_eq!(certificate.certificate_number, "0001/2026/GCN-OCOP-48");
        let page = common::page(&app, &format!("/san-pham/{}", certificate.catalog_product_id), None).await;
        assert!(page.body.contains("87/100"), "the central score on the product's page: {}", page.body);
        test.finish().await;
    }
}
