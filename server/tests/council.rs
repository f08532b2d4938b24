//! Evaluation rounds and council scoring: the province sets a round and its council, members
//! score on their own sheets, the chair sees the spread, reopens a sheet and closes scoring.

mod common;

use app::domain::{DossierState, Seat};
use app::model::{CouncilSheetView, Reports, RoundDetail};
use axum::http::StatusCode;
use common::{act, app_with_sample, best_choices, call, forwarded, ok, sign_in, staff_dossier, Reply, PASSWORD};

/// Saves a whole sheet: the best option everywhere, or the worst.
async fn score(app: &axum::Router, id: &str, who: &str, best: bool) -> Reply {
    let sheet: CouncilSheetView = serde_json::from_str(
        &ok(call(app, "get_council_sheet", &[("dossier_id", id)], Some(who)).await, "sheet").await,
    )
    .unwrap();
    let fields: Vec<(String, String)> = if best {
        best_choices(&sheet.sheet)
    } else {
        sheet
            .sheet
            .scorable()
            .map(|(_, c)| {
                let worst = c.options.iter().enumerate().min_by_key(|(_, o)| o.points).map(|(i, _)| i).unwrap();
                (format!("choices[c{}]", c.code), worst.to_string())
            })
            .collect()
    };
    let version = sheet.version.to_string();
    let mut form: Vec<(&str, &str)> = vec![("dossier_id", id), ("version", &version)];
    form.extend(fields.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    form.push(("notes[c1.1]", "  Đã xem giấy chứng nhận  "));
    let saved = ok(call(app, "save_council_sheet", &form, Some(who)).await, "save sheet").await;
    call(app, "submit_council_sheet", &[("dossier_id", id), ("version", &saved)], Some(who)).await
}

common::on_each_backend! {
    async fn a_round_is_set_scored_by_its_council_reopened_and_closed(test) {
        let app = app_with_sample(&test).await;
        server::seed::seed_demo_staff(&test.db, PASSWORD).await.unwrap();
        let (id, lan) = forwarded(&app, &test).await;
        let province = sign_in(&app, "canbo.tinh@ocop.demo", PASSWORD).await;
        let chair = sign_in(&app, "chutich.hoidong@ocop.demo", PASSWORD).await;
        let first = sign_in(&app, "thanhvien1@ocop.demo", PASSWORD).await;
        let second = sign_in(&app, "thanhvien2@ocop.demo", PASSWORD).await;

        // The round: refused with bad dates, made with good ones.
        let bad = call(
            &app,
            "create_round",
            &[("name", "Đợt 2"), ("starts_on", "2026-12-05"), ("ends_on", "2026-12-01")],
            Some(&province),
        )
        .await;
        assert!(
            bad.body.contains("Ngày kết thúc phải từ ngày bắt đầu trở đi") && bad.body.contains("\"name\",\"Đợt 2\""),
            "{}",
            bad.body
        );
        // Every refusal of the form at once, each a sentence in English too.
        let all_wrong = call(
            &app,
            "create_round",
            &[("name", " "), ("starts_on", "05/12/2026"), ("ends_on", ""), ("mode", "vote")],
            Some(&province),
        )
        .await;
        for said in [
            "Hãy đặt tên cho đợt đánh giá",
            "\"field\":\"starts_on\"",
            "\"field\":\"ends_on\"",
            "Name the round, for example",
            "Choose how the council decides",
        ] {
            assert!(all_wrong.body.contains(said), "{said} in {}", all_wrong.body);
        }
        let round = ok(
            call(
                &app,
                "create_round",
                &[("name", "Đợt 2 năm 2026"), ("starts_on", "2026-12-01"), ("ends_on", "2026-12-05")],
                Some(&province),
            )
            .await,
            "round",
        )
        .await;
        assert_eq!(
            call(
                &app,
                "create_round",
                &[("name", "X"), ("starts_on", "2026-12-01"), ("ends_on", "2026-12-05")],
                Some(&chair)
            )
            .await
            .status,
            StatusCode::FORBIDDEN
        );

        let detail: RoundDetail = serde_json::from_str(
            &ok(call(&app, "get_round", &[("round_id", &round)], Some(&province)).await, "get round").await,
        )
        .unwrap();
        let id_of =
            |name: &str| detail.candidates.iter().find(|c| c.display_name == name).unwrap().account_id.to_string();
        let (chair_id, first_id, second_id) =
            (id_of("Chủ tịch Hội đồng Demo"), id_of("Thành viên Một Demo"), id_of("Thành viên Hai Demo"));
        let seat = |account: String, seat: &'static str| {
            let (app, province, round) = (app.clone(), province.clone(), round.clone());
            async move {
                call(
                    &app,
                    "seat_in_round",
                    &[("round_id", &round), ("account_id", &account), ("seat", seat)],
                    Some(&province),
                )
                .await
            }
        };
        let wrong = seat(first_id.clone(), "chair").await;
        assert!(wrong.body.contains("không giữ vai trò Chủ tịch hội đồng"), "{}", wrong.body);
        ok(seat(chair_id.clone(), "chair").await, "chair").await;
        ok(seat(first_id.clone(), "member").await, "member 1").await;

        // The province's working notes: a lab-test request reaches the producer; the commune
        // records none.
        let note = |who: String, kind: &'static str, body: &'static str| {
            let (app, id) = (app.clone(), id.clone());
            async move {
                call(&app, "add_dossier_note", &[("dossier_id", &id), ("kind", kind), ("body", body)], Some(&who)).await
            }
        };
        let empty = note(province.clone(), "site_visit", "  ").await;
        assert!(empty.body.contains("Hãy ghi nội dung"), "{}", empty.body);
        ok(note(province.clone(), "site_visit", "Cơ sở sạch, đúng quy trình").await, "site visit").await;
        ok(note(province.clone(), "lab_request", "Kiểm nghiệm thêm dư lượng kháng sinh").await, "lab request").await;
        assert_eq!(note(chair.clone(), "advisory_note", "x").await.status, StatusCode::FORBIDDEN);
        let noted = staff_dossier(&app, &id, &province).await;
        assert_eq!(noted.notes.iter().map(|n| n.kind.code()).collect::<Vec<_>>(), vec!["site_visit", "lab_request"]);
        let told: Vec<app::model::Notification> =
            serde_json::from_str(&call(&app, "list_notifications", &[], Some(&lan)).await.body).unwrap();
        assert!(told.iter().any(|n| n.message.to_string().contains("dư lượng kháng sinh")), "{told:?}");
        assert!(!told.iter().any(|n| n.message.to_string().contains("đúng quy trình")), "site visits stay with the province");

        // Not in a round, then a council too small: refused with the reason.
        let no_round = act(&app, &id, &province, "send_to_council").await;
        assert!(no_round.body.contains("đưa hồ sơ vào một đợt đánh giá"), "{}", no_round.body);
        // A council reads only the dossiers of the rounds it sits in: this one once assigned.
        assert_eq!(
            call(&app, "get_staff_dossier", &[("dossier_id", &id)], Some(&first)).await.status,
            StatusCode::NOT_FOUND
        );
        ok(
            call(&app, "assign_to_round", &[("round_id", &round), ("dossier_id", &id)], Some(&province)).await,
            "assign",
        )
        .await;
        assert!(staff_dossier(&app, &id, &first).await.council.is_some(), "read once in its round");
        let small = act(&app, &id, &province, "send_to_council").await;
        assert!(small.body.contains("hiện có 1 thành viên"), "{}", small.body);
        ok(seat(second_id.clone(), "member").await, "member 2").await;
        ok(seat(second_id.clone(), "").await, "member 2 unseated").await;
        ok(seat(second_id.clone(), "member").await, "member 2 again").await;
        ok(act(&app, &id, &province, "send_to_council").await, "send").await;
        assert_eq!(staff_dossier(&app, &id, &province).await.detail.state, DossierState::CouncilScoring);

        // A scoring member's inbox leads to their sheet; the province officer's does not.
        for (who, scores) in [(&first, Some(true)), (&province, None)] {
            let rows = ok(call(&app, "get_staff_inbox", &[("all", "true")], Some(who)).await, "inbox").await;
            let rows: Vec<app::model::InboxRow> = serde_json::from_str(&rows).unwrap();
            let found = rows.into_iter().find(|row| row.dossier_id.to_string() == id).map(|row| row.scores_it);
            assert_eq!(found.filter(|scores_it| *scores_it), scores, "{}", test.name);
        }

        // Only seated scorers have a sheet; an incomplete one is not submitted.
        assert_eq!(
            call(&app, "get_council_sheet", &[("dossier_id", &id)], Some(&province)).await.status,
            StatusCode::FORBIDDEN
        );
        let empty = call(&app, "submit_council_sheet", &[("dossier_id", &id), ("version", "0")], Some(&first)).await;
        assert!(empty.body.contains("Chưa nộp được phiếu"), "{}", empty.body);
        ok(score(&app, &id, &chair, true).await, "chair scores").await;
        ok(score(&app, &id, &first, true).await, "member 1 scores").await;
        let notes: CouncilSheetView =
            serde_json::from_str(&call(&app, "get_council_sheet", &[("dossier_id", &id)], Some(&first)).await.body)
                .unwrap();
        assert_eq!(
            (notes.submitted, notes.notes.get("1.1").map(String::as_str)),
            (true, Some("Đã xem giấy chứng nhận"))
        );
        let again = call(
            &app,
            "save_council_sheet",
            &[("dossier_id", &id), ("version", &notes.version.to_string())],
            Some(&first),
        )
        .await;
        assert_eq!(again.status, StatusCode::BAD_REQUEST, "a submitted sheet is read-only: {}", again.body);

        // Before submitting, the second member sees nobody's total.
        let blind = staff_dossier(&app, &id, &second).await.council.unwrap();
        assert!(!blind.sees_totals && blind.sheets.iter().all(|s| s.total.is_none()) && blind.result.is_none());
        ok(score(&app, &id, &second, false).await, "member 2 scores low").await;

        // The chair sees the spread; scoring cannot close on it.
        let panel = staff_dossier(&app, &id, &chair).await.council.unwrap();
        let totals: Vec<(String, Option<u32>, bool)> =
            panel.sheets.iter().map(|s| (s.display_name.clone(), s.total, s.far_apart)).collect();
        assert!(
            totals.iter().any(|(name, total, far)| name == "Thành viên Hai Demo" && total.unwrap() < 50 && *far),
            "{totals:?}"
        );
        // Only the member farthest from the others is named, not everyone in a pair too far apart.
        assert!(totals.contains(&("Thành viên Một Demo".to_string(), Some(100), false)), "{totals:?}");
        let result = panel.result.unwrap();
        assert_eq!(result.outliers, std::slice::from_ref(&second_id), "{result:?}");
        assert!(result.quorum_met && !result.stands());
        let early = call(&app, "close_round", &[("round_id", &round)], Some(&chair)).await;
        assert!(early.body.contains("còn 1 hồ sơ đang chờ"), "{}", early.body);
        let refused = act(&app, &id, &chair, "close_scoring").await;
        assert!(refused.body.contains("chênh nhau quá 10 điểm"), "{}", refused.body);
        // Nobody whose sheet disagrees can be unseated now, nor the council changed otherwise.
        for (account, place) in [(second_id.clone(), ""), (second_id.clone(), "member"), (first_id.clone(), "")] {
            let frozen = seat(account, place).await;
            assert_eq!(frozen.status, StatusCode::BAD_REQUEST, "{}", frozen.body);
            assert!(frozen.body.contains("không đổi được ghế nào nữa"), "{}", frozen.body);
        }
        // Every seat given or taken back is on the dossier's record (and the round's), the
        // refused changes not.
        let changes: Vec<(String, Option<Seat>)> = staff_dossier(&app, &id, &chair)
            .await
            .council
            .unwrap()
            .seat_changes
            .into_iter()
            .inspect(|change| assert!(!change.by.is_empty() && !change.at.is_empty()))
            .map(|change| (change.display_name, change.seat))
            .collect();
        let (chair_name, one, two) =
            ("Chủ tịch Hội đồng Demo".to_string(), "Thành viên Một Demo".to_string(), "Thành viên Hai Demo".to_string());
        assert_eq!(
            changes,
            vec![
                (chair_name, Some(Seat::Chair)),
                (one, Some(Seat::Member)),
                (two.clone(), Some(Seat::Member)),
                (two.clone(), None),
                (two, Some(Seat::Member)),
            ]
        );
        let on_round: RoundDetail = serde_json::from_str(
            &ok(call(&app, "get_round", &[("round_id", &round)], Some(&province)).await, "get round").await,
        )
        .unwrap();
        assert_eq!(on_round.seat_changes.len(), 5);

        // Reopened, re-scored, closed.
        assert_eq!(
            call(&app, "reopen_council_sheet", &[("dossier_id", &id), ("account_id", &second_id)], Some(&first))
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        ok(
            call(&app, "reopen_council_sheet", &[("dossier_id", &id), ("account_id", &second_id)], Some(&chair)).await,
            "reopen",
        )
        .await;
        // The member whose sheet was reopened is told, in the app.
        let told: Vec<String> =
            sqlx::query_scalar("SELECT message FROM notifications WHERE account_id = $1 AND dossier_id = $2")
                .bind(second_id.parse::<i64>().unwrap())
                .bind(id.parse::<i64>().unwrap())
                .fetch_all(&test.db.pool)
                .await
                .unwrap();
        assert!(told.iter().any(|m| m.contains("đã mở lại phiếu chấm của bạn")), "{}: {told:?}", test.name);
        ok(score(&app, &id, &second, true).await, "member 2 re-scores").await;
        ok(act(&app, &id, &chair, "close_scoring").await, "close").await;
        assert_eq!(
            call(&app, "close_round", &[("round_id", &round)], Some(&first)).await.status,
            StatusCode::FORBIDDEN
        );
        ok(call(&app, "close_round", &[("round_id", &round)], Some(&chair)).await, "close the round").await;
        let after = seat(first_id.clone(), "").await;
        assert!(after.body.contains("Đợt đánh giá đã kết thúc"), "a closed round is fixed: {}", after.body);
        let decided = staff_dossier(&app, &id, &province).await;
        assert_eq!(decided.detail.state, DossierState::Decision);
        let result = decided.council.unwrap().result.unwrap();
        assert_eq!((result.average_hundredths, result.referred_to_national), (10000, true));
        // The part averages the producer is shown: every part at its maximum.
        let parts: Vec<(&str, u32, u32)> =
            result.part_averages.iter().map(|(code, average, max)| (code.as_str(), *average, *max)).collect();
        assert_eq!(parts, vec![("A", 4000, 40), ("B", 2500, 25), ("C", 3500, 35)]);
        let late = call(&app, "save_council_sheet", &[("dossier_id", &id), ("version", "9")], Some(&chair)).await;
        assert!(
            late.body.contains("Đợt đánh giá đã kết thúc") || late.status == StatusCode::BAD_REQUEST,
            "{}",
            late.body
        );
        let stored: Option<String> = sqlx::query_scalar("SELECT council_result FROM dossiers WHERE id = $1")
            .bind(id.parse::<i64>().unwrap())
            .fetch_one(&test.db.pool)
            .await
            .unwrap();
        assert!(stored.unwrap().contains("\"average_hundredths\":10000"));

        // 100 points: the province may not certify itself; it refers, the central council scores
        // again and the ministry decides.
        let certify = |who: String, date: &'static str| {
            let (app, id) = (app.clone(), id.clone());
            async move {
                let version = staff_dossier(&app, &id, &who).await.detail.version.to_string();
                let form = [
                    ("dossier_id", id.as_str()),
                    ("version", &version),
                    ("decision_number", "1234/QĐ-BNNMT"),
                    ("decision_date", date),
                ];
                call(&app, "certify_dossier", &form, Some(&who)).await
            }
        };
        let own = certify(province.clone(), "2026-11-20").await;
        assert!(own.body.contains("cần chuyển Hội đồng cấp Trung ương"), "{}", own.body);
        ok(act(&app, &id, &province, "refer_to_national").await, "refer").await;
        let national = sign_in(&app, "trunguong@ocop.demo", PASSWORD).await;
        // The ministry certifies on the central council's scores only: that council scores again.
        let early = certify(national.clone(), "2026-11-20").await;
        assert!(early.body.contains("Không thể thực hiện"), "{}", early.body);
        common::before_council(&app, &national, &common::CENTRAL_COUNCIL, &id).await;
        common::council_scores(&app, &common::CENTRAL_COUNCIL, &id, 100).await;
        assert_eq!(staff_dossier(&app, &id, &national).await.detail.state, DossierState::NationalDecision);
        let future = certify(national.clone(), "2099-01-01").await;
        assert!(
            future.body.contains("không thể sau hôm nay") && future.body.contains("1234/QĐ-BNNMT"),
            "{}",
            future.body
        );
        let (referred_state,): (String,) = sqlx::query_as("SELECT state FROM dossiers WHERE id = $1")
            .bind(id.parse::<i64>().unwrap())
            .fetch_one(&test.db.pool)
            .await
            .unwrap();
        ok(certify(national.clone(), "2026-11-20").await, "certify").await;

        let certified = staff_dossier(&app, &id, &province).await;
        assert_eq!(certified.detail.state, DossierState::Certified);
        let certificate = certified.detail.certificate.clone().expect("a certificate");
        assert_eq!(certificate.stars, 5);
        // The ministry's number: its own sequence, not the province's.
        assert_eq!(certificate.certificate_number, "0001/2026/GCN-OCOP-BNNMT");
        assert!(certificate.product_code.starts_with("48-20194-") && certificate.product_code.ends_with("-2026"));
        assert_eq!(certificate.valid_until.map(|until| until.to_string()).as_deref(), Some("2029-11-20"));

        // In the public catalog at once, and the stamp verifies.
        let product_page = common::page(&app, &format!("/san-pham/{}", certificate.catalog_product_id), None).await;
        assert_eq!(product_page.status, StatusCode::OK);
        assert!(product_page.body.contains("Mật ong"), "{}", product_page.body);
        let stamp = common::page(&app, &format!("/xac-thuc/{}", certificate.stamp_code), None).await;
        assert!(stamp.body.contains("Tem thật: sản phẩm đang được công nhận OCOP"), "{}", stamp.body);

        // The producer follows the certificate: its validity, the re-rating window, the stamps.
        let mine: Vec<app::model::PortalProduct> =
            serde_json::from_str(&call(&app, "list_my_products", &[], Some(&lan)).await.body).unwrap();
        let held = mine[0].certificate.clone().expect("the certificate on the producer's product");
        assert_eq!((held.stars, held.status, held.rerating_open), (5, app::domain::CertificateStatus::Valid, false));
        assert_eq!((held.rerating_opens_on.as_str(), held.rerating_closes_on.as_str()), ("2029-05-24", "2029-07-23"));
        let product_id = mine[0].id.to_string();
        let open = |kind: &'static str| {
            let (app, lan, product_id) = (app.clone(), lan.clone(), product_id.clone());
            async move { call(&app, "open_dossier", &[("product_id", &product_id), ("kind", kind)], Some(&lan)).await }
        };
        assert!(open("upgrade").await.body.contains("5 sao"), "no upgrade past five stars");
        let early = open("re_rating").await;
        assert!(early.body.contains("24/05/2029"), "the portal says when the window opens: {}", early.body);
        assert!(open("first_rating").await.body.contains("còn hiệu lực"), "a certified product is not rated afresh");
        let product_key = certificate.catalog_product_id.to_string();
        let sheet = call(&app, "get_stamp_sheet", &[("product_id", &product_key)], Some(&lan)).await;
        assert!(sheet.status == StatusCode::OK && sheet.body.contains(&certificate.stamp_code), "{}", sheet.body);
        // The printable certificate names the decision and the product code.
        let printed = common::page(&app, &format!("/giay-chung-nhan/{product_key}"), Some(&lan)).await;
        assert_eq!(printed.status, StatusCode::OK, "{}", printed.body);
        assert!(
            printed.body.contains("GIẤY CHỨNG NHẬN SẢN PHẨM OCOP")
                && printed.body.contains(&certificate.certificate_number)
                && printed.body.contains("ngày 20/11/2026")
                && printed.body.contains("-2026</code>"),
            "{}",
            printed.body
        );
        let stranger = common::page(&app, &format!("/giay-chung-nhan/{product_key}"), Some(&first)).await;
        assert_eq!(stranger.status, StatusCode::NOT_FOUND, "a council member keeps no record of products");
        assert_eq!(
            call(&app, "get_stamp_sheet", &[("product_id", &product_key)], Some(&chair)).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            call(&app, "get_stamp_sheet", &[("product_id", &product_key)], Some(&province)).await.status,
            StatusCode::OK
        );

        // The province's reports count the certificate, its dossier's step, and list it among
        // those ending within a whole validity; a commune of another province sees none of it.
        let reports = call(&app, "get_reports", &[("expiring_days", "1200")], Some(&province)).await;
        assert_eq!(reports.status, StatusCode::OK, "{}", reports.body);
        let reports: Reports = serde_json::from_str(&reports.body).unwrap();
        assert!(reports.by_stars.iter().any(|c| c.key == "5" && c.count == 1), "{:?}", reports.by_stars);
        assert!(reports
            .expiring
            .iter()
            .any(|e| e.certificate_number.as_deref() == Some(certificate.certificate_number.as_str())));
        assert!(
            reports.steps.iter().any(|s| s.state == DossierState::Certified && s.dossiers == 1 && s.revoked == 0),
            "{:?}",
            reports.steps
        );
        let soon = call(&app, "get_reports", &[("expiring_days", "30")], Some(&province)).await;
        let soon: Reports = serde_json::from_str(&soon.body).unwrap();
        assert!(soon.expiring.is_empty(), "36 months away: {:?}", soon.expiring);
        let refused = call(&app, "get_reports", &[("expiring_days", "0")], Some(&province)).await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.body);
        let page = common::page(&app, "/can-bo/bao-cao?ngay=abc", Some(&province)).await;
        assert!(page.body.contains("Số ngày phải từ 1 đến 1200"), "{}", page.body);
        // The same tables as CSV for a spreadsheet, within the same reach.
        let csv = common::page(&app, "/can-bo/bao-cao/het-han.csv?ngay=1200", Some(&province)).await;
        assert_eq!(csv.status, StatusCode::OK);
        assert!(csv.body.starts_with("\u{feff}Sản phẩm,Chủ thể"), "{}", csv.body);
        assert!(csv.body.contains(&certificate.certificate_number), "{}", csv.body);
        let stars = common::page(&app, "/can-bo/bao-cao/sao.csv", Some(&province)).await.body;
        assert!(stars.lines().any(|line| line.starts_with("5,") && line.ends_with(",1")), "{stars}");
        let stars = common::spreadsheet(&app, "/can-bo/bao-cao/sao.xlsx", Some(&province)).await.expect("xlsx");
        assert!(stars.iter().any(|row| row[0] == "5" && row[2] == "1"), "{stars:?}");
        // The dossier list downloads too: all within reach, the certified one among them.
        let dossiers = common::spreadsheet(&app, "/can-bo/ho-so.xlsx?tat_ca=1", Some(&province)).await.expect("list");
        assert_eq!(dossiers[0][..3], ["Mã hồ sơ", "Sản phẩm", "Loại hồ sơ"]);
        assert!(dossiers.iter().any(|row| row[5] == DossierState::Certified.label_vi()), "{dossiers:?}");
        let csv = common::page(&app, "/can-bo/ho-so.csv?tat_ca=1", Some(&province)).await;
        assert_eq!(csv.body.lines().count(), dossiers.len(), "{}", csv.body);
        for (uri, who, status) in [
            ("/can-bo/ho-so.csv", Some(&lan), StatusCode::FORBIDDEN),
            ("/can-bo/ho-so.xlsx", None, StatusCode::SEE_OTHER),
            ("/can-bo/bao-cao/sao.ods", Some(&province), StatusCode::NOT_FOUND),
            ("/can-bo/bao-cao/het-han.csv?ngay=0", Some(&province), StatusCode::BAD_REQUEST),
            ("/can-bo/bao-cao/khac.csv", Some(&province), StatusCode::NOT_FOUND),
            ("/can-bo/bao-cao/sao.csv", Some(&lan), StatusCode::FORBIDDEN),
            ("/can-bo/bao-cao/sao.csv", None, StatusCode::SEE_OTHER),
        ] {
            assert_eq!(common::page(&app, uri, who.map(String::as_str)).await.status, status, "{uri}");
        }

        // Revocation: a five-star certificate is the ministry's. The province is refused; the
        // national officer revokes it from the product's record, once; the stamp says revoked.
        let revoke = |who: String, ground: &'static str| {
            let (app, id) = (app.clone(), id.clone());
            async move {
                let form = [
                    ("dossier_id", id.as_str()),
                    ("ground", ground),
                    ("decision_number", "99/QĐ-UBND"),
                    ("decision_date", "2026-11-24"),
                ];
                call(&app, "revoke_certificate", &form, Some(&who)).await
            }
        };
        assert_eq!(revoke(chair.clone(), "misuse_of_mark").await.status, StatusCode::FORBIDDEN);
        let groundless = revoke(province.clone(), "").await;
        assert!(groundless.body.contains("Hãy chọn căn cứ thu hồi"), "{}", groundless.body);
        let not_theirs = revoke(province.clone(), "misuse_of_mark").await;
        assert!(not_theirs.body.contains("chỉ cán bộ OCOP Trung ương thu hồi được"), "{}", not_theirs.body);
        let from_record = || {
            let (app, national) = (app.clone(), national.clone());
            let product = certificate.catalog_product_id.to_string();
            async move {
                let version = common::product_record(&app, &product, &national).await.version.to_string();
                let form = [
                    ("product_id", product.as_str()),
                    ("version", version.as_str()),
                    ("revocation_ground", "misuse_of_mark"),
                    ("revocation_number", "99/QĐ-BNNMT"),
                    ("revocation_date", "2026-11-24"),
                ];
                call(&app, "revoke_product_certificate", &form, Some(&national)).await
            }
        };
        ok(from_record().await, "revoke").await;
        // The reports no longer count it as certified today: its dossier's step says so.
        let reports = call(&app, "get_reports", &[("expiring_days", "1200")], Some(&province)).await;
        let reports: Reports = serde_json::from_str(&reports.body).unwrap();
        let certified = reports.steps.iter().find(|s| s.state == DossierState::Certified).expect("the step");
        assert_eq!((certified.dossiers, certified.revoked), (1, 1), "{:?}", reports.steps);
        assert!(!reports.by_stars.iter().any(|c| c.key == "5"), "{:?}", reports.by_stars);
        let page = common::page(&app, "/can-bo/bao-cao", Some(&province)).await;
        assert!(page.body.contains("(0 còn hiệu lực, 1 đã bị thu hồi giấy chứng nhận)"), "{}", page.body);
        let twice = from_record().await;
        assert!(twice.body.contains("đã bị thu hồi"), "{}", twice.body);
        let stamp = common::page(&app, &format!("/xac-thuc/{}", certificate.stamp_code), None).await;
        assert!(stamp.body.contains("Chứng nhận OCOP đã bị thu hồi ngày 24/11/2026"), "{}", stamp.body);
        let in_english = axum::http::Request::get(format!("/xac-thuc/{}", certificate.stamp_code))
            .header(axum::http::header::COOKIE, "ocop_lang=en")
            .body(axum::body::Body::empty())
            .unwrap();
        let english = common::request(&app, in_english).await;
        assert!(
            english.body.contains("The OCOP certificate was revoked on 24/11/2026")
                && english.body.contains("Ground: Misuse of the OCOP mark."),
            "{}",
            english.body
        );
        let sheet = common::page(&app, &format!("/tem/{product_key}"), Some(&lan)).await;
        assert!(
            sheet.body.contains("không được in tem OCOP") && !sheet.body.contains("class=\"stamp\""),
            "no stamps once revoked"
        );
        assert_eq!(open("first_rating").await.status, StatusCode::OK, "a revoked product may start again");

        // Rated again (the decision step replayed on the same portal product): the new
        // certificate replaces the old entry, whose page and stamp answer with the one in force.
        sqlx::query("UPDATE dossiers SET state = $1, certified_product_id = NULL WHERE id = $2")
            .bind(&referred_state)
            .bind(id.parse::<i64>().unwrap())
            .execute(&test.db.pool)
            .await
            .unwrap();
        // As if decided by written opinions: the record says so.
        sqlx::query("UPDATE evaluation_rounds SET mode = 'written_opinions'").execute(&test.db.pool).await.unwrap();
        ok(certify(national.clone(), "2026-11-24").await, "certified again").await;
        let again = staff_dossier(&app, &id, &province).await.detail;
        let said = again.timeline.iter().filter_map(|step| step.comment.clone()).collect::<Vec<_>>().join(" | ");
        assert!(said.contains("ngày 24/11/2026 theo ý kiến bằng văn bản của các thành viên Hội đồng"), "{said}");
        // The producer's notification says the decision in English too, not only its frame.
        let told: Vec<app::model::Notification> =
            serde_json::from_str(&call(&app, "list_notifications", &[], Some(&lan)).await.body).unwrap();
        let english = told[0].said(app::language::Language::En);
        assert!(
            english.contains("has moved to the step")
                && english.contains("Note: Decision no.")
                && english.contains("of 24/11/2026, on the council members' written opinions: recognised at"),
            "{english}"
        );
        let renewed = again.certificate.expect("the new certificate");
        assert_ne!(renewed.catalog_product_id, certificate.catalog_product_id);
        let replaced_by: Option<i64> = sqlx::query_scalar("SELECT superseded_by FROM products WHERE id = $1")
            .bind(certificate.catalog_product_id)
            .fetch_one(&test.db.pool)
            .await
            .unwrap();
        assert_eq!(replaced_by, Some(renewed.catalog_product_id));
        let old_stamp = common::page(&app, &format!("/xac-thuc/{}", certificate.stamp_code), None).await;
        assert!(old_stamp.body.contains("Tem thật: sản phẩm đang được công nhận OCOP"), "{}", old_stamp.body);
        assert!(old_stamp.body.contains(&renewed.certificate_number), "{}", old_stamp.body);
        let old_page = common::page(&app, &format!("/san-pham/{}", certificate.catalog_product_id), None).await;
        assert!(old_page.status == StatusCode::OK && old_page.body.contains(&renewed.certificate_number));
        let (_, listed) =
            common::get(&app, &format!("/api/v1/products?status=all&province=48&q={}", "mat%20ong")).await;
        let listed: serde_json::Value = serde_json::from_str(&listed).unwrap();
        let ids: Vec<i64> = listed["items"].as_array().unwrap().iter().filter_map(|p| p["id"].as_i64()).collect();
        assert!(ids.contains(&renewed.catalog_product_id) && !ids.contains(&certificate.catalog_product_id), "{ids:?}");
        test.finish().await;
    }
}

common::on_each_backend! {
    async fn a_round_of_written_opinions_takes_re_ratings_only(test) {
        let app = app_with_sample(&test).await;
        server::seed::seed_demo_staff(&test.db, PASSWORD).await.unwrap();
        let (id, _) = forwarded(&app, &test).await;
        let province = sign_in(&app, "canbo.tinh@ocop.demo", PASSWORD).await;
        let plan = [("name", "Lấy ý kiến đánh giá lại"), ("starts_on", "2026-12-01"), ("ends_on", "2026-12-15")];
        let unknown = [plan.as_slice(), &[("mode", "bỏ phiếu")]].concat();
        let refused = call(&app, "create_round", &unknown, Some(&province)).await;
        assert!(refused.body.contains("Hãy chọn cách Hội đồng quyết định"), "{}", refused.body);
        let written = [plan.as_slice(), &[("mode", "written_opinions")]].concat();
        let round = ok(call(&app, "create_round", &written, Some(&province)).await, "round").await;
        let detail = ok(call(&app, "get_round", &[("round_id", &round)], Some(&province)).await, "get").await;
        let detail: RoundDetail = serde_json::from_str(&detail).unwrap();
        assert_eq!(detail.round.mode, app::domain::RoundMode::WrittenOpinions);

        // A first rating needs the council to sit; a re-rating may be decided by written opinions.
        let form = [("round_id", round.as_str()), ("dossier_id", id.as_str())];
        let assign = || call(&app, "assign_to_round", &form, Some(&province));
        let first = assign().await;
        assert!(
            first.status == StatusCode::BAD_REQUEST && first.body.contains("chỉ nhận hồ sơ đánh giá lại"),
            "{}",
            first.body
        );
        sqlx::query("UPDATE dossiers SET kind = 're_rating' WHERE id = $1")
            .bind(id.parse::<i64>().unwrap())
            .execute(&test.db.pool)
            .await
            .unwrap();
        ok(assign().await, "a re-rating joins").await;
        let page = common::page(&app, &format!("/can-bo/dot-danh-gia/{round}"), Some(&province)).await;
        assert!(page.body.contains("Lấy ý kiến thành viên bằng văn bản"), "{}", page.body);
        test.finish().await;
    }
}

common::on_each_backend! {
    /// A re-rating decided on written opinions: each member's sheet is their opinion, and the
    /// province officer closes the scoring on the same result a sitting's would be, kept for the
    /// decision. Opinions more than 10 points apart turn the round into a sitting.
    async fn a_re_rating_on_written_opinions_is_closed_on_a_result_that_stands(test) {
        let app = app_with_sample(&test).await;
        let (id, first) = common::in_council_scoring(&app, &test).await;
        // The dossier as a re-rating, its round one of written opinions.
        let dossier: i64 = id.parse().unwrap();
        sqlx::query("UPDATE dossiers SET kind = 're_rating' WHERE id = $1").bind(dossier).execute(&test.db.pool).await.unwrap();
        sqlx::query("UPDATE evaluation_rounds SET mode = 'written_opinions'").execute(&test.db.pool).await.unwrap();
        let province = sign_in(&app, "canbo.tinh@ocop.demo", PASSWORD).await;
        // A re-rating is owed its decision 45 days from its filing: the province's inbox says when.
        let inbox: Vec<app::model::InboxRow> = serde_json::from_str(
            &ok(call(&app, "get_staff_inbox", &[("all", "false")], Some(&province)).await, "inbox").await,
        )
        .unwrap();
        let row = inbox.iter().find(|r| r.dossier_id == dossier).expect("the re-rating awaits the province");
        let filed = chrono::NaiveDate::parse_from_str(row.submitted_on.as_deref().unwrap(), "%Y-%m-%d").unwrap();
        assert_eq!(row.deadline.as_deref(), Some((filed + chrono::Days::new(45)).to_string().as_str()), "{row:?}");
        let early = act(&app, &id, &province, "close_scoring").await;
        assert!(early.body.contains("chưa đủ 75% thành viên"), "no opinion yet: {}", early.body);

        // Opinions far apart: the round becomes a sitting, and only its chair may close it.
        let second = sign_in(&app, "thanhvien2@ocop.demo", PASSWORD).await;
        let chair = sign_in(&app, "chutich.hoidong@ocop.demo", PASSWORD).await;
        ok(score(&app, &id, &first, true).await, "first opinion").await;
        ok(score(&app, &id, &second, false).await, "second opinion").await;
        ok(score(&app, &id, &chair, true).await, "chair's opinion").await;
        let apart = act(&app, &id, &province, "close_scoring").await;
        assert!(apart.body.contains("Hội đồng phải họp"), "{}", apart.body);
        let mode: String = sqlx::query_scalar("SELECT mode FROM evaluation_rounds").fetch_one(&test.db.pool).await.unwrap();
        assert_eq!(mode, "sitting", "{}", test.name);
        let again = act(&app, &id, &province, "close_scoring").await;
        assert!(again.body.contains("chủ tịch Hội đồng kết thúc chấm"), "{}", again.body);
        assert_eq!(staff_dossier(&app, &id, &province).await.detail.state, app::domain::DossierState::CouncilScoring);

        // Opinions that agree, in a round of written opinions again: the province closes on a result.
        sqlx::query("UPDATE evaluation_rounds SET mode = 'written_opinions'").execute(&test.db.pool).await.unwrap();
        let member = account_of(&test, "thanhvien2@ocop.demo").await;
        let reopen = [("dossier_id", id.as_str()), ("account_id", member.as_str())];
        ok(call(&app, "reopen_council_sheet", &reopen, Some(&chair)).await, "reopen").await;
        ok(score(&app, &id, &second, true).await, "second opinion again").await;
        ok(act(&app, &id, &province, "close_scoring").await, "closed on written opinions").await;
        let decided = staff_dossier(&app, &id, &province).await.detail;
        assert_eq!(decided.state, app::domain::DossierState::Decision);
        let result = decided.council_result.expect("the council's result is kept");
        assert!(result.stands(), "{result:?}");
        let stored: Option<String> = sqlx::query_scalar("SELECT council_result FROM dossiers WHERE id = $1")
            .bind(dossier)
            .fetch_one(&test.db.pool)
            .await
            .unwrap();
        assert!(stored.is_some(), "{}: the result is stored", test.name);
        test.finish().await;
    }
}

/// The account id of the person signing in as `name`.
async fn account_of(test: &common::TestDb, name: &str) -> String {
    let id: i64 = sqlx::query_scalar("SELECT id FROM accounts WHERE sign_in_name = $1")
        .bind(name)
        .fetch_one(&test.db.pool)
        .await
        .unwrap();
    id.to_string()
}
