//! The back office: the commune returns and forwards dossiers, the producer is told, and every
//! back-office server function answers each role exactly as the role matrix says.

mod common;

use app::domain::DossierState;
use app::model::{DossierDetail, InboxRow, Notification, StaffDossier, StaffMember};
use axum::http::StatusCode;
use common::{app_with_sample, call, producer, sign_in, sign_up, sign_up_lan, submitted_dossier, TestDb};

const PASSWORD: &str = "mật khẩu cán bộ demo";

async fn staff_app(test: &TestDb) -> axum::Router {
    let app = app_with_sample(test).await;
    assert!(server::seed::seed_demo_staff(&test.db, PASSWORD).await.expect("demo staff"));
    assert!(!server::seed::seed_demo_staff(&test.db, PASSWORD).await.expect("idempotent"), "made once only");
    app
}

async fn json<T: serde::de::DeserializeOwned>(
    app: &axum::Router,
    function: &str,
    form: &[(&str, &str)],
    who: &str,
) -> T {
    let reply = call(app, function, form, Some(who)).await;
    assert_eq!(reply.status, StatusCode::OK, "{function}: {}", reply.body);
    serde_json::from_str(&reply.body).unwrap_or_else(|e| panic!("{function}: {e}: {}", reply.body))
}

fn all_points(verdict: &str) -> Vec<(String, String)> {
    app::domain::CommunePoint::ALL
        .iter()
        .flat_map(|p| {
            [
                (format!("finding[{}]", p.code()), verdict.to_string()),
                (format!("note[{}]", p.code()), "Đã kiểm tra".into()),
            ]
        })
        .collect()
}

common::on_each_backend! {
    async fn the_commune_returns_with_reasons_then_forwards_and_the_producer_is_told(test) {
        let app = staff_app(&test).await;
        let lan = sign_up_lan(&app, &test).await;
        producer(&app, &lan, "0401111111").await;
        // A second person of the producer signed up with an e-mail address, so mail reaches them.
        let nam = sign_up(&app, &test, "nam@example.vn").await;
        common::join(&app, &lan, &nam, "nam@example.vn").await;
        let id = submitted_dossier(&app, &lan).await;
        let id_text = id.to_string();

        let commune = sign_in(&app, "canbo.xa@ocop.demo", PASSWORD).await;
        let inbox: Vec<InboxRow> = json(&app, "get_staff_inbox", &[("all", "false")], &commune).await;
        assert_eq!(inbox.len(), 1);
        let row = &inbox[0];
        assert_eq!(
            (row.dossier_id, row.state, row.awaits_caller, row.overdue),
            (id, DossierState::CommuneReview, true, false)
        );
        let today = test.db.clock.today();
        let due = app::domain::working_days_after(today, 15).to_string();
        assert_eq!(row.deadline.as_deref(), Some(due.as_str()), "15 working days from today's submission");

        let inbox_page = common::page(&app, "/can-bo", Some(&commune)).await;
        assert!(
            inbox_page.body.contains(&format!("href=\"/can-bo/ho-so/{id}\"")) && inbox_page.body.contains("Hạn xử lý"),
            "{}",
            inbox_page.body
        );
        let review_page = common::page(&app, &format!("/can-bo/ho-so/{id}"), Some(&commune)).await;
        assert_eq!(review_page.status, StatusCode::OK);
        assert!(
            review_page.body.contains("Phiếu đánh giá của UBND cấp xã (Mẫu 03)")
                && review_page.body.contains("Trả lại để bổ sung"),
            "{}",
            review_page.body
        );
        assert_eq!(
            common::page(&app, "/can-bo", Some(&lan)).await.status,
            StatusCode::FORBIDDEN,
            "a producer is no officer"
        );

        let seen: StaffDossier = json(&app, "get_staff_dossier", &[("dossier_id", &id_text)], &commune).await;
        assert_eq!(
            seen.actions,
            vec![
                app::domain::DossierAction::ReturnForCompletion,
                app::domain::DossierAction::ForwardToProvince,
                app::domain::DossierAction::Disqualify
            ]
        );
        assert_eq!(seen.commune_name, "Phường Hải Vân");
        let version = seen.detail.version.to_string();

        let act = |action: &'static str, comment: &'static str, version: String| {
            let (app, commune, id_text) = (app.clone(), commune.clone(), id_text.clone());
            async move {
                call(
                    &app,
                    "act_on_dossier",
                    &[("dossier_id", &id_text), ("version", &version), ("action", action), ("comment", comment)],
                    Some(&commune),
                )
                .await
            }
        };
        let early = act("forward_to_province", "", version.clone()).await;
        assert!(
            early.status == StatusCode::BAD_REQUEST && early.body.contains("còn 4 nội dung chưa đánh giá"),
            "{}",
            early.body
        );
        let curt = act("return_for_completion", "thiếu", version.clone()).await;
        assert!(
            curt.body.contains("Hãy ghi lý do trả lại") && curt.body.contains("\"comment\",\"thiếu\""),
            "{}",
            curt.body
        );
        let not_theirs = act("send_to_council", "", version.clone()).await;
        assert_eq!(not_theirs.status, StatusCode::BAD_REQUEST, "{}", not_theirs.body);
        // Nam reads the site in English: his mail is in English, Lan's notification in Vietnamese.
        sqlx::query("UPDATE accounts SET language = 'en' WHERE sign_in_name = 'nam@example.vn'")
            .execute(&test.db.pool)
            .await
            .unwrap();
        let returned =
            act("return_for_completion", "Bổ sung phiếu kiểm nghiệm mật ong còn hiệu lực.", version.clone()).await;
        assert_eq!(returned.status, StatusCode::OK, "{}", returned.body);
        let twice = act("return_for_completion", "Bổ sung phiếu kiểm nghiệm mật ong còn hiệu lực.", version).await;
        assert_eq!(twice.status, StatusCode::BAD_REQUEST, "a second click changes nothing: {}", twice.body);

        // The producer sees the reasons on the timeline, in the app and by mail, and may edit again.
        let back: DossierDetail = json(&app, "get_dossier", &[("id", &id_text)], &lan).await;
        assert_eq!(back.state, DossierState::ReturnedForCompletion);
        let last = back.timeline.last().unwrap();
        assert_eq!(
            (last.by.as_deref(), last.comment.as_deref()),
            (Some("Cán bộ Xã Demo"), Some("Bổ sung phiếu kiểm nghiệm mật ong còn hiệu lực."))
        );
        let account = common::who(&app, &lan).await.unwrap();
        assert_eq!((account.unread_notifications, account.staff_role), (1, None));
        let notes: Vec<Notification> = json(&app, "list_notifications", &[], &lan).await;
        assert!(
            notes[0].said(app::language::Language::Vi).contains("Trả lại để bổ sung")
                && notes[0].said(app::language::Language::Vi).contains("phiếu kiểm nghiệm"),
            "{:?}",
            notes
        );
        // Kept in English too, for a reader of the English pages; the officer's words as written.
        assert_eq!(notes[0].said(app::language::Language::Vi), notes[0].message.to_string());
        assert!(
            notes[0].said(app::language::Language::En).contains("has moved to the step: Returned for completion. Note: Bổ sung phiếu"),
            "{:?}",
            notes[0]
        );
        // Reading, or opening the page (as a link from another site would), marks nothing read.
        assert_eq!(common::page(&app, "/thong-bao", Some(&lan)).await.status, StatusCode::OK);
        assert_eq!(common::who(&app, &lan).await.unwrap().unread_notifications, 1, "still new once listed");
        // The button does, up to the newest one shown; another person's marking changes nothing.
        let up_to = notes[0].id.to_string();
        json::<()>(&app, "mark_notifications_read", &[("up_to", &up_to)], &commune).await;
        assert_eq!(common::who(&app, &lan).await.unwrap().unread_notifications, 1, "not the officer's to mark");
        json::<()>(&app, "mark_notifications_read", &[("up_to", &up_to)], &lan).await;
        assert_eq!(common::who(&app, &lan).await.unwrap().unread_notifications, 0, "marked read");
        let mails = test.messages();
        let mail = mails
            .iter()
            .find(|m| m.starts_with("To: nam@example.vn\nSubject: OCOP dossier"))
            .expect("mail to the e-mail member");
        assert!(mail.contains(&format!("See the dossier: https://ocop.example.vn/ho-so-danh-gia/{id}")), "{mail}");
        assert!(
            mail.contains("has moved to the step: Returned for completion. Note: Bổ sung phiếu kiểm nghiệm"),
            "the officer's words as written: {mail}"
        );
        assert!(!mails.iter().any(|m| m.starts_with("To: +84")), "no mail to a phone number");
        let _ = nam;

        // Resubmitted, reviewed and forwarded.
        let resubmit = call(
            &app,
            "submit_dossier",
            &[("dossier_id", &id_text), ("version", &back.version.to_string())],
            Some(&lan),
        )
        .await;
        assert_eq!(resubmit.status, StatusCode::OK, "{}", resubmit.body);
        let seen: StaffDossier = json(&app, "get_staff_dossier", &[("dossier_id", &id_text)], &commune).await;
        let version = seen.detail.version.to_string();
        let bad_finding = call(
            &app,
            "save_commune_review",
            &[
                ("dossier_id", &id_text),
                ("version", &version),
                ("finding[local_labour]", "maybe"),
                ("note[local_labour]", "giữ lại"),
            ],
            Some(&commune),
        )
        .await;
        assert!(
            bad_finding.body.contains("finding_local_labour")
                && bad_finding.body.contains("\"note_local_labour\",\"giữ lại\""),
            "{}",
            bad_finding.body
        );
        let points = all_points("meets");
        let mut review: Vec<(&str, &str)> = vec![("dossier_id", &id_text), ("version", &version)];
        review.extend(points.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        let saved = call(&app, "save_commune_review", &review, Some(&commune)).await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
        let version: i64 = saved.body.parse().unwrap();
        let incomplete = act("forward_to_province", "", version.to_string()).await;
        assert!(incomplete.body.contains("xác nhận hồ sơ đã đầy đủ"), "{}", incomplete.body);
        let version_text = version.to_string();
        review[1] = ("version", &version_text);
        review.push(("documents_complete", "on"));
        let saved = call(&app, "save_commune_review", &review, Some(&commune)).await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
        let forwarded = act("forward_to_province", "Đủ điều kiện", saved.body.clone()).await;
        assert_eq!(forwarded.status, StatusCode::OK, "{}", forwarded.body);

        let after: StaffDossier = json(&app, "get_staff_dossier", &[("dossier_id", &id_text)], &commune).await;
        assert!(after.actions.is_empty() && after.commune_review.ready_to_forward().is_ok());
        let waiting: Vec<InboxRow> = json(&app, "get_staff_inbox", &[("all", "false")], &commune).await;
        assert!(waiting.is_empty(), "nothing more awaits the commune");
        let province = sign_in(&app, "canbo.tinh@ocop.demo", PASSWORD).await;
        let theirs: Vec<InboxRow> = json(&app, "get_staff_inbox", &[("all", "false")], &province).await;
        assert_eq!(
            theirs.iter().map(|r| (r.dossier_id, r.state, r.deadline.clone())).collect::<Vec<_>>(),
            // Forwarded today: due the day its term's round closes by (Art. 5).
            vec![(id, DossierState::ProvinceReview, Some(term_closes_by(common::clock().today())))]
        );
        let producer_view: DossierDetail = json(&app, "get_dossier", &[("id", &id_text)], &lan).await;
        assert_eq!(producer_view.state, DossierState::ProvinceReview);
        test.finish().await;
    }
}

common::on_each_backend! {
    /// Who may call what. `Ok` is the status of a well-formed call by that role; every refusal is
    /// 401 (anonymous), 403 (wrong role) or 404 (outside the role's reach).
    async fn every_back_office_function_answers_each_role_as_the_matrix_says(test) {
        let app = staff_app(&test).await;
        let lan = sign_up_lan(&app, &test).await;
        producer(&app, &lan, "0401111111").await;
        let id = submitted_dossier(&app, &lan).await.to_string();

        // An officer of another province, invited by the administrator through the back office.
        let admin = sign_in(&app, "quantri@ocop.demo", PASSWORD).await;
        let invite = [
            ("sign_in_name", "canbo.hanoi@example.vn"),
            ("display_name", "Cán bộ Hà Nội"),
            ("role", "province_officer"),
            ("province_code", "01"),
            ("commune_code", ""),
        ];
        let appointed = call(&app, "appoint_staff", &invite, Some(&admin)).await;
        assert_eq!(appointed.status, StatusCode::OK, "{}", appointed.body);
        let mail =
            test.messages().into_iter().find(|m| m.starts_with("To: canbo.hanoi@example.vn")).expect("invitation");
        let token = mail.split("/dat-lai-mat-khau/").nth(1).unwrap().split_whitespace().next().unwrap().to_string();
        let set = call(
            &app,
            "reset_password",
            &[("token", &token), ("password", "mật khẩu Hà Nội"), ("password_again", "mật khẩu Hà Nội")],
            None,
        )
        .await;
        assert_eq!(set.status, StatusCode::OK, "{}", set.body);
        let hanoi = set.session().unwrap();
        assert_eq!(common::who(&app, &hanoi).await.unwrap().staff_role, Some(app::domain::Role::ProvinceOfficer));

        let mut people = vec![
            ("anonymous", None),
            ("producer", Some(lan.clone())),
            ("administrator", Some(admin.clone())),
            ("other province", Some(hanoi.clone())),
        ];
        for (name, email) in [
            ("commune", "canbo.xa@ocop.demo"),
            ("province", "canbo.tinh@ocop.demo"),
            ("chair", "chutich.hoidong@ocop.demo"),
            ("member", "thanhvien1@ocop.demo"),
            ("national", "trunguong@ocop.demo"),
        ] {
            people.push((name, Some(sign_in(&app, email, PASSWORD).await)));
        }
        let staff: Vec<StaffMember> = json(&app, "list_staff", &[], &admin).await;
        let member_id = staff.iter().find(|s| s.sign_in_name == "thanhvien2@ocop.demo").unwrap().account_id.to_string();

        use StatusCode as S;
        const OK: S = S::OK;
        const BAD: S = S::BAD_REQUEST;
        const NO: S = S::FORBIDDEN;
        const NF: S = S::NOT_FOUND;
        const ANON: S = S::UNAUTHORIZED;
        // Columns: anonymous, producer, administrator, other province, commune, province, chair, member, national.
        let version = "3";
        type Case<'a> = (&'a str, Vec<(&'a str, &'a str)>, [S; 9]);
        let cases: Vec<Case> = vec![
            ("get_staff_inbox", vec![("all", "true")], [ANON, NO, NO, OK, OK, OK, OK, OK, OK]),
            ("get_reports", vec![("expiring_days", "180")], [ANON, NO, NO, OK, OK, OK, OK, OK, OK]),
            // A council reads only the dossiers of the rounds it sits in; this one is in none yet.
            ("get_staff_dossier", vec![("dossier_id", &id)], [ANON, NO, NO, NF, OK, OK, NF, NF, OK]),
            // Only the commune writes its review, and only within its reach.
            (
                "save_commune_review",
                vec![("dossier_id", &id), ("version", version)],
                [ANON, NO, NO, NO, OK, NO, NO, NO, NO],
            ),
            // Reachable but not theirs to take: refused with a sentence (400); unreachable: 404.
            (
                "act_on_dossier",
                vec![("dossier_id", &id), ("version", "4"), ("action", "forward_to_province"), ("comment", "")],
                [ANON, NO, NO, NF, BAD, BAD, NF, NF, BAD],
            ),
            // Importing lists: those who keep the catalog; an upload that is not theirs is 404.
            ("preview_import", vec![("token", "ab12")], [ANON, NO, NO, NF, NO, NF, NO, NO, NF]),
            ("run_import", vec![("token", "ab12"), ("good_rows_only", "1")], [ANON, NO, NO, NF, NO, NF, NO, NO, NF]),
            ("list_deleted_records", vec![], [ANON, NO, NO, OK, NO, OK, NO, NO, OK]),
            // Deleting and restoring a record: its keepers within reach; 404 beyond it.
            (
                "delete_product_record",
                vec![("product_id", "999999"), ("version", "1"), ("reason", "Trùng")],
                [ANON, NO, NO, NF, NO, NF, NO, NO, NF],
            ),
            (
                "save_certificate_record",
                vec![
                    ("product_id", "999999"),
                    ("version", "1"),
                    ("stars", "4"),
                    ("decision_number", ""),
                    ("decision_date", ""),
                    ("certificate_number", ""),
                    ("expires_on", ""),
                ],
                [ANON, NO, NO, NF, NO, NF, NO, NO, NF],
            ),
            ("get_producer_record", vec![("producer_id", "999999")], [ANON, NO, NO, NF, NO, NF, NO, NO, NF]),
            (
                "save_producer_record",
                vec![
                    ("producer_id", "999999"),
                    ("version", "1"),
                    ("name", "HTX"),
                    ("address", "Thôn 1"),
                    ("phone", ""),
                    ("website", ""),
                ],
                [ANON, NO, NO, NF, NO, NF, NO, NO, NF],
            ),
            (
                "restore_product_record",
                vec![("product_id", "999999"), ("version", "1")],
                [ANON, NO, NO, NF, NO, NF, NO, NO, NF],
            ),
            ("list_staff", vec![], [ANON, NO, OK, NO, NO, NO, NO, NO, NO]),
            (
                "appoint_staff",
                vec![
                    ("sign_in_name", "moi@example.vn"),
                    ("display_name", "Người Mới"),
                    ("role", "council_member"),
                    ("province_code", "48"),
                ],
                [ANON, NO, OK, NO, NO, NO, NO, NO, NO],
            ),
            (
                "set_staff_active",
                vec![("account_id", &member_id), ("active", "true")],
                [ANON, NO, OK, NO, NO, NO, NO, NO, NO],
            ),
            // Rounds and their seats: the province sets its council's, the national officer the
            // central council's; a round beyond reach is 404.
            ("list_rounds", vec![], [ANON, NO, NO, OK, NO, OK, OK, OK, OK]),
            ("get_round", vec![("round_id", "999999")], [ANON, NO, NO, NF, NO, NF, NF, NF, NF]),
            (
                "seat_in_round",
                vec![("round_id", "999999"), ("account_id", &member_id), ("seat", "member")],
                [ANON, NO, NO, NF, NO, NF, NO, NO, NF],
            ),
            ("assign_to_round", vec![("round_id", "999999"), ("dossier_id", &id)], [ANON, NO, NO, NF, NO, NF, NO, NO, NF]),
            ("close_round", vec![("round_id", "999999")], [ANON, NO, NO, NF, NO, NF, NF, NO, NF]),
            // A council's sheets: only its seated members, and this dossier is in no round.
            ("get_council_sheet", vec![("dossier_id", &id)], [ANON, NO, NO, NO, NO, NO, NF, NF, NO]),
            ("save_council_sheet", vec![("dossier_id", &id), ("version", "0")], [ANON, NO, NO, NO, NO, NO, NF, NF, NO]),
            ("submit_council_sheet", vec![("dossier_id", &id), ("version", "0")], [ANON, NO, NO, NO, NO, NO, NF, NF, NO]),
            (
                "reopen_council_sheet",
                vec![("dossier_id", &id), ("account_id", &member_id)],
                [ANON, NO, NO, NO, NO, NO, NF, NO, NO],
            ),
            // Decisions: the province and the national officer; not at this step (400), or beyond reach (404).
            (
                "certify_dossier",
                vec![("dossier_id", &id), ("version", version), ("decision_number", "12/QĐ-UBND"), ("decision_date", "2026-11-20")],
                [ANON, NO, NO, NF, NO, BAD, NO, NO, BAD],
            ),
            (
                "revoke_certificate",
                vec![("dossier_id", &id), ("ground", "forged_dossier"), ("decision_number", "13/QĐ-UBND"), ("decision_date", "2026-11-20")],
                [ANON, NO, NO, NF, NO, NF, NO, NO, NO],
            ),
            (
                "add_dossier_note",
                vec![("dossier_id", &id), ("kind", "site_visit"), ("body", "Đã xem cơ sở.")],
                // Notes are kept once the province has the dossier; it is still the commune's.
                [ANON, NO, NO, NF, NO, BAD, NO, NO, NO],
            ),
        ];
        for (function, form, expected) in cases {
            for ((who, session), status) in people.iter().zip(expected) {
                let reply = call(&app, function, &form, session.as_deref()).await;
                assert_eq!(reply.status, status, "{function} as {who}: {}", reply.body);
            }
        }
        let other = common::page(&app, &format!("/can-bo/ho-so/{id}"), Some(&hanoi)).await;
        assert_eq!(other.status, StatusCode::NOT_FOUND, "outside the officer's reach");

        // Deactivation signs the officer out at once and refuses their next call.
        let commune = people[4].1.clone().unwrap();
        let commune_id = staff.iter().find(|s| s.sign_in_name == "canbo.xa@ocop.demo").unwrap().account_id.to_string();
        let off =
            call(&app, "set_staff_active", &[("account_id", &commune_id), ("active", "false")], Some(&admin)).await;
        assert_eq!(off.status, OK, "{}", off.body);
        assert_eq!(call(&app, "get_staff_inbox", &[("all", "true")], Some(&commune)).await.status, ANON);
        let admin_id = staff.iter().find(|s| s.sign_in_name == "quantri@ocop.demo").unwrap().account_id.to_string();
        let own = call(&app, "set_staff_active", &[("account_id", &admin_id), ("active", "false")], Some(&admin)).await;
        assert!(own.body.contains("không thể tự khoá"), "{}", own.body);
        // A producer's person cannot be made an officer; a bad place is named.
        let appoint_commune_officer = |sign_in_name: &'static str, display_name: &'static str, province_code| {
            let (app, admin) = (app.clone(), admin.clone());
            async move {
                let post = [
                    ("sign_in_name", sign_in_name),
                    ("display_name", display_name),
                    ("role", "commune_officer"),
                    ("province_code", province_code),
                    ("commune_code", "20194"),
                ];
                call(&app, "appoint_staff", &post, Some(&admin)).await
            }
        };
        let conflict = appoint_commune_officer("+84 912 345 678", "Lan", "48").await;
        assert!(conflict.body.contains("đang làm hồ sơ cho một chủ thể"), "{}", conflict.body);
        let misplaced = appoint_commune_officer("x@example.vn", "X", "01").await;
        assert!(
            misplaced.body.contains("\"field\":\"commune_code\"") && misplaced.body.contains("\"display_name\",\"X\""),
            "{}",
            misplaced.body
        );
        // Officers review producers' dossiers; they do not file their own.
        let national = people[8].1.clone().unwrap();
        let profile = [
            ("kind", "household"),
            ("name", "Hộ cán bộ"),
            ("tax_code", "0409999999"),
            ("legal_representative", "Cán bộ"),
            ("province_code", "48"),
            ("commune_code", "20194"),
            ("address", "Thôn 1"),
            ("phone", "0905123456"),
            ("email", ""),
            ("website", ""),
        ];
        let filed = call(&app, "save_producer_profile", &profile, Some(&national)).await;
        assert!(filed.body.contains("Tài khoản cán bộ không khai hồ sơ chủ thể"), "{}", filed.body);
        // Inviting an officer's address is answered like any other; the officer cannot accept.
        let invited = call(&app, "invite_member", &[("sign_in_name", "trunguong@ocop.demo")], Some(&lan)).await;
        assert_eq!(invited.status, StatusCode::OK, "{}", invited.body);
        let waiting: Vec<app::model::Invitation> = json(&app, "list_invitations", &[], &national).await;
        let id = waiting[0].id.to_string();
        let member = call(&app, "answer_invitation", &[("invitation", &id), ("accept", "1")], Some(&national)).await;
        assert!(member.body.contains("Tài khoản cán bộ không làm hồ sơ cho chủ thể"), "{}", member.body);
        let placeless = call(
            &app,
            "appoint_staff",
            &[
                ("sign_in_name", "y@example.vn"),
                ("display_name", "Y"),
                ("role", "commune_officer"),
                ("province_code", "48"),
            ],
            Some(&admin),
        )
        .await;
        assert!(placeless.body.contains("Cán bộ cấp xã cần có xã"), "{}", placeless.body);
        test.finish().await;
    }
}

common::on_each_backend! {
    /// Someone signs up with an officer's address before the officer is appointed. The
    /// appointment takes the account back: their sessions end, their password stops working,
    /// and the officer sets a password through the link sent to the address.
    async fn an_account_opened_before_its_appointment_is_taken_back(test) {
        let app = staff_app(&test).await;
        // The squatter cannot prove the address, but signs in and keeps drafts.
        let form = [
            ("display_name", "Kẻ chiếm chỗ"),
            ("sign_in_name", "canbo.moi@example.vn"),
            ("password", "12345678"),
            ("password_again", "12345678"),
        ];
        assert_eq!(call(&app, "sign_up", &form, None).await.status, StatusCode::OK);
        let squatter = sign_in(&app, "canbo.moi@example.vn", "12345678").await;
        assert_eq!(common::who(&app, &squatter).await.map(|a| a.confirmed), Some(false));

        let admin = sign_in(&app, "quantri@ocop.demo", PASSWORD).await;
        let post = [
            ("sign_in_name", "canbo.moi@example.vn"),
            ("display_name", "Cán bộ mới"),
            ("role", "province_officer"),
            ("province_code", "48"),
            ("commune_code", ""),
        ];
        common::ok(call(&app, "appoint_staff", &post, Some(&admin)).await, "appointed").await;
        assert!(common::who(&app, &squatter).await.is_none(), "{}: the squatter's session ended", test.name);
        let again = call(&app, "sign_in", &[("sign_in_name", "canbo.moi@example.vn"), ("password", "12345678")], None);
        assert_eq!(again.await.status, StatusCode::BAD_REQUEST, "{}: the old password no longer works", test.name);

        let token = test.link_token("canbo.moi@example.vn", "/dat-lai-mat-khau/");
        // Nor can the confirmation link sent at sign-up be used by the squatter any more.
        let confirm = test.link_token("canbo.moi@example.vn", "/xac-nhan/");
        let late = call(&app, "confirm_address", &[("token", &confirm), ("password", "12345678")], None).await;
        assert!(late.session().is_none(), "{}: {}", test.name, late.body);
        let form = [("token", token.as_str()), ("password", "mật khẩu cán bộ mới"), ("password_again", "mật khẩu cán bộ mới")];
        let set = call(&app, "reset_password", &form, None).await;
        assert_eq!(set.status, StatusCode::OK, "{}", set.body);
        let officer = set.session().unwrap();
        assert_eq!(common::who(&app, &officer).await.unwrap().staff_role, Some(app::domain::Role::ProvinceOfficer));

        // Appointed again to another post, a staff member keeps their password and sessions.
        let moved = [
            ("sign_in_name", "canbo.moi@example.vn"),
            ("display_name", "Cán bộ mới"),
            ("role", "council_member"),
            ("province_code", "48"),
            ("commune_code", ""),
        ];
        common::ok(call(&app, "appoint_staff", &moved, Some(&admin)).await, "a new post").await;
        assert!(common::who(&app, &officer).await.is_some(), "{}: still signed in", test.name);
        test.finish().await;
    }
}

/// The day the round of a dossier forwarded on `day` closes by.
fn term_closes_by(day: chrono::NaiveDate) -> String {
    app::domain::CouncilLevel::Province.term_for_arrival(day).unwrap().closes_by.to_string()
}

common::on_each_backend! {
    /// An appointment with a link to a new account is written in the appointing officer's
    /// language; a new post for someone already on the staff, in theirs.
    async fn an_appointment_is_mailed_in_its_readers_language(test) {
        let app = staff_app(&test).await;
        let admin = sign_in(&app, "quantri@ocop.demo", PASSWORD).await;
        sqlx::query("UPDATE accounts SET language = 'en' WHERE sign_in_name = 'quantri@ocop.demo'")
            .execute(&test.db.pool)
            .await
            .unwrap();
        let post = |name: &'static str| {
            [("sign_in_name", name), ("display_name", "Cán bộ"), ("role", "province_officer"), ("province_code", "48"), ("commune_code", "")]
        };
        common::ok(call(&app, "appoint_staff", &post("canbo.anh@example.vn"), Some(&admin)).await, "new").await;
        common::ok(call(&app, "appoint_staff", &post("canbo.xa@ocop.demo"), Some(&admin)).await, "moved").await;
        let mails = test.messages();
        let to = |name: &str| mails.iter().rfind(|m| m.starts_with(&format!("To: {name}\n"))).cloned().unwrap_or_default();
        let new = to("canbo.anh@example.vn");
        assert!(new.contains("Your OCOP Vietnam staff account"), "{}: {new}", test.name);
        assert!(new.contains("the role of Province OCOP officer") && new.contains("/dat-lai-mat-khau/"), "{new}");
        let moved = to("canbo.xa@ocop.demo");
        assert!(moved.contains("Tài khoản cán bộ OCOP Việt Nam"), "{}: {moved}", test.name);
        assert!(moved.contains("vai trò Cán bộ OCOP cấp tỉnh") && moved.contains("/dang-nhap"), "{moved}");
    }
}
