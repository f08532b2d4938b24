//! The councils' calendar (Art. 5 of Decision 26/2026): the round form proposes the term being
//! filled, a round ending after its term's closing day is created with a warning, and the inbox
//! shows a dossier still waiting for its council after its term closed.

mod common;

use app::model::{InboxRow, RoundDetail, RoundsView};
use common::{call, ok, sign_in, PASSWORD};

async fn inbox(app: &axum::Router, who: &str) -> Vec<InboxRow> {
    serde_json::from_str(&ok(call(app, "get_staff_inbox", &[("all", "true")], Some(who)).await, "inbox").await).unwrap()
}

common::on_each_backend! {
    async fn rounds_follow_the_half_years_of_the_law(test) {
        test.on("2026-12-01");
        let app = common::app_with_sample(&test).await;
        server::seed::seed_demo_staff(&test.db, PASSWORD).await.unwrap();
        let (id, _) = common::forwarded(&app, &test).await;
        let id: i64 = id.parse().unwrap();
        let province = sign_in(&app, "canbo.tinh@ocop.demo", PASSWORD).await;

        // Forwarded on 01/12/2026, after the 30/10 cutoff: its round closes by 30/06/2027.
        let row = inbox(&app, &province).await.into_iter().find(|r| r.dossier_id == id).expect("in the inbox");
        assert_eq!((row.deadline.as_deref(), row.overdue), (Some("2027-06-30"), false));
        let page = common::page(&app, &format!("/can-bo/ho-so/{id}"), Some(&province)).await;
        assert!(page.body.contains("Hạn kết thúc đợt đánh giá cấp tỉnh") && page.body.contains("30/06/2027"), "{}", page.body);

        // The form proposes the term being filled: on 01/12/2026, the one closing 30/12/2026.
        let view: RoundsView = serde_json::from_str(&ok(call(&app, "list_rounds", &[], Some(&province)).await, "rounds").await).unwrap();
        assert_eq!(
            (view.proposed_starts_on.as_deref(), view.proposed_ends_on.as_deref()),
            (Some("2026-12-01"), Some("2026-12-30"))
        );
        assert!(view.calendar.unwrap().contains("30/4"));
        let page = common::page(&app, "/can-bo/dot-danh-gia", Some(&province)).await;
        assert!(page.body.contains("value=\"2026-12-30\""), "the form carries the proposal: {}", page.body);

        // A round past its term's closing day is created, with the warning on its page.
        for (ends_on, warned) in [("2026-12-30", false), ("2027-01-15", true)] {
            let dates = [("name", "Đợt cuối năm"), ("starts_on", "2026-12-10"), ("ends_on", ends_on)];
            let round = ok(call(&app, "create_round", &dates, Some(&province)).await, "round").await;
            let detail: RoundDetail = serde_json::from_str(
                &ok(call(&app, "get_round", &[("round_id", &round)], Some(&province)).await, "get").await,
            )
            .unwrap();
            assert_eq!(detail.calendar_warning.is_some(), warned, "{ends_on}: {:?}", detail.calendar_warning);
            if warned {
                let page = common::page(&app, &format!("/can-bo/dot-danh-gia/{round}"), Some(&province)).await;
                assert!(page.body.contains("Đợt kết thúc sau ngày 30/12/2026"), "{}", page.body);
            }
        }

        // Still unscored after its term closed: overdue in the inbox.
        test.on("2027-07-01");
        let app = common::router(&test, None);
        let province = sign_in(&app, "canbo.tinh@ocop.demo", PASSWORD).await;
        let row = inbox(&app, &province).await.into_iter().find(|r| r.dossier_id == id).expect("in the inbox");
        assert_eq!((row.deadline.as_deref(), row.overdue), (Some("2027-06-30"), true));
        let page = common::page(&app, "/can-bo", Some(&province)).await;
        assert!(page.body.contains("30/06/2027") && page.body.contains("Quá hạn"), "{}", page.body);
        test.finish().await;
    }
}
