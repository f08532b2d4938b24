//! A dossier failing one of its score sheet's grounds is excluded before scoring, by the commune
//! or the province, with the ground and what failed; the producer sees why, and nothing can
//! score or certify it after.

mod common;

use app::domain::DossierState;
use axum::http::StatusCode;
use common::{act, call, ok, sign_in, staff_dossier, PASSWORD};

/// Sends the disqualification form for dossier `id` as `who`, at the dossier's version.
async fn disqualify(app: &axum::Router, id: &str, who: &str, ground: &str, reason: &str) -> common::Reply {
    let version = staff_dossier(app, id, who).await.detail.version.to_string();
    let form = [("dossier_id", id), ("version", &version), ("ground", ground), ("reason", reason)];
    call(app, "disqualify_dossier", &form, Some(who)).await
}

common::on_each_backend! {
    async fn the_commune_disqualifies_on_a_ground_of_the_sheet_and_the_producer_sees_why(test) {
        let app = common::app_with_sample(&test).await;
        server::seed::seed_demo_staff(&test.db, PASSWORD).await.unwrap();
        let lan = common::sign_up_lan(&app, &test).await;
        common::producer(&app, &lan, "0401111111").await;
        let id = common::submitted_dossier(&app, &lan).await.to_string();
        let commune = sign_in(&app, "canbo.xa@ocop.demo", PASSWORD).await;
        let before = staff_dossier(&app, &id, &commune).await;
        assert!(before.actions.contains(&app::domain::DossierAction::Disqualify));
        let page = common::page(&app, &format!("/can-bo/ho-so/{id}"), Some(&commune)).await;
        assert!(page.body.contains("Căn cứ loại hồ sơ") && page.body.contains("an toàn thực phẩm"), "{}", page.body);

        // Refused, each with its sentence beside its field, and nothing changes.
        let reason = "Giấy chứng nhận cơ sở đủ điều kiện ATTP đã hết hạn từ tháng 3/2025";
        for (ground, reason, field, sentence) in [
            ("", reason, "ground", "Hãy chọn căn cứ loại hồ sơ."),
            ("not_a_ground", reason, "ground", "Hãy chọn căn cứ loại hồ sơ."),
            ("production_conditions", "thiếu", "reason", "ít nhất 10 ký tự"),
        ] {
            let reply = disqualify(&app, &id, &commune, ground, reason).await;
            assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{ground:?}: {}", reply.body);
            assert!(reply.body.contains(field) && reply.body.contains(sentence), "{ground:?}: {}", reply.body);
        }
        let generic = act(&app, &id, &commune, "disqualify").await;
        assert_eq!(generic.status, StatusCode::BAD_REQUEST, "a ground is needed: {}", generic.body);
        assert_eq!(staff_dossier(&app, &id, &commune).await.detail.version, before.detail.version);

        // Another commune's officer, the producer and the province (not its step yet) may not.
        let province = sign_in(&app, "canbo.tinh@ocop.demo", PASSWORD).await;
        let refused = disqualify(&app, &id, &province, "production_conditions", reason).await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.body);
        let form = [("dossier_id", id.as_str()), ("version", "3"), ("ground", "registration"), ("reason", reason)];
        assert_eq!(call(&app, "disqualify_dossier", &form, Some(&lan)).await.status, StatusCode::FORBIDDEN);

        ok(disqualify(&app, &id, &commune, "production_conditions", reason).await, "disqualify").await;
        let after = staff_dossier(&app, &id, &commune).await;
        assert_eq!(after.detail.state, DossierState::Disqualified);
        assert!(after.actions.is_empty(), "a final state: {:?}", after.actions);

        // The producer sees the state, the ground and the reason, in the dossier and the
        // notifications.
        let mine: app::model::DossierDetail =
            serde_json::from_str(&call(&app, "get_dossier", &[("id", &id)], Some(&lan)).await.body).unwrap();
        assert_eq!(mine.state, DossierState::Disqualified);
        let last = mine.timeline.last().expect("a step");
        let said = last.comment.clone().unwrap_or_default();
        assert!(said.contains("Không đáp ứng điều kiện sản xuất") && said.contains(reason), "{said}");
        let told = call(&app, "list_notifications", &[], Some(&lan)).await.body;
        assert!(told.contains("Hồ sơ bị loại") && told.contains("ATTP"), "{told}");
        let page = common::page(&app, &format!("/ho-so-danh-gia/{id}"), Some(&lan)).await;
        assert!(page.body.contains("Hồ sơ bị loại") && page.body.contains(reason), "{}", page.body);

        // Nothing scores or certifies it after.
        for action in ["forward_to_province", "send_to_council", "return_for_completion"] {
            for who in [&commune, &province] {
                let reply = act(&app, &id, who, action).await;
                assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{action}: {}", reply.body);
            }
        }
        test.finish().await;
    }
}

common::on_each_backend! {
    async fn the_province_disqualifies_a_forwarded_dossier(test) {
        let app = common::app_with_sample(&test).await;
        server::seed::seed_demo_staff(&test.db, PASSWORD).await.unwrap();
        let (id, _) = common::forwarded(&app, &test).await;
        let province = sign_in(&app, "canbo.tinh@ocop.demo", PASSWORD).await;
        let reason = "Bản sao giấy đăng ký kinh doanh bị tẩy xoá tên chủ thể";
        ok(disqualify(&app, &id, &province, "forged_documents", reason).await, "disqualify").await;
        let after = staff_dossier(&app, &id, &province).await;
        assert_eq!(after.detail.state, DossierState::Disqualified);
        assert!(after.detail.timeline.last().unwrap().comment.as_deref().unwrap_or_default().contains("Giả mạo hồ sơ"));
        // Not in any round, not before any council.
        let round = ok(
            call(&app, "create_round", &[("name", "Đợt 2"), ("starts_on", "2026-12-01"), ("ends_on", "2026-12-20")], Some(&province)).await,
            "round",
        )
        .await;
        let placed = call(&app, "assign_to_round", &[("round_id", &round), ("dossier_id", &id)], Some(&province)).await;
        assert_eq!(placed.status, StatusCode::BAD_REQUEST, "{}", placed.body);
        test.finish().await;
    }
}
